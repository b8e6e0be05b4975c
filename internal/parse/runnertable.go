package parse

import (
	"strings"
	"sync"
)

// runnerRow is a runner as constant data: runner's fields, with each list
// of words written as one string of words separated by spaces. The table
// of rows is a literal of strings, numbers and booleans only, which the
// compiler lays out in read-only data: a table of runners with slices
// would be data the garbage collector's start-up bitmap covers, which
// cost about 40,000 instructions in every guard process.
type runnerRow struct {
	key        string
	short      string
	long       string
	operands   int
	assigns    bool
	singleDash bool
	dash       bool

	stop, code     string
	shell, quote   bool
	shellIf        string
	each, argsOnly bool
	remote, target string
	targetOperand  bool
	home, stdin    bool
	builtins, lang string
	prog           string
	fn             runnerFn
}

// runnerCount is the number of rows of the table: a row more is a
// compile error until it is raised, and TestRunnerTableSorted finds a row
// less (an empty key at the end).
const runnerCount = 288

// runnerAt returns row i of the table of runners. The rows are the
// programs that run a command, by program name and the subcommand words
// that make them one ("uv run", "fly ssh console"), sorted by key so that
// the table is searched by halves. The literal is indexed where it stands,
// which reads the row from read-only data; a table in a variable would be
// copied whole at every call.
func runnerAt(i int) runnerRow {
	return [runnerCount]runnerRow{
		{key: "acli remote:ssh", operands: 1, shell: true, remote: "acquia", targetOperand: true, home: true},
		{key: "acli ssh", operands: 1, shell: true, remote: "acquia", targetOperand: true, home: true},
		{key: "adb shell", short: "e", shell: true, remote: "android device", stdin: true},
		{key: "ansible", remote: "ansible", fn: fnAnsible},
		{key: "ansible-playbook", remote: "ansible", fn: fnAnsiblePlaybook},
		{key: "artisan tinker", long: "--execute --env", lang: "php", fn: fnCodeShell},
		{key: "asdf exec"},
		{key: "assume", long: "--exec", code: "--exec -x", argsOnly: true},
		{key: "aws ecs execute-command", long: "--cluster --task --container --command --region --profile", code: "--command", argsOnly: true, remote: "ecs task", target: "--task"},
		{key: "aws ssm send-command", remote: "aws ssm", fn: fnSsmSendCommand},
		{key: "aws-vault exec", short: "dr", long: "--duration --region --mfa-token --backend --prompt --keychain", operands: 1},
		{key: "az acr run", short: "rfg", long: "--cmd --registry --file --resource-group --set --set-secret --timeout --platform --agent-pool --auth-mode --log-template --values --subscription --context-access-token", code: "--cmd", argsOnly: true, remote: "acr task", target: "-r --registry"},
		{key: "az acr task create", short: "rgnft", long: "--cmd --registry --resource-group --name --file --context --schedule --set --set-secret --values --timeout --platform --agent-pool --auth-mode --subscription --image --arg --secret-arg --git-access-token --assign-identity --target --status --base-image-trigger-enabled --commit-trigger-enabled --pull-request-trigger-enabled --base-image-trigger-name --base-image-trigger-type --source-acr-auth-id --log-template", code: "--cmd", argsOnly: true, remote: "azure container registry", target: "-r --registry"},
		{key: "az acr task update", short: "rgnft", long: "--cmd --registry --resource-group --name --file --context --schedule --set --set-secret --values --timeout --platform --agent-pool --auth-mode --subscription --image --arg --secret-arg --git-access-token --target --status --base-image-trigger-enabled --commit-trigger-enabled --pull-request-trigger-enabled --base-image-trigger-type --source-acr-auth-id --log-template", code: "--cmd", argsOnly: true, remote: "azure container registry", target: "-r --registry"},
		{key: "az container exec", short: "ng", long: "--exec-command --name --resource-group --container-name --subscription", code: "--exec-command", argsOnly: true, remote: "azure container", target: "-n --name"},
		{key: "az containerapp exec", short: "ng", long: "--command --name --resource-group --container --replica --revision --subscription", code: "--command", argsOnly: true, remote: "azure container app", target: "-n --name"},
		{key: "az ssh vm", short: "gnu", long: "--resource-group --name --ip --local-user --port --private-key-file --public-key-file --certificate-file --resource-type", shell: true, remote: "az vm", target: "-n --name", home: true},
		{key: "az vm run-command create", remote: "az vm", fn: fnAzRunCommand},
		{key: "az vm run-command invoke", remote: "az vm", fn: fnAzRunCommand},
		{key: "az vmss run-command invoke", remote: "az vmss", fn: fnAzRunCommand},
		{key: "balena device ssh", short: "p", long: "--port --tty --verbose", operands: 1, shell: true, remote: "balena", targetOperand: true, home: true, stdin: true},
		{key: "balena ssh", short: "p", long: "--port", operands: 1, shell: true, remote: "balena", targetOperand: true, home: true, stdin: true},
		{key: "berglas exec", long: "--local"},
		{key: "bolt command run", short: "tuqp", long: "--targets --query --user --password --run-as --concurrency --inventoryfile --project --modulepath --transport", shell: true, remote: "bolt", target: "-t --targets", home: true},
		{key: "bsub", long: "-q -J -n -o -e -oo -eo -W -R -M -P -G -m -u -w -i -cwd -app -gpu -g -sla -b -E -Ep -L -Lp -k -F -D -S -v -c -C -T -U -Jd -sp -ext -rn -rnc -We -outdir -data -env -hostfile -jsdl -pack -ptl -tty -XF", singleDash: true},
		{key: "builtin"},
		{key: "bun", long: "--cwd --config --env-file --filter --preload --require --tsconfig-override", builtins: "add a build create c exec i init install link outdated patch patch-commit pm publish remove rm run test unlink update upgrade x why audit info repl completions discord help getcompletes feedback r", fn: fnBun},
		{key: "bun exec", shell: true},
		{key: "bun x", short: "p", long: "--package"},
		{key: "bundle exec", long: "--gemfile"},
		{key: "bunx", short: "p", long: "--package"},
		{key: "caffeinate", short: "wt"},
		{key: "cargo run", fn: fnCargoRun},
		{key: "catchsegv"},
		{key: "ccache"},
		{key: "cf ssh", short: "ciLk", long: "--command --app-instance-index --process", operands: 1, code: "-c --command", argsOnly: true, remote: "cf", targetOperand: true, stdin: true},
		{key: "cgexec", short: "g"},
		{key: "chamber exec", short: "b", long: "--backend", dash: true},
		{key: "chpst", short: "ugUe/n:lLmdofpcr"},
		{key: "chronic"},
		{key: "chroot", long: "--userspec --groups", operands: 1},
		{key: "chrt", operands: 1, stop: "-p --pid"},
		{key: "cli", short: "c", code: "-c", argsOnly: true},
		{key: "clush", short: "wxgXlfuOtRsEToQm", long: "--group --groupsource --user --options --option --fanout --connect_timeout --command_timeout --worker --hostfile --machinefile --topology --pick --outdir --errdir --color --mode --dest --engine", stop: "-c --copy --rcopy", shell: true, remote: "clush", target: "-w -g --group", home: true},
		{key: "colima ssh", short: "p", long: "--profile", remote: "colima"},
		{key: "conda run", short: "np", long: "--name --prefix --cwd"},
		{key: "consul exec", long: "-node -service -tag -prefix -datacenter -http-addr -token -token-file -wait -wait-repl -ca-file -ca-path -client-cert -client-key -tls-server-name", singleDash: true, shell: true, remote: "consul", target: "-node -service"},
		{key: "cpulimit", short: "lpe", long: "--limit --pid --exe", stop: "-p --pid -e --exe"},
		{key: "dbus-launch", long: "--config-file --autolaunch"},
		{key: "dbus-run-session", long: "--config-file --dbus-daemon"},
		{key: "ddev exec", short: "sd", long: "--service --dir", shell: true, remote: "ddev"},
		{key: "devbox run", short: "c", long: "--config --environment --env-file"},
		{key: "devspace enter", short: "cnl", long: "--container --namespace --label-selector --pod --image-selector --workdir --profile --kube-context --config", dash: true, remote: "devspace container"},
		{key: "direnv exec", operands: 1},
		{key: "distrobox enter", short: "na", long: "--name --additional-flags", dash: true},
		{key: "django-admin shell", short: "ci", long: "--command --interface --settings --pythonpath", lang: "python", fn: fnCodeShell},
		{key: "doas", short: "uC"},
		{key: "docker-machine ssh", operands: 1, shell: true, remote: "docker-machine", targetOperand: true, home: true, stdin: true},
		{key: "doctl compute ssh", long: "--ssh-command --ssh-key-path --ssh-user --ssh-port --context --access-token", operands: 1, code: "--ssh-command", argsOnly: true, remote: "droplet", targetOperand: true},
		{key: "dokku mariadb:connect", prog: "mysql"},
		{key: "dokku mariadb:enter", operands: 1, remote: "dokku mariadb", targetOperand: true},
		{key: "dokku mongo:connect", prog: "mongosh"},
		{key: "dokku mongo:enter", operands: 1, remote: "dokku mongo", targetOperand: true},
		{key: "dokku mysql:connect", prog: "mysql"},
		{key: "dokku mysql:enter", operands: 1, remote: "dokku mysql", targetOperand: true},
		{key: "dokku postgres:connect", prog: "psql"},
		{key: "dokku postgres:enter", operands: 1, remote: "dokku postgres", targetOperand: true},
		{key: "dokku redis:enter", operands: 1, remote: "dokku redis", targetOperand: true},
		{key: "dokku run", operands: 1, remote: "dokku", targetOperand: true},
		{key: "doppler run", short: "pc", long: "--project --config --token --name-transformer --mount --mount-format --mount-template --command --fallback --scope", code: "--command"},
		{key: "dotenv", short: "evcf", long: "--env-file -f --file", assigns: true},
		{key: "dotenv run", long: "--override"},
		{key: "dotenvx", short: "fe", long: "--env-file --env"},
		{key: "dotenvx run", short: "fe", long: "--env-file --env --env-keys-file --convention"},
		{key: "dotnet run", fn: fnDotnetRun},
		{key: "dsh", short: "mgfroFbwlpx", long: "--machine --group --file --remoteshell --remoteshellopt --forklimit --bufsize", shell: true, remote: "dsh", target: "-m --machine -g --group -w", home: true},
		{key: "dumb-init", short: "r", long: "--rewrite"},
		{key: "eatmydata"},
		{key: "eb ssh", short: "ne", long: "--number --command --profile --region --instance", code: "--command", argsOnly: true, remote: "elastic beanstalk"},
		{key: "entr", short: "", shellIf: "-s"},
		{key: "env-cmd", short: "fer", long: "--file --environments --rc-file"},
		{key: "envchain", operands: 1, stop: "--set -s --list -l --unset"},
		{key: "envconsul", long: "-prefix -secret -config -consul-addr -vault-addr -consul-token -vault-token -log-level -kill-signal -exec -exec-kill-timeout -exec-splay -service -wait -max-stale", singleDash: true},
		{key: "envdir", operands: 1},
		{key: "evil-winrm", short: "iupHPseckrUa", long: "--ip --user --password --hash --port --scripts --executables --pub-key --priv-key --realm --url --spn --user-agent", remote: "winrm", fn: fnEvilWinrm},
		{key: "exec", short: "a"},
		{key: "fab", short: "HicfrSTt", long: "--hosts --identity --collection --config --search-root --ssh-config --connect-timeout --command-timeout", dash: true, shell: true, remote: "fabric", target: "-H --hosts", home: true},
		{key: "fakeroot", short: "ils", long: "--lib --faked"},
		{key: "faketime", short: "f", operands: 1},
		{key: "firejail", long: "--user"},
		{key: "flatpak-spawn", long: "--env --forward-fd --directory --app-path --usr-path"},
		{key: "flox activate", fn: fnNixCommand},
		{key: "flux run", short: "nNcgtoqB", long: "--nodes --ntasks --cores --cores-per-task --gpus-per-task --gpus-per-node --time-limit --setopt --setattr --queue --bank --output --error --input --job-name --cwd --env --env-remove --urgency --dependency --begin-time --requires --conf --cc --bcc --tasks-per-node --tasks-per-core --taskmap"},
		{key: "flux submit", short: "nNcgtoqB", long: "--nodes --ntasks --cores --cores-per-task --gpus-per-task --gpus-per-node --time-limit --setopt --setattr --queue --bank --output --error --input --job-name --cwd --env --env-remove --urgency --dependency --begin-time --requires --conf --cc --bcc --tasks-per-node --tasks-per-core --taskmap"},
		{key: "fly machine exec", short: "ac", long: "--app --command --user --region --machine --process-group --config --org --address --access-token --container", shell: true, remote: "fly", target: "-a --app", fn: fnFlyMachineExec},
		{key: "fly pg connect", prog: "psql"},
		{key: "fly postgres connect", prog: "psql"},
		{key: "fly ssh console", short: "aCurco", long: "--app --command --user --region --machine --process-group --config --org --address --access-token --container", code: "-C --command", argsOnly: true, remote: "fly", target: "-a --app", stdin: true},
		{key: "flyctl machine exec", short: "ac", long: "--app --command --user --region --machine --process-group --config --org --address --access-token --container", shell: true, remote: "fly", target: "-a --app", fn: fnFlyMachineExec},
		{key: "flyctl pg connect", prog: "psql"},
		{key: "flyctl postgres connect", prog: "psql"},
		{key: "flyctl ssh console", short: "aCurco", long: "--app --command --user --region --machine --process-group --config --org --address --access-token --container", code: "-C --command", argsOnly: true, remote: "fly", target: "-a --app", stdin: true},
		{key: "garden exec", short: "e", long: "--env --target --var --var-file", operands: 1, remote: "garden deploy", targetOperand: true},
		{key: "gcloud alpha cloud-shell ssh", long: "--command --zone --project --ssh-key-file --ssh-flag --strict-host-key-checking --container --worker --ssh-key-expiration --ssh-key-expire-after --troubleshoot --account --configuration --impersonate-service-account --verbosity --region --authority", code: "--command", shell: true, remote: "gcloud cloud-shell"},
		{key: "gcloud beta compute ssh", long: "--command --zone --project --ssh-key-file --ssh-flag --strict-host-key-checking --container --worker --ssh-key-expiration --ssh-key-expire-after --troubleshoot --account --configuration --impersonate-service-account --verbosity --region --authority", operands: 1, code: "--command", shell: true, remote: "gcloud compute ssh", targetOperand: true, home: true, stdin: true},
		{key: "gcloud cloud-shell ssh", long: "--command --zone --project --ssh-key-file --ssh-flag --strict-host-key-checking --container --worker --ssh-key-expiration --ssh-key-expire-after --troubleshoot --account --configuration --impersonate-service-account --verbosity --region --authority", code: "--command", shell: true, remote: "gcloud cloud-shell"},
		{key: "gcloud compute ssh", long: "--command --zone --project --ssh-key-file --ssh-flag --strict-host-key-checking --container --worker --ssh-key-expiration --ssh-key-expire-after --troubleshoot --account --configuration --impersonate-service-account --verbosity --region --authority", operands: 1, code: "--command", shell: true, remote: "gcloud compute ssh", targetOperand: true, home: true, stdin: true},
		{key: "gcloud compute tpus tpu-vm ssh", long: "--command --zone --project --ssh-key-file --ssh-flag --strict-host-key-checking --container --worker --ssh-key-expiration --ssh-key-expire-after --troubleshoot --account --configuration --impersonate-service-account --verbosity --region --authority", operands: 1, code: "--command", shell: true, remote: "gcloud tpu-vm ssh", targetOperand: true, home: true},
		{key: "gdb", fn: fnGdb},
		{key: "gh codespace ssh", short: "cR", long: "--codespace --repo --profile --server-port --config", dash: true, shell: true, remote: "codespace", target: "-c --codespace"},
		{key: "go run", fn: fnGoRun},
		{key: "goenv exec"},
		{key: "gosu", operands: 1},
		{key: "granted exec"},
		{key: "grc"},
		{key: "gstdbuf", short: "ioe", long: "--input --output --error"},
		{key: "gtimeout", short: "ks", long: "--kill-after --signal", operands: 1},
		{key: "hatch run"},
		{key: "hcloud server ssh", short: "ui", long: "--user --port --context", operands: 1, shell: true, remote: "hcloud", targetOperand: true, home: true, stdin: true},
		{key: "hdc shell", shell: true, remote: "device", stdin: true},
		{key: "heroku pg:psql", short: "arcf", long: "--app --remote --command --file --credential", remote: "heroku", target: "-a --app", fn: fnHerokuPsql},
		{key: "heroku run", quote: true, short: "arse", long: "--app --remote --size --env --type", shell: true, remote: "heroku", target: "-a --app"},
		{key: "heroku run:detached", quote: true, short: "arse", long: "--app --remote --size --env --type", shell: true, remote: "heroku", target: "-a --app"},
		{key: "heroku run:inside", quote: true, short: "ar", long: "--app --remote", operands: 1, shell: true, remote: "heroku", target: "-a --app"},
		{key: "hyperfine", short: "wmMrspcPDLSunNi", long: "--warmup --min-runs --max-runs --runs --setup --prepare --cleanup --conclude --parameter-scan --parameter-step-size --parameter-list --shell --time-unit --export-asciidoc --export-csv --export-json --export-markdown --export-orgmode --output --style --sort --command-name --input", code: "-s --setup -p --prepare -c --cleanup --conclude", shell: true, each: true},
		{key: "ifne"},
		{key: "incus exec", long: "--env --cwd --user --group --mode", operands: 1, remote: "container", targetOperand: true},
		{key: "infisical run", long: "--env --projectId --path --token --domain --tags --command --watch-interval", code: "--command"},
		{key: "ionice", short: "cn", long: "--class --classdata", stop: "-p -P -u --pid --pgid --uid"},
		{key: "ip netns exec", operands: 1},
		{key: "juju exec", short: "um", long: "--unit --machine --application --model --timeout --format --output --background --wait", remote: "juju", target: "-u --unit -m --machine --application"},
		{key: "juju ssh", short: "m", long: "--model --proxy --pty --container", operands: 1, shell: true, remote: "juju", targetOperand: true, home: true},
		{key: "k0s kubectl", prog: "kubectl"},
		{key: "k3s crictl", prog: "crictl"},
		{key: "k3s ctr", prog: "ctr"},
		{key: "k3s kubectl", prog: "kubectl"},
		{key: "kamal accessory exec", short: "dr", long: "--destination --roles --hosts --config-file --version", operands: 1, shell: true, remote: "kamal accessory", targetOperand: true},
		{key: "kamal app exec", short: "dr", long: "--destination --roles --hosts --config-file --version", shell: true, remote: "kamal"},
		{key: "knife ssh", short: "aCxPpGi", long: "--attribute --concurrency --ssh-user --ssh-password --ssh-port --ssh-gateway --ssh-identity-file --identity-file --prefix-attribute", operands: 1, shell: true, remote: "chef", targetOperand: true, home: true},
		{key: "lando ssh", short: "scu", long: "--service --command --user", code: "-c --command", argsOnly: true, remote: "lando"},
		{key: "limactl shell", long: "--workdir --shell", operands: 1, remote: "lima", targetOperand: true},
		{key: "lldb", fn: fnGdb},
		{key: "ltrace", short: "aAeDFlnosuwxL", long: "--output --library --indent --align", stop: "-p"},
		{key: "lxc exec", long: "--env --cwd --user --group --mode", operands: 1, remote: "container", targetOperand: true},
		{key: "machinectl shell", short: "E", long: "--setenv --uid", operands: 1, remote: "machine", targetOperand: true},
		{key: "mamba run", short: "np", long: "--name --prefix --cwd"},
		{key: "manage.py shell", short: "ci", long: "--command --interface --settings --pythonpath", lang: "python", fn: fnCodeShell},
		{key: "microk8s ctr", prog: "ctr"},
		{key: "microk8s helm", prog: "helm"},
		{key: "microk8s helm3", prog: "helm"},
		{key: "microk8s kubectl", prog: "kubectl"},
		{key: "micromamba run", short: "np", long: "--name --prefix --cwd"},
		{key: "minikube kubectl", short: "p", long: "--profile", dash: true, prog: "kubectl"},
		{key: "minikube ssh", short: "pn", long: "--profile --node", shell: true, remote: "minikube", home: true, stdin: true},
		{key: "mise exec", short: "Cj", long: "--cd --jobs --command", code: "-c --command"},
		{key: "mise x", short: "Cj", long: "--cd --jobs --command", code: "-c --command"},
		{key: "mosh", short: "p", long: "--ssh --port --predict --server --client --family --bind-server --experimental-remote-ip", operands: 1, code: "--ssh", remote: "mosh", targetOperand: true, home: true},
		{key: "multipass exec", short: "d", long: "--working-directory", operands: 1, remote: "multipass", targetOperand: true},
		{key: "nice", short: "n", long: "--adjustment"},
		{key: "nix develop", fn: fnNixCommand},
		{key: "nix shell", fn: fnNixCommand},
		{key: "nix-shell", short: "pIAE", long: "--run --command --packages --attr --arg --argstr --expr --include", code: "--run --command", argsOnly: true},
		{key: "nocache"},
		{key: "nodemon", short: "wexdsCV", long: "--exec --watch --ext --ignore --delay --signal --config --spawn", code: "-x --exec", argsOnly: true},
		{key: "nodenv exec"},
		{key: "nohup"},
		{key: "nomad alloc exec", long: "-task -job -namespace -address -region -token -e -ca-cert -client-cert -client-key", singleDash: true, operands: 1, remote: "nomad", targetOperand: true},
		{key: "npm exec", short: "pcw", long: "--package --call --workspace", code: "-c --call"},
		{key: "npm run", short: "w", long: "--workspace", fn: fnScriptAlias},
		{key: "npm run-script", short: "w", long: "--workspace", fn: fnScriptAlias},
		{key: "npm x", short: "pcw", long: "--package --call --workspace", code: "-c --call"},
		{key: "npx", short: "pc", long: "--package --call --cache --userconfig --registry -w --workspace", code: "-c --call"},
		{key: "nq", short: "c"},
		{key: "nsenter", short: "tSGrwe", long: "--target --setuid --setgid --env"},
		{key: "numactl", short: "iNmpCP", long: "--interleave --cpunodebind --membind --preferred --physcpubind --localalloc --preferred-many --weighted-interleave", stop: "-s --show -H --hardware"},
		{key: "oc rsh", short: "c", long: "--container --shell --timeout", operands: 1, remote: "pod", targetOperand: true},
		{key: "okteto exec", short: "nc", long: "--namespace --context --kubeconfig --log-level --file", dash: true, remote: "okteto dev container"},
		{key: "op run", long: "--env-file --environment --account --cache --config --encoding --session"},
		{key: "orb run", short: "mu", long: "--machine --user --workdir", remote: "orbstack", target: "-m --machine"},
		{key: "orbctl run", short: "mu", long: "--machine --user --workdir", remote: "orbstack", target: "-m --machine"},
		{key: "parallel-ssh", short: "hHlpoetOxX", long: "--hosts --host --user --par --outdir --errdir --timeout --option --extra-args --extra-arg", shell: true, remote: "pssh", target: "-H --host -h --hosts", home: true},
		{key: "pdm run", short: "pL", long: "--project --lockfile --venv"},
		{key: "pdsh", short: "wxgXRlutfFM", shell: true, remote: "pdsh", target: "-w -g", home: true},
		{key: "perf record", short: "eoGcCFmp", long: "--event --output --count --cpu --freq --call-graph", stop: "-p --pid -a"},
		{key: "perf stat", short: "eoGIprtx", long: "--event --output --repeat --cpu --delay"},
		{key: "pipenv run"},
		{key: "pipx run", long: "--spec --python --index-url --pip-args"},
		{key: "pixi exec", short: "sc", long: "--spec --channel"},
		{key: "pixi run", short: "e", long: "--environment --manifest-path"},
		{key: "pkexec", long: "--user"},
		{key: "platform ssh", short: "peAI", long: "--project --environment --app --worker --instance --host --identity-file", shell: true, remote: "platform.sh", target: "-e --environment"},
		{key: "pnpm", short: "CF", long: "--dir --filter --workspace-root --reporter --loglevel --config", builtins: "access bugs deprecate undeprecate dist-tag edit owner ping pkg profile repo search star stars team token unpublish unstar add audit bin cache config c create dedupe deploy dlx doctor env exec fetch i import init install install-test it licenses link ln list ls la ll outdated pack patch patch-commit patch-remove prune publish rb rebuild recursive m multi remove rm uninstall un unlink root run run-script server setup start store t test tst up update upgrade why self-update help approve-builds ignored-builds cat-file cat-index find-hash completion login logout adduser whoami version docs home view info show search owner dist-tag access team token star stars unstar ping profile pkg sbom catalog node"},
		{key: "pnpm dlx", short: "p", long: "--package", shellIf: "-c --shell-mode"},
		{key: "pnpm exec", short: "C", long: "--dir --filter --reporter", shellIf: "-c --shell-mode"},
		{key: "pnpm run", short: "C", long: "--dir --filter", fn: fnScriptAlias},
		{key: "pnpx", short: "pc", long: "--package --call", code: "-c --call"},
		{key: "poetry run", short: "CP", long: "--directory --project"},
		{key: "prlimit", stop: "-p --pid"},
		{key: "proxychains", short: "f"},
		{key: "proxychains4", short: "f"},
		{key: "pssh", short: "hHlpoetOxX", long: "--hosts --host --user --par --outdir --errdir --timeout --option --extra-args --extra-arg", shell: true, remote: "pssh", target: "-H --host -h --hosts", home: true},
		{key: "pyenv exec"},
		{key: "qsub", short: "aAcCeJjlmMNoPpqrSuvWz", fn: fnSbatch},
		{key: "rails c", short: "e", long: "--environment", lang: "ruby", fn: fnCodeShell},
		{key: "rails console", short: "e", long: "--environment", lang: "ruby", fn: fnCodeShell},
		{key: "rails r", short: "e", long: "--environment", lang: "ruby"},
		{key: "rails runner", short: "e", long: "--environment", lang: "ruby"},
		{key: "railway connect", prog: "psql"},
		{key: "railway run", short: "se", long: "--service --environment"},
		{key: "railway ssh", short: "pse", long: "--project --service --environment --deployment-instance", shell: true, remote: "railway", target: "-s --service", stdin: true},
		{key: "rancher kubectl", prog: "kubectl"},
		{key: "ray exec", short: "np", long: "--run-env --cluster-name --port-forward --extra-screen-args", operands: 1, shell: true, remote: "ray cluster", targetOperand: true, home: true},
		{key: "ray job submit", long: "--address --job-id --submission-id --runtime-env --runtime-env-json --working-dir --metadata-json --entrypoint-num-cpus --entrypoint-num-gpus --entrypoint-memory --entrypoint-resources --entrypoint-label-selector --log-style --log-color --headers --verify", remote: "ray cluster", target: "--address"},
		{key: "rbenv exec"},
		{key: "render psql", prog: "psql", dash: true},
		{key: "resin ssh", short: "p", long: "--port", operands: 1, shell: true, remote: "balena", targetOperand: true, home: true, stdin: true},
		{key: "rlwrap", short: "aAbCDefFgHlnOopPqsSt"},
		{key: "run0", short: "ugD", long: "--user --group --nice --chdir --setenv --property --description --slice --unit --machine --background"},
		{key: "runcon", short: "turl", long: "--type --user --role --range"},
		{key: "rye run"},
		{key: "s6-setuidgid", operands: 1},
		{key: "sail", fn: fnSail},
		{key: "salloc", short: "AbcDdeiJLmNnopqrSTtWwxCGM", long: "--account --partition --time --nodes --ntasks --cpus-per-task --mem --mem-per-cpu --mem-per-gpu --gres --gpus --gpus-per-node --gpus-per-task --job-name --output --error --input --chdir --constraint --nodelist --exclude --qos --reservation --dependency --mpi --export --ntasks-per-node --time-min --cpu-bind --distribution --begin --licenses --clusters --comment --container --mail-type --mail-user --signal --wckey --network --nodefile --array --account --het-group --cores-per-socket --sockets-per-node --threads-per-core --deadline --priority --nice --uid --gid --overcommit --tmp --wait"},
		{key: "salt", remote: "salt", fn: fnSalt},
		{key: "saml2aws exec", short: "a", long: "--idp-account --profile --exec-profile"},
		{key: "sandbox-exec", short: "fpD"},
		{key: "sbatch", short: "AbcDdeiJLmNnopqrSTtWwxCGM", long: "--account --partition --time --nodes --ntasks --cpus-per-task --mem --mem-per-cpu --mem-per-gpu --gres --gpus --gpus-per-node --gpus-per-task --job-name --output --error --input --chdir --constraint --nodelist --exclude --qos --reservation --dependency --mpi --export --ntasks-per-node --time-min --cpu-bind --distribution --begin --licenses --clusters --comment --container --mail-type --mail-user --signal --wckey --network --nodefile --array --account --het-group --cores-per-socket --sockets-per-node --threads-per-core --deadline --priority --nice --uid --gid --overcommit --tmp --wait --wrap", fn: fnSbatch},
		{key: "sccache"},
		{key: "schroot", short: "cudr", long: "--chroot --user --directory --run-session"},
		{key: "script", short: "cEIOBTm", long: "--command --echo --log-in --log-out --log-io --log-timing --logging-format", code: "-c --command", argsOnly: true},
		{key: "setpriv", long: "--reuid --regid --ruid --euid --rgid --egid --groups --inh-caps --ambient-caps --bounding-set --securebits --selinux-label --apparmor-profile --pdeathsig --landlock-access --landlock-rule --seccomp-filter"},
		{key: "setsid"},
		{key: "setuidgid", operands: 1},
		{key: "sky exec", short: "n", long: "--name --workdir --cloud --infra --region --zone --num-nodes --cpus --memory --disk-size --disk-tier --network-tier --image-id --env-file --env --secret --gpus --ports --config", operands: 1, shell: true, remote: "skypilot cluster", targetOperand: true, home: true},
		{key: "sky jobs launch", short: "n", long: "--name --workdir --cloud --infra --region --zone --num-nodes --cpus --memory --disk-size --disk-tier --network-tier --image-id --env-file --env --secret --gpus --ports --config --job-recovery --pool", shell: true, remote: "skypilot managed job", home: true},
		{key: "sky launch", short: "cni", long: "--cluster --name --workdir --cloud --infra --region --zone --num-nodes --cpus --memory --disk-size --disk-tier --network-tier --image-id --env-file --env --secret --gpus --ports --config --idle-minutes-to-autostop --fast", shell: true, remote: "skypilot cluster", target: "-c --cluster", home: true},
		{key: "sops exec-env", long: "--user --input-type", operands: 1, shell: true},
		{key: "sops exec-file", long: "--user --input-type --output-type --filename", operands: 1, shell: true},
		{key: "srun", short: "AbcDdeiJLmNnopqrSTtWwxCGM", long: "--account --partition --time --nodes --ntasks --cpus-per-task --mem --mem-per-cpu --mem-per-gpu --gres --gpus --gpus-per-node --gpus-per-task --job-name --output --error --input --chdir --constraint --nodelist --exclude --qos --reservation --dependency --mpi --export --ntasks-per-node --time-min --cpu-bind --distribution --begin --licenses --clusters --comment --container --mail-type --mail-user --signal --wckey --network --nodefile --array --account --het-group --cores-per-socket --sockets-per-node --threads-per-core --deadline --priority --nice --uid --gid --overcommit --tmp --wait"},
		{key: "ssh-agent", short: "aEPt", stop: "-k -s -c -D -d"},
		{key: "sshpass", short: "pfdP"},
		{key: "stdbuf", short: "ioe", long: "--input --output --error"},
		{key: "strace", short: "abeEIoOPsSuUX", long: "--output --expr --trace --signal --status --env --user --string-limit --columns --summary-sort-by --trace-path --detach-on --decode-fds --quiet --stack-trace-frame-filter --seccomp-bpf", stop: "-p --attach"},
		{key: "su-exec", operands: 1},
		{key: "summon", short: "pfDe", long: "--provider --yaml --environment --up"},
		{key: "systemd-nspawn", short: "DiMuESZL", long: "--directory --image --machine --user --setenv --bind --bind-ro --tmpfs --overlay --overlay-ro --network-interface --network-bridge --network-zone --network-veth-extra --network-macvlan --network-ipvlan --port --private-users --capability --drop-capability --chdir --slice --property --register --link-journal --resolv-conf --timezone --console --uuid --template --kill-signal --personality --volatile --hostname --rlimit --oom-score-adjust --cpu-affinity --system-call-filter --load-credential --set-credential --pivot-root --oci-bundle --settings", stop: "-b --boot", remote: "container", target: "-M --machine -D --directory"},
		{key: "systemd-run", short: "pEuMGsH", long: "--property --setenv --unit --description --slice --uid --gid --working-directory --machine --host --on-calendar --on-active --on-boot --on-startup --on-unit-active --on-unit-inactive --timer-property --path-property --socket-property --nice --service-type --capsule"},
		{key: "tailscale ssh", operands: 1, shell: true, remote: "tailscale", targetOperand: true, home: true, stdin: true},
		{key: "taskset", operands: 1, stop: "-p --pid"},
		{key: "teller run", short: "c", long: "--config"},
		// terramate run -- terraform destroy runs the command in every
		// stack under the directory.
		{key: "terramate run", short: "CBj", long: "--chdir --tags --no-tags --parallel --git-change-base --terraform-plan-file --tofu-plan-file --cloud-sync-terraform-plan-file --target --from-target --layer --status"},
		{key: "time", short: "fo", long: "--format --output"},
		{key: "timeout", short: "ks", long: "--kill-after --signal", operands: 1},
		{key: "tini", short: "pel"},
		{key: "toolbox run", short: "cdr", long: "--container --distro --release"},
		{key: "torsocks", short: "uPpa", long: "--user --pass --port --address"},
		{key: "trickle", short: "udwtlns"},
		{key: "tsh ssh", short: "lpLRJAi", long: "--login --port --proxy --cluster --user --forward --remote-forward", operands: 1, shell: true, remote: "tsh", targetOperand: true, home: true, stdin: true},
		{key: "tsocks"},
		{key: "tsp", short: "LNDWE"},
		{key: "unbuffer"},
		{key: "unshare", short: "RwSG", long: "--propagation --setgroups --root --wd --setuid --setgid --map-user --map-group --map-users --map-groups --monotonic --boottime"},
		{key: "upsun ssh", short: "peAI", long: "--project --environment --app --worker --instance --host --identity-file", shell: true, remote: "upsun", target: "-e --environment"},
		{key: "uv run", short: "p", long: "--with --python --project --directory --env-file --extra --group --package --with-requirements --with-editable --index --index-url --extra-index-url --from --cache-dir --config-file --default-index --find-links --only-group --no-group"},
		{key: "uv tool run", short: "p", long: "--with --python --project --directory --env-file --extra --group --package --with-requirements --with-editable --index --index-url --extra-index-url --from --cache-dir --config-file --default-index --find-links --only-group --no-group"},
		{key: "uvx", short: "p", long: "--with --python --project --directory --env-file --extra --group --package --with-requirements --with-editable --index --index-url --extra-index-url --from --cache-dir --config-file --default-index --find-links --only-group --no-group"},
		{key: "vagrant ssh", short: "c", long: "--command", operands: 1, code: "-c --command", argsOnly: true, remote: "vagrant", targetOperand: true, home: true, stdin: true},
		{key: "valgrind"},
		{key: "vault agent", argsOnly: true},
		{key: "vcluster connect", short: "n", long: "--namespace --context --kube-config --kube-config-context-name --server --project --cluster --driver --address --service-account", dash: true},
		{key: "vercel env run", short: "e", long: "--environment --git-branch"},
		{key: "virtctl ssh", short: "cilnpt", long: "--command --identity-file --username --namespace --port --local-ssh-opts --known-hosts --kubeconfig --context", operands: 1, code: "-c --command", argsOnly: true, remote: "kubevirt vm", targetOperand: true, home: true},
		{key: "watchexec", short: "wefisdEWo", long: "--watch --exts --filter --ignore --signal --debounce --shell --env --project-origin --workdir --on-busy-update --stop-signal --stop-timeout --delay-run --poll --emit-events-to --filter-file --ignore-file --watch-file --fs-events --wrap-process --color --timings --print-events --socket", shell: true},
		{key: "winrs", remote: "winrm", fn: fnWinrs},
		{key: "winrs.exe", remote: "winrm", fn: fnWinrs},
		{key: "with-contenv"},
		{key: "wsl", short: "du", long: "--distribution --user --cd", shell: true, stop: "--unregister --shutdown --terminate -t --install --import --import-in-place --export --list -l --set-default -s --set-version --set-default-version --update --status --mount --unmount --manage --version --help"},
		{key: "wsl.exe", short: "du", long: "--distribution --user --cd", shell: true, stop: "--unregister --shutdown --terminate -t --install --import --import-in-place --export --list -l --set-default -s --set-version --set-default-version --update --status --mount --unmount --manage --version --help"},
		{key: "xdsh", short: "EflorStX", long: "--devicetype", operands: 1, shell: true, remote: "xcat", targetOperand: true, home: true},
		{key: "xvfb-run", short: "nsfepw", long: "--server-num --server-args --auth-file --error-file --xauth-protocol --wait"},
		{key: "yarn", long: "--cwd --modules-folder --cache-folder --mutex", builtins: "add audit autoclean bin cache check config create dedupe dlx exec explain generate-lock-entry global help import info init install licenses link list login logout node npm outdated owner pack patch patch-commit plugin policies publish rebuild remove run search set stage tag team test unlink unplug up upgrade upgrade-interactive version versions why workspace workspaces constraints start sdks"},
		{key: "yarn dlx", short: "p", long: "--package"},
		{key: "yarn exec"},
		{key: "yarn run", short: "T", long: "--top-level --require"},
		{key: "zowe uss iss ssh", long: "--cwd --host --H --port --P --user --u --password --pass --pw --privateKey --key --pk --keyPassphrase --passphrase --kp --handshakeTimeout --timeout --to --ssh-profile --ssh-p --base-profile --base-p --zosmf-profile --zosmf-p", remote: "z/OS UNIX", fn: fnZosUss},
		{key: "zowe uss issue ssh", long: "--cwd --host --H --port --P --user --u --password --pass --pw --privateKey --key --pk --keyPassphrase --passphrase --kp --handshakeTimeout --timeout --to --ssh-profile --ssh-p --base-profile --base-p --zosmf-profile --zosmf-p", remote: "z/OS UNIX", fn: fnZosUss},
		{key: "zowe zos-uss iss ssh", long: "--cwd --host --H --port --P --user --u --password --pass --pw --privateKey --key --pk --keyPassphrase --passphrase --kp --handshakeTimeout --timeout --to --ssh-profile --ssh-p --base-profile --base-p --zosmf-profile --zosmf-p", remote: "z/OS UNIX", fn: fnZosUss},
		{key: "zowe zos-uss issue ssh", long: "--cwd --host --H --port --P --user --u --password --pass --pw --privateKey --key --pk --keyPassphrase --passphrase --kp --handshakeTimeout --timeout --to --ssh-profile --ssh-p --base-profile --base-p --zosmf-profile --zosmf-p", remote: "z/OS UNIX", fn: fnZosUss},
	}[i]
}

// runners holds the runners made from rows, by key: a runner is made the
// first time its key is looked up.
var runners struct {
	sync.Mutex
	made map[string]*runner
}

// findRunner returns the runner with the key, and whether some longer
// key starts with key and a space.
func findRunner(key string) (r *runner, longer bool) {
	n := runnerCount
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if runnerAt(m).key < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i := lo
	if i < n {
		if row := runnerAt(i); row.key == key {
			r = row.runner()
			i++
		}
	}
	// Keys that go on with a space sort right after key itself.
	if i < n {
		next := runnerAt(i)
		longer = len(next.key) > len(key) && strings.HasPrefix(next.key, key) && next.key[len(key)] == ' '
	}
	return r, longer
}

// runner returns the runner the row describes, the same one each time.
func (row *runnerRow) runner() *runner {
	runners.Lock()
	defer runners.Unlock()
	if r := runners.made[row.key]; r != nil {
		return r
	}
	r := &runner{
		spec: spec{short: row.short, long: wordList(row.long), operands: row.operands, assigns: row.assigns,
			singleDash: row.singleDash, dash: row.dash},
		stop: wordList(row.stop), code: wordList(row.code), shell: row.shell, quote: row.quote, shellIf: wordList(row.shellIf),
		each: row.each, argsOnly: row.argsOnly, remote: row.remote, target: wordList(row.target),
		targetOperand: row.targetOperand, home: row.home, stdin: row.stdin, builtins: wordList(row.builtins),
		lang: row.lang, prog: row.prog, fn: row.fn,
	}
	if runners.made == nil {
		runners.made = map[string]*runner{}
	}
	runners.made[row.key] = r
	return r
}

// wordList returns the words of s, or nil when it has none.
func wordList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Fields(s)
}
