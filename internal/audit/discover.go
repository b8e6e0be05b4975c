package audit

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Found is a file Discover found.
type Found struct {
	Path   string
	Format Format
}

// Discover finds the history files and agent transcripts of the user whose
// home directory is home. It looks only at fixed places under home, never
// at environment variables:
//
//   - ~/.bash_history
//   - ~/.zsh_history, ~/.zhistory, ~/.histfile
//   - ~/.local/share/fish/fish_history
//   - ~/.claude/projects/*/*.jsonl and subagent transcripts
//     (*/<session>/subagents/*.jsonl, Claude Code 2.1.2+), and the same
//     under ~/.config/claude/projects
//   - ~/.codex/sessions/**/rollout-*.jsonl, ~/.codex/archived_sessions
//
// skipped lists files found but not readable by guard audit: Codex
// compresses old rollouts (rollout-*.jsonl.zst).
func Discover(home string) (found []Found, skipped []string) {
	add := func(p string, f Format) {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			found = append(found, Found{p, f})
		}
	}
	add(filepath.Join(home, ".bash_history"), Bash)
	for _, n := range []string{".zsh_history", ".zhistory", ".histfile"} {
		add(filepath.Join(home, n), Zsh)
	}
	add(filepath.Join(home, ".local", "share", "fish", "fish_history"), Fish)

	for _, root := range []string{filepath.Join(home, ".claude", "projects"), filepath.Join(home, ".config", "claude", "projects")} {
		var files []string
		for _, pat := range []string{"*/*.jsonl", "*/*/subagents/*.jsonl"} {
			m, _ := filepath.Glob(filepath.Join(root, pat))
			files = append(files, m...)
		}
		sort.Strings(files)
		for _, p := range files {
			add(p, Claude)
		}
	}

	codex := filepath.Join(home, ".codex")
	for _, root := range []string{filepath.Join(codex, "sessions"), filepath.Join(codex, "archived_sessions")} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			name := d.Name()
			if !strings.HasPrefix(name, "rollout-") {
				return nil
			}
			switch {
			case strings.HasSuffix(name, ".jsonl"):
				add(p, Codex)
			case strings.HasSuffix(name, ".jsonl.zst"):
				skipped = append(skipped, p)
			}
			return nil
		})
	}
	return found, skipped
}

// Expand turns a directory given on the command line into the transcript
// and history files under it; a file is returned as it is.
func Expand(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil || !st.IsDir() {
		return []string{p}, err
	}
	var out []string
	err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			n := d.Name()
			if strings.HasSuffix(n, ".jsonl") || strings.Contains(n, "history") {
				out = append(out, q)
			}
		}
		return nil
	})
	return out, err
}
