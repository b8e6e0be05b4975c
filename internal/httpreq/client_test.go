package httpreq

import (
	"strings"
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

// requestsIn returns the requests of every client and interpreter in a
// command, rendered.
func requestsIn(cmd string) []string {
	var out []string
	for _, inv := range parse.Command(cmd, parse.Options{Dir: "/w", Home: "/root"}) {
		var reqs []Request
		if IsClient(inv.Name) {
			reqs = FromInvocation(inv)
		} else if inv.Code != nil {
			reqs = FromCode(inv.Code.Lang, inv.Code.Text)
		}
		for i := range reqs {
			out = append(out, render(&reqs[i]))
		}
	}
	return out
}

func runClientCases(t *testing.T, cases []struct {
	in   string
	want []string
}) {
	t.Helper()
	for _, tc := range cases {
		got := requestsIn(tc.in)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s:\n got:\n\t%s\nwant:\n\t%s", tc.in, strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
		}
	}
}

// Each client, each spelling: method, URL, headers, body, and where the
// credential comes from.
func TestClients(t *testing.T) { runClientCases(t, clientCases) }

// Where the token comes from: literals, files the command reads, programs
// that print it, the environment.
func TestCredentials(t *testing.T) { runClientCases(t, credentialCases) }

// Other CLIs' API commands, raw HTTP, load generators, method overrides.
func TestMoreClients(t *testing.T) { runClientCases(t, moreCases) }

// One-liners in Python, Node, Ruby, PHP and Perl.
func TestCode(t *testing.T) { runClientCases(t, codeCases) }

var clientCases = []struct {
	in   string
	want []string
}{
	{`curl https://api.github.com/repos/x/y`, []string{`curl GET https://api.github.com:443/repos/x/y`}},
	{`curl -X DELETE https://api.example.com/v1/volumes/123`, []string{`curl DELETE https://api.example.com:443/v1/volumes/123`}},
	{`curl -XDELETE https://api.example.com/a`, []string{`curl DELETE https://api.example.com:443/a`}},
	{`curl --request DELETE https://api.example.com/a`, []string{`curl DELETE https://api.example.com:443/a`}},
	{`curl --request=DELETE https://api.example.com/a`, []string{`curl DELETE https://api.example.com:443/a`}},
	{`curl -sSfLX DELETE https://api.example.com/a`, []string{`curl DELETE https://api.example.com:443/a`}},
	{`curl -X delete https://api.example.com/a`, []string{`curl DELETE https://api.example.com:443/a`}},
	{`curl -d 'a=1' https://api.example.com/a`, []string{`curl POST https://api.example.com:443/a B[a=1]`}},
	{`curl --data-raw '@notafile' https://api.example.com/a`, []string{`curl POST https://api.example.com:443/a B[@notafile]`}},
	{`curl --data-binary @body.json https://api.example.com/a`, []string{`curl POST https://api.example.com:443/a unread[file body.json]`}},
	{`curl --data-urlencode 'q=DROP TABLE x' http://ch:8123/`, []string{`curl POST http://ch:8123/ B[q=DROP TABLE x]`}},
	{`curl --json '{"a":1}' https://api.example.com/a`, []string{`curl POST https://api.example.com:443/a H[Content-Type: application/json] B[{"a":1}]`}},
	{`curl -F 'file=@report.pdf' -F name=x https://api.example.com/upload`, []string{`curl POST https://api.example.com:443/upload B[name=x]`}},
	{`curl -G -d 'q=1' https://api.example.com/search`, []string{`curl GET https://api.example.com:443/search?q=1`}},
	{`curl -I https://example.com`, []string{`curl HEAD https://example.com:443/`}},
	{`curl --head https://example.com`, []string{`curl HEAD https://example.com:443/`}},
	{`curl -T backup.tar https://files.example.com/b`, []string{`curl PUT https://files.example.com:443/b unread[file backup.tar]`}},
	{`curl --upload-file - https://files.example.com/b <<< 'data'`, []string{`curl PUT https://files.example.com:443/b B[data]`}},
	{`curl -d @- https://api.example.com/a <<< '{"x":1}'`, []string{`curl POST https://api.example.com:443/a B[{"x":1}]`}},
	{`echo '{"x":1}' | curl -d @- https://api.example.com/a`, []string{`curl POST https://api.example.com:443/a B[{"x":1}]`}},
	{`curl -d @- https://api.example.com/a`, []string{`curl POST https://api.example.com:443/a unread[stdin]`}},
	{`curl -H 'Authorization: Bearer abc123' https://api.example.com/a`, []string{`curl GET https://api.example.com:443/a H[Authorization: Bearer abc123] cred[Authorization header literal]`}},
	{`curl -u admin:pw https://api.example.com/a`, []string{`curl GET https://api.example.com:443/a cred[-u user:password literal]`}},
	{`curl -u admin https://api.example.com/a`, []string{`curl GET https://api.example.com:443/a`}},
	{`curl --oauth2-bearer "$(cat ~/.token)" https://api.example.com/a`, []string{`curl GET https://api.example.com:443/a cred[--oauth2-bearer token file ~/.token]`}},
	{`curl -n https://api.example.com/a`, []string{`curl GET https://api.example.com:443/a cred[login from ~/.netrc client]`}},
	{`curl https://a.example.com https://b.example.com`, []string{`curl GET https://a.example.com:443/`, `curl GET https://b.example.com:443/`}},
	{`curl -X DELETE https://a.example.com --next https://b.example.com`, []string{`curl DELETE https://a.example.com:443/`, `curl GET https://b.example.com:443/`}},
	{`curl --url https://api.example.com/x -X PUT`, []string{`curl PUT https://api.example.com:443/x`}},
	{`curl -o out.json -w '%{http_code}' https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x`}},
	{`curl -K cfg.txt`, []string{`curl ? http://?:80/ dynamic unread[options from file cfg.txt]`}},
	{`curl -X "$M" https://api.example.com/x`, []string{`curl ? https://api.example.com:443/x`}},
	{`curl -X DELETE "$API_URL/volumes/1"`, []string{`curl DELETE http://?:80/volumes/1 dynamic`}},
	{`curl -X DELETE "http://localhost:$PORT/items/1"`, []string{`curl DELETE http://localhost/items/1 dynamic`}},
	{`curl 'https://api.example.com/x?api_key=abc123&x=1'`, []string{`curl GET https://api.example.com:443/x?api_key=abc123&x=1 cred[query parameter api_key literal]`}},
	{`curl https://user:hunter2@api.example.com/x`, []string{`curl GET https://api.example.com:443/x cred[password in the URL literal]`}},
	{`curl -H @headers.txt https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x unread[headers from file headers.txt]`}},
	{`printf 'Authorization: Bearer abc\n' > h.txt && curl -H @h.txt https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer abc] cred[Authorization header literal]`}},
	{`curl --unix-socket /var/run/docker.sock http://localhost/containers/json`, []string{`curl GET http://localhost:80/containers/json socket=/var/run/docker.sock`}},
	{`curl -X POST --url-query 'force=true' https://api.example.com/x`, []string{`curl POST https://api.example.com:443/x?force=true`}},
	{`wget https://example.com/file.tar.gz`, []string{`wget GET https://example.com:443/file.tar.gz`}},
	{`wget -qO- https://example.com/x`, []string{`wget GET https://example.com:443/x`}},
	{`wget --method DELETE https://api.example.com/x`, []string{`wget DELETE https://api.example.com:443/x`}},
	{`wget --post-data 'a=1' https://api.example.com/x`, []string{`wget POST https://api.example.com:443/x B[a=1]`}},
	{`wget --post-file=body.json https://api.example.com/x`, []string{`wget POST https://api.example.com:443/x unread[file body.json]`}},
	{`wget --body-data='{"x":1}' --method=PUT https://api.example.com/x`, []string{`wget PUT https://api.example.com:443/x B[{"x":1}]`}},
	{`wget --header 'Authorization: Bearer abc' https://api.example.com/x`, []string{`wget GET https://api.example.com:443/x H[Authorization: Bearer abc] cred[Authorization header literal]`}},
	{`wget --user=u --password=pw https://api.example.com/x`, []string{`wget GET https://api.example.com:443/x cred[--password literal]`}},
	{`wget -nv -O out https://example.com/y`, []string{`wget GET https://example.com:443/y`}},
	{`http https://api.example.com/x`, []string{`http GET https://api.example.com:443/x`}},
	{`http DELETE https://api.example.com/x`, []string{`http DELETE https://api.example.com:443/x`}},
	{`http delete https://api.example.com/x`, []string{`http DELETE https://api.example.com:443/x`}},
	{`http api.example.com/x name=y`, []string{`http POST http://api.example.com:80/x B[name=y]`}},
	{`http PUT api.example.com/x name=y count:=3`, []string{`http PUT http://api.example.com:80/x B[name=y] B[count=3]`}},
	{`https api.example.com/x`, []string{`https GET https://api.example.com:443/x`}},
	{`http :8080/x`, []string{`http GET http://localhost:8080/x`}},
	{`http -a user:pw api.example.com/x`, []string{`http GET http://api.example.com:80/x cred[--auth user:password literal]`}},
	{`http -A bearer -a tok123 api.example.com/x`, []string{`http GET http://api.example.com:80/x cred[--auth token literal]`}},
	{`xh --bearer "$TOKEN" delete api.example.com/x`, []string{`xh DELETE http://api.example.com:80/x cred[--bearer token environment]`}},
	{`xh post api.example.com/x q==1 X-Api-Key:abc`, []string{`xh POST http://api.example.com:80/x?q=1 H[X-Api-Key: abc] cred[X-Api-Key header literal]`}},
	{`http --form POST api.example.com/upload file@report.pdf`, []string{`http POST http://api.example.com:80/upload`}},
	{`http POST api.example.com/x < body.json`, []string{`http POST http://api.example.com:80/x unread[stdin (file body.json)]`}},
	{`echo '{"a":1}' | http POST api.example.com/x`, []string{`http POST http://api.example.com:80/x B[{"a":1}]`}},
	{`http --ignore-stdin api.example.com/x`, []string{`http GET http://api.example.com:80/x`}},
	{`http POST api.example.com/x query=@q.graphql`, []string{`http POST http://api.example.com:80/x unread[file q.graphql]`}},
	{`gh api repos/o/r`, []string{`gh api GET https://api.github.com:443/repos/o/r cred[gh's login client]`}},
	{`gh api /repos/o/r --jq .name`, []string{`gh api GET https://api.github.com:443/repos/o/r cred[gh's login client]`}},
	{`gh api -X DELETE repos/o/r`, []string{`gh api DELETE https://api.github.com:443/repos/o/r cred[gh's login client]`}},
	{`gh api --method=PATCH repos/o/r -f name=x`, []string{`gh api PATCH https://api.github.com:443/repos/o/r B[name=x] cred[gh's login client]`}},
	{`gh api repos/o/r/issues -f title=x -F draft=true`, []string{`gh api POST https://api.github.com:443/repos/o/r/issues B[title=x] B[draft=true] cred[gh's login client]`}},
	{`gh api repos/o/r/issues --input body.json`, []string{`gh api POST https://api.github.com:443/repos/o/r/issues unread[file body.json] cred[gh's login client]`}},
	{`gh api graphql -f query='query { viewer { login } }'`, []string{`gh api POST https://api.github.com:443/graphql B[query=query { viewer { login } }] cred[gh's login client]`}},
	{`gh api graphql -F query=@q.graphql`, []string{`gh api POST https://api.github.com:443/graphql unread[file q.graphql (field query)] cred[gh's login client]`}},
	{`gh api --hostname ghe.corp.com repos/o/r`, []string{`gh api GET https://ghe.corp.com:443/api/v3/repos/o/r cred[gh's login client]`}},
	{`gh pr list`, nil},
	{`GH_TOKEN=$(cat ~/.gh-token) gh api -X DELETE repos/o/r`, []string{`gh api DELETE https://api.github.com:443/repos/o/r cred[GH_TOKEN file ~/.gh-token]`}},
	{`curlie -X DELETE https://api.example.com/x`, []string{`curlie DELETE https://api.example.com:443/x`}},
	{`curlie DELETE https://api.example.com/x`, []string{`curlie DELETE https://api.example.com:443/x`}},
	{`curlie post https://api.example.com/x name=y`, []string{`curlie POST https://api.example.com:443/x B[name=y]`}},
	{`lwp-request -m DELETE https://api.example.com/x`, []string{`lwp-request DELETE https://api.example.com:443/x`}},
	{`POST https://api.example.com/x <<< 'a=1'`, []string{`lwp-request POST https://api.example.com:443/x B[a=1]`}},
	{`GET https://api.example.com/x`, []string{`lwp-request GET https://api.example.com:443/x`}},
	{`httpx https://api.example.com/x -m DELETE`, []string{`httpx DELETE https://api.example.com:443/x`}},
	{`grpcurl -plaintext localhost:50051 list`, nil},
	{`grpcurl -d '{"id":"v"}' api.example.com:443 storage.Volumes/DeleteVolume
`, []string{`grpcurl POST https://api.example.com:443/storage.Volumes/DeleteVolume B[{"id":"v"}]`}},
}

var credentialCases = []struct {
	in   string
	want []string
}{
	{`curl -X DELETE https://api.example.com/x -H "Authorization: Bearer $(python3 -c 'import json;print(json.load(open("creds.json"))["token"])')"`, []string{`curl DELETE https://api.example.com:443/x H[Authorization: Bearer $(python3 -c 'import json;print(json.load(open("creds.json"))["token"])')] cred[Authorization header file creds.json]`}},
	{`curl -H "Authorization: Bearer $RAILWAY_TOKEN" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $RAILWAY_TOKEN] cred[Authorization header environment]`}},
	{`TOKEN=$(grep RAILWAY_TOKEN .env | cut -d= -f2) && curl -H "Authorization: Bearer $TOKEN" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $TOKEN] cred[Authorization header file .env]`}},
	{`curl -H "Authorization: Bearer $(grep -E '^API_TOKEN=' .env.production | cut -d= -f2-)" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $(grep -E '^API_TOKEN=' .env.production | cut -d= -f2-)] cred[Authorization header file .env.production]`}},
	{`curl -H "Authorization: Bearer $(cat ~/.config/railway/config.json | jq -r .user.token)" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $(cat ~/.config/railway/config.json | jq -r .user.token)] cred[Authorization header file ~/.config/railway/config.json]`}},
	{`curl -H "Authorization: Bearer $(jq -r .token ~/.config/x/auth.json)" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $(jq -r .token ~/.config/x/auth.json)] cred[Authorization header file ~/.config/x/auth.json]`}},
	{`curl -H "Authorization: Bearer $(sed -n 's/^TOKEN=//p' config/secrets.env)" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $(sed -n 's/^TOKEN=//p' config/secrets.env)] cred[Authorization header file config/secrets.env]`}},
	{`curl -H "Authorization: Bearer $(awk -F= '/^TOKEN/{print $2}' .env)" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $(awk -F= '/^TOKEN/{print $2}' .env)] cred[Authorization header file .env]`}},
	{`curl -H "Authorization: Bearer $(< ~/.token)" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $(< ~/.token)] cred[Authorization header file ~/.token]`}},
	{"curl -H \"Authorization: Bearer `cat token.txt`\" https://api.example.com/x", []string{"curl GET https://api.example.com:443/x H[Authorization: Bearer `cat token.txt`] cred[Authorization header file token.txt]"}},
	{`curl -H "Authorization: Bearer $(gh auth token)" https://api.github.com/user`, []string{`curl GET https://api.github.com:443/user H[Authorization: Bearer $(gh auth token)] cred[Authorization header command]`}},
	{`curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://compute.googleapis.com/x`, []string{`curl GET https://compute.googleapis.com:443/x H[Authorization: Bearer $(gcloud auth print-access-token)] cred[Authorization header command]`}},
	{`curl -H "X-Vault-Token: $(vault print token)" http://vault:8200/v1/sys/mounts`, []string{`curl GET http://vault:8200/v1/sys/mounts H[X-Vault-Token: $(vault print token)] cred[X-Vault-Token header command]`}},
	{`source .env && curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $API_TOKEN] cred[Authorization header file .env]`}},
	{`. ./.env.local; curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $API_TOKEN] cred[Authorization header file ./.env.local]`}},
	{`set -a; source .env; set +a; curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $API_TOKEN] cred[Authorization header file .env]`}},
	{`export $(grep -v '^#' .env | xargs) && curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $API_TOKEN] cred[Authorization header file .env]`}},
	{`source ~/.bashrc && curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $API_TOKEN] cred[Authorization header environment]`}},
	{`source .env && curl https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x`}},
	{`read -r T < ~/.config/x/token && curl -H "Authorization: Bearer $T" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $T] cred[Authorization header file ~/.config/x/token]`}},
	{`T=$(cat ~/.tok); H="Authorization: Bearer $T"; curl -H "$H" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $T] cred[Authorization header file ~/.tok]`}},
	{`curl -H "Authorization: token ghp_abcdefghijklmnopqrstuvwxyz0123456789" https://api.github.com/user`, []string{`curl GET https://api.github.com:443/user H[Authorization: token ghp_abcdefghijklmnopqrstuvwxyz0123456789] cred[Authorization header literal]`}},
	{`curl -H "PRIVATE-TOKEN: glpat-abcdefghij0123456789" https://gitlab.com/api/v4/projects`, []string{`curl GET https://gitlab.com:443/api/v4/projects H[PRIVATE-TOKEN: glpat-abcdefghij0123456789] cred[PRIVATE-TOKEN header literal]`}},
	{`curl -u "$USER:$(cat ~/.pw)" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x cred[-u user:password file ~/.pw]`}},
	{`curl -u "admin:$ADMIN_PASSWORD" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x cred[-u user:password environment]`}},
	{`curl "https://api.example.com/x?token=$(cat .token)"`, []string{`curl GET https://api.example.com:443/x?token=$(cat .token) dynamic cred[query parameter token file .token]`}},
	{`export RAILWAY_TOKEN=$(grep RAILWAY .env | cut -d= -f2); curl -H "Authorization: Bearer $RAILWAY_TOKEN" https://api.example.com/x`, []string{`curl GET https://api.example.com:443/x H[Authorization: Bearer $RAILWAY_TOKEN] cred[Authorization header file .env]`}},
}

var codeCases = []struct {
	in   string
	want []string
}{
	{"node -e \"require('https').request({hostname:'api.example.com',port:8443,path:'/v1/x',method:'DELETE'}).end()\"", []string{`node require().request DELETE https://api.example.com:8443/v1/x`}},
	// Names defined by each other: bounded work, a URL not known.
	{"python3 -c 'import requests\na=b+b+b+b+b+b+b+b+b+b\nb=a+a+a+a+a+a+a+a+a+a\nrequests.delete(a)'", []string{`python requests.delete DELETE http://?:80/ dynamic`}},
	{`python3 -c 'import requests; requests.delete("https://api.example.com/v1/volumes/1")'`, []string{`python requests.delete DELETE https://api.example.com:443/v1/volumes/1`}},
	// A subscript in a concatenation is one unknown value: the URL goes on after it.
	{`python3 -c 'import os, requests; requests.post("https://api.example.com/service/" + os.environ["SID"] + "/purge_all")'`, []string{`python requests.post POST https://api.example.com:443/service/${os.environ[...]}/purge_all dynamic`}},
	{`python3 -c 'import requests; r = requests.get("https://api.github.com/repos/x/y"); print(r.json())'`, []string{`python requests.get GET https://api.github.com:443/repos/x/y`}},
	{`python3 -c 'import requests; requests.request("DELETE", "https://api.example.com/x")'`, []string{`python requests.request DELETE https://api.example.com:443/x`}},
	{`python3 -c 'import requests; requests.post("https://api.example.com/graphql", json={"query": "mutation { deleteWorkspace(id: 1) }"}, headers={"Authorization": "Bearer abc123"})'`, []string{`python requests.post POST https://api.example.com:443/graphql H[Authorization: Bearer abc123] B[query=mutation { deleteWorkspace(id: 1) }] cred[Authorization header literal]`}},
	{`python3 -c 'import requests,os; requests.delete("https://api.example.com/x", headers={"Authorization": "Bearer " + os.environ["TOKEN"]})'`, []string{`python requests.delete DELETE https://api.example.com:443/x H[Authorization: Bearer ${os.environ[...]}] cred[Authorization header environment]`}},
	{`python3 -c 'import requests; from dotenv import load_dotenv; import os; load_dotenv(); requests.delete("https://api.example.com/x", headers={"Authorization": f"Bearer {os.getenv(\"TOKEN\")}"})'`, []string{`python requests.delete DELETE https://api.example.com:443/x H[Authorization: Bearer ${os.getenv(...)}] cred[Authorization header file .env]`}},
	{`python3 -c 'import httpx; httpx.delete("https://api.example.com/x")'`, []string{`python httpx.delete DELETE https://api.example.com:443/x`}},
	{`python3 -c 'import httpx; httpx.Client(base_url="https://api.example.com").delete("/v1/x")'`, []string{`python httpx.Client().delete DELETE https://api.example.com:443/v1/x`}},
	{`python3 -c 'import urllib.request as u; u.urlopen(u.Request("https://api.example.com/x", method="DELETE"))'`, []string{`python u.Request DELETE https://api.example.com:443/x`}},
	{`python3 -c 'import urllib.request; urllib.request.urlopen("https://api.example.com/x", data=b"a=1")'`, []string{`python urllib.request.urlopen POST https://api.example.com:443/x B[a=1]`}},
	{`python3 -c 'import http.client; c = http.client.HTTPSConnection("api.example.com"); c.request("DELETE", "/v1/x/1"); print(c.getresponse().status)'`, []string{`python http.client DELETE https://api.example.com:443/v1/x/1`}},
	{`python3 - <<'EOF'
import requests
API = "https://api.example.com/v1"
s = requests.Session()
s.headers["Authorization"] = "Bearer " + open(".token").read().strip()
r = s.delete(f"{API}/projects/42")
print(r.status_code)
EOF`, []string{`python s.delete DELETE https://api.example.com:443/v1/projects/42 cred[Authorization header file .token]`}},
	{`python3 <<'EOF'
import requests, json
q = """
mutation Cleanup {
  volumeDelete(volumeId: "v1")
}
"""
resp = requests.post("https://backboard.railway.app/graphql/v2", json={"query": q})
print(resp.text)
EOF`, []string{`python requests.post POST https://backboard.railway.app:443/graphql/v2 B[query=\nmutation Cleanup {\n  volumeDelete(volumeId: "v1")\n}\n]`}},
	{`python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("x"); print(d)' < a.json`, nil},
	{`python3 -c 'import redis; redis.Redis().delete("k")'`, nil},
	{`node -e 'fetch("https://api.example.com/x/1", {method: "DELETE"})'`, []string{`node fetch DELETE https://api.example.com:443/x/1`}},
	{`node -e 'fetch("https://api.example.com/x").then(r => r.json()).then(console.log)'`, []string{`node fetch GET https://api.example.com:443/x`}},
	{`node -e 'const axios = require("axios"); axios.delete("https://api.example.com/x")'`, []string{`node axios.delete DELETE https://api.example.com:443/x`}},
	{`node -e 'const axios = require("axios"); axios({method: "delete", url: "https://api.example.com/x", headers: {"X-Api-Key": "abc123"}})'`, []string{`node axios DELETE https://api.example.com:443/x H[X-Api-Key: abc123] cred[X-Api-Key header literal]`}},
	{`node -e 'require("axios").post("https://api.example.com/graphql", {query: "mutation { projectDelete(id: 1) }"})'`, []string{`node axios.post POST https://api.example.com:443/graphql B[query=mutation { projectDelete(id: 1) }]`}},
	{`node -e 'const got = require("got"); got.delete("https://api.example.com/x")'`, []string{`node got.delete DELETE https://api.example.com:443/x`}},
	{`node -e 'const got = require("got"); got("https://api.example.com/x", {method: "DELETE"})'`, []string{`node got DELETE https://api.example.com:443/x`}},
	{`node -e 'const m = new Map(); m.delete("k"); console.log(m)'`, nil},
	{"node -e 'fetch(`https://api.example.com/x/${process.argv[1]}`, {method: \"DELETE\", headers: {Authorization: `Bearer ${process.env.TOKEN}`}})'", []string{`node fetch DELETE https://api.example.com:443/x/${process.argv[...]} dynamic H[Authorization: Bearer ${process.env.TOKEN}] cred[Authorization header environment]`}},
	{`node -e 'require("dotenv").config(); fetch("https://api.example.com/x", {method: "DELETE", headers: {Authorization: "Bearer " + process.env.TOKEN}})'`, []string{`node fetch DELETE https://api.example.com:443/x H[Authorization: Bearer ${process.env.TOKEN}] cred[Authorization header file .env]`}},
	{`ruby -e 'require "net/http"; uri = URI("https://api.example.com/x"); req = Net::HTTP::Delete.new(uri); Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |h| h.request(req) }'`, []string{`ruby Net::HTTP::Delete.new DELETE https://api.example.com:443/x`}},
	{`ruby -e 'require "net/http"; Net::HTTP.start("api.example.com", use_ssl: true) { |h| h.post("/service/#{ENV["SVC"]}/purge_all", "") }'`, []string{`ruby h.post POST https://api.example.com:443/service/${ENV[...]}/purge_all dynamic B[]`}},
	{`ruby -e 'require "httparty"; HTTParty.delete("https://api.example.com/x")'`, []string{`ruby HTTParty.delete DELETE https://api.example.com:443/x`}},
	{`ruby -rrest-client -e 'RestClient.delete "https://api.example.com/items/1"'`, []string{`ruby RestClient.delete DELETE https://api.example.com:443/items/1`}},
	{`ruby -e 'require "faraday"; Faraday.new(url: "https://api.example.com").delete("/v1/x")'`, []string{`ruby Faraday.new().delete DELETE https://api.example.com:443/v1/x`}},
	{`ruby -e 'h = {a: 1}; h.delete(:a); p h'`, nil},
	{`php -r '$ch = curl_init("https://api.example.com/x"); curl_setopt($ch, CURLOPT_CUSTOMREQUEST, "DELETE"); curl_setopt($ch, CURLOPT_HTTPHEADER, ["Authorization: Bearer abc"]); curl_exec($ch);'`, []string{`php curl DELETE https://api.example.com:443/x H[Authorization: Bearer abc] cred[Authorization header literal]`}},
	{`php -r 'echo file_get_contents("https://api.example.com/x", false, stream_context_create(["http" => ["method" => "DELETE"]]));'`, []string{`php file_get_contents DELETE https://api.example.com:443/x`}},
	{`php -r 'echo file_get_contents("https://api.example.com/x");'`, []string{`php file_get_contents GET https://api.example.com:443/x`}},
	{`php -r '$c = new GuzzleHttp\Client(); $c->request("DELETE", "https://api.example.com/x");'`, []string{`php $c.request DELETE https://api.example.com:443/x`}},
	{`perl -MLWP::UserAgent -e 'LWP::UserAgent->new->delete("https://api.example.com/x")'`, []string{`perl new.delete DELETE https://api.example.com:443/x`}},
	{`perl -MHTTP::Request -e 'my $r = HTTP::Request->new(DELETE => "https://api.example.com/x");'`, []string{`perl HTTP::Request.new DELETE https://api.example.com:443/x`}},
}

var moreCases = []struct {
	in   string
	want []string
}{
	{`glab api --method DELETE projects/42`, []string{`glab api DELETE https://gitlab.com:443/api/v4/projects/42 cred[glab's login client]`}},
	{`glab api graphql -f query='mutation { destroyBoard(input: {id: 1}) { errors } }'`, []string{`glab api POST https://gitlab.com:443/api/graphql B[query=mutation { destroyBoard(input: {id: 1}) { errors } }] cred[glab's login client]`}},
	{`GITLAB_TOKEN=glpat-abcdefghij0123456789 glab api projects/42 --hostname gitlab.corp.com`, []string{`glab api GET https://gitlab.corp.com:443/api/v4/projects/42 cred[GITLAB_TOKEN literal]`}},
	{`hub api -X DELETE repos/o/r`, []string{`hub api DELETE https://api.github.com:443/repos/o/r cred[hub's login client]`}},
	{`az rest --method delete --url https://management.azure.com/x?api-version=1 --body @body.json`, []string{`az rest DELETE https://management.azure.com:443/x?api-version=1 unread[file body.json] cred[az's login client]`}},
	{`az vm list`, nil},
	{`http --auth-type edgegrid -a default: POST :/ccu/v3/delete/url/staging objects:='["https://x.io/a"]'`, []string{`http POST https://edgerc.akamaiapis.net:443/ccu/v3/delete/url/staging B[objects=["https://x.io/a"]]`}},
	{`http :3000/api/items`, []string{`http GET http://localhost:3000/api/items`}},
	{`curl -X PUT https://kv.example.com/v1/kv/a --data-binary @/dev/null`, []string{`curl PUT https://kv.example.com:443/v1/kv/a B[]`}},
	{`stripe delete /v1/customers/cus_123`, []string{`stripe delete DELETE https://api.stripe.com:443/v1/customers/cus_123 cred[stripe's login client]`}},
	{`stripe customers list`, []string{`stripe customers list GET https://api.stripe.com:443/v1/customers cred[stripe's login client]`}},
	{`stripe invoices void in_1NabcDEF --live`, []string{`stripe invoices void POST https://api.stripe.com:443/v1/invoices/in_1NabcDEF/void cred[stripe's live-mode login client]`}},
	{`stripe refunds create --charge ch_1Nab --amount 500 -d reason=duplicate`, []string{`stripe refunds create POST https://api.stripe.com:443/v1/refunds B[charge=ch_1Nab] B[amount=500] B[reason=duplicate] cred[stripe's login client]`}},
	{`STRIPE_API_KEY=sk_test_51Hq stripe customers delete cus_NffrFeUfNV2Hib`, []string{`stripe customers delete DELETE https://api.stripe.com:443/v1/customers/cus_NffrFeUfNV2Hib cred[STRIPE_API_KEY literal]`}},
	{`stripe terminal readers cancel_action tmr_1Nab --api-key "$K"`, []string{`stripe terminal readers cancel_action POST https://api.stripe.com:443/v1/terminal/readers/tmr_1Nab/cancel_action cred[--api-key environment]`}},
	{`stripe listen --forward-to localhost:4242/webhook`, nil},
	{`stripe trigger payment_intent.succeeded`, nil},
	{`stripe login`, nil},
	{`printf 'DELETE /volumes/pgdata HTTP/1.1\r\nHost: localhost\r\n\r\n' | nc -U /var/run/docker.sock`, []string{`nc DELETE http://localhost:80/volumes/pgdata socket=/var/run/docker.sock H[Host: localhost]`}},
	{`printf 'POST /x HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer abc\r\n\r\n{"a":1}' | socat - OPENSSL:api.example.com:443`, []string{`socat POST https://api.example.com:443/x H[Host: api.example.com] H[Authorization: Bearer abc] B[{"a":1}] cred[Authorization header literal]`}},
	{`nc -l 8080`, nil},
	{`hey -n 10 -m DELETE -H 'Authorization: Bearer abc' https://api.example.com/x`, []string{`hey DELETE https://api.example.com:443/x H[Authorization: Bearer abc] cred[Authorization header literal]`}},
	{`ab -n 10 -u body.txt http://localhost:8080/x`, []string{`ab PUT http://localhost:8080/x`}},
	{`curl -X POST -H 'X-HTTP-Method-Override: DELETE' https://api.example.com/x`, []string{`curl DELETE https://api.example.com:443/x H[X-HTTP-Method-Override: DELETE]`}},
	{`curl 'https://app.example.com/posts/1?_method=DELETE' -X POST`, []string{`curl DELETE https://app.example.com:443/posts/1?_method=DELETE`}},
	{`http --offline DELETE api.example.com/x`, nil},
}
