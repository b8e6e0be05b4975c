package parse

import (
	"path"
	"strings"
)

// Elixir code run by a release (bin/shop eval CODE, bin/shop rpc CODE),
// by mix run -e CODE or by elixir -e CODE, read as the commands its calls
// stand for: Shop.Release.rollback(Shop.Repo, 0) and Ecto.Migrator.run(Repo,
// :down, all: true) as mix ecto.rollback --all, storage_down as mix
// ecto.drop, File.rm_rf!(path) as rm -rf path, Repo.query!(SQL) as psql -c
// SQL, System.cmd(prog, [args]) as the program itself. What the rules
// judge is those commands; code that calls none of them runs nothing guard
// can tell (bin/shop eval Shop.Release.migrate passes).

// elixirCode returns the Elixir code an invocation runs, when it runs
// some: a release's eval or rpc, mix run -e, elixir -e.
func elixirCode(name string, args []Word) (Word, bool) {
	if len(args) < 3 {
		return Word{}, false
	}
	switch {
	case name == "mix" && args[1].Value == "run", name == "elixir":
		for i := 1; i+1 < len(args); i++ {
			if args[i].Value == "-e" || args[i].Value == "--eval" {
				return args[i+1], true
			}
		}
		return Word{}, false
	case (args[1].Value == "eval" || args[1].Value == "rpc") && releaseBinary(args[0].Value):
		return args[2], true
	}
	return Word{}, false
}

// releaseBinary reports whether p is a release's start script: a path
// whose directory is bin (bin/shop, /app/bin/shop, _build/prod/rel/shop/bin/shop).
func releaseBinary(p string) bool {
	d := path.Dir(p)
	return path.Base(d) == "bin" && !strings.HasPrefix(p, "/usr/") && !strings.HasPrefix(p, "/bin/") && path.Base(p) != "rails"
}

// elixirCommands returns the commands the calls in code stand for, as
// argument lists.
func elixirCommands(code string) [][]string {
	var out [][]string
	quote := byte(0)
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
			continue
		case c == '"' || c == '\'':
			quote = c
			continue
		}
		name, args, ok := elixirCallAt(code, i)
		if !ok {
			continue
		}
		if cmd := elixirCommand(name, args); cmd != nil {
			out = append(out, cmd)
		}
	}
	return out
}

// elixirCallAt reads a call whose opening parenthesis is at i: its
// dotted name before it and its top-level arguments inside.
func elixirCallAt(code string, i int) (name string, args []string, ok bool) {
	if code[i] != '(' {
		return "", nil, false
	}
	j := i
	for j > 0 && elixirNameByte(code[j-1]) {
		j--
	}
	if j == i {
		return "", nil, false
	}
	name = code[j:i]
	depth, quote, start := 0, byte(0), i+1
	for k := i + 1; k < len(code); k++ {
		c := code[k]
		switch {
		case quote != 0:
			if c == '\\' {
				k++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth == 0 {
				if s := strings.TrimSpace(code[start:k]); s != "" {
					args = append(args, s)
				}
				return name, args, true
			}
			depth--
		case c == ',' && depth == 0:
			args = append(args, strings.TrimSpace(code[start:k]))
			start = k + 1
		}
	}
	return "", nil, false
}

func elixirNameByte(c byte) bool {
	return c == '.' || c == '_' || c == '!' || c == '?' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// elixirCommand returns the command one call stands for, or nil.
func elixirCommand(name string, args []string) []string {
	last := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		last = name[i+1:]
	}
	switch last {
	case "rollback":
		if len(args) == 0 {
			return []string{"mix", "ecto.rollback"}
		}
		return elixirRollback(args[len(args)-1], len(args) >= 2)
	case "run":
		// Ecto.Migrator.run(Repo, :down, opts) and run(Repo, path, :down, opts).
		for k, a := range args {
			if a == ":down" {
				if k+1 < len(args) {
					return elixirRollback(args[k+1], false)
				}
				return []string{"mix", "ecto.rollback"}
			}
		}
	case "storage_down":
		return []string{"mix", "ecto.drop"}
	case "rm_rf", "rm_rf!":
		if p, ok := elixirString(args, 0); ok {
			return []string{"rm", "-rf", p}
		}
	case "rm", "rm!":
		if strings.HasPrefix(name, "File.") {
			if p, ok := elixirString(args, 0); ok {
				return []string{"rm", p}
			}
		}
	case "query", "query!":
		// Repo.query!(SQL) and Ecto.Adapters.SQL.query!(Repo, SQL).
		for k := range args {
			if s, ok := elixirString(args, k); ok {
				return []string{"psql", "-c", s}
			}
		}
	case "cmd":
		if strings.HasPrefix(name, "System.") {
			prog, ok := elixirString(args, 0)
			if !ok {
				return nil
			}
			cmd := []string{prog}
			if len(args) > 1 {
				for _, a := range elixirList(args[1]) {
					if s, ok := elixirString([]string{a}, 0); ok {
						cmd = append(cmd, s)
					}
				}
			}
			return cmd
		}
	}
	return nil
}

// elixirRollback returns the mix command a rollback's last argument
// makes: a version of 0, all: true, to: 0 or the version itself for
// everything, step: N or n: N for N steps, another version for --to.
func elixirRollback(arg string, version bool) []string {
	a := strings.TrimSpace(arg)
	switch {
	case a == "0", strings.Contains(a, "all: true"), strings.Contains(a, "to: 0"):
		return []string{"mix", "ecto.rollback", "--all"}
	case strings.HasPrefix(a, "step:") || strings.HasPrefix(a, "n:") || strings.HasPrefix(a, "[step:") || strings.HasPrefix(a, "[n:"):
		_, n, _ := strings.Cut(a, ":")
		return []string{"mix", "ecto.rollback", "--step", strings.Trim(n, " ]")}
	case strings.HasPrefix(a, "to:") || strings.HasPrefix(a, "[to:"):
		_, n, _ := strings.Cut(a, ":")
		return []string{"mix", "ecto.rollback", "--to", strings.Trim(n, " ]")}
	case version && a != "" && strings.Trim(a, "0123456789_") == "":
		return []string{"mix", "ecto.rollback", "--to", a}
	}
	return []string{"mix", "ecto.rollback"}
}

// elixirString returns argument k when it is a plain string literal.
func elixirString(args []string, k int) (string, bool) {
	if k >= len(args) {
		return "", false
	}
	a := args[k]
	if len(a) < 2 || a[0] != '"' || a[len(a)-1] != '"' || strings.Contains(a, "#{") {
		return "", false
	}
	return strings.ReplaceAll(a[1:len(a)-1], `\"`, `"`), true
}

// elixirList returns the items of a list literal [a, b].
func elixirList(a string) []string {
	a = strings.TrimSpace(a)
	if len(a) < 2 || a[0] != '[' || a[len(a)-1] != ']' {
		return nil
	}
	_, items, ok := elixirCallAt("l("+a[1:len(a)-1]+")", 1)
	if !ok {
		return nil
	}
	return items
}

// elixir records an invocation that runs Elixir code and the commands
// its calls stand for.
func (w *walker) elixir(c call, cmds [][]string) {
	w.record(c)
	via := wrapperVia(c.args[:2])
	for _, cmd := range cmds {
		args := make([]Word, len(cmd))
		for i, a := range cmd {
			args[i] = Word{Value: a}
		}
		cc := c
		cc.redirs = nil
		w.inner(cc, args, via)
	}
}
