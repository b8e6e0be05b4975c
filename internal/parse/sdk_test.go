package parse

import (
	"fmt"
	"strings"
	"testing"
)

// TestCodeCalls reads the calls of code and where their receivers come
// from.
func TestCodeCalls(t *testing.T) {
	tests := []struct {
		lang, code string
		want       string // name root args, of the calls with a root or args
	}{
		{"python", `import psycopg2; c=psycopg2.connect('dbname=prod'); c.cursor().execute('DROP TABLE users'); c.commit()`,
			"connect@psycopg2[dbname=prod] cursor@psycopg2 execute@psycopg2[DROP TABLE users] commit@psycopg2"},
		{"python", `import boto3; boto3.client('ec2').terminate_instances(InstanceIds=['i-123'])`,
			"client@boto3[ec2] terminate_instances@boto3[i-123]"},
		{"python", `from elasticsearch import Elasticsearch; Elasticsearch('http://localhost:9200').indices.delete(index='products')`,
			"indices@elasticsearch delete@elasticsearch[products] Elasticsearch@elasticsearch[http://localhost:9200]"},
		{"python", `import redis; redis.Redis(host='cache.prod').flushall()`, "Redis@redis[cache.prod] flushall@redis"},
		{"node", `require('redis').createClient({url: process.env.REDIS_URL}).connect().then(c => c.flushAll())`,
			"createClient@redis connect@redis then@redis flushAll@redis"},
		{"node", `const {Client}=require('pg'); const c=new Client(); c.connect().then(()=>c.query('DROP DATABASE app'))`,
			"connect@pg then@pg[DROP DATABASE app] query@pg[DROP DATABASE app] Client@pg"},
		{"ruby", `u=URI("https://api.acme.io/v1/x/7"); Net::HTTP.start(u.host,u.port,use_ssl:true){|h| h.delete(u.path)}`,
			"start@Net::HTTP host@URI port@URI delete@Net::HTTP path@URI"},
		{"python", `d = {}; d.pop("a"); xs = [1]; xs.remove(1)`, ""},
		{"node", `const m = new Map(); m.delete("k")`, "delete@Map[k]"},
		{"perl", `use DBI; my $dbh = DBI->connect("dbi:Pg:dbname=x"); $dbh->do("DROP TABLE t")`,
			"connect@DBI[dbi:Pg:dbname=x] do@DBI[DROP TABLE t]"},
		{"php", `$r = new Redis(); $r->connect("127.0.0.1"); $r->flushAll();`, "connect@Redis[127.0.0.1] flushAll@Redis"},
		{"ruby", `Redis.new.flushall`, "new@Redis flushall@Redis"},
	}
	for _, tt := range tests {
		c := &Code{Lang: tt.lang, Text: tt.code}
		var got []string
		for _, call := range c.Calls() {
			if call.Root == "" {
				continue
			}
			s := call.Name + "@" + call.Root
			if len(call.Args) > 0 {
				s += fmt.Sprint(call.Args)
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: %s\n got %s\nwant %s", tt.lang, tt.code, g, tt.want)
		}
	}
}

// FuzzCodeCalls checks that reading calls, callbacks and PowerShell never
// panics.
func FuzzCodeCalls(f *testing.F) {
	for _, s := range []string{`import boto3; boto3.client('ec2').terminate_instances()`, `c.then(c => c.flushAll())`,
		`{|h| h.delete(u)}`, `$r->x("a")`, `Remove-Item -Path "${x" | rm`, `${`, `@{a=1}`, `$(`, "`", `'`, `a.b(`,
		`x = y; x.z(`, `for f in glob.glob("a"): os.remove(f)`, `array_map("unlink", glob(`, `.forEach(fs.unlinkSync)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []string{"python", "node", "ruby", "php", "perl", "r"} {
			(&Code{Lang: lang, Text: s}).Calls()
		}
		psShell(s, 0)
		cmdShell(s)
		Command("php -r '"+s+"'", Options{Home: "/home/user", Dir: testDir})
		Command("pwsh -c '"+s+"'", Options{Home: "/home/user", Dir: testDir})
	})
}
