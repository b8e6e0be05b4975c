package parse

import (
	"strings"
	"testing"
)

// Runners: what a package runner, secret injector, process wrapper or remote
// runner runs is analysed as a command.
var runnerCases = []commandCase{
	{`npx -y rimraf /`, []string{
		`rimraf / via=npx -y`,
	}},
	{`npx --package=foo -c 'rm -rf ~'`, []string{
		`rm -rf /home/user via=npx -c`,
	}},
	{`pnpm rimraf dist`, []string{
		`rimraf dist via=pnpm`,
	}},
	{`npm run typeorm -- schema:drop`, []string{
		`typeorm schema:drop via=npm run`,
	}},
	{`npm run build`, []string{
		`npm run build`,
	}},
	{`npm run test -- --watch`, []string{
		`npm run test -- --watch`,
	}},
	{`pnpm install`, []string{
		`pnpm install`,
	}},
	{`pnpm -C web exec rm -rf /`, []string{
		`rm -rf / via=pnpm -C web exec`,
	}},
	{`pnpm dlx rimraf /`, []string{
		`rimraf / via=pnpm dlx`,
	}},
	{`pnpm exec -c 'rm -rf /'`, []string{
		`rm -rf / via=pnpm exec -c`,
	}},
	{`yarn prisma migrate reset --force`, []string{
		`prisma migrate reset --force via=yarn`,
	}},
	{`yarn add left-pad`, []string{
		`yarn add left-pad`,
	}},
	{`yarn dlx rimraf /`, []string{
		`rimraf / via=yarn dlx`,
	}},
	{`yarn run rimraf /`, []string{
		`rimraf / via=yarn run`,
	}},
	{`bun rimraf /`, []string{
		`rimraf / via=bun`,
	}},
	{`bun run rimraf /`, []string{
		`rimraf / via=bun run`,
	}},
	{`bun install`, []string{
		`bun install`,
	}},
	{`bun x rimraf /`, []string{
		`rimraf / via=bun x`,
	}},
	{`bun ./x.ts`, []string{
		`bun ./x.ts`,
	}},
	{`bunx rimraf /`, []string{
		`rimraf / via=bunx`,
	}},
	{`uvx --from foo rm -rf /`, []string{
		`rm -rf / via=uvx --from foo`,
	}},
	{`pipx run --spec x tool delete`, []string{
		`tool delete via=pipx run --spec x`,
	}},
	{`poetry run rm -rf /`, []string{
		`rm -rf / via=poetry run`,
	}},
	{`uv run --with x -- rm -rf /`, []string{
		`rm -rf / via=uv run --with x --`,
	}},
	{`pdm run rm -rf /`, []string{
		`rm -rf / via=pdm run`,
	}},
	{`bundle exec rake db:drop`, []string{
		`rake db:drop via=bundle exec`,
	}},
	{`cargo run --bin migrate -- reset --all`, []string{
		`cargo run --bin migrate -- reset --all`,
		`migrate reset --all via=cargo run`,
	}},
	{`cargo run`, []string{
		`cargo run`,
	}},
	{`go run ./cmd/migrate reset --all`, []string{
		`go run ./cmd/migrate reset --all`,
		`migrate reset --all via=go run`,
	}},
	{`go run main.go drop-db`, []string{
		`go run main.go drop-db`,
		`main drop-db via=go run`,
	}},
	{`go run -tags x . wipe`, []string{
		`go run -tags x . wipe`,
		`project wipe via=go run`,
	}},
	{`dotnet run --project Tool.csproj -- purge`, []string{
		`dotnet run --project Tool.csproj -- purge`,
		`Tool purge via=dotnet run`,
	}},
	{`dotenv -e .env -- rm -rf /`, []string{
		`rm -rf / via=dotenv -e .env --`,
	}},
	{`dotenv run -- rm -rf /`, []string{
		`rm -rf / via=dotenv run --`,
	}},
	{`op run -- rm -rf /`, []string{
		`rm -rf / via=op run --`,
	}},
	{`doppler run -- rm -rf /`, []string{
		`rm -rf / via=doppler run --`,
	}},
	{`doppler run --command 'rm -rf /'`, []string{
		`rm -rf / via=doppler run --command`,
	}},
	{`aws-vault exec prod -- rm -rf /`, []string{
		`rm -rf / via=aws-vault exec prod --`,
	}},
	{`direnv exec . rm -rf /`, []string{
		`rm -rf / via=direnv exec .`,
	}},
	{`direnv hook bash`, []string{
		`direnv hook bash`,
	}},
	{`infisical run --env prod -- rm -rf /`, []string{
		`rm -rf / via=infisical run --env prod --`,
	}},
	{`infisical run --command 'rm -rf /'`, []string{
		`rm -rf / via=infisical run --command`,
	}},
	{`env - rm -rf /`, []string{
		`rm -rf / via=env -`,
	}},
	{`env -i rm -rf /`, []string{
		`rm -rf / via=env -i`,
	}},
	{`setpriv --reuid 1000 rm -rf /`, []string{
		`rm -rf / via=setpriv --reuid 1000`,
	}},
	{`nsenter -t 1 -m -u -i -n -p -- rm -rf /`, []string{
		`rm -rf / via=nsenter -t 1 -m -u -i -n -p --`,
	}},
	{`unshare -r rm -rf /`, []string{
		`rm -rf / via=unshare -r`,
	}},
	{`unshare --map-user 0 rm -rf /`, []string{
		`rm -rf / via=unshare --map-user 0`,
	}},
	{`strace -f -o log rm -rf /`, []string{
		`rm -rf / via=strace -f -o log`,
	}},
	{`strace -p 1`, []string{
		`strace -p 1`,
	}},
	{`ltrace -o x rm -rf /`, []string{
		`rm -rf / via=ltrace -o x`,
	}},
	{`chrt -f 99 rm -rf /`, []string{
		`rm -rf / via=chrt -f 99`,
	}},
	{`taskset -c 0 rm -rf /`, []string{
		`rm -rf / via=taskset -c 0`,
	}},
	{`taskset 0x1 rm -rf /`, []string{
		`rm -rf / via=taskset 0x1`,
	}},
	{`firejail --net=none rm -rf /`, []string{
		`rm -rf / via=firejail --net=none`,
	}},
	{`proxychains -f x.conf rm -rf /`, []string{
		`rm -rf / via=proxychains -f x.conf`,
	}},
	{`proxychains4 -q rm -rf /`, []string{
		`rm -rf / via=proxychains4 -q`,
	}},
	{`systemd-run --user --unit x rm -rf /`, []string{
		`rm -rf / via=systemd-run --user --unit x`,
	}},
	{`caffeinate -i rm -rf /`, []string{
		`rm -rf / via=caffeinate -i`,
	}},
	{`nice -n 5 nohup timeout 5 rm -rf /`, []string{
		`rm -rf / via=nice -n 5>nohup>timeout 5`,
	}},
	{`heroku run -a myapp rm -rf /app`, []string{
		`heroku run -a myapp rm -rf /app`,
		`rm -rf /app via=heroku run myapp dir=? remote=heroku myapp`,
	}},
	{`heroku run --app myapp 'rails db:drop'`, []string{
		`heroku run --app myapp 'rails db:drop'`,
		`rails db:drop via=heroku run myapp dir=? remote=heroku myapp`,
	}},
	{`heroku run -a myapp -- rails runner 'p User.count(:id)'`, []string{
		`heroku run -a myapp -- rails runner 'p User.count(:id)'`,
		`rails runner 'p User.count(:id)' via=heroku run myapp dir=? remote=heroku myapp code=ruby:'rails runner'`,
	}},
	{`heroku pg:psql -a myapp -c 'DROP TABLE users'`, []string{
		`heroku pg:psql -a myapp -c 'DROP TABLE users'`,
		`psql -c 'DROP TABLE users' via=heroku pg:psql myapp dir=? remote=heroku myapp`,
	}},
	{`fly ssh console -a app -C 'rm -rf /data'`, []string{
		`fly ssh console -a app -C 'rm -rf /data'`,
		`rm -rf /data via=fly ssh console app dir=? remote=fly app`,
	}},
	{`fly ssh console`, []string{
		`fly ssh console`,
	}},
	{`ray job submit --address http://ray-head:8265 --working-dir . -- rm -rf /mnt/ckpt`, []string{
		`ray job submit --address http://ray-head:8265 --working-dir . -- rm -rf /mnt/ckpt`,
		`rm -rf /mnt/ckpt via=ray job submit http://ray-head:8265 dir=? remote=ray cluster http://ray-head:8265`,
	}},
	{`ray exec cluster.yaml 'rm -rf ~/data'`, []string{
		`ray exec cluster.yaml 'rm -rf ~/data'`,
		`rm -rf /home/user/data via=ray exec cluster.yaml dir=/home/user remote=ray cluster cluster.yaml`,
	}},
	{`sky launch -c dev --gpus A100:8 'rm -rf /data'`, []string{
		`sky launch -c dev --gpus A100:8 'rm -rf /data'`,
		`rm -rf /data via=sky launch dev dir=/home/user remote=skypilot cluster dev`,
	}},
	{`curl -X POST http://head:8265/api/jobs/ -d '{"entrypoint": "rm -rf /data"}'`, []string{
		`curl -X POST http://head:8265/api/jobs/ -d '{"entrypoint": "rm -rf /data"}'`,
		`rm -rf /data via=curl head:8265 /api/jobs dir=? remote=ray cluster head:8265`,
	}},
	{`python3 -c 'from ray.job_submission import JobSubmissionClient as J; J("http://h:8265").submit_job(entrypoint="rm -rf /data")'`, []string{
		`python3 -c 'from ray.job_submission import JobSubmissionClient as J; J("http://h:8265").submit_job(entrypoint="rm -rf /data")' code=python:-c`,
		`rm -rf /data via=python3 code submit_job dir=? remote=ray cluster`,
	}},
	{`railway run rm -rf /`, []string{
		`rm -rf / via=railway run`,
	}},
	{`aws ssm send-command --document-name AWS-RunShellScript --targets Key=tag:Env,Values=prod --parameters 'commands=["rm -rf /var/lib/app"]'`, []string{
		`aws ssm send-command --document-name AWS-RunShellScript --targets 'Key=tag:Env,Values=prod' --parameters 'commands=["rm -rf /var/lib/app"]'`,
		`rm -rf /var/lib/app via=aws ssm Key=tag:Env,Values=prod dir=? remote=ssm Key=tag:Env,Values=prod`,
	}},
	{`aws ssm send-command --document-name "AWS-RunShellScript" --instance-ids i-1 --parameters '{"commands":["rm -rf /data","ls"]}'`, []string{
		`aws ssm send-command --document-name AWS-RunShellScript --instance-ids i-1 --parameters '{"commands":["rm -rf /data","ls"]}'`,
		`rm -rf /data via=aws ssm i-1 dir=? remote=ssm i-1`,
		`ls via=aws ssm i-1 dir=? remote=ssm i-1`,
	}},
	{`aws ssm send-command --document-name AWS-RunShellScript --parameters commands='rm -rf /'`, []string{
		`aws ssm send-command --document-name AWS-RunShellScript --parameters 'commands=rm -rf /'`,
		`rm -rf / via=aws ssm dir=? remote=ssm`,
	}},
	{`aws ssm send-command --document-name AWS-RunShellScript --parameters file://p.json`, []string{
		`aws ssm send-command --document-name AWS-RunShellScript --parameters file://p.json`,
		`aws ssm send-command --document-name AWS-RunShellScript --parameters file://p.json via=aws ssm dir=? remote=ssm problem=dynamic-code`,
	}},
	{`gcloud compute ssh vm --zone z --command 'rm -rf /'`, []string{
		`gcloud compute ssh vm --zone z --command 'rm -rf /'`,
		`rm -rf / via=gcloud compute ssh vm dir=/home/user remote=gcloud compute ssh vm`,
	}},
	{`az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts 'rm -rf /data' 'ls'`, []string{
		`az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts 'rm -rf /data' ls`,
		`rm -rf /data via=az run-command vm dir=? remote=az vm vm`,
		`ls via=az run-command vm dir=? remote=az vm vm`,
	}},
	{`az vm run-command invoke -g rg -n vm --command-id RunPowerShellScript --scripts 'Remove-Item C:\ -Recurse'`, []string{
		`az vm run-command invoke -g rg -n vm --command-id RunPowerShellScript --scripts 'Remove-Item C:\ -Recurse'`,
		`az vm run-command invoke -g rg -n vm --command-id RunPowerShellScript --scripts 'Remove-Item C:\ -Recurse' via=az run-command vm dir=? remote=az vm vm problem=dynamic-code`,
	}},
	{`ansible all -m shell -a 'rm -rf /data'`, []string{
		`ansible all -m shell -a 'rm -rf /data'`,
		`rm -rf /data via=ansible all dir=? remote=ansible all`,
	}},
	{`ansible web -a 'rm -rf /tmp/x chdir=/srv'`, []string{
		`ansible web -a 'rm -rf /tmp/x chdir=/srv'`,
		`rm -rf /tmp/x via=ansible web dir=? remote=ansible web`,
	}},
	{`ansible web -m ping`, []string{
		`ansible web -m ping`,
	}},
	{`ansible web -m apt -a 'name=nginx state=absent'`, []string{
		`ansible web -m apt -a 'name=nginx state=absent'`,
	}},
	{`ansible -i prod all -b -m reboot`, []string{
		`ansible -i prod all -b -m reboot`,
		`reboot via=ansible all dir=? remote=ansible all`,
	}},
	{`ansible all -m ansible.builtin.reboot --check`, []string{
		`ansible all -m ansible.builtin.reboot --check`,
	}},
	{`ansible web -m file -a "path='/srv/my app' state=absent"`, []string{
		`ansible web -m file -a "path='/srv/my app' state=absent"`,
		`rm -rf '/srv/my app' via=ansible web dir=? remote=ansible web`,
	}},
	{`ansible core -m cisco.ios.ios_config -a "lines=['no router bgp 65001', 'no vlan 20']"`, []string{
		`ansible core -m cisco.ios.ios_config -a "lines=['no router bgp 65001', 'no vlan 20']"`,
		`no router bgp 65001 via=ansible core dir=? remote=ansible core`,
		`no vlan 20 via=ansible core dir=? remote=ansible core`,
	}},
	{`ansible core -m junos_config -a '{"lines": ["delete protocols bgp"], "comment": "x"}'`, []string{
		`ansible core -m junos_config -a '{"lines": ["delete protocols bgp"], "comment": "x"}'`,
		`delete protocols bgp via=ansible core dir=? remote=ansible core`,
	}},
	{`ansible core -m eos_command -a "commands=$CMDS"`, []string{
		`ansible core -m eos_command -a 'commands=$CMDS'{D}`,
		`ansible core -m eos_command -a 'commands=$CMDS'{D} via=ansible core dir=? remote=ansible core problem=dynamic-code`,
	}},
	{`ssh mx1 'cli -c "configure; delete interfaces ge-0/0/1; commit"'`, []string{
		`ssh mx1 'cli -c "configure; delete interfaces ge-0/0/1; commit"'`,
		`configure via=ssh mx1>cli -c dir=/home/user remote=mx1`,
		`delete interfaces ge-0/0/1 via=ssh mx1>cli -c dir=/home/user remote=mx1`,
		`commit via=ssh mx1>cli -c dir=/home/user remote=mx1`,
	}},
	{`fish -c 'rm -rf /data'`, []string{
		`fish -c 'rm -rf /data'`,
		`rm -rf /data via=fish -c`,
	}},
	{`nu --commands='rm -r build'`, []string{
		`nu '--commands=rm -r build'`,
		`rm -r build via=nu -c`,
	}},
	{`vagrant ssh -c 'rm -rf /'`, []string{
		`vagrant ssh -c 'rm -rf /'`,
		`rm -rf / via=vagrant ssh dir=/home/user remote=vagrant`,
	}},
	{`vagrant ssh default -c 'rm -rf /'`, []string{
		`vagrant ssh default -c 'rm -rf /'`,
		`rm -rf / via=vagrant ssh default dir=/home/user remote=vagrant default`,
	}},
	{`docker compose exec web rm -rf /`, []string{
		`docker compose exec web rm -rf /`,
		`rm -rf / via=docker exec web dir=? remote=container web`,
	}},
	{`vendor/bin/sail composer remove laravel/breeze`, []string{
		`docker compose exec laravel.test composer remove laravel/breeze via=sail`,
		`composer remove laravel/breeze via=sail>docker exec laravel.test dir=? remote=container laravel.test`,
	}},
	{`sail down -v`, []string{
		`docker compose down -v via=sail`,
	}},
	{`docker compose run --rm web rm -rf /`, []string{
		`docker compose run --rm web rm -rf /`,
		`rm -rf / via=docker run web dir=? remote=container web`,
	}},
	{`kubectl debug node/x -it --image=busybox -- rm -rf /host`, []string{
		`kubectl debug node/x -it '--image=busybox' -- rm -rf /host`,
		`rm -rf /host via=kubectl debug node/x dir=? remote=pod node/x`,
	}},
	{`rails runner 'User.destroy_all'`, []string{
		`rails runner User.destroy_all code=ruby:'rails runner'`,
	}},
	{`bin/rails runner 'User.delete_all'`, []string{
		`bin/rails runner User.delete_all code=ruby:'rails runner'`,
	}},
	{`python manage.py shell -c 'from x import y; y.objects.all().delete()'`, []string{
		`python manage.py shell -c 'from x import y; y.objects.all().delete()'`,
		`manage.py shell -c 'from x import y; y.objects.all().delete()' via=python code=python:-c`,
	}},
	{`./manage.py shell <<'EOF'
User.objects.all().delete()
EOF`, []string{
		`./manage.py shell stdin="User.objects.all().delete()\n" code=python:heredoc`,
	}},
	{`hyperfine 'rm -rf /tmp/x' 'ls'`, []string{
		`rm -rf /tmp/x via=hyperfine`,
		`ls via=hyperfine`,
	}},
	{`hyperfine --prepare 'rm -rf ~' 'ls'`, []string{
		`rm -rf /home/user via=hyperfine --prepare`,
		`ls via=hyperfine`,
	}},
	{`entr -s 'rm -rf /'`, []string{
		`rm -rf / via=entr -s`,
	}},
	{`entr rm -rf /`, []string{
		`rm -rf / via=entr`,
	}},
	{`watchexec -e py -- rm -rf /`, []string{
		`rm -rf / via=watchexec -e py --`,
	}},
	{`nodemon --exec 'rm -rf /'`, []string{
		`rm -rf / via=nodemon --exec`,
	}},
	{`salt '*' cmd.run 'rm -rf /'`, []string{
		`salt '*' cmd.run 'rm -rf /'`,
		`rm -rf / via=salt * dir=? remote=salt *`,
	}},
	{`pdsh -w web[1-4] 'rm -rf /'`, []string{
		`pdsh -w 'web[1-4]'{G} 'rm -rf /'`,
		`rm -rf / via=pdsh web[1-4] dir=/home/user remote=pdsh web[1-4]`,
	}},
	{`pdsh -w n[1-4] -N 'rm -rf /'`, []string{
		`pdsh -w 'n[1-4]'{G} -N 'rm -rf /'`,
		`rm -rf / via=pdsh n[1-4] dir=/home/user remote=pdsh n[1-4]`,
	}},
	{`clush -w gpu[01-16] -b 'rm -rf /'`, []string{
		`clush -w 'gpu[01-16]'{G} -b 'rm -rf /'`,
		`rm -rf / via=clush gpu[01-16] dir=/home/user remote=clush gpu[01-16]`,
	}},
	{`clush -a --fanout 64 -bB rm -rf /`, []string{
		`clush -a --fanout 64 -bB rm -rf /`,
		`rm -rf / via=clush dir=/home/user remote=clush`,
	}},
	{`clush -w n[1-9] --copy /etc/hosts --dest /etc`, []string{
		`clush -w 'n[1-9]'{G} --copy /etc/hosts --dest /etc`,
	}},
	{`pssh -h hosts.txt -e /tmp/err 'rm -rf /'`, []string{
		`pssh -h hosts.txt -e /tmp/err 'rm -rf /'`,
		`rm -rf / via=pssh hosts.txt dir=/home/user remote=pssh hosts.txt`,
	}},
	{`xdsh compute -t 30 'rm -rf /'`, []string{
		`xdsh compute -t 30 'rm -rf /'`,
		`rm -rf / via=xdsh compute dir=/home/user remote=xcat compute`,
	}},
	{`wp @prod db query 'DROP TABLE wp_posts'`, []string{
		`wp @prod db query 'DROP TABLE wp_posts'`,
		`mysql -e 'DROP TABLE wp_posts' via=wp @prod db query`,
	}},
	{`drush -l https://x.example sqlq 'TRUNCATE users'`, []string{
		`drush -l https://x.example sqlq 'TRUNCATE users'`,
		`mysql -e 'TRUNCATE users' via=drush -l https://x.example sqlq`,
	}},
	{`terminus remote:drush shop.live -- sql:drop -y`, []string{
		`terminus remote:drush shop.live -- sql:drop -y`,
		`drush sql:drop -y via=terminus remote:drush shop.live dir=? remote=pantheon shop.live`,
	}},
	{`sshpass -p pw ssh h 'rm -rf /'`, []string{
		`ssh h 'rm -rf /' via=sshpass -p pw`,
		`rm -rf / via=sshpass -p pw>ssh h dir=/home/user remote=h`,
	}},
	{`gdb --args rm -rf /`, []string{
		`gdb --args rm -rf /`,
		`rm -rf / via=gdb --args`,
	}},
	{`gdb -ex 'shell rm -rf /' -batch`, []string{
		`gdb -ex 'shell rm -rf /' -batch`,
		`rm -rf / via=gdb shell`,
	}},
	{`lldb -- rm -rf /`, []string{
		`lldb -- rm -rf /`,
		`rm -rf / via=lldb --`,
	}},
	{`chamber exec svc -- rm -rf /`, []string{
		`rm -rf / via=chamber exec svc --`,
	}},
	{`consul exec -node web rm -rf /`, []string{
		`consul exec -node web rm -rf /`,
		`rm -rf / via=consul exec web dir=? remote=consul web`,
	}},
	{`envconsul -prefix x rm -rf /`, []string{
		`rm -rf / via=envconsul -prefix x`,
	}},
	{`minikube ssh 'sudo rm -rf /'`, []string{
		`minikube ssh 'sudo rm -rf /'`,
		`rm -rf / via=minikube ssh>sudo dir=/home/user remote=minikube`,
	}},
	{`multipass exec vm -- rm -rf /`, []string{
		`multipass exec vm -- rm -rf /`,
		`rm -rf / via=multipass exec vm dir=? remote=multipass vm`,
	}},
	{`lxc exec c1 -- rm -rf /`, []string{
		`lxc exec c1 -- rm -rf /`,
		`rm -rf / via=lxc exec c1 dir=? remote=container c1`,
	}},
	{`nix develop -c rm -rf /`, []string{
		`rm -rf / via=nix develop -c`,
	}},
}

func TestRunners(t *testing.T) { runCommandCases(t, runnerCases) }

// The runner table is searched by halves: its keys must be sorted and
// unique, and every key must be found, as the runner its row describes,
// the same one each time.
func TestRunnerTableSorted(t *testing.T) {
	for i := range runnerCount {
		row := runnerAt(i)
		if i > 0 {
			if prev := runnerAt(i - 1); prev.key >= row.key {
				t.Errorf("runner table: %q must come after %q", prev.key, row.key)
			}
		}
		r, _ := findRunner(row.key)
		if r == nil || r != row.runner() {
			t.Errorf("findRunner(%q) does not find it", row.key)
			continue
		}
		if r.short != row.short || strings.Join(r.long, " ") != row.long || strings.Join(r.builtins, " ") != row.builtins {
			t.Errorf("findRunner(%q) = %+v, not its row %+v", row.key, *r, row)
		}
	}
	if r, _ := findRunner("no-such-runner"); r != nil {
		t.Errorf("findRunner found a runner for an unknown key: %+v", *r)
	}
}
