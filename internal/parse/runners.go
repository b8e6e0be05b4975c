package parse

import (
	"sort"
	"strings"
)

// runner describes a program that runs a command given on its own command
// line: a wrapper such as nice or sudo, a package runner such as npx, a
// secret injector such as op run, or a remote runner such as heroku run.
// What it runs is analysed as a command; code it runs that cannot be known
// is dynamic code. The runners table holds them, so that a new one is a
// line of data.
type runner struct {
	// spec says which options take a value, how many operands come before
	// the command (timeout's duration), and whether NAME=value words may.
	spec
	// stop are options with which nothing runs: chrt -p PID changes a
	// running process.
	stop []string
	// code are options whose value is shell code: doppler run --command.
	code []string
	// shell reports that the command words are joined with spaces and run
	// as shell code, as ssh runs them; shellIf are options that make them
	// so (entr -s).
	shell   bool
	shellIf []string
	// each reports that every operand is a command of its own
	// (hyperfine 'a' 'b').
	each bool
	// argsOnly reports that the words after the options are not a command
	// (vagrant ssh NAME -c CMD): only the code options run anything.
	argsOnly bool
	// remote names where the command runs when it is not this machine:
	// "heroku", "fly". target are the options whose value names the app or
	// machine; targetOperand reports that the first operand does.
	remote        string
	target        []string
	targetOperand bool
	// home reports that the command starts in the remote user's home
	// directory, as over ssh.
	home bool
	// stdin reports that, with no command, a shell reads its commands from
	// stdin, as a remote login does.
	stdin bool
	// builtins are the program's own subcommands: any other first operand
	// is a program it runs (pnpm eslint, yarn prisma).
	builtins []string
	// lang is set when what runs is code in that language, not a command:
	// rails runner CODE.
	lang string
	// fn names the function that handles a runner whose grammar is more
	// than this data can say.
	fn runnerFn
}

// Option lists shared by several runners.
var (
	userOpt       = []string{"--user"}
	systemdRunOpt = []string{"--property", "--setenv", "--unit", "--description", "--slice", "--uid", "--gid",
		"--working-directory", "--machine", "--host", "--on-calendar", "--on-active", "--on-boot", "--on-startup",
		"--on-unit-active", "--on-unit-inactive", "--timer-property", "--path-property", "--socket-property",
		"--nice", "--service-type", "--capsule"}
	uvRunOpt = []string{"--with", "--python", "--project", "--directory", "--env-file", "--extra", "--group",
		"--package", "--with-requirements", "--with-editable", "--index", "--index-url", "--extra-index-url",
		"--from", "--cache-dir", "--config-file", "--default-index", "--find-links", "--only-group", "--no-group"}
	pnpmCommands = []string{"add", "audit", "bin", "cache", "config", "c", "create", "dedupe", "deploy", "dlx",
		"doctor", "env", "exec", "fetch", "i", "import", "init", "install", "install-test", "it", "licenses",
		"link", "ln", "list", "ls", "la", "ll", "outdated", "pack", "patch", "patch-commit", "patch-remove",
		"prune", "publish", "rb", "rebuild", "recursive", "m", "multi", "remove", "rm", "uninstall", "un",
		"unlink", "root", "run", "run-script", "server", "setup", "start", "store", "t", "test", "tst", "up",
		"update", "upgrade", "why", "self-update", "help", "approve-builds", "ignored-builds", "cat-file",
		"cat-index", "find-hash", "completion", "login", "logout", "adduser", "whoami", "version", "docs",
		"home", "view", "info", "show", "search", "owner", "dist-tag", "access", "team", "token", "star",
		"stars", "unstar", "ping", "profile", "pkg", "sbom", "catalog", "node"}
	yarnCommands = []string{"add", "audit", "autoclean", "bin", "cache", "check", "config", "create", "dedupe",
		"dlx", "exec", "explain", "generate-lock-entry", "global", "help", "import", "info", "init", "install",
		"licenses", "link", "list", "login", "logout", "node", "npm", "outdated", "owner", "pack", "patch",
		"patch-commit", "plugin", "policies", "publish", "rebuild", "remove", "run", "search", "set", "stage",
		"tag", "team", "test", "unlink", "unplug", "up", "upgrade", "upgrade-interactive", "version",
		"versions", "why", "workspace", "workspaces", "constraints", "start", "sdks"}
	bunCommands = []string{"add", "a", "build", "create", "c", "exec", "i", "init", "install", "link",
		"outdated", "patch", "patch-commit", "pm", "publish", "remove", "rm", "run", "test", "unlink",
		"update", "upgrade", "x", "why", "audit", "info", "repl", "completions", "discord", "help",
		"getcompletes", "feedback", "r"}
)

// runners are the programs that run a command, by program name and the
// subcommand words that make them one: "uv run", "fly ssh console".
// runnerTable lists the programs that run a command, by program name and
// the subcommand words that make them one ("uv run", "fly ssh console"),
// sorted by key so that it is searched without being built at start-up.
var runnerTable = []runnerEntry{
	{"ansible", runner{fn: fnAnsible, remote: "ansible"}},
	{"artisan tinker", runner{spec: spec{long: []string{"--execute", "--env"}}, lang: "php", fn: fnCodeShell}},
	{"asdf exec", runner{}},
	{"assume", runner{spec: spec{long: []string{"--exec"}}, code: []string{"--exec", "-x"}, argsOnly: true}},
	{"aws ecs execute-command", runner{spec: spec{long: []string{"--cluster", "--task", "--container", "--command", "--region", "--profile"}}, code: []string{"--command"}, argsOnly: true, remote: "ecs task", target: []string{"--task"}}},
	{"aws ssm send-command", runner{fn: fnSsmSendCommand, remote: "aws ssm"}},
	{"aws-vault exec", runner{spec: spec{short: "dr", long: []string{"--duration", "--region", "--mfa-token", "--backend", "--prompt", "--keychain"}, operands: 1}}},
	{"az ssh vm", runner{home: true, spec: spec{short: "gnu", long: []string{"--resource-group", "--name", "--ip", "--local-user", "--port", "--private-key-file", "--public-key-file", "--certificate-file", "--resource-type"}}, shell: true, remote: "az vm", target: []string{"-n", "--name"}}},
	{"az vm run-command create", runner{fn: fnAzRunCommand, remote: "az vm"}},
	{"az vm run-command invoke", runner{fn: fnAzRunCommand, remote: "az vm"}},
	{"az vmss run-command invoke", runner{fn: fnAzRunCommand, remote: "az vmss"}},
	{"berglas exec", runner{spec: spec{long: []string{"--local"}}}},
	{"builtin", runner{}},
	{"bun", runner{spec: spec{long: []string{"--cwd", "--config", "--env-file", "--filter", "--preload", "--require", "--tsconfig-override"}}, builtins: bunCommands, fn: fnBun}},
	{"bun exec", runner{shell: true}},
	{"bun x", runner{spec: spec{short: "p", long: []string{"--package"}}}},
	{"bundle exec", runner{spec: spec{long: []string{"--gemfile"}}}},
	{"bunx", runner{spec: spec{short: "p", long: []string{"--package"}}}},
	{"caffeinate", runner{spec: spec{short: "wt"}}},
	{"cargo run", runner{fn: fnCargoRun}},
	{"catchsegv", runner{}},
	{"ccache", runner{}},
	{"cf ssh", runner{spec: spec{short: "ciLk", long: []string{"--command", "--app-instance-index", "--process"}, operands: 1}, code: []string{"-c", "--command"}, argsOnly: true, stdin: true, remote: "cf", targetOperand: true}},
	{"cgexec", runner{spec: spec{short: "g"}}},
	{"chamber exec", runner{spec: spec{short: "b", long: []string{"--backend"}, dash: true}}},
	{"chpst", runner{spec: spec{short: "ugUe/n:lLmdofpcr"}}},
	{"chronic", runner{}},
	{"chroot", runner{spec: spec{long: []string{"--userspec", "--groups"}, operands: 1}}},
	{"chrt", runner{spec: spec{operands: 1}, stop: []string{"-p", "--pid"}}},
	{"clush", runner{home: true, spec: spec{short: "wxgXlfuOtRb"}, shell: true, remote: "clush", target: []string{"-w", "-g"}}},
	{"colima ssh", runner{spec: spec{short: "p", long: []string{"--profile"}}, remote: "colima"}},
	{"conda run", runner{spec: spec{short: "np", long: []string{"--name", "--prefix", "--cwd"}}}},
	{"consul exec", runner{spec: spec{singleDash: true, long: []string{"-node", "-service", "-tag", "-prefix", "-datacenter", "-http-addr", "-token", "-token-file", "-wait", "-wait-repl", "-ca-file", "-ca-path", "-client-cert", "-client-key", "-tls-server-name"}}, shell: true, remote: "consul", target: []string{"-node", "-service"}}},
	{"cpulimit", runner{spec: spec{short: "lpe", long: []string{"--limit", "--pid", "--exe"}}, stop: []string{"-p", "--pid", "-e", "--exe"}}},
	{"dbus-launch", runner{spec: spec{long: []string{"--config-file", "--autolaunch"}}}},
	{"dbus-run-session", runner{spec: spec{long: []string{"--config-file", "--dbus-daemon"}}}},
	{"devbox run", runner{spec: spec{short: "c", long: []string{"--config", "--environment", "--env-file"}}}},
	{"direnv exec", runner{spec: spec{operands: 1}}},
	{"distrobox enter", runner{spec: spec{short: "na", long: []string{"--name", "--additional-flags"}, dash: true}}},
	{"django-admin shell", runner{spec: spec{short: "ci", long: []string{"--command", "--interface", "--settings", "--pythonpath"}}, lang: "python", fn: fnCodeShell}},
	{"doas", runner{spec: spec{short: "uC"}}},
	{"docker-machine ssh", runner{home: true, spec: spec{operands: 1}, shell: true, remote: "docker-machine", targetOperand: true, stdin: true}},
	{"doctl compute ssh", runner{spec: spec{long: []string{"--ssh-command", "--ssh-key-path", "--ssh-user", "--ssh-port", "--context", "--access-token"}, operands: 1}, code: []string{"--ssh-command"}, argsOnly: true, remote: "droplet", targetOperand: true}},
	{"dokku run", runner{spec: spec{operands: 1}, remote: "dokku", targetOperand: true}},
	{"doppler run", runner{spec: spec{short: "pc", long: []string{"--project", "--config", "--token", "--name-transformer", "--mount", "--mount-format", "--mount-template", "--command", "--fallback", "--scope"}}, code: []string{"--command"}}},
	{"dotenv", runner{spec: spec{short: "evcf", long: []string{"--env-file", "-f", "--file"}, assigns: true}}},
	{"dotenv run", runner{spec: spec{long: []string{"--override"}}}},
	{"dotenvx", runner{spec: spec{short: "fe", long: []string{"--env-file", "--env"}}}},
	{"dotenvx run", runner{spec: spec{short: "fe", long: []string{"--env-file", "--env", "--env-keys-file", "--convention"}}}},
	{"dotnet run", runner{fn: fnDotnetRun}},
	{"dumb-init", runner{spec: spec{short: "r", long: []string{"--rewrite"}}}},
	{"eatmydata", runner{}},
	{"eb ssh", runner{spec: spec{short: "ne", long: []string{"--number", "--command", "--profile", "--region", "--instance"}}, code: []string{"--command"}, argsOnly: true, remote: "elastic beanstalk"}},
	{"entr", runner{spec: spec{short: ""}, shellIf: []string{"-s"}}},
	{"envchain", runner{spec: spec{operands: 1}, stop: []string{"--set", "-s", "--list", "-l", "--unset"}}},
	{"envconsul", runner{spec: spec{singleDash: true, long: []string{"-prefix", "-secret", "-config", "-consul-addr", "-vault-addr", "-consul-token", "-vault-token", "-log-level", "-kill-signal", "-exec", "-exec-kill-timeout", "-exec-splay", "-service", "-wait", "-max-stale"}}}},
	{"envdir", runner{spec: spec{operands: 1}}},
	{"exec", runner{spec: spec{short: "a"}}},
	{"fakeroot", runner{spec: spec{short: "ils", long: []string{"--lib", "--faked"}}}},
	{"faketime", runner{spec: spec{short: "f", operands: 1}}},
	{"firejail", runner{spec: spec{long: userOpt}}},
	{"flatpak-spawn", runner{spec: spec{long: []string{"--env", "--forward-fd", "--directory", "--app-path", "--usr-path"}}}},
	{"flox activate", runner{fn: fnNixCommand}},
	{"fly machine exec", runner{spec: spec{short: "ac", long: flyOpt}, shell: true, remote: "fly", target: []string{"-a", "--app"}, fn: fnFlyMachineExec}},
	{"fly ssh console", runner{spec: spec{short: "aCurco", long: flyOpt}, code: []string{"-C", "--command"}, argsOnly: true, stdin: true, remote: "fly", target: []string{"-a", "--app"}}},
	{"flyctl machine exec", runner{spec: spec{short: "ac", long: flyOpt}, shell: true, remote: "fly", target: []string{"-a", "--app"}, fn: fnFlyMachineExec}},
	{"flyctl ssh console", runner{spec: spec{short: "aCurco", long: flyOpt}, code: []string{"-C", "--command"}, argsOnly: true, stdin: true, remote: "fly", target: []string{"-a", "--app"}}},
	{"gcloud alpha cloud-shell ssh", runner{spec: spec{long: gcloudSSHOpt}, code: []string{"--command"}, shell: true, remote: "gcloud cloud-shell"}},
	{"gcloud beta compute ssh", runner{home: true, spec: spec{long: gcloudSSHOpt, operands: 1}, code: []string{"--command"}, shell: true, remote: "gcloud compute ssh", targetOperand: true, stdin: true}},
	{"gcloud cloud-shell ssh", runner{spec: spec{long: gcloudSSHOpt}, code: []string{"--command"}, shell: true, remote: "gcloud cloud-shell"}},
	{"gcloud compute ssh", runner{home: true, spec: spec{long: gcloudSSHOpt, operands: 1}, code: []string{"--command"}, shell: true, remote: "gcloud compute ssh", targetOperand: true, stdin: true}},
	{"gcloud compute tpus tpu-vm ssh", runner{home: true, spec: spec{long: gcloudSSHOpt, operands: 1}, code: []string{"--command"}, shell: true, remote: "gcloud tpu-vm ssh", targetOperand: true}},
	{"gdb", runner{fn: fnGdb}},
	{"gh codespace ssh", runner{spec: spec{short: "cR", long: []string{"--codespace", "--repo", "--profile", "--server-port", "--config"}, dash: true}, shell: true, remote: "codespace", target: []string{"-c", "--codespace"}}},
	{"go run", runner{fn: fnGoRun}},
	{"goenv exec", runner{}},
	{"gosu", runner{spec: spec{operands: 1}}},
	{"granted exec", runner{}},
	{"grc", runner{}},
	{"gstdbuf", runner{spec: spec{short: "ioe", long: []string{"--input", "--output", "--error"}}}},
	{"gtimeout", runner{spec: spec{short: "ks", long: []string{"--kill-after", "--signal"}, operands: 1}}},
	{"hatch run", runner{}},
	{"hcloud server ssh", runner{home: true, spec: spec{short: "ui", long: []string{"--user", "--port", "--context"}, operands: 1}, shell: true, remote: "hcloud", targetOperand: true, stdin: true}},
	{"heroku pg:psql", runner{spec: spec{short: "arcf", long: []string{"--app", "--remote", "--command", "--file", "--credential"}}, remote: "heroku", target: []string{"-a", "--app"}, fn: fnHerokuPsql}},
	{"heroku run", runner{spec: spec{short: "arse", long: []string{"--app", "--remote", "--size", "--env", "--type"}}, shell: true, remote: "heroku", target: []string{"-a", "--app"}}},
	{"heroku run:detached", runner{spec: spec{short: "arse", long: []string{"--app", "--remote", "--size", "--env", "--type"}}, shell: true, remote: "heroku", target: []string{"-a", "--app"}}},
	{"heroku run:inside", runner{spec: spec{short: "ar", long: []string{"--app", "--remote"}, operands: 1}, shell: true, remote: "heroku", target: []string{"-a", "--app"}}},
	{"hyperfine", runner{spec: spec{short: "wmMrspcPDLSunNi", long: []string{"--warmup", "--min-runs", "--max-runs", "--runs",
		"--setup", "--prepare", "--cleanup", "--conclude", "--parameter-scan", "--parameter-step-size",
		"--parameter-list", "--shell", "--time-unit", "--export-asciidoc", "--export-csv", "--export-json",
		"--export-markdown", "--export-orgmode", "--output", "--style", "--sort", "--command-name", "--input"}},
		code: []string{"-s", "--setup", "-p", "--prepare", "-c", "--cleanup", "--conclude"}, shell: true, each: true}},
	{"ifne", runner{}},
	{"incus exec", runner{spec: spec{long: []string{"--env", "--cwd", "--user", "--group", "--mode"}, operands: 1}, remote: "container", targetOperand: true}},
	{"infisical run", runner{spec: spec{long: []string{"--env", "--projectId", "--path", "--token", "--domain", "--tags", "--command", "--watch-interval"}}, code: []string{"--command"}}},
	{"ionice", runner{spec: spec{short: "cn", long: []string{"--class", "--classdata"}}, stop: []string{"-p", "-P", "-u", "--pid", "--pgid", "--uid"}}},
	{"ip netns exec", runner{spec: spec{operands: 1}}},
	{"kamal app exec", runner{spec: spec{short: "dr", long: []string{"--destination", "--roles", "--hosts", "--config-file", "--version"}}, shell: true, remote: "kamal"}},
	{"limactl shell", runner{spec: spec{long: []string{"--workdir", "--shell"}, operands: 1}, remote: "lima", targetOperand: true}},
	{"lldb", runner{fn: fnGdb}},
	{"ltrace", runner{spec: spec{short: "aAeDFlnosuwxL", long: []string{"--output", "--library", "--indent", "--align"}}, stop: []string{"-p"}}},
	{"lxc exec", runner{spec: spec{long: []string{"--env", "--cwd", "--user", "--group", "--mode"}, operands: 1}, remote: "container", targetOperand: true}},
	{"machinectl shell", runner{spec: spec{short: "E", long: []string{"--setenv", "--uid"}, operands: 1}, remote: "machine", targetOperand: true}},
	{"mamba run", runner{spec: spec{short: "np", long: []string{"--name", "--prefix", "--cwd"}}}},
	{"manage.py shell", runner{spec: spec{short: "ci", long: []string{"--command", "--interface", "--settings", "--pythonpath"}}, lang: "python", fn: fnCodeShell}},
	{"micromamba run", runner{spec: spec{short: "np", long: []string{"--name", "--prefix", "--cwd"}}}},
	{"minikube ssh", runner{home: true, spec: spec{short: "pn", long: []string{"--profile", "--node"}}, shell: true, remote: "minikube", stdin: true}},
	{"mise exec", runner{spec: spec{short: "Cj", long: []string{"--cd", "--jobs", "--command"}}, code: []string{"-c", "--command"}}},
	{"mise x", runner{spec: spec{short: "Cj", long: []string{"--cd", "--jobs", "--command"}}, code: []string{"-c", "--command"}}},
	{"mosh", runner{home: true, spec: spec{short: "p", long: []string{"--ssh", "--port", "--predict", "--server", "--client", "--family", "--bind-server", "--experimental-remote-ip"}, operands: 1}, remote: "mosh", targetOperand: true, code: []string{"--ssh"}}},
	{"multipass exec", runner{spec: spec{short: "d", long: []string{"--working-directory"}, operands: 1}, remote: "multipass", targetOperand: true}},
	{"nice", runner{spec: spec{short: "n", long: []string{"--adjustment"}}}},
	{"nix develop", runner{fn: fnNixCommand}},
	{"nix shell", runner{fn: fnNixCommand}},
	{"nix-shell", runner{spec: spec{short: "pIAE", long: []string{"--run", "--command", "--packages", "--attr", "--arg", "--argstr", "--expr", "--include"}}, code: []string{"--run", "--command"}, argsOnly: true}},
	{"nocache", runner{}},
	{"nodemon", runner{spec: spec{short: "wexdsCV", long: []string{"--exec", "--watch", "--ext", "--ignore", "--delay", "--signal", "--config", "--spawn"}}, code: []string{"-x", "--exec"}, argsOnly: true}},
	{"nodenv exec", runner{}},
	{"nohup", runner{}},
	{"npm exec", runner{spec: spec{short: "pcw", long: []string{"--package", "--call", "--workspace"}}, code: []string{"-c", "--call"}}},
	{"npm run", runner{spec: spec{short: "w", long: []string{"--workspace"}}, fn: fnScriptAlias}},
	{"npm run-script", runner{spec: spec{short: "w", long: []string{"--workspace"}}, fn: fnScriptAlias}},
	{"npm x", runner{spec: spec{short: "pcw", long: []string{"--package", "--call", "--workspace"}}, code: []string{"-c", "--call"}}},
	{"npx", runner{spec: spec{short: "pc", long: []string{"--package", "--call", "--cache", "--userconfig", "--registry", "-w", "--workspace"}}, code: []string{"-c", "--call"}}},
	{"nq", runner{spec: spec{short: "c"}}},
	{"nsenter", runner{spec: spec{short: "tSGrwe", long: []string{"--target", "--setuid", "--setgid", "--env"}}}},
	{"numactl", runner{spec: spec{short: "iNmpCP", long: []string{"--interleave", "--cpunodebind", "--membind", "--preferred", "--physcpubind", "--localalloc", "--preferred-many", "--weighted-interleave"}}, stop: []string{"-s", "--show", "-H", "--hardware"}}},
	{"oc rsh", runner{spec: spec{short: "c", long: []string{"--container", "--shell", "--timeout"}, operands: 1}, remote: "pod", targetOperand: true}},
	{"op run", runner{spec: spec{long: []string{"--env-file", "--environment", "--account", "--cache", "--config", "--encoding", "--session"}}}},
	{"parallel-ssh", runner{home: true, spec: spec{short: "hHlpotOxX", long: []string{"--hosts", "--host", "--user", "--par", "--outdir", "--errdir", "--timeout", "--option", "--extra-args", "--extra-arg"}}, shell: true, remote: "pssh", target: []string{"-H", "--host", "-h", "--hosts"}}},
	{"pdm run", runner{spec: spec{short: "pL", long: []string{"--project", "--lockfile", "--venv"}}}},
	{"pdsh", runner{home: true, spec: spec{short: "wxgXRlutfFN"}, shell: true, remote: "pdsh", target: []string{"-w"}}},
	{"perf record", runner{spec: spec{short: "eoGcCFmp", long: []string{"--event", "--output", "--count", "--cpu", "--freq", "--call-graph"}}, stop: []string{"-p", "--pid", "-a"}}},
	{"perf stat", runner{spec: spec{short: "eoGIprtx", long: []string{"--event", "--output", "--repeat", "--cpu", "--delay"}}}},
	{"pipenv run", runner{}},
	{"pipx run", runner{spec: spec{long: []string{"--spec", "--python", "--index-url", "--pip-args"}}}},
	{"pixi exec", runner{spec: spec{short: "sc", long: []string{"--spec", "--channel"}}}},
	{"pixi run", runner{spec: spec{short: "e", long: []string{"--environment", "--manifest-path"}}}},
	{"pkexec", runner{spec: spec{long: userOpt}}},
	{"pnpm", runner{spec: spec{short: "CF", long: []string{"--dir", "--filter", "--workspace-root", "--reporter", "--loglevel", "--config"}}, builtins: pnpmCommands}},
	{"pnpm dlx", runner{spec: spec{short: "p", long: []string{"--package"}}, shellIf: []string{"-c", "--shell-mode"}}},
	{"pnpm exec", runner{spec: spec{short: "C", long: []string{"--dir", "--filter", "--reporter"}}, shellIf: []string{"-c", "--shell-mode"}}},
	{"pnpm run", runner{spec: spec{short: "C", long: []string{"--dir", "--filter"}}, fn: fnScriptAlias}},
	{"pnpx", runner{spec: spec{short: "pc", long: []string{"--package", "--call"}}, code: []string{"-c", "--call"}}},
	{"poetry run", runner{spec: spec{short: "CP", long: []string{"--directory", "--project"}}}},
	{"prlimit", runner{stop: []string{"-p", "--pid"}}},
	{"proxychains", runner{spec: spec{short: "f"}}},
	{"proxychains4", runner{spec: spec{short: "f"}}},
	{"pssh", runner{home: true, spec: spec{short: "hHlpotOxX", long: []string{"--hosts", "--host", "--user", "--par", "--outdir", "--errdir", "--timeout", "--option", "--extra-args", "--extra-arg"}}, shell: true, remote: "pssh", target: []string{"-H", "--host", "-h", "--hosts"}}},
	{"pyenv exec", runner{}},
	{"rails c", runner{spec: spec{short: "e", long: []string{"--environment"}}, lang: "ruby", fn: fnCodeShell}},
	{"rails console", runner{spec: spec{short: "e", long: []string{"--environment"}}, lang: "ruby", fn: fnCodeShell}},
	{"rails r", runner{spec: spec{short: "e", long: []string{"--environment"}}, lang: "ruby"}},
	{"rails runner", runner{spec: spec{short: "e", long: []string{"--environment"}}, lang: "ruby"}},
	{"railway run", runner{spec: spec{short: "se", long: []string{"--service", "--environment"}}}},
	{"railway ssh", runner{spec: spec{short: "pse", long: []string{"--project", "--service", "--environment", "--deployment-instance"}}, shell: true, stdin: true, remote: "railway", target: []string{"-s", "--service"}}},
	{"rbenv exec", runner{}},
	{"rlwrap", runner{spec: spec{short: "aAbCDefFgHlnOopPqsSt"}}},
	{"runcon", runner{spec: spec{short: "turl", long: []string{"--type", "--user", "--role", "--range"}}}},
	{"rye run", runner{}},
	{"s6-setuidgid", runner{spec: spec{operands: 1}}},
	{"salt", runner{fn: fnSalt, remote: "salt"}},
	{"saml2aws exec", runner{spec: spec{short: "a", long: []string{"--idp-account", "--profile", "--exec-profile"}}}},
	{"sandbox-exec", runner{spec: spec{short: "fpD"}}},
	{"sccache", runner{}},
	{"schroot", runner{spec: spec{short: "cudr", long: []string{"--chroot", "--user", "--directory", "--run-session"}}}},
	{"script", runner{spec: spec{short: "cEIOBTm", long: []string{"--command", "--echo", "--log-in", "--log-out", "--log-io", "--log-timing", "--logging-format"}}, code: []string{"-c", "--command"}, argsOnly: true}},
	{"setpriv", runner{spec: spec{long: []string{"--reuid", "--regid", "--ruid", "--euid", "--rgid", "--egid", "--groups",
		"--inh-caps", "--ambient-caps", "--bounding-set", "--securebits", "--selinux-label", "--apparmor-profile",
		"--pdeathsig", "--landlock-access", "--landlock-rule", "--seccomp-filter"}}}},
	{"setsid", runner{}},
	{"setuidgid", runner{spec: spec{operands: 1}}},
	{"sops exec-env", runner{spec: spec{long: []string{"--user", "--input-type"}, operands: 1}, shell: true}},
	{"sops exec-file", runner{spec: spec{long: []string{"--user", "--input-type", "--output-type", "--filename"}, operands: 1}, shell: true}},
	{"ssh-agent", runner{spec: spec{short: "aEPt"}, stop: []string{"-k", "-s", "-c", "-D", "-d"}}},
	{"sshpass", runner{spec: spec{short: "pfdP"}}},
	{"stdbuf", runner{spec: spec{short: "ioe", long: []string{"--input", "--output", "--error"}}}},
	{"strace", runner{spec: spec{short: "abeEIoOPsSuUX", long: []string{"--output", "--expr", "--trace", "--signal",
		"--status", "--env", "--user", "--string-limit", "--columns", "--summary-sort-by", "--trace-path",
		"--detach-on", "--decode-fds", "--quiet", "--stack-trace-frame-filter", "--seccomp-bpf"}}, stop: []string{"-p", "--attach"}}},
	{"su-exec", runner{spec: spec{operands: 1}}},
	{"summon", runner{spec: spec{short: "pfDe", long: []string{"--provider", "--yaml", "--environment", "--up"}}}},
	{"systemd-run", runner{spec: spec{short: "pEuMGsH", long: systemdRunOpt}}},
	{"taskset", runner{spec: spec{operands: 1}, stop: []string{"-p", "--pid"}}},
	{"teller run", runner{spec: spec{short: "c", long: []string{"--config"}}}},
	{"time", runner{spec: spec{short: "fo", long: []string{"--format", "--output"}}}},
	{"timeout", runner{spec: spec{short: "ks", long: []string{"--kill-after", "--signal"}, operands: 1}}},
	{"tini", runner{spec: spec{short: "pel"}}},
	{"toolbox run", runner{spec: spec{short: "cdr", long: []string{"--container", "--distro", "--release"}}}},
	{"torsocks", runner{spec: spec{short: "uPpa", long: []string{"--user", "--pass", "--port", "--address"}}}},
	{"trickle", runner{spec: spec{short: "udwtlns"}}},
	{"tsh ssh", runner{home: true, spec: spec{short: "lpLRJAi", long: []string{"--login", "--port", "--proxy", "--cluster", "--user", "--forward", "--remote-forward"}, operands: 1}, shell: true, remote: "tsh", targetOperand: true, stdin: true}},
	{"tsocks", runner{}},
	{"tsp", runner{spec: spec{short: "LNDWE"}}},
	{"unbuffer", runner{}},
	{"unshare", runner{spec: spec{short: "RwSG", long: []string{"--propagation", "--setgroups", "--root", "--wd",
		"--setuid", "--setgid", "--map-user", "--map-group", "--map-users", "--map-groups", "--monotonic", "--boottime"}}}},
	{"uv run", runner{spec: spec{short: "p", long: uvRunOpt}}},
	{"uv tool run", runner{spec: spec{short: "p", long: uvRunOpt}}},
	{"uvx", runner{spec: spec{short: "p", long: uvRunOpt}}},
	{"vagrant ssh", runner{home: true, spec: spec{short: "c", long: []string{"--command"}, operands: 1}, code: []string{"-c", "--command"}, argsOnly: true, stdin: true, remote: "vagrant", targetOperand: true}},
	{"valgrind", runner{}},
	{"vault agent", runner{argsOnly: true}},
	{"vercel env run", runner{spec: spec{short: "e", long: []string{"--environment", "--git-branch"}}}},
	{"watchexec", runner{spec: spec{short: "wefisdEWo", long: []string{"--watch", "--exts", "--filter", "--ignore", "--signal", "--debounce", "--shell", "--env", "--project-origin", "--workdir", "--on-busy-update", "--stop-signal", "--stop-timeout", "--delay-run", "--poll", "--emit-events-to", "--filter-file", "--ignore-file", "--watch-file", "--fs-events", "--wrap-process", "--color", "--timings", "--print-events", "--socket"}}, shell: true}},
	{"with-contenv", runner{}},
	{"xvfb-run", runner{spec: spec{short: "nsfepw", long: []string{"--server-num", "--server-args", "--auth-file", "--error-file", "--xauth-protocol", "--wait"}}}},
	{"yarn", runner{spec: spec{long: []string{"--cwd", "--modules-folder", "--cache-folder", "--mutex"}}, builtins: yarnCommands}},
	{"yarn dlx", runner{spec: spec{short: "p", long: []string{"--package"}}}},
	{"yarn exec", runner{}},
	{"yarn run", runner{spec: spec{short: "T", long: []string{"--top-level", "--require"}}}},
}

var (
	flyOpt       = []string{"--app", "--command", "--user", "--region", "--machine", "--process-group", "--config", "--org", "--address", "--access-token", "--container"}
	gcloudSSHOpt = []string{"--command", "--zone", "--project", "--ssh-key-file", "--ssh-flag", "--strict-host-key-checking",
		"--container", "--worker", "--ssh-key-expiration", "--ssh-key-expire-after", "--troubleshoot", "--account",
		"--configuration", "--impersonate-service-account", "--verbosity", "--region", "--authority"}
)

type runnerEntry struct {
	key string
	r   runner
}

// findRunner returns the runner with the key, and whether some longer
// key starts with key and a space.
func findRunner(key string) (r *runner, longer bool) {
	// By index: an entry is large, and a comparison should not copy it.
	i := sort.Search(len(runnerTable), func(i int) bool { return runnerTable[i].key >= key })
	if i < len(runnerTable) && runnerTable[i].key == key {
		r = &runnerTable[i].r
		i++
	}
	// Keys that go on with a space sort right after key itself.
	longer = i < len(runnerTable) && len(runnerTable[i].key) > len(key) &&
		strings.HasPrefix(runnerTable[i].key, key) && runnerTable[i].key[len(key)] == ' '
	return r, longer
}

// lookupRunner finds the runner the leading words of args make: the
// longest key of the table they spell. It returns the runner, its key and
// the number of words the key takes.
func lookupRunner(args []Word) (*runner, string, int) {
	key := programName(args[0].Value)
	found, longer := findRunner(key)
	if found == nil && !longer {
		return nil, "", 0
	}
	foundKey, foundN := key, 1
	for i := 1; i < len(args) && i < 5 && longer; i++ {
		if args[i].Dynamic {
			break
		}
		key += " " + args[i].Value
		var r *runner
		r, longer = findRunner(key)
		if r != nil {
			found, foundKey, foundN = r, key, i+1
		}
	}
	return found, foundKey, foundN
}

// run looks through a runner found in the table.
func (w *walker) run(c call, r *runner, key string, skip int) {
	s := r.spec
	s.skip = skip
	opts, assigns, at := scan(c.args, s)
	if r.builtins != nil && at < len(c.args) {
		// pnpm -C dir exec x: a subcommand after the options.
		sub := key + " " + c.args[at].Value
		if sr, _ := findRunner(sub); sr != nil {
			w.run(c, sr, sub, at+1)
			return
		}
	}
	if r.fn != fnNone {
		w.special(c, r, opts, at)
		return
	}
	target, shell := "", r.shell
	var code []opt
	for _, o := range opts {
		switch {
		case contains(r.stop, o.name):
			w.record(c)
			return
		case contains(r.code, o.name):
			code = append(code, o)
		case contains(r.target, o.name):
			target = o.value
		case contains(r.shellIf, o.name):
			shell = true
		}
	}
	rest := c.args[at:]
	if r.targetOperand {
		// The first operand names the machine.
		if i := firstOperand(c.args, s); i >= 0 {
			target = c.args[i].Value
		}
	}
	if r.builtins != nil && len(rest) > 0 && contains(r.builtins, rest[0].Value) {
		// pnpm install: the program's own subcommand.
		w.record(c)
		return
	}
	if r.argsOnly {
		rest = nil
	}
	c.assigns = append(c.assigns, assigns...)
	via := wrapperVia(c.args[:at])
	if r.each {
		via = key
	}
	if r.lang != "" {
		// rails runner CODE, or a script file.
		if len(rest) == 1 && strings.HasSuffix(rest[0].Value, ".rb") {
			w.scriptRun(c, key, r.lang, rest[0])
			return
		}
		if len(rest) == 0 {
			w.record(c)
			return
		}
		w.recordCode(c, key, r.lang, joinWords(rest), key)
		return
	}
	if r.remote == "" {
		if len(code) == 0 && len(rest) == 0 {
			w.record(c)
			return
		}
		for _, o := range code {
			w.codeWord(c, Word{Value: o.value, Dynamic: o.dynamic}, key+" "+o.name, c.stdin)
		}
		w.runRest(c, rest, shell, r.each, via)
		return
	}
	// A remote runner: it is recorded itself, and what it runs is
	// analysed as running on the target.
	if r.stdin {
		w.stdinFile(&c)
	}
	if inv := w.record(c); inv != nil && len(rest) > 0 {
		inv.OwnArgs = len(c.args) - len(rest)
	}
	where := r.remote
	if target != "" {
		where += " " + target
	}
	n := w.nested(strings.TrimSpace(key+" "+target), c.pos)
	if r.home {
		n.onHost(where, w.opts.Home)
	} else {
		n.onHost(where, "")
	}
	cc := c
	cc.redirs = nil
	for _, o := range code {
		n.codeWord(cc, Word{Value: o.value, Dynamic: o.dynamic}, "", Input{})
	}
	switch {
	case len(rest) > 0:
		n.runRest(cc, rest, shell, r.each, "")
	case len(code) == 0 && r.stdin && c.stdin.Kind != Inherited:
		// A login shell on the target reads its commands from stdin.
		n.stdinCode(call{args: []Word{{Value: "sh"}}, text: c.text, pos: c.pos, stdin: c.stdin}, key)
	}
}

// firstOperand returns the index in args of the first word that is not an
// option or an option's value, or -1.
func firstOperand(args []Word, s spec) int {
	s.operands = 0
	_, _, at := scan(args, s)
	if at < len(args) {
		return at
	}
	return -1
}

// runRest analyses the words a runner runs: a command, shell code, or a
// command per word.
func (w *walker) runRest(c call, rest []Word, shell, each bool, via string) {
	switch {
	case len(rest) == 0:
	case each:
		for _, a := range rest {
			w.codeWord(c, a, via, Input{})
		}
	case shell:
		w.codeWord(c, joinWords(rest), via, c.stdin)
	case via == "":
		c.args = rest
		w.invoke(c)
	default:
		w.inner(c, rest, via)
	}
}
