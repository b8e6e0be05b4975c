package rules

import (
	"github.com/guardsh/guard/internal/parse"
)

// fastbootWipes returns what wipes a device in a fastboot command: -w
// (erase userdata and cache after flashing), format of a partition,
// flashing lock or unlock and oem lock or unlock (which wipe the device
// as the bootloader's state changes).
func fastbootWipes(inv *parse.Invocation) string {
	args := inv.Args[1:]
	for i, a := range args {
		if a.Dynamic {
			continue
		}
		switch a.Value {
		case "-w":
			return "-w erases userdata and cache"
		case "format", "format:ext4", "format:f2fs":
			return "it formats a partition"
		case "flashing", "oem":
			if i+1 < len(args) {
				switch args[i+1].Value {
				case "lock", "unlock", "lock_critical", "unlock_critical":
					return a.Value + " " + args[i+1].Value + " wipes the device"
				}
			}
		}
	}
	return ""
}

func newFastbootWipes(with map[string]any) (matchFunc, error) {
	return detailMatcher(with, fastbootWipes)
}
