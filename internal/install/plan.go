package install

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/guardsh/guard/internal/codexrules"
)

// Agents are the agents guard install knows, in the order its help lists
// them.
var Agents = []string{"claude", "cursor", "codex", "gemini", "aider"}

// rcShells are the shells whose rc files guard writes.
var rcShells = []string{"bash", "zsh", "fish"}

// RCShell reports whether guard writes rc files for the shell s: bash,
// zsh or fish.
func RCShell(s string) bool {
	for _, r := range rcShells {
		if s == r {
			return true
		}
	}
	return false
}

// Options say what guard install or uninstall is to do, and carry what
// only the guard binary knows.
type Options struct {
	// Agent is one of Agents.
	Agent string
	// Scope says whose settings change; Root is the project for Project.
	Scope Scope
	Root  string
	// Home is the person's home directory, from the password database.
	Home string
	// Remove plans guard uninstall instead of guard install.
	Remove bool
	// ShellRoute (claude) also makes guard the shell Claude Code runs
	// Bash commands with.
	ShellRoute bool
	// RCShell and RCFile (aider) are the shell whose rc file gets aider's
	// wrapper and that file; empty for the defaults.
	RCShell, RCFile string

	// Guard is the path of guard that agents are to run; Self is the
	// resolved path of the running binary, which OwnsHook also takes as
	// guard's.
	Guard, Self string
	// Command is the command line that runs Guard, quoted for a shell.
	Command string
	// ShellLink is the bash-named link to guard that Claude Code's
	// CLAUDE_CODE_SHELL points at.
	ShellLink string
	// Getenv reads the person's environment.
	Getenv Getenv
	// Warn tells the person something they should know about the plan.
	Warn func(msg string)
	// CodexRules returns the Codex rules file guard writes for codex.
	CodexRules func() (string, error)
	// Aider returns the wrapper function for aider in shell's syntax.
	Aider func(shell string) string
}

// Change is one file guard install or uninstall writes, removes or links.
type Change struct {
	Path     string
	Old, New []byte
	// Remove deletes the file.
	Remove bool
	// Link makes Path a symbolic link to Link.
	Link string
	// Unlink removes the symbolic link at Path.
	Unlink bool
}

// noop reports whether the change leaves everything as it is.
func (c Change) noop() bool {
	switch {
	case c.Link != "":
		cur, err := os.Readlink(c.Path)
		return err == nil && cur == c.Link
	case c.Unlink:
		_, err := os.Lstat(c.Path)
		return errors.Is(err, fs.ErrNotExist)
	case c.Remove:
		return c.Old == nil
	}
	return bytes.Equal(c.Old, c.New)
}

// Plan is what guard install or uninstall changes, and the notes that
// tell the person what happens next.
type Plan struct {
	Changes []Change
	Notes   []string
	remove  bool
}

// Prepare works out the changes for guard install, or with o.Remove for
// guard uninstall. It writes nothing.
func Prepare(o Options) (*Plan, error) {
	home, remove := o.Home, o.Remove
	ours := OwnsHook(o.Agent, home, o.Self)
	cmd := o.Command
	path := SettingsFile(o.Agent, o.Scope, home, o.Root, o.Getenv)
	edit := func(h Hook) func([]byte) ([]byte, error) {
		if remove {
			return h.Remove
		}
		return h.Add
	}
	var changes []Change
	var notes []string
	add := func(c Change, err error) error {
		if err == nil {
			changes = append(changes, c)
		}
		return err
	}
	uninstallNote := fmt.Sprintf("Remove it with: guard uninstall %s%s", o.Agent, ScopeFlag(o.Scope))
	switch o.Agent {
	case "claude":
		failClosed := true
		if !remove {
			var warn string
			failClosed, warn = ClaudeFailClosed()
			if warn != "" {
				o.Warn(warn)
			}
		}
		link := o.ShellLink
		hooks := append([]Hook{ClaudeHook(cmd, failClosed, ours)}, ClaudeAfterHooks(cmd, ours)...)
		c, err := jsonChange(path, func(data []byte) ([]byte, error) {
			var err error
			if remove {
				// In the reverse order of install, so that the file comes
				// back exactly.
				if v, ok, _ := GetKey(data, "env", "CLAUDE_CODE_SHELL"); ok && v == link {
					if data, err = DeleteKey(data, "env", "CLAUDE_CODE_SHELL"); err != nil {
						return nil, err
					}
				}
				return editAll(true, hooks...)(data)
			}
			if data, err = editAll(false, hooks...)(data); err != nil {
				return nil, err
			}
			if o.ShellRoute {
				return SetKey(data, link, "env", "CLAUDE_CODE_SHELL")
			}
			return data, nil
		})
		if err != nil {
			return nil, err
		}
		changes = append(changes, c)
		if o.ShellRoute {
			changes = append(changes, Change{Path: link, Link: o.Guard})
		} else if remove && o.Scope == User {
			if _, err := os.Lstat(link); err == nil {
				changes = append(changes, Change{Path: link, Unlink: true})
			}
		}
		notes = append(notes,
			"Claude Code now asks you before each Bash command guard flags, showing guard's reason in its own",
			"permission dialog, and refuses commands guard denies, telling the model why. Commands guard finds",
			"safe are left to your own permission settings. Restart Claude Code (or review the change in /hooks).",
			"claude --bare and --safe-mode run no hooks; guard doctor checks the rest of the wiring.")
		if o.ShellRoute {
			notes = append(notes, "Claude Code also runs every Bash command with guard as its shell ("+link+").")
		} else {
			notes = append(notes, "For a second line of defence, --shell-route also makes guard the shell Claude Code runs commands with.")
		}
	case "cursor":
		if err := add(jsonChange(path, editAll(remove, CursorHook(cmd, ours), CursorFileHook(cmd, ours)))); err != nil {
			return nil, err
		}
		notes = append(notes,
			"Cursor now asks you before each command guard flags (user_message shows guard's reason) and refuses",
			"commands guard denies; if guard's hook fails, the command is blocked (failClosed). Restart Cursor.")
	case "codex":
		if err := add(jsonChange(path, edit(CodexHook(cmd, ours)))); err != nil {
			return nil, err
		}
		rules := CodexRulesFile(o.Scope, home, o.Root, o.Getenv)
		old, _, err := ReadFile(rules)
		if err != nil {
			return nil, err
		}
		ourFile := old == nil || bytes.HasPrefix(old, []byte(codexrules.Header))
		switch {
		case remove && old != nil && ourFile:
			changes = append(changes, Change{Path: rules, Old: old, Remove: true})
		case !remove && !ourFile:
			o.Warn(rules + " was not written by guard; left as it is (guard export codex -o FILE writes another)")
		case !remove:
			text, err := o.CodexRules()
			if err != nil {
				return nil, err
			}
			changes = append(changes, Change{Path: rules, Old: old, New: []byte(text)})
		}
		notes = append(notes,
			"Codex hooks can only block: commands guard flags or denies are refused, and the model is told to",
			"ask you to run them yourself.",
			"Codex skips a new or changed hook, without a word, until you trust it: open codex, type /hooks,",
			"select guard's PreToolUse hook and press t. guard doctor tells you whether it is trusted.",
			"Until then, and wherever hooks are off, the rules in "+rules,
			"make Codex itself ask you before the commands a prefix can describe.",
			"If guard's binary is missing, crashes or times out, Codex runs the command: keep guard where the hook points.")
	case "gemini":
		if err := add(jsonChange(path, edit(GeminiHook(cmd, ours)))); err != nil {
			return nil, err
		}
		notes = append(notes,
			"Gemini CLI hooks can only block: commands guard flags or denies are refused with guard's reason,",
			"and the model is told to ask you to run them yourself. Restart Gemini CLI. Its hooksConfig.enabled",
			"= false, or guard in hooksConfig.disabled (/hooks disable guard), turns the hook off: guard doctor",
			"checks both. If guard's binary crashes or times out, Gemini CLI runs the command.")
	case "aider":
		c, err := aiderChange(o)
		if err != nil {
			return nil, err
		}
		path = c.Path
		changes = append(changes, c)
		notes = append(notes,
			"Open a new shell (or source "+c.Path+"): aider then runs each command through guard, which asks",
			"you on your terminal before anything it flags and refuses what it denies.")
	}
	if remove {
		notes = []string{"guard is no longer registered with " + o.Agent + " in " + path + "."}
	} else {
		notes = append(notes, uninstallNote)
	}
	return &Plan{Changes: changes, Notes: notes, remove: remove}, nil
}

// aiderChange is the change to the rc file that holds aider's wrapper.
func aiderChange(o Options) (Change, error) {
	shell := o.RCShell
	if shell == "" {
		shell = filepath.Base(o.Getenv("SHELL"))
		if !RCShell(shell) {
			shell = "bash"
		}
	}
	if !RCShell(shell) {
		return Change{}, fmt.Errorf("--shell must be bash, zsh or fish, not %q", shell)
	}
	rc := o.RCFile
	switch {
	case rc != "":
		if !filepath.IsAbs(rc) {
			var err error
			if rc, err = filepath.Abs(rc); err != nil {
				return Change{}, err
			}
		}
	case shell == "fish":
		rc = filepath.Join(o.Home, ".config", "fish", "conf.d", "guard.fish")
	default:
		rc = filepath.Join(o.Home, "."+shell+"rc")
	}
	old, _, err := ReadFile(rc)
	if err != nil {
		return Change{}, err
	}
	c := Change{Path: rc, Old: old}
	if o.Remove {
		c.New = RemoveBlock(old)
		if old != nil && len(bytes.TrimSpace(c.New)) == 0 && !bytes.Equal(c.New, old) && shell == "fish" && o.RCFile == "" {
			c = Change{Path: rc, Old: old, Remove: true}
		}
	} else {
		body := fmt.Sprintf("# Added by guard install aider; remove with guard uninstall aider.\n%s", o.Aider(shell))
		c.New = SetBlock(old, body)
	}
	return c, nil
}

// ScopeFlag is the --scope flag that names s in a guard command line,
// with its leading space; "" for the default, User.
func ScopeFlag(s Scope) string {
	if s == Project {
		return " --scope project"
	}
	return ""
}

// jsonChange reads a JSON settings file and applies edit to it.
func jsonChange(path string, edit func([]byte) ([]byte, error)) (Change, error) {
	old, _, err := ReadFile(path)
	if err != nil {
		return Change{}, err
	}
	c := Change{Path: path, Old: old}
	c.New, err = edit(old)
	if err != nil {
		return Change{}, fmt.Errorf("%s: %v; guard changed nothing: fix the file, or add guard's entry by hand (see examples/)", path, err)
	}
	return c, nil
}

// editAll applies, or with remove takes back in reverse order, several
// hooks in one settings file.
func editAll(remove bool, hooks ...Hook) func([]byte) ([]byte, error) {
	return func(data []byte) ([]byte, error) {
		var err error
		if remove {
			for i := len(hooks) - 1; i >= 0; i-- {
				if data, err = hooks[i].Remove(data); err != nil {
					return nil, err
				}
			}
			return data, nil
		}
		for _, h := range hooks {
			if data, err = h.Add(data); err != nil {
				return nil, err
			}
		}
		return data, nil
	}
}
