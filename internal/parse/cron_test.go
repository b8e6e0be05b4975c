package parse

import (
	"strings"
	"testing"
)

func TestCronLine(t *testing.T) {
	tests := []struct {
		line     string
		user     bool
		schedule string
		cmd      string
		ok       bool
	}{
		{"0 3 * * * find /data -delete", false, "0 3 * * *", "find /data -delete", true},
		{"*/5 1-5 * jan mon,wed rm -f x", false, "*/5 1-5 * jan mon,wed", "rm -f x", true},
		{"@daily /usr/bin/backup.sh", false, "@daily", "/usr/bin/backup.sh", true},
		{"0 1 * * * root rm -rf /var/tmp/x", true, "0 1 * * *", "rm -rf /var/tmp/x", true},
		{"0 4 * * * date +\\%F > /tmp/d", false, "0 4 * * *", "date +%F > /tmp/d", true},
		{"0 4 * * * mail -s hi root%body", false, "0 4 * * *", "mail -s hi root", true},
		{"MAILTO=ops@example.com", false, "", "", false},
		{"# 0 3 * * * rm -rf /", false, "", "", false},
		{"", false, "", "", false},
		{"hello world", false, "", "", false},
	}
	for _, tt := range tests {
		s, c, ok := cronLine(tt.line, tt.user)
		if s != tt.schedule || c != tt.cmd || ok != tt.ok {
			t.Errorf("cronLine(%q, %v) = %q, %q, %v; want %q, %q, %v", tt.line, tt.user, s, c, ok, tt.schedule, tt.cmd, tt.ok)
		}
	}
}

// TestCronJobs checks that the jobs a command installs are judged as the
// commands they run, in the home directory.
func TestCronJobs(t *testing.T) {
	tests := []struct {
		cmd  string
		want string // the words of the job's invocation; "" for none
	}{
		{"(crontab -l; echo '0 3 * * * find /data -mtime +0 -delete') | crontab -", "find /data -mtime +0 -delete"},
		{"crontab -l | { cat; echo '@daily rm -rf /srv/x'; } | crontab -", "rm -rf /srv/x"},
		{"echo '0 0 * * * rm -rf /srv/up' | crontab -", "rm -rf /srv/up"},
		{"crontab <<'E'\n0 4 * * * rm -rf /srv/a\nE", "rm -rf /srv/a"},
		{"crontab -l > /tmp/c; echo '1 1 * * * rm -rf /srv/b' >> /tmp/c; crontab /tmp/c", "rm -rf /srv/b"},
		{"echo '0 1 * * * root rm -rf /srv/c' | sudo tee -a /etc/cron.d/x", "rm -rf /srv/c"},
		{"echo '0 1 * * * root rm -rf /srv/d' >> /etc/crontab", "rm -rf /srv/d"},
		{"echo '0 1 * * * rm -rf /srv/e' >> /var/spool/cron/crontabs/root", "rm -rf /srv/e"},
		{"printf '[Service]\\nExecStart=/bin/rm -rf /srv/f\\n' > ~/.config/systemd/user/w.service", "/bin/rm -rf /srv/f"},
		{"echo 'rm -rf /srv/g' > /etc/cron.daily/wipe", "rm -rf /srv/g"},
		{"crontab deploy/crontab", "rm -rf /srv/cron-disk"},
		{"crontab - < deploy/crontab", "rm -rf /srv/cron-disk"},
		{"echo '0 1 * * * rm -rf /srv/i' > j.txt; crontab < j.txt", "rm -rf /srv/i"},
		{"crontab -l", ""},
		{"echo '0 1 * * * rm -rf /srv/h' > jobs.txt", ""},
	}
	for _, tt := range tests {
		got := ""
		for _, inv := range Command(tt.cmd, testOpts()) {
			if len(inv.Via) == 0 {
				continue
			}
			v := inv.Via[len(inv.Via)-1]
			if !strings.HasPrefix(v, "cron job") && !strings.HasPrefix(v, "systemd") {
				continue
			}
			if inv.Dir != testOpts().Home {
				t.Errorf("%q: the job runs in %q, want the home %q", tt.cmd, inv.Dir, testOpts().Home)
			}
			words := make([]string, len(inv.Args))
			for i, a := range inv.Args {
				words[i] = a.Value
			}
			got = strings.Join(words, " ")
		}
		if got != tt.want {
			t.Errorf("%q: job %q, want %q", tt.cmd, got, tt.want)
		}
	}
}
