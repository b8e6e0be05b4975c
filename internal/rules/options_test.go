package rules

import "testing"

// TestOptionSpellings checks the shared option matching on the spellings
// of one option that tools accept: values attached or separate, =true and
// =false, clusters that end in a value, and git's abbreviations.
func TestOptionSpellings(t *testing.T) {
	s := defaultSet(t)
	ctx := ExampleContext()
	for cmd, want := range map[string]string{
		"git push --forc origin main":                         "git.push-force-protected",
		"git push --force-w origin main":                      "git.push-force-protected",
		"git push --force=true origin main":                   "git.push-force-protected",
		"git push --force=false origin main":                  "",
		"git push --follow-tags origin main":                  "",
		"git clean --forc -d":                                 "git.clean",
		"git clean -fd --dry-run=true":                        "",
		"git checkout -bfeature":                              "",
		"git checkout -bf":                                    "git.checkout-force",
		"git checkout -fb feature":                            "git.checkout-force",
		"kubectl scale deploy api --replicas 0":               "k8s.scale-zero",
		"kubectl scale deploy api --replicas=0":               "k8s.scale-zero",
		"kubectl scale deploy api --replicas 3":               "",
		"kubectl delete ns prod --dry-run=none":               "k8s.delete-namespace",
		"kubectl delete ns prod --dry-run=server":             "",
		"rm --recur --forc ~/":                                "fs.rm-home",
		"docker compose rm -sfv":                              "container.compose-down-volumes",
		"docker rm -fv db":                                    "container.rm-volumes",
		"docker rm -f -v db":                                  "container.rm-volumes",
		"docker rm -f --volumes db":                           "container.rm-volumes",
		"docker rm -f db":                                     "",
		"RM -rf ~":                                            "fs.rm-home",
		"Terraform destroy":                                   "iac.terraform-destroy",
		"aws ec2 terminate-instances --instance-ids i-1 help": "",
	} {
		d := s.Check(cmd, ctx)
		got := ""
		if len(d.Findings) > 0 {
			got = d.Findings[0].Rule.ID
		}
		if got != want {
			t.Errorf("%s: %s (%s), want %q", cmd, ids(d), d.Action, want)
		}
	}
}

func TestClusterHas(t *testing.T) {
	vf := []string{"-b", "-m"}
	for _, tt := range []struct {
		f    string
		c    byte
		want bool
	}{
		{"-rf", 'f', true}, {"-bfeature", 'f', false}, {"-fbfeature", 'f', true},
		{"-bf", 'f', true}, {"-mfi", 'f', true}, {"-mfix", 'f', false}, {"-n5", 'n', false}, {"--rf", 'f', false},
	} {
		if got := clusterHas(tt.f, tt.c, vf); got != tt.want {
			t.Errorf("clusterHas(%q, %q) = %v, want %v", tt.f, tt.c, got, tt.want)
		}
	}
}

// TestShellHome checks that a HOME other than the password database's is
// a home too.
func TestShellHome(t *testing.T) {
	s := defaultSet(t)
	ctx := Context{Home: "/home/user", ShellHome: "/tmp/sandbox", Dir: "/tmp/sandbox/project"}
	for cmd, want := range map[string]string{
		"rm -rf ~":               "fs.rm-home",
		"rm -rf $HOME/":          "fs.rm-home",
		"rm -rf /tmp/sandbox":    "fs.rm-home",
		"rm -rf /home/user":      "fs.rm-home",
		"rm -rf ~/.ssh":          "fs.rm-secrets",
		"rm -rf ~/project/build": "",
		"rm -rf /tmp/other":      "",
	} {
		d := s.Check(cmd, ctx)
		got := ""
		for _, f := range d.Findings {
			if f.Rule.ID == want {
				got = want
			}
		}
		if got != want || want == "" && d.Action != Allow {
			t.Errorf("%s: %s %s, want %q", cmd, d.Action, ids(d), want)
		}
	}
	// The shell's HOME never makes a system directory the user's.
	ctx = Context{Home: "/home/user", ShellHome: "/etc", Dir: "/home/user/project"}
	if d := s.Check("rm -rf /etc/ssh", ctx); d.Action == Allow {
		t.Error("HOME=/etc made /etc/ssh deletable")
	}
}
