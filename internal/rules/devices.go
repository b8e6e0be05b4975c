package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// dataPartitions are the partitions of an Android device that hold what
// no build makes again: the user's data, its encryption metadata, and the
// radio's calibration and identity (persist, modem and EFS partitions).
const dataPartitions = "userdata data metadata persist frp modemst1 modemst2 fsg fsc efs nvdata nvram " +
	"protect_f protect_s persistent devinfo"

// fastbootWipes returns what wipes a device in a fastboot command: -w
// (erase userdata and cache after flashing), format or erase of a
// partition, a flash over a partition that holds data,
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
		case "erase", "wipe-super":
			if i+1 < len(args) {
				return a.Value + " " + args[i+1].Value + " erases the partition"
			}
		case "flash", "flash:raw":
			if i+1 < len(args) && wordlist.Has(dataPartitions, strings.ToLower(args[i+1].Value)) {
				return "flash " + args[i+1].Value + " overwrites the partition that holds the device's data"
			}
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
