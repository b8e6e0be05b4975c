package parse

import (
	"strings"

	"github.com/guardsh/guard/internal/wordlist"
)

// An Ansible playbook whose text the command holds (a here-document to
// ansible-playbook /dev/stdin, or a file the command wrote) is read for
// its tasks, and each task's module is judged as ansible -m MODULE runs
// it on the play's hosts: a file task with state: absent deletes, a
// shell task runs its command. A playbook guard cannot read (site.yml
// from the disk) runs what its author reviewed, as before.

// playbookValueOpts are ansible-playbook's options that take a value.
const playbookValueOpts = "-i --inventory --inventory-file -l --limit -e --extra-vars -t --tags --skip-tags " +
	"-u --user -f --forks -M --module-path --vault-id --vault-password-file --private-key --key-file " +
	"-c --connection -T --timeout --become-method --become-user --start-at-task --ssh-common-args " +
	"--sftp-extra-args --scp-extra-args --ssh-extra-args"

// taskKeywords are the keys of a task that are not its module.
const taskKeywords = "name when become become_user become_method register tags loop loop_control " +
	"with_items with_dict with_fileglob with_together notify ignore_errors changed_when failed_when vars " +
	"delegate_to run_once args environment no_log until retries delay check_mode diff throttle " +
	"any_errors_fatal async poll connection timeout module_defaults local_action listen block rescue always " +
	"debugger collections remote_user port"

// maxTaskLines is how far above a key isTaskContinuation looks for the
// "- " that starts its task.
const maxTaskLines = 64

// playTask is one task of a playbook: its module and arguments.
type playTask struct {
	hosts  string
	module string
	free   string            // the module's value when it is a string
	args   map[string]string // the module's value when it is a mapping
}

// ansiblePlaybook runs the tasks of the playbooks it can read.
func (w *walker) ansiblePlaybook(c call) {
	w.record(c)
	args := c.args
	var books []Word
	for i := 1; i < len(args); i++ {
		a := args[i].Value
		if strings.HasPrefix(a, "-") {
			name, _, eq := strings.Cut(a, "=")
			switch {
			case name == "-C" || name == "--check":
				// A dry run: tasks report what they would change.
				return
			case !eq && wordlist.Has(playbookValueOpts, name):
				i++
			}
			continue
		}
		books = append(books, args[i])
	}
	for _, b := range books {
		var text string
		switch {
		case !b.Dynamic && (b.Value == "/dev/stdin" || b.Value == "-") && c.stdin.Kind == Known:
			text = c.stdin.Text
		default:
			t, ok := w.writtenScript(b)
			if !ok {
				continue
			}
			text = t
		}
		for _, t := range playbookTasks(text) {
			w.ansibleRun(c, t.hosts, t.module, Word{Value: t.free}, t.args, false)
		}
	}
}

// playbookTasks reads the tasks of a playbook written in the block style
// of YAML that playbooks use: under each play's hosts, the list items of
// tasks, pre_tasks, post_tasks and handlers (and of block, rescue and
// always inside them), each with one key that is not a task keyword: the
// module. Its value is a string (free-form arguments) or a mapping of
// scalar keys, written on the lines indented below it.
func playbookTasks(text string) []playTask {
	var out []playTask
	hosts := ""
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t\r")
		body := strings.TrimLeft(line, " ")
		indent := len(line) - len(body)
		item := false
		if rest, ok := strings.CutPrefix(body, "- "); ok {
			body, item = strings.TrimLeft(rest, " "), true
			indent = len(line) - len(body)
		}
		if body == "" || strings.HasPrefix(body, "#") {
			continue
		}
		key, value, ok := strings.Cut(body, ":")
		if !ok || strings.ContainsAny(key, " \"'{[") {
			continue
		}
		value = yamlScalar(value)
		if key == "hosts" {
			hosts = value
			continue
		}
		if !item && !strings.Contains(key, ".") && !isTaskContinuation(lines, i, indent) {
			// A key that neither starts a list item nor follows one at
			// its indentation is not a task's.
			continue
		}
		if wordlist.Has(taskKeywords, key) || wordlist.Has("tasks pre_tasks post_tasks handlers roles vars vars_files gather_facts strategy serial import_playbook include_tasks import_tasks include_role import_role", key) {
			continue
		}
		t := playTask{hosts: hosts, module: key}
		switch {
		case strings.HasPrefix(value, "{") && strings.HasSuffix(value, "}"):
			// file: {path: /srv/x, state: absent}
			t.args = map[string]string{}
			for f := range strings.SplitSeq(value[1:len(value)-1], ",") {
				if k, v, ok := strings.Cut(f, ":"); ok {
					t.args[strings.ToLower(strings.TrimSpace(k))] = yamlScalar(v)
				}
			}
		case value != "" && value != "|" && value != ">" && value != "|-" && value != ">-":
			t.free = value
		default:
			// The lines indented below it: a mapping, or a block scalar.
			var block []string
			last := ""
			t.args = map[string]string{}
			for i+1 < len(lines) {
				next := strings.TrimRight(lines[i+1], " \t\r")
				nb := strings.TrimLeft(next, " ")
				if nb != "" && len(next)-len(nb) <= indent {
					break
				}
				i++
				if nb == "" {
					continue
				}
				block = append(block, nb)
				if item, ok := strings.CutPrefix(nb, "- "); ok && last != "" {
					// lines:\n  - no router bgp 1: a list, one item a line.
					t.args[last] = strings.TrimPrefix(t.args[last]+"\n"+yamlScalar(item), "\n")
				} else if k, v, ok := strings.Cut(nb, ":"); ok && !strings.ContainsAny(k, " \"'") {
					last = strings.ToLower(k)
					t.args[last] = yamlScalar(v)
				}
			}
			if value != "" {
				// shell: | with the script on the lines below.
				t.free, t.args = strings.Join(block, "\n"), nil
			} else if cmd := firstOf(t.args, "cmd", "_raw_params", "argv"); cmd != "" {
				t.free = cmd
			}
		}
		out = append(out, t)
	}
	return out
}

// isTaskContinuation reports whether line i, at indent, is a key of the
// list item that an earlier line at the same indentation started
// ("- name: x" above "  file: ...").
func isTaskContinuation(lines []string, i, indent int) bool {
	// A task's keys sit a few lines below its "- ": looking back further
	// would make a long playbook of flat keys quadratic to read.
	for j := i - 1; j >= 0 && j >= i-maxTaskLines; j-- {
		l := strings.TrimRight(lines[j], " \t\r")
		b := strings.TrimLeft(l, " ")
		if b == "" || strings.HasPrefix(b, "#") {
			continue
		}
		in := len(l) - len(b)
		if rest, ok := strings.CutPrefix(b, "- "); ok {
			if len(l)-len(strings.TrimLeft(rest, " ")) == indent {
				return true
			}
		}
		if in < indent {
			return false
		}
	}
	return false
}

// yamlScalar returns a YAML value as text: trimmed, without its quotes
// and without a comment after it.
func yamlScalar(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v
}
