package parse

import "testing"

// TestPSShell translates PowerShell command lines to the shell commands
// guard judges.
func TestPSShell(t *testing.T) {
	tests := []struct{ ps, sh string }{
		{`Remove-Item -Recurse -Force ~/Documents`, `rm -r -f "$HOME"'/Documents'`},
		{`rm -r -fo $env:USERPROFILE\Documents`, `rm -r -f "$HOME"'/Documents'`},
		{`del -LiteralPath 'C:\x*' -Recurse`, `rm -r '/x*'`},
		{`Remove-Item C:\ -Recurse -Force`, `rm -r -f '/'`},
		{`Remove-Item 'C:\Users\me\Documents' -Recurse`, `rm -r '/Users/me/Documents'`},
		{`Remove-Item -Path ~/x/*.log`, `rm "$HOME"'/x/'*'.log'`},
		{`Get-ChildItem ~/logs | Remove-Item -Recurse`, `rm -r "$HOME"'/logs'/*`},
		{`ls | % { Remove-Item $_ }`, `rm "${_}"`},
		{`Remove-Item ~/x -Recurse -WhatIf`, ``},
		{`Clear-Content ~/a.txt`, `: > "$HOME"'/a.txt'`},
		{`Format-Volume -DriveLetter D`, `mkfs '/dev/drive-D'`},
		{`Clear-Disk -Number 1 -RemoveData`, `wipefs -a '/dev/disk1'`},
		{`Stop-Computer -Force; Restart-Computer`, "shutdown -h now\nshutdown -r now"},
		{`iex "rm -r ~/w"`, `rm -r "$HOME"'/w'`},
		{`Invoke-Expression $code`, `eval "${PSCODE}"`},
		{`git push --force origin main`, `'git' 'push' '--force' 'origin' 'main'`},
		{`Write-Host "hi $name"; Get-Process | Sort-Object CPU`, ``},
		{`# Remove-Item ~ -Recurse`, ``},
		{`if ($x) { Remove-Item "$HOME/a" -Recurse }`, `rm -r "$HOME"'/a'`},
		{`Set-Location ~/p; Remove-Item build -Recurse`, "cd \"$HOME\"'/p'\nrm -r 'build'"},
	}
	for _, tt := range tests {
		if got := psShell(tt.ps, 0); got != tt.sh {
			t.Errorf("%s:\n got %s\nwant %s", tt.ps, got, tt.sh)
		}
	}
}

// TestDecodePS decodes -EncodedCommand, and refuses what is not base64 of
// UTF-16LE.
func TestDecodePS(t *testing.T) {
	if got, ok := decodePS(Word{Value: "ZwBpAHQAIABzAHQAYQB0AHUAcwA="}); !ok || got != "git status" {
		t.Errorf("decodePS = %q, %v", got, ok)
	}
	for _, bad := range []string{"not base64!", "YQ==", ""} {
		if _, ok := decodePS(Word{Value: bad}); ok && bad != "" {
			t.Errorf("decodePS(%q) ok", bad)
		}
	}
}

// TestCmdShell translates cmd.exe command lines.
func TestCmdShell(t *testing.T) {
	tests := []struct{ line, sh string }{
		{`rd /s /q C:\Users\me\Documents`, `rm -r -f '/Users/me/Documents'`},
		{`del /f /q "%USERPROFILE%\Downloads\*"`, `rm -f "$HOME"'/Downloads/'*`},
		{`echo hi & rmdir /s build`, `rm -r 'build'`},
		{`format D: /q`, `mkfs '/dev/drive-D'`},
		{`shutdown /a`, ``},
		{`git push --force origin main`, `'git' 'push' '--force' 'origin' 'main'`},
		{`del %TARGET%`, `rm "${TARGET}"`},
	}
	for _, tt := range tests {
		if got := cmdShell(tt.line); got != tt.sh {
			t.Errorf("%s:\n got %s\nwant %s", tt.line, got, tt.sh)
		}
	}
}
