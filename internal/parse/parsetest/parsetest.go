// Package parsetest holds test data shared by guard's packages: typical
// commands an agent runs, for benchmarks.
package parsetest

// Command is a named command text.
type Command struct {
	Name, Text string
}

// Typical are typical commands an agent runs, as they reach guard: the
// inputs of the parse and rules benchmarks.
var Typical = []Command{
	{Name: "git-status", Text: "git status"},
	{Name: "go-test", Text: "go test ./..."},
	{Name: "claude-wrapped", Text: "source /home/user/.claude/shell-snapshots/snapshot-bash-1.sh 2>/dev/null || true && shopt -u extglob 2>/dev/null || true && eval 'npm run build && npm test' < /dev/null && pwd -P >| /tmp/claude-a1b2-cwd"},
	{Name: "psql-heredoc", Text: "psql \"$DATABASE_URL\" <<'SQL'\nSELECT id, email FROM users WHERE created_at > now() - interval '1 day';\nUPDATE jobs SET state = 'queued' WHERE state = 'stuck';\nSQL"},
	{Name: "curl-graphql", Text: `curl -sS -X POST https://api.example.com/graphql -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d '{"query":"query { viewer { projects { id name } } }"}'`},
	{Name: "rm-build", Text: "rm -rf ./build"},
	{Name: "kubectl-get", Text: "kubectl get pods -n staging -o wide"},
	{Name: "cd-and-build", Text: "cd frontend && npm ci && npm run lint -- --fix"},
	{Name: "find-xargs", Text: "find . -name '*.pyc' -print0 | xargs -0 rm -f"},
	{Name: "ssh-remote", Text: "ssh deploy@app-1 'cd /srv/app && git pull && sudo systemctl restart app'"},
	{Name: "python-inline", Text: `python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' < package.json`},
}
