package parse

import (
	"fmt"
	"strings"
	"testing"
)

func TestPlaybookTasks(t *testing.T) {
	for _, tc := range []struct {
		book string
		want []string
	}{
		{"- hosts: db\n  tasks:\n    - name: drop\n      ansible.builtin.file:\n        path: /var/lib/pg\n        state: absent\n",
			[]string{"db ansible.builtin.file map[path:/var/lib/pg state:absent]"}},
		{"- hosts: web\n  become: true\n  tasks:\n    - shell: rm -rf /tmp/x\n    - command: uptime\n      args:\n        chdir: /srv\n",
			[]string{"web shell free=rm -rf /tmp/x", "web command free=uptime"}},
		{"- hosts: web\n  tasks:\n    - name: script\n      shell: |\n        cd /srv\n        rm -rf data\n",
			[]string{"web shell free=cd /srv\nrm -rf data"}},
		{"- hosts: r\n  tasks:\n    - ios_config:\n        lines:\n          - no router bgp 1\n          - no ip route 0.0.0.0 0.0.0.0\n",
			[]string{"r ios_config map[lines:no router bgp 1\nno ip route 0.0.0.0 0.0.0.0]"}},
		{"- hosts: all\n  vars:\n    path: /srv\n  tasks:\n    - file: {path: /srv/x, state: absent}  \n",
			[]string{"all file map[path:/srv/x state:absent]"}},
		{"- hosts: all\n  tasks:\n    - name: x\n      when: y\n      register: z\n", nil},
		{"not: [a playbook", nil},
		{"", nil},
	} {
		var got []string
		for _, task := range playbookTasks(tc.book) {
			s := task.hosts + " " + task.module
			if task.args != nil {
				s += " " + fmt.Sprint(task.args)
			} else {
				s += " free=" + task.free
			}
			got = append(got, s)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("playbookTasks(%q) =\n%q\nwant\n%q", tc.book, got, tc.want)
		}
	}
}

// TestPlaybookTasksLarge reads a large playbook of flat keys, which a
// backward search without a bound would take quadratic time over.
func TestPlaybookTasksLarge(t *testing.T) {
	book := "- hosts: all\n  tasks:\n" + strings.Repeat("    k: v\n", 200000) + "    - file: path=/srv/x state=absent\n"
	tasks := playbookTasks(book)
	if len(tasks) != 1 || tasks[0].module != "file" {
		t.Errorf("playbookTasks of a large playbook = %v, want the one file task", tasks)
	}
}
