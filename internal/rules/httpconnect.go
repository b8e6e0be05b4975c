package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
)

// connectOffsets reports a Kafka Connect request that alters a
// connector's offsets (PATCH /connectors/NAME/offsets): the connector
// then resumes elsewhere, skipping records or loading them again. A GET
// of the offsets reads them; DELETE is judged as every DELETE is.
func connectOffsets(r *httpreq.Request) string {
	if r.Method != "PATCH" && r.Method != "PUT" {
		return ""
	}
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	n := len(segs)
	if n >= 3 && segs[n-1] == "offsets" && segs[n-3] == "connectors" {
		return "which alters a Kafka Connect connector's offsets, so it skips records or loads them again"
	}
	return ""
}

// jobKeys are body keys that name the kind of job a pipeline API starts.
var jobKeys = [...]string{"jobtype", "job_type"}

// resetJob reports a request that starts a pipeline job which empties
// what the pipeline loaded, as Airbyte's POST /v1/jobs with
// {"jobType": "reset"} (or "clear") deletes the connection's data in its
// destination before the next sync.
func resetJob(r *httpreq.Request) string {
	if r.Method != "POST" && r.Method != "PUT" {
		return ""
	}
	for _, v := range r.Values() {
		key := strings.ToLower(v.Key)
		if key != jobKeys[0] && key != jobKeys[1] {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(v.Text)) {
		case "reset", "clear", "truncate", "delete", "refresh_truncate":
			return "which starts a " + v.Text + " job that deletes the data the pipeline loaded"
		}
	}
	return ""
}
