package parse

import "testing"

// TestPSAdmin translates a Windows administrator's cmdlets to the
// commands guard judges, and reads -WhatIf as a preview.
func TestPSAdmin(t *testing.T) {
	tests := []struct{ ps, sh string }{
		{`Stop-Service -Name MSSQLSERVER -Force`, `systemctl stop 'MSSQLSERVER'`},
		{`Stop-Service W3SVC,WAS`, `systemctl stop 'W3SVC' 'WAS'`},
		{`Get-Service -Name 'Pos*' | Stop-Service -Force`, `systemctl stop 'Pos*'`},
		{`Get-Service | Where-Object Status -eq Running | Stop-Service`, `systemctl stop "${PSINPUT}"`},
		{`Set-Service -Name WinRM -StartupType Disabled`, `systemctl disable 'WinRM'`},
		{`Set-Service -Name WinRM -Status Stopped`, `systemctl stop 'WinRM'`},
		{`Set-Service -Name WinRM -StartupType Automatic`, ``},
		{`Restart-Service -Name W3SVC`, ``},
		{`Stop-Service -Name W3SVC -WhatIf`, ``},
		{`Invoke-Command -ComputerName a,b -ScriptBlock { Stop-Service -Name Pos -Force }`, `systemctl stop 'Pos'`},
		{`Set-NetFirewallProfile -Profile Domain,Public -Enabled False`, `ufw disable`},
		{`Set-NetFirewallProfile -Profile Domain -Enabled:$false`, `ufw disable`},
		{`Set-NetFirewallProfile -Profile Domain -Enabled True`, ``},
		{`Set-MpPreference -DisableRealtimeMonitoring $true`, `cmdlet set-mppreference '-disablerealtimemonitoring=true'`},
		{`Set-MpPreference -DisableIOAVProtection:1 -ScanScheduleDay 2`, `cmdlet set-mppreference '-disableioavprotection=true' '-scanscheduleday=2'`},
		{`Set-ADUser -Identity $u -Enabled $false`, `cmdlet set-aduser '-identity=$' '-enabled=false'`},
		{`Get-ADComputer -Filter * | Remove-ADComputer -WhatIf`, ``},
		{`Get-ADComputer -Filter * | Remove-ADComputer -WhatIf:$false`, `cmdlet remove-adcomputer '-WhatIf:''$false' --all`},
		{`Format-Volume -DriveLetter D -WhatIf`, ``},
		{`sc.exe stop Spooler`, `'sc.exe' 'stop' 'Spooler'`},
	}
	for _, tt := range tests {
		if got := psShell(tt.ps, 0); got != tt.sh {
			t.Errorf("%s:\n got %s\nwant %s", tt.ps, got, tt.sh)
		}
	}
}

// TestCmdletCallsWhatIf leaves out of the code's calls a cmdlet run with
// -WhatIf, which only says what it would do.
func TestCmdletCallsWhatIf(t *testing.T) {
	calls := cmdletCalls(`Get-ADUser -Filter * | Remove-ADUser -WhatIf; Remove-ADGroup -Identity x`)
	if len(calls) != 2 || calls[0].Name != "Get-ADUser" || calls[1].Name != "Remove-ADGroup" {
		t.Errorf("cmdletCalls = %+v", calls)
	}
}
