package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// A migration stepped back once inside a container on this machine's
// engine (docker compose exec web bin/rails db:rollback STEP=1, docker
// exec app php artisan migrate:rollback, docker compose run) is a
// developer undoing the migration they are writing against the
// development database the compose file starts; docker run IMAGE is not,
// as it starts a tool that may reach any database. It passes only when
// nothing in the command could point elsewhere: no engine endpoint or
// context (DOCKER_HOST, -H, --context, docker context use, ssh) in the
// command or guard's environment, no production or staging word and no
// URL anywhere in the command's text, no environment named other than
// development or test, and no nesting other than the container's exec or
// run and the project's launchers (bundle exec) in it.

// containerVias are the nesting words of a program run in a container
// by a local container client.
var containerVias = []string{"docker exec ", "docker run ", "podman exec ", "podman run ",
	"docker-compose exec ", "docker-compose run ", "podman-compose exec ", "podman-compose run "}

// projectLaunchers run a project's own tools inside the container:
// bundle exec rails db:rollback.
var projectLaunchers = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"bundle exec": true, "poetry run": true, "uv run": true, "pipenv run": true,
		"pdm run": true, "npx": true, "pnpm exec": true, "yarn": true, "sh -c": true, "bash -c": true}
}}

// shellNames are the shells whose -c runs a script inside the
// container.
var shellNames = lazy.Value[map[string]bool]{Make: func() map[string]bool {
	return map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true}
}}

// endpointWords in a command's text may send a container client to
// another engine.
const endpointWords = "DOCKER_HOST DOCKER_CONTEXT CONTAINER_HOST CONTAINER_CONNECTION --context --host -H -c --url " +
	"--connection context docker-machine ssh staging stage --env-file env"

// localContainerStep reports whether a migration down runs one step back
// in a container on this machine's engine, with nothing in the command
// pointing at another engine or environment.
func localContainerStep(inv *parse.Invocation, ctx *Context) bool {
	if len(inv.Via) == 0 || !strings.HasPrefix(inv.Remote, "container ") || !oneStepBack(inv) {
		return false
	}
	for i, via := range inv.Via {
		ok := false
		for _, p := range containerVias {
			if strings.HasPrefix(via, p) {
				ok = true
			}
		}
		if i == 0 && via == "sail" {
			// Laravel Sail runs artisan through docker compose exec.
			ok = true
		}
		if !ok && (i == 0 || !projectLaunchers.Get()[via]) {
			return false
		}
		if strings.Contains(via, " run ") && !strings.Contains(ctx.text, "compose") {
			// docker run IMAGE starts a tool, which may reach any database.
			return false
		}
	}
	for e := range strings.FieldsSeq(endpointEnv) {
		if ctx.Env[e] != "" {
			return false
		}
	}
	if hasProdWord(ctx.text) || strings.ContainsAny(ctx.text, "$`") || strings.Contains(ctx.text, "://") ||
		strings.Contains(strings.ToLower(ctx.text), "url") {
		return false
	}
	prev := ""
	for _, w := range strings.Fields(ctx.text) {
		w = strings.Trim(w, "'\";&|()")
		shellC := w == "-c" && shellNames.Get()[prev]
		prev = w
		if shellC {
			// sh -c runs the script in the container; it is not
			// docker's -c (--context).
			continue
		}
		name, val, eq := strings.Cut(w, "=")
		if eq && strings.HasSuffix(strings.ToUpper(name), "ENV") && !isDevWord(val) && !isTestWord(val) {
			return false
		}
		for e := range strings.FieldsSeq(endpointWords) {
			if strings.EqualFold(name, e) || strings.EqualFold(w, e) {
				return false
			}
		}
	}
	return true
}
