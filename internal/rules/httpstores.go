package rules

import (
	"regexp"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A data store's HTTP API on this machine is seldom a dev server: it is
// often kubectl port-forward or an SSH tunnel to production. Requests to
// loopback are exempt from the HTTP rules, except to these.

// store is how a data store's HTTP API shows on the wire: its usual ports,
// and path prefixes that name it on any port.
type store struct {
	name  string
	ports []int
	paths []string
}

// appPorts are store ports that local web applications use as much:
// Play and PHP-FPM's 9000, Angular's 4200, Jupyter's 8888, 9090, 3100,
// 8082, 9080, 6080, 10000, 8088. On one of them the port names the store
// only when the path does not look like an application's route (appRoute);
// the store's own paths name it on any port.
var appPorts = []int{9000, 4200, 8888, 9090, 3100, 8082, 9080, 6080, 10000, 8088}

// appRoute reports whether a path looks like a web application's route,
// which no store on an application port serves: /api/sessions/1,
// /v1/todos/3.
func appRoute(p string) bool {
	first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	if first == "api" {
		return true
	}
	return len(first) >= 2 && first[0] == 'v' && strings.Trim(first[1:], "0123456789") == "" && strings.Count(p, "/") >= 2
}

var stores = []store{
	{"Elasticsearch or OpenSearch", []int{9200, 9300, 9243}, []string{"/_delete_by_query", "/_update_by_query", "/_all", "/_cat/", "/_cluster/", "/_snapshot/", "/_bulk", "/_aliases", "/_index_template", "/_data_stream", "/_ilm/", "/_security/", "/_reindex"}},
	{"Solr", []int{8983}, []string{"/solr/"}},
	{"CouchDB", []int{5984}, []string{"/_purge", "/_bulk_docs", "/_all_dbs"}},
	{"InfluxDB", []int{8086, 8088}, []string{"/api/v2/delete", "/api/v2/buckets"}},
	{"Qdrant", []int{6333, 6334}, nil},
	{"Weaviate", nil, []string{"/v1/schema", "/v1/objects", "/v1/batch/objects"}},
	{"Chroma", nil, []string{"/api/v1/collections", "/api/v2/tenants"}},
	{"Milvus", []int{19530, 9091}, []string{"/v2/vectordb/"}},
	{"Consul", []int{8500, 8501}, []string{"/v1/kv/", "/v1/agent/service/deregister", "/v1/catalog/deregister"}},
	{"etcd", []int{2379, 2380, 4001}, []string{"/v3/kv/", "/v2/keys/"}},
	{"Vault", []int{8200, 8201}, []string{"/v1/sys/"}},
	{"Nomad", []int{4646}, nil},
	{"MongoDB", []int{27017, 27018, 28017}, nil},
	{"the Kubernetes API", []int{8001, 6443, 16443, 10250}, []string{"/api/v1/namespaces", "/apis/"}},
	{"Neo4j", []int{7474, 7473}, []string{"/db/neo4j/", "/db/data/"}},
	{"ArangoDB", []int{8529}, []string{"/_api/"}},
	{"Couchbase", []int{8091, 8092, 8093}, nil},
	{"ClickHouse", []int{8123}, nil},
	{"Prometheus", []int{9090}, []string{"/api/v1/admin/"}},
	{"Loki", []int{3100}, []string{"/loki/api/v1/delete"}},
	{"RabbitMQ", []int{15672}, nil},
	{"Kafka", []int{8082}, []string{"/subjects/", "/connectors/", "/v3/clusters/"}},
	{"Riak", []int{8098, 8087}, []string{"/riak/"}},
	{"Dgraph", []int{6080, 9080}, []string{"/alter", "/mutate"}},
	{"CrateDB", []int{4200}, []string{"/_sql"}},
	{"Druid", []int{8888}, []string{"/druid/"}},
	{"Trino or Presto", nil, []string{"/v1/statement"}},
	{"Vespa", []int{19071}, []string{"/document/v1/"}},
	{"Aerospike", nil, []string{"/v1/kvs/", "/v1/truncate/"}},
	{"ScyllaDB", []int{10000}, []string{"/storage_service/", "/column_family/"}},
	{"InfluxDB 3", []int{8181}, []string{"/api/v3/"}},
	{"MinIO", []int{9000, 9001}, nil},
	{"Typesense", []int{8108}, nil},
	{"Meilisearch", []int{7700}, nil},
	{"Supabase", []int{54321}, []string{"/rest/v1/", "/storage/v1/bucket"}},
	{"Hasura", nil, []string{"/v1/graphql", "/v2/query", "/v1/metadata"}},
	{"Webdis", []int{7379}, nil},
	{"Kibana", []int{5601}, []string{"/api/saved_objects/"}},
	{"Pulsar", nil, []string{"/admin/v2/"}},
	{"the Docker Engine API", []int{2375, 2376}, nil},
	// A main network's node, by its RPC port (bitcoind, litecoind,
	// zcashd, dogecoind): its wallet holds real money wherever it runs.
	{"a main network's Bitcoin-family node", []int{8332, 9332, 8232, 22555}, nil},
	// PowerDNS's API serves zones on the DNS server itself.
	{"PowerDNS", nil, []string{"/api/v1/servers/"}},
}

// storeOf names the data store a request goes to, by its socket, port or
// path, or returns "".
func storeOf(r *httpreq.Request) string {
	if s := strings.ToLower(r.Socket); s != "" {
		if strings.Contains(s, "docker") || strings.Contains(s, "podman") || strings.Contains(s, "containerd") {
			return "the Docker Engine API"
		}
		return ""
	}
	p := strings.ToLower(r.Path)
	app := slices.Contains(appPorts, r.Port) && r.Loopback() && appRoute(p)
	for _, st := range stores {
		if r.Port != 0 && slices.Contains(st.ports, r.Port) && !app {
			return st.name
		}
		for _, prefix := range st.paths {
			if pathUnder(p, prefix) || strings.HasPrefix(prefix, "/_") && holdsSegment(p, prefix) {
				return st.name
			}
		}
	}
	return ""
}

// holdsSegment reports whether a path holds prefix anywhere, ending at a
// segment: /logs/_bulk and /_bulk?refresh hold /_bulk, Kibana's
// /api/detection_engine/rules/_bulk_action and CouchDB's /_all_dbs do not
// hold /_bulk and /_all.
func holdsSegment(p, prefix string) bool {
	for i := 0; ; {
		j := strings.Index(p[i:], prefix)
		if j < 0 {
			return false
		}
		if pathUnder(p[i+j:], prefix) {
			return true
		}
		i += j + 1
	}
}

// pathUnder reports whether a path starts with a prefix that ends at a
// segment: /alter is under /alter and /alter?x, not /alternatives. A
// prefix that ends in / is a directory.
func pathUnder(p, prefix string) bool {
	if !strings.HasPrefix(p, prefix) {
		return false
	}
	if strings.HasSuffix(prefix, "/") || len(p) == len(prefix) {
		return true
	}
	c := p[len(prefix)]
	return c == '/' || c == '?' || c == '#' || c == '.'
}

// newStoreAPI matches what a data store's HTTP API destroys in ways the
// general HTTP judgement does not read: Dgraph's /alter with drop_all,
// drop_op or drop_attr, and a Dgraph mutation whose RDF deletes every
// predicate of a node (<0x1> * * .).
func newStoreAPI(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		for r := range v.httpWrites(inv) {
			p := strings.ToLower(r.Path)
			switch {
			case pathUnder(p, "/alter"):
				for _, val := range r.Values() {
					switch strings.ToLower(val.Key) {
					case "drop_all", "drop_op", "drop_attr", "drop_value":
						if !falsy(val.Text) {
							return "Dgraph /alter with " + val.Key + " " + clipText(val.Text, 20) + " at " + r.Where() + ": it drops data from the whole graph", true
						}
					}
				}
			case pathUnder(p, "/mutate"):
				for _, b := range r.Body {
					if dgraphDelete.Get().MatchString(b.Value) {
						return "Dgraph mutation at " + r.Where() + " deletes every predicate of the nodes it names", true
					}
				}
			}
		}
		return "", false
	}, nil
}

var dgraphDelete = lazy.Value[*regexp.Regexp]{Make: func() *regexp.Regexp {
	return regexp.MustCompile(`(?is)\bdelete\s*\{[^}]*\*\s+\*\s*\.`)
}}

// disposableRequest reports whether a request deletes one named thing
// that is throwaway (disposable.go) from a store on this machine: DELETE
// localhost:9200/test-index-ci-42, or empties it (POST
// test-index/_delete_by_query). The path must name it segment by
// segment, with no pattern, list, store endpoint (_all, _doc) or
// container (a namespace, a project), and hold a throwaway marker and no
// production or lasting one. Secrets stores (Vault) and the Kubernetes
// and Docker APIs are judged as before.
func disposableRequest(r *httpreq.Request, st string) bool {
	p := strings.Trim(r.Path, "/")
	if idx, ok := strings.CutSuffix(p, "/_delete_by_query"); ok && r.Method == "POST" && st == "Elasticsearch or OpenSearch" && !strings.Contains(idx, "/") {
		// Emptying one throwaway index (logs-test/_delete_by_query) is
		// judged as deleting it is; its query string only tunes the run.
		p = idx
	} else if r.Method != "DELETE" || r.Query != "" {
		return false
	}
	if !r.Loopback() || st == "" ||
		st == "Vault" || st == "Consul" || st == "etcd" || st == "the Kubernetes API" || st == "the Docker Engine API" {
		return false
	}
	if r.Dynamic {
		// test-index-$(date +%s): a run-time suffix on a throwaway name,
		// and nothing else in the URL only known at run time.
		named, ok := runSuffixed(p)
		if !ok || strings.ContainsAny(r.Host, "$`") || strings.Count(r.URL, "$")+strings.Count(r.URL, "`") != strings.Count(p, "$")+strings.Count(p, "`") {
			return false
		}
		p = named
	}
	if p == "" || !namedOne(parse.Word{Value: p}) || strings.ContainsAny(p, ",") || !throwawayName(p) || keepName(p) || hasProdWord(r.Host) {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg[0] == '_' || seg[0] == '.' || wordlist.Has(containerWords, strings.ToLower(seg)) {
			return false
		}
	}
	return true
}
