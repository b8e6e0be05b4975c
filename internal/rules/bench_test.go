package rules

import "testing"

// benchCommands are typical commands an agent runs, as they reach guard;
// the same list as the parse package's benchmark.
var benchCommands = []struct{ name, cmd string }{
	{"git-status", "git status"},
	{"go-test", "go test ./..."},
	{"claude-wrapped", "source /home/user/.claude/shell-snapshots/snapshot-bash-1.sh 2>/dev/null || true && shopt -u extglob 2>/dev/null || true && eval 'npm run build && npm test' < /dev/null && pwd -P >| /tmp/claude-a1b2-cwd"},
	{"psql-heredoc", "psql \"$DATABASE_URL\" <<'SQL'\nSELECT id, email FROM users WHERE created_at > now() - interval '1 day';\nUPDATE jobs SET state = 'queued' WHERE state = 'stuck';\nSQL"},
	{"curl-graphql", `curl -sS -X POST https://api.example.com/graphql -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d '{"query":"query { viewer { projects { id name } } }"}'`},
	{"rm-build", "rm -rf ./build"},
	{"kubectl-get", "kubectl get pods -n staging -o wide"},
	{"cd-and-build", "cd frontend && npm ci && npm run lint -- --fix"},
	{"find-xargs", "find . -name '*.pyc' -print0 | xargs -0 rm -f"},
	{"ssh-remote", "ssh deploy@app-1 'cd /srv/app && git pull && sudo systemctl restart app'"},
	{"python-inline", `python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' < package.json`},
}

// BenchmarkCheck measures the whole analysis of one command: parsing and
// matching against the embedded rules. The budget is 50µs a command.
func BenchmarkCheck(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	ctx := ExampleContext()
	for _, bc := range benchCommands {
		if d := s.Check(bc.cmd, ctx); d.Action != Allow {
			b.Fatalf("%s: %s %s", bc.name, d.Action, ids(d))
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Check(bc.cmd, ctx)
			}
		})
	}
}
