package parse

// Laravel Sail (vendor/bin/sail) is a script around Docker Compose: its
// artisan, php, composer and node tool commands run in the application
// container, laravel.test, and every other command is docker compose's
// own. sail reads them as what it runs, so that sail composer remove x
// is a dependency removed in a local container, as docker compose exec
// laravel.test composer remove x is, and sail down -v removes the
// project's volumes as docker compose down -v does.

// sailTool returns the tool's words of sail's subcommands that run a
// tool in the application container.
func sailTool(sub string) ([]string, bool) {
	switch sub {
	case "artisan", "art", "a":
		return []string{"php", "artisan"}, true
	case "test", "tinker":
		return []string{"php", "artisan", sub}, true
	case "pest", "pint", "phpunit":
		return []string{"php", "vendor/bin/" + sub}, true
	case "php", "composer", "node", "npm", "npx", "yarn", "pnpm", "pnpx", "bun", "bunx":
		return []string{sub}, true
	}
	return nil, false
}

// sail runs what sail would: a tool in the application container through
// docker compose exec, or docker compose with sail's words. Consoles and
// shells (sail mysql, sail shell) read a person's typing and are recorded
// as sail itself.
func (w *walker) sail(c call, at int) {
	rest := c.args[at:]
	if len(rest) == 0 || rest[0].Dynamic {
		w.record(c)
		return
	}
	var words []Word
	switch sub := rest[0].Value; sub {
	case "shell", "bash", "root-shell", "root-bash", "mysql", "mariadb", "psql", "redis", "valkey", "mongodb", "share", "open", "debug", "dusk", "dusk:fails":
		w.record(c)
		return
	default:
		tool, ok := sailTool(sub)
		if !ok {
			words = append(words, Word{Value: "docker"}, Word{Value: "compose"})
			words = append(words, rest...)
			break
		}
		words = append(words, Word{Value: "docker"}, Word{Value: "compose"}, Word{Value: "exec"}, Word{Value: "laravel.test"})
		for _, t := range tool {
			words = append(words, Word{Value: t})
		}
		words = append(words, rest[1:]...)
	}
	w.inner(c, words, wrapperVia(c.args[:at]))
}
