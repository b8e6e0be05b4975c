package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// Chip programmers and the boards on their cable (packs/firmware.toml).
// Flashing a build passes: it writes what the build made over what the
// last build made. What asks is an erase of the whole chip or of its
// settings, a lock or a fuse (which cannot be taken back), and a write
// over the firmware of this machine or of a disk.

// progName returns a program's name in lower case without the suffix
// Windows or Python gives it (STM32_Programmer_CLI.exe, espefuse.py).
func progName(name string) string {
	name = strings.ToLower(name)
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	for _, s := range []string{".exe", ".py", ".sh"} {
		name = strings.TrimSuffix(name, s)
	}
	return name
}

// optWord returns the value of option name in args (-x V, --x V, --x=V),
// and whether the option is given.
func optWord(args []parse.Word, names ...string) (string, bool) {
	for i, a := range args {
		for _, n := range names {
			if a.Value == n {
				if i+1 < len(args) {
					return args[i+1].Value, true
				}
				return "", true
			}
			if strings.HasPrefix(n, "--") && strings.HasPrefix(a.Value, n+"=") {
				return a.Value[len(n)+1:], true
			}
		}
	}
	return "", false
}

// hasWord reports whether one of args is exactly one of words.
func hasWord(args []parse.Word, words ...string) (string, bool) {
	for _, a := range args {
		for _, w := range words {
			if a.Value == w {
				return w, true
			}
		}
	}
	return "", false
}

// chipErase returns what a chip programmer's command erases or locks for
// good, or "" when it only reads or flashes a build.
func chipErase(inv *parse.Invocation) string {
	args := tailArgs(inv)
	switch progName(inv.Name) {
	case "nrfjprog":
		if f, ok := hasWord(args, "-e", "--eraseall", "--recover", "--chiperase", "--eraseuicr", "--erasepage", "--qspieraseall"); ok {
			return f + " erases the chip's flash, with the settings and data it keeps"
		}
		if _, ok := hasWord(args, "--rbp"); ok {
			return "--rbp locks the chip's debug access until it is erased"
		}
	case "nrfutil":
		if ops := leadingWords(args, 2); len(ops) == 2 && ops[0] == "device" && ops[1] == "recover" {
			return "device recover erases the chip to unlock it"
		}
		for _, a := range args {
			if strings.Contains(strings.ToUpper(a.Value), "CHIP_ERASE_MODE=ERASE_ALL") {
				return "chip_erase_mode=ERASE_ALL erases the whole chip"
			}
		}
	case "flashrom":
		if f, ok := hasWord(args, "-E", "--erase"); ok {
			return f + " erases the flash chip"
		}
		if f, ok := hasWord(args, "-w", "--write"); ok {
			return f + " overwrites the firmware on the flash chip"
		}
		for _, a := range args {
			if strings.HasPrefix(a.Value, "--write=") {
				return "--write overwrites the firmware on the flash chip"
			}
		}
	case "avrdude":
		if f, ok := hasWord(args, "-e", "--erase", "--chip-erase"); ok {
			return f + " erases the whole chip, EEPROM included"
		}
		for i, a := range args {
			u := ""
			switch {
			case a.Value == "-U" && i+1 < len(args):
				u = args[i+1].Value
			case strings.HasPrefix(a.Value, "-U"):
				u = a.Value[2:]
			}
			mem, rest, _ := strings.Cut(strings.ToLower(u), ":")
			if strings.HasPrefix(rest, "w") && (strings.Contains(mem, "fuse") || strings.HasPrefix(mem, "lock")) {
				return "-U " + mem + ":w writes fuses or lock bits, which can lock the chip out"
			}
		}
	case "stm32_programmer_cli", "stm32cubeprogrammer_cli", "stm32_programmer":
		if f, ok := hasWord(args, "-e", "--erase", "-rdu", "--readunprotect"); ok {
			return f + " erases the chip's flash"
		}
		if v, ok := optWord(args, "-ob", "--optionbytes"); ok && !strings.EqualFold(v, "displ") {
			return "-ob " + v + " writes option bytes: read protection changed erases or locks the chip"
		}
	case "dfu-util":
		if v, ok := optWord(args, "-s", "--dfuse-address"); ok {
			l := strings.ToLower(v)
			if strings.Contains(l, "mass-erase") || strings.Contains(l, "unprotect") {
				return "-s " + v + " erases the whole chip"
			}
		}
	case "openocd":
		for i, a := range args {
			if a.Value != "-c" && a.Value != "--command" || i+1 >= len(args) {
				continue
			}
			if d := openocdErase(args[i+1].Value); d != "" {
				return d
			}
		}
	case "idevicerestore":
		if f, ok := hasWord(args, "-e", "--erase"); ok {
			return f + " erases the device as it restores it"
		}
	case "cfgutil":
		if w, ok := hasWord(args, "restore", "erase"); ok {
			return "cfgutil " + w + " erases the device"
		}
	case "west":
		if ops := leadingWords(args, 1); len(ops) == 1 && ops[0] == "flash" {
			if f, ok := hasWord(args, "--erase", "--recover", "--chiperase"); ok {
				return f + " erases the whole chip before flashing"
			}
		}
	case "pio", "platformio":
		for i, a := range args {
			t := ""
			switch {
			case (a.Value == "-t" || a.Value == "--target") && i+1 < len(args):
				t = args[i+1].Value
			case strings.HasPrefix(a.Value, "--target="):
				t = a.Value[len("--target="):]
			}
			if t == "erase" || t == "erase_flash" {
				return "the erase target erases the board's whole flash"
			}
		}
	}
	return ""
}

// leadingWords returns up to n leading operands of args that are bare
// words, skipping options and the value of options with a separate value
// (a guess: a word after an option that starts with - or /).
func leadingWords(args []parse.Word, n int) []string {
	var out []string
	for _, a := range args {
		if len(out) == n {
			break
		}
		if a.Dynamic || strings.HasPrefix(a.Value, "-") {
			continue
		}
		out = append(out, a.Value)
	}
	return out
}

// openocdErase returns what an OpenOCD command string erases: a mass or
// chip erase, sectors erased, or a chip driver's unlock or lock (which
// erases the chip or locks its debug port); flash write_image erase and
// program only erase what they write.
func openocdErase(script string) string {
	words := strings.FieldsFunc(script, func(r rune) bool {
		return r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '{' || r == '}' || r == '[' || r == ']'
	})
	for i, w := range words {
		l := strings.ToLower(w)
		switch l {
		case "mass_erase", "chip_erase", "chip-erase", "mass-erase", "erase_sector", "erase_address", "erase_all", "nrf52_recover", "recover":
			if i > 0 && strings.ToLower(words[i-1]) == "write_image" {
				continue
			}
			return l + " erases the chip's flash"
		case "unlock", "lock":
			if i > 0 && (strings.HasPrefix(strings.ToLower(words[i-1]), "stm32") || strings.HasPrefix(strings.ToLower(words[i-1]), "kinetis")) {
				return words[i-1] + " " + l + " erases or locks the chip"
			}
		}
	}
	return ""
}

func newChipErase(with map[string]any) (matchFunc, error) {
	return detailMatcher(with, chipErase)
}

// newImageToDisk matches an image writer (balena local flash, rpi-imager
// --cli, bmaptool copy) given a disk or card device to write over.
func newImageToDisk(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		at := placeOf(inv, ctx)
		for _, a := range tailArgs(inv) {
			w := a
			if _, val, ok := strings.Cut(a.Value, "="); ok && strings.HasPrefix(a.Value, "--") {
				w = parse.Word{Value: val, Dynamic: a.Dynamic}
			}
			if classify(w, at, ctx)&classDevice != 0 {
				return "it writes an image over " + w.Value + ", erasing what the disk holds", true
			}
		}
		return "", false
	}, nil
}

// newRecoveryCommand matches a write to Android's recovery command file
// (/cache/recovery/command), which the next boot into recovery carries
// out: --wipe_data there is a factory reset.
func newRecoveryCommand(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for _, r := range inv.Redirs {
			if strings.HasPrefix(r.Op, ">") || strings.HasPrefix(r.Op, "&>") {
				if recoveryFile(r.Target.Value) {
					return "it writes the recovery command file " + r.Target.Value, true
				}
			}
		}
		if progName(inv.Name) == "tee" {
			for _, a := range tailArgs(inv) {
				if recoveryFile(a.Value) {
					return "it writes the recovery command file " + a.Value, true
				}
			}
		}
		return "", false
	}, nil
}

// recoveryFile reports whether p is Android's recovery command file.
func recoveryFile(p string) bool {
	return strings.HasSuffix(p, "/recovery/command")
}

// rawFlashWrite returns what an MTD or UBI tool erases or writes;
// mtd_debug and OpenWrt's mtd only when their command writes.
func rawFlashWrite(inv *parse.Invocation) string {
	args := tailArgs(inv)
	name := progName(inv.Name)
	switch name {
	case "mtd_debug":
		if ops := leadingWords(args, 1); len(ops) == 1 && (ops[0] == "erase" || ops[0] == "write") {
			return "mtd_debug " + ops[0] + " changes the raw flash"
		}
		return ""
	case "mtd":
		if _, ok := hasWord(args, "-e"); ok {
			return "-e erases a flash partition"
		}
		if w, ok := hasWord(args, "erase", "write", "jffs2write"); ok {
			return "mtd " + w + " changes a flash partition"
		}
		return ""
	}
	return name + " erases or writes the raw flash"
}

func newRawFlashWrite(with map[string]any) (matchFunc, error) {
	return detailMatcher(with, rawFlashWrite)
}

// routerReset returns what resets a device to its defaults: firstboot,
// jffs2reset and factoryreset always, sysupgrade when it keeps nothing
// (-n) or forces an image made for another board (-F).
func routerReset(inv *parse.Invocation) string {
	args := tailArgs(inv)
	if progName(inv.Name) != "sysupgrade" {
		return progName(inv.Name) + " erases the device's configuration"
	}
	if _, ok := hasWord(args, "-h", "--help", "-T", "--test", "-l", "--list-backup", "-b", "--create-backup"); ok {
		return ""
	}
	if f, ok := hasWord(args, "-n", "-F", "--force"); ok {
		if f == "-n" {
			return "-n flashes without keeping the configuration"
		}
		return f + " flashes an image the device does not accept as its own"
	}
	return ""
}

func newRouterReset(with map[string]any) (matchFunc, error) {
	return detailMatcher(with, routerReset)
}
