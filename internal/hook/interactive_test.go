package hook

import "testing"

func TestInteractive(t *testing.T) {
	for cmd, want := range map[string]string{
		"bash":                      "bash",
		"bash -l":                   "bash",
		"bash -i script.sh":         "bash",
		"bash -lc 'ls'":             "",
		"bash script.sh":            "",
		"/bin/zsh":                  "zsh",
		"python3":                   "python3",
		"python3 -i x.py":           "python3",
		"python3 -c 'print(1)'":     "",
		"python3 -m http.server":    "",
		"python3 x.py":              "",
		"node":                      "node",
		"node -e 1":                 "",
		"psql -h db -U app appdb":   "psql",
		"psql -c 'select 1' appdb":  "",
		"mysql -u root":             "mysql",
		"mysql -e 'show tables'":    "",
		"redis-cli":                 "redis-cli",
		"redis-cli GET k":           "",
		"irb":                       "irb",
		"sqlite3 app.db":            "sqlite3",
		"sqlite3 app.db 'select 1'": "",
		"ssh db1":                   "ssh",
		"ssh db1 uptime":            "",
		"cd /tmp && bash":           "bash",
		"b\\ash":                    "bash",
		"'ba''sh'":                  "bash",
		"bash <<'EOF'\nls\nEOF":     "",
		"echo ls | bash":            "",
		"git status":                "",
		"ls -la /tmp":               "",
		"sudo -i":                   "sudo",
		"sudo -u postgres -s":       "sudo",
		"sudo -i ls":                "",
		"sudo ls":                   "",
		"su -":                      "su",
		"su - app -c id":            "",
		"docker exec -it web bash":  "bash",
	} {
		if got := Interactive(cmd, "/home/u"); got != want {
			t.Errorf("Interactive(%q) = %q, want %q", cmd, got, want)
		}
	}
}
