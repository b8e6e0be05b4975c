package parse

import (
	"strings"
)

// A Windows administrator's cmdlets, read as the POSIX commands that do
// the same to the machine, so that the rules that judge those judge them
// too: Stop-Service is systemctl stop, Set-Service -StartupType Disabled
// systemctl disable, Set-NetFirewallProfile -Enabled False ufw disable.
// Settings cmdlets that switch a protection off (Set-MpPreference
// -DisableRealtimeMonitoring $true) reach the rules as the program cmdlet
// with their parameters in one spelling (-name=value, in lower case), so
// that packs can name them as data. A cmdlet run with -WhatIf only says
// what it would do.

// psWhatIf reports whether a cmdlet's arguments ask for a preview:
// -WhatIf, -wi or -WhatIf:$true, but not -WhatIf:$false.
func psWhatIf(args []psWord) bool {
	for _, a := range args {
		v, ok := a.lit()
		if !ok || !strings.HasPrefix(v, "-") {
			continue
		}
		opt, val, _ := strings.Cut(strings.ToLower(v[1:]), ":")
		if (opt == "wi" || len(opt) >= 2 && strings.HasPrefix("whatif", opt)) && val != "$false" && val != "0" {
			return true
		}
	}
	return false
}

// psParams returns a cmdlet's parameters in one spelling: -name=value in
// lower case (-enabled=false, -disablerealtimemonitoring=true), a switch
// with no value as -name=true, a value only known at run time as
// -name=$; and the words that are not parameters as they are.
func psParams(args []psWord) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		v, lit := args[i].lit()
		if !lit || len(v) < 2 || v[0] != '-' {
			out = append(out, args[i].shell(false))
			continue
		}
		name, val, attached := strings.Cut(strings.ToLower(v[1:]), ":")
		if !attached {
			val = "true"
			if i+1 < len(args) {
				if n, ok := args[i+1].lit(); !ok || !strings.HasPrefix(n, "-") {
					val = "$"
					if ok {
						val = strings.ToLower(n)
					}
					i++
				}
			}
		}
		switch strings.TrimPrefix(val, "$") {
		case "true", "1":
			val = "true"
		case "false", "0":
			val = "false"
		}
		out = append(out, "'-"+strings.ReplaceAll(name, "'", "")+"="+strings.ReplaceAll(val, "'", "")+"'")
	}
	return out
}

// psSettings are the settings cmdlets whose parameters packs judge as
// the program cmdlet: they switch protections off.
const psSettings = "set-mppreference set-aduser set-adcomputer set-localuser set-mailbox set-casmailbox set-adobject " +
	"set-adorganizationalunit set-retentioncompliancepolicy set-holdcompliancepolicy set-mailboxdatabase " +
	"grant-smbshareaccess new-smbshare set-smbshare " +
	"set-caseholdpolicy set-caseholdrule set-holdcompliancerule set-retentioncompliancerule set-appretentioncompliancepolicy " +
	"set-adminauditlogconfig set-organizationconfig"

// psService returns the systemctl command for Stop-Service,
// Suspend-Service and Set-Service, on the services named by -Name, as
// operands, or piped from Get-Service; "" when it stops nothing.
func psService(cmd string, args []psWord, prev psStage, piped bool) string {
	verb := "stop"
	var names []string
	for i := 0; i < len(args); i++ {
		v, lit := args[i].lit()
		l := strings.ToLower(v)
		if lit && strings.HasPrefix(l, "-") && len(l) > 1 {
			opt, val, attached := strings.Cut(l[1:], ":")
			if !attached && i+1 < len(args) && !strings.HasPrefix(strings.ToLower(psLit(args[i+1])), "-") {
				switch opt {
				case "force", "passthru", "nowait", "include", "exclude":
				default:
					i++
					val = strings.ToLower(psLit(args[i]))
					if opt == "name" || opt == "servicename" || opt == "displayname" || opt == "inputobject" || opt == "n" {
						names = append(names, psList(args[i])...)
					}
				}
			}
			switch {
			case opt == "startuptype" || opt == "starttype" || opt == "st":
				if val == "disabled" {
					verb = "disable"
				}
			case opt == "status":
				if val == "stopped" || val == "paused" {
					verb = "stop"
				}
			}
			continue
		}
		names = append(names, psList(args[i])...)
	}
	if cmd == "set-service" {
		// Set-Service changes a service's settings; only stopping or
		// disabling it takes it away.
		stops := false
		for _, a := range args {
			l := strings.ToLower(psLit(a))
			stops = stops || l == "stopped" || l == "paused" || l == "disabled" || strings.HasSuffix(l, ":stopped") || strings.HasSuffix(l, ":disabled")
		}
		if !stops {
			return ""
		}
	}
	if len(names) == 0 && piped && len(prev) > 0 {
		head, _ := prev[0].lit()
		switch strings.ToLower(head) {
		case "get-service", "gsv":
			for _, p := range psPaths(prev[1:]) {
				names = append(names, psList(p)...)
			}
		}
		if len(names) == 0 {
			names = append(names, `"${PSINPUT}"`)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "systemctl " + verb + " " + strings.Join(names, " ")
}

// psLit returns a word's literal text, or "" when it is only known at
// run time.
func psLit(w psWord) string {
	v, _ := w.lit()
	return v
}

// psFirewall returns ufw disable for Set-NetFirewallProfile when it turns
// a profile's firewall off (-Enabled False) or lets every connection in
// (-DefaultInboundAction Allow), and "" otherwise.
func psFirewall(args []psWord) string {
	for _, p := range psParams(args) {
		switch strings.Trim(p, "'") {
		case "-enabled=false", "-defaultinboundaction=allow":
			return "ufw disable"
		}
	}
	return ""
}

// psSetting returns a settings cmdlet as the program cmdlet with its
// parameters in one spelling: cmdlet set-mppreference
// '-disablerealtimemonitoring=true'.
func psSetting(cmd string, args []psWord) string {
	return "cmdlet " + cmd + " " + strings.Join(psParams(args), " ")
}

// psDestroyWords are the words a cmdlet's parameter may hold that make a
// cmdlet whose verb keeps things destroy them:
// New-ComplianceSearchAction -Purge, Search-Mailbox -DeleteContent.
const psDestroyWords = "purge delete remove wipe erase destroy drop"

// psDestroyParam reports whether one of a cmdlet's parameters holds one
// of psDestroyWords, so that the verb model judges the cmdlet.
func psDestroyParam(args []psWord) bool {
	for _, a := range args {
		v, ok := a.lit()
		if !ok || len(v) < 3 || v[0] != '-' {
			continue
		}
		name, _, _ := strings.Cut(strings.ToLower(v[1:]), ":")
		for _, d := range strings.Fields(psDestroyWords) {
			if strings.Contains(name, d) {
				return true
			}
		}
	}
	return false
}
