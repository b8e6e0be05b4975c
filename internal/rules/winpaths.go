package rules

import "strings"

// registryDrives are PowerShell's drives that are not files: the
// registry's hives and the certificate store (Remove-Item HKLM:\Software\x
// reaches the rules as rm -r HKLM:/Software/x).
var registryDrives = [...]string{"HKLM:", "HKCU:", "HKCR:", "HKU:", "HKCC:", "Registry::", "Cert:"}

// registryPath reports whether a path names the registry or the
// certificate store rather than a file: deleting there changes the
// system's or the user's settings, not a project's files.
func registryPath(v string) bool {
	if len(v) < 4 || strings.IndexByte(v[:min(len(v), 11)], ':') < 0 {
		return false
	}
	for _, d := range registryDrives {
		if len(v) >= len(d) && strings.EqualFold(v[:len(d)], d) {
			return true
		}
	}
	return false
}

// windowsUserTemp reports whether a path is inside a Windows account's
// own temporary directory, as PowerShell's and cmd.exe's paths reach the
// rules (C:\Users\me\AppData\Local\Temp\x is
// /Users/me/AppData/Local/Temp/x): %TEMP%, cleared as /tmp is.
func windowsUserTemp(p string) bool {
	rest, ok := strings.CutPrefix(p, "/Users/")
	if !ok {
		return false
	}
	user, rest, ok := strings.Cut(rest, "/")
	if !ok || user == "" || user == "." || user == ".." {
		return false
	}
	const temp = "appdata/local/temp/"
	return len(rest) > len(temp) && strings.EqualFold(rest[:len(temp)], temp) && !strings.Contains("/"+rest+"/", "/../")
}
