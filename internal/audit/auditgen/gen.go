// Package auditgen writes synthetic shell histories and agent transcripts
// for guard audit's benchmarks: deterministic for a seed, shaped like a
// working developer's history. Commands repeat with a long-tailed
// frequency, arguments come from small vocabularies, commit messages and
// a few other arguments are fresh words (about a fifth of the entries are
// distinct), one entry in a hundred is destructive, and some entries span
// several lines.
package auditgen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// Formats are the formats Write can produce.
var Formats = []string{"bash", "zsh", "fish", "plain", "claude", "codex"}

var (
	dirs   = []string{"~/src/api", "~/src/web", "..", "src", "internal/audit", "/tmp", "~/notes", "cmd/guard", "-", "~"}
	files  = []string{"main.go", "README.md", "Makefile", "go.mod", "src/app.ts", "package.json", "config.yaml", "notes.txt", "Dockerfile", ".env.example"}
	hosts  = []string{"db1", "web2", "bastion", "build.local", "pi"}
	words  = []string{"fix", "add", "parser", "tests", "docs", "refactor", "cache", "history", "zsh", "bash", "audit", "rules", "speed", "typo", "config", "release", "bump", "deps", "ci", "lint"}
	ns     = []string{"default", "staging", "kube-system", "dev"}
	simple = []string{
		"ls", "ls -la", "ll", "cd", "cd ..", "pwd", "clear", "git status", "git diff", "git log --oneline -20",
		"git pull", "git push", "git add -A", "git fetch --all", "make", "make test", "go test ./...", "go build ./...",
		"npm test", "npm run dev", "docker ps", "docker compose up -d", "htop", "exit", "history | tail",
		"terraform plan", "kubectl get pods", "code .", "go vet ./...", "cargo build", "python3 -m pytest",
	}
	destructive = []string{
		"rm -rf build", "rm -rf node_modules", "git reset --hard", "git push --force origin main", "git clean -fdx",
		"kubectl delete pod api-7d9f -n staging", "docker system prune -a", "terraform destroy", "rm -rf ~/tmp/old",
		"psql \"$DATABASE_URL\" -c 'DROP TABLE sessions'", "git branch -D old-feature", "sudo rm -rf /var/cache/app",
	}
	multiline = []string{
		"for f in *.log; do\n  gzip \"$f\"\ndone",
		"psql \"$DATABASE_URL\" <<'SQL'\nSELECT count(*) FROM users;\nSQL",
		"while read -r l; do\n  echo \"$l\"\ndone < list.txt",
	}
)

type gen struct {
	r *rand.Rand
}

// zipf picks an index in [0, n) with a long-tailed frequency.
func (g *gen) zipf(n int) int {
	for {
		i := int(float64(n) * g.r.Float64() * g.r.Float64() * g.r.Float64())
		if i < n {
			return i
		}
	}
}

func (g *gen) pick(list []string) string { return list[g.zipf(len(list))] }

func (g *gen) message() string {
	n := 2 + g.r.IntN(5)
	w := make([]string, n)
	for i := range w {
		w[i] = words[g.r.IntN(len(words))]
	}
	return strings.Join(w, " ") + fmt.Sprintf(" #%d", g.r.IntN(1000))
}

// command returns the next command.
func (g *gen) command() string {
	switch p := g.r.IntN(100); {
	case p < 45:
		return g.pick(simple)
	case p < 55:
		return "cd " + g.pick(dirs)
	case p < 58:
		return "vim " + g.pick(files)
	case p < 63:
		return fmt.Sprintf("vim internal/%s/%s_%d.go", words[g.r.IntN(len(words))], words[g.r.IntN(len(words))], g.r.IntN(50))
	case p < 70:
		return fmt.Sprintf("git commit -m %q", g.message())
	case p < 75:
		return "cat " + g.pick(files) + " | grep -n " + words[g.r.IntN(len(words))]
	case p < 80:
		return "ssh " + g.pick(hosts)
	case p < 85:
		return "kubectl get pods -n " + g.pick(ns) + " | grep " + words[g.r.IntN(len(words))]
	case p < 89:
		return fmt.Sprintf("curl -s https://api.example.com/v1/items/%d | jq .", g.r.IntN(5000))
	case p < 93:
		return fmt.Sprintf("git checkout -b %s-%d", words[g.r.IntN(len(words))], g.r.IntN(500))
	case p < 96:
		return fmt.Sprintf("grep -rn %q . --include=*.go", g.message())
	case p < 97:
		return g.pick(multiline)
	case p < 98:
		return fmt.Sprintf("find . -name '*.%s' -mtime +%d", words[g.r.IntN(len(words))], g.r.IntN(30))
	default:
		return g.pick(destructive)
	}
}

// Write writes n commands in format to w, deterministically for seed.
func Write(w io.Writer, format string, n int, seed uint64) error {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	bw := bufio.NewWriterSize(w, 1<<16)
	t := int64(1700000000)
	session := fmt.Sprintf("%08x-0000-4000-8000-%012x", seed, seed)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if format == "codex" {
		enc.Encode(map[string]any{"timestamp": "2026-01-12T10:00:00.000Z", "type": "session_meta",
			"payload": map[string]any{"id": session, "cwd": "/home/user/src/api", "cli_version": "0.77.0"}})
	}
	for i := 0; i < n; i++ {
		t += 1 + int64(g.r.IntN(120))
		c := g.command()
		ts := fmt.Sprintf("2026-01-%02dT%02d:%02d:%02d.000Z", 1+(i/86400)%28, (i/3600)%24, (i/60)%60, i%60)
		var err error
		switch format {
		case "bash":
			_, err = fmt.Fprintf(bw, "#%d\n%s\n", t, c)
		case "zsh":
			_, err = fmt.Fprintf(bw, ": %d:%d;%s\n", t, g.r.IntN(10), strings.ReplaceAll(c, "\n", "\\\n"))
		case "fish":
			esc := strings.ReplaceAll(strings.ReplaceAll(c, `\`, `\\`), "\n", `\n`)
			_, err = fmt.Fprintf(bw, "- cmd: %s\n  when: %d\n", esc, t)
		case "plain":
			_, err = fmt.Fprintf(bw, "%s\n", strings.ReplaceAll(c, "\n", "; "))
		case "claude":
			id := fmt.Sprintf("toolu_%d", i)
			err = enc.Encode(map[string]any{"parentUuid": nil, "isSidechain": false, "type": "assistant",
				"cwd": "/home/user/src/api", "sessionId": session, "timestamp": ts, "version": "2.1.5",
				"message": map[string]any{"role": "assistant", "content": []any{
					map[string]any{"type": "tool_use", "id": id, "name": "Bash", "input": map[string]any{"command": c, "description": "run it"}},
				}}})
			if err == nil {
				err = enc.Encode(map[string]any{"type": "user", "cwd": "/home/user/src/api", "sessionId": session, "timestamp": ts,
					"message": map[string]any{"role": "user", "content": []any{
						map[string]any{"type": "tool_result", "tool_use_id": id, "content": strings.Repeat("output line\n", 1+g.r.IntN(20))},
					}}})
			}
		case "codex":
			args, _ := json.Marshal(map[string]any{"command": []string{"bash", "-lc", c}, "workdir": "/home/user/src/api"})
			err = enc.Encode(map[string]any{"timestamp": ts, "type": "response_item",
				"payload": map[string]any{"type": "function_call", "name": "shell", "arguments": string(args), "call_id": fmt.Sprintf("call_%d", i)}})
			if err == nil {
				err = enc.Encode(map[string]any{"timestamp": ts, "type": "response_item",
					"payload": map[string]any{"type": "function_call_output", "call_id": fmt.Sprintf("call_%d", i), "output": strings.Repeat("output line\n", 1+g.r.IntN(20))}})
			}
		default:
			return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
		}
		if err != nil {
			return err
		}
	}
	return bw.Flush()
}
