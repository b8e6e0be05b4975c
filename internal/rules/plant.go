package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Plant and mainframe tools whose grammar says whether they change
// anything. A Modbus master such as mbpoll or modpoll reads registers
// unless values follow the device or host: then it writes them into a
// running controller (a setpoint, a coil that starts a pump). zowe's
// TSO and console commands are z/OS's own command language, carried as
// one operand: DELETE of a data set, CANCEL or FORCE of an address space
// (a CICS region, a batch job), P and Z EOD that stop a task or the
// system, JES2's $P and $C that purge or cancel.

// modbusValueOptions are the one-letter options of mbpoll and modpoll
// that take a value (-m tcp, -a 1, -r 100, -t 4:int, -p 502, ...), as
// their manuals list them.
const modbusValueOptions = "marctolpbdsP4"

// modbusWrites returns what a Modbus master writes: the values after the
// device or host (mbpoll -t 4 -r 10 10.0.0.5 0 1), or mbtget's -w
// options (-w6 VALUE writes a word).
func modbusWrites(inv *parse.Invocation) string {
	name := strings.ToLower(path.Base(inv.Args[0].Value))
	var operands []string
	dash := false
	args := inv.Args[1:]
	for i := 0; i < len(args); i++ {
		a := args[i].Value
		if dash || args[i].Dynamic || len(a) < 2 || a[0] != '-' {
			operands = append(operands, a)
			continue
		}
		if a == "--" {
			dash = true
			continue
		}
		if name == "mbtget" && strings.HasPrefix(a, "-w") {
			return a + " writes a value into the device"
		}
		if strings.HasPrefix(a, "--") {
			continue
		}
		if strings.IndexByte(modbusValueOptions, a[1]) >= 0 && len(a) == 2 {
			i++
		}
	}
	if name != "mbtget" && len(operands) > 1 {
		return "it writes " + strings.Join(operands[1:], " ") + " into the registers or coils of " + operands[0]
	}
	return ""
}

func newModbusWrites(with map[string]any) (matchFunc, error) {
	return detailMatcher(with, modbusWrites)
}

// zosVerbs are the TSO and operator commands that delete a data set or
// stop what runs: DELETE, CANCEL and FORCE of a job or address space,
// P (STOP) of a started task and Z EOD (HALT) of the system. JES2's $P
// (purge, or stop JES2) and $C (cancel) are glued to what they act on
// ($PJ1234) and are read by zosVerb.
const zosVerbs = "DELETE DEL CANCEL C FORCE P STOP Z HALT"

// zosCommand returns the z/OS command a zowe command issues that deletes
// or stops: zowe zos-tso issue command "DELETE 'PROD.LOADLIB'", zowe
// zos-console issue command "C CICSPROD", a VARY that takes a device or
// system offline, or an IDCAMS DELETE by zowe zos-files invoke
// ams-statements; and tsocmd's TSO command, from z/OS UNIX.
func zosCommand(inv *parse.Invocation) string {
	args := inv.Args[1:]
	if strings.EqualFold(path.Base(inv.Args[0].Value), "tsocmd") {
		// tsocmd DELETE "'PROD.X'": a TSO command from z/OS UNIX, its
		// words the command's.
		var words []string
		for _, a := range args {
			if a.Dynamic {
				return ""
			}
			words = append(words, a.Value)
		}
		return zosText(strings.Join(words, " "), false)
	}
	var sub []string
	at := 0
	for ; at < len(args) && len(sub) < 3; at++ {
		v := strings.ToLower(args[at].Value)
		if strings.HasPrefix(v, "-") {
			continue
		}
		sub = append(sub, v)
	}
	if len(sub) < 3 {
		return ""
	}
	ams := false
	switch sub[0] {
	case "zos-tso", "tso", "zos-console", "console":
		if sub[1] != "issue" && sub[1] != "iss" || sub[2] != "command" && sub[2] != "cmd" {
			return ""
		}
	case "zos-files", "files":
		// zowe zos-files invoke ams-statements "DELETE X CLUSTER": IDCAMS.
		if sub[1] != "invoke" && sub[1] != "call" || sub[2] != "ams-statements" && sub[2] != "as" {
			return ""
		}
		ams = true
	default:
		return ""
	}
	for _, a := range args[at:] {
		if a.Dynamic || strings.HasPrefix(a.Value, "-") && !strings.Contains(a.Value, " ") {
			// An option; "-MQP1 CLEAR QLOCAL(X)", with its blank, is the
			// command behind a subsystem's prefix.
			continue
		}
		if d := zosText(a.Value, ams); d != "" {
			return d
		}
	}
	return ""
}

// zosText judges the text of a z/OS command, or with ams the IDCAMS
// statements, one a line: "" when it neither deletes nor stops.
func zosText(text string, ams bool) string {
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(strings.ToUpper(strings.TrimPrefix(strings.TrimSpace(line), "/")))
		if len(f) == 0 {
			continue
		}
		verb, _, _ := strings.Cut(f[0], ",")
		if ams {
			if verb == "DELETE" || verb == "DEL" {
				return "it runs " + parse.Quote(strings.TrimSpace(line))
			}
			continue
		}
		if zosVerb(verb) || hsmLoss(verb, f) {
			return "it issues " + parse.Quote(strings.TrimSpace(line))
		}
		if len(verb) > 1 && strings.IndexByte("-+!%#@&*", verb[0]) >= 0 && len(f) > 1 {
			// -MQP1 CLEAR QLOCAL(X): an MQ for z/OS command behind its
			// subsystem's command prefix.
			if d := mqscDestroys(strings.Join(f[1:], " ")); d != "" {
				return "it issues " + parse.Quote(strings.TrimSpace(line)) + " to " + strings.TrimLeft(verb, "-+!%#@&*")
			}
		}
		if (verb == "V" || verb == "VARY") && strings.Contains(strings.Join(f, " "), "OFFLINE") {
			return "it issues " + parse.Quote(strings.TrimSpace(line)) + ", which takes a device or system offline"
		}
	}
	return ""
}

// hsmLoss reports whether a DFSMShsm command deletes backup versions or
// migrated copies (HBDELETE, HDELETE), or recovers a data set over the
// one in use (HRECOVER ... REPLACE).
func hsmLoss(verb string, f []string) bool {
	switch verb {
	case "HBDELETE", "HBDEL", "HDELETE", "HDEL":
		return true
	case "HRECOVER", "HRECALL":
		return verb == "HRECOVER" && slices.Contains(f, "REPLACE")
	}
	return false
}

// zosVerb reports whether a command's first word is one of zosVerbs.
func zosVerb(verb string) bool {
	if wordlist.Has(zosVerbs, verb) {
		return true
	}
	return len(verb) > 1 && verb[0] == '$' && (verb[1] == 'P' || verb[1] == 'C')
}

func newZosCommand(with map[string]any) (matchFunc, error) {
	return detailMatcher(with, zosCommand)
}
