package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
)

// druidKill returns why a request submits an Apache Druid kill task, or
// "": a task whose type is kill (POST /druid/indexer/v1/task), sent to
// the Overlord or through the Router, deletes a datasource's unused
// segments from deep storage and the metadata store for good, over the
// interval it names.
func druidKill(r *httpreq.Request) string {
	if r.Method != "POST" || !strings.HasSuffix(strings.TrimRight(strings.ToLower(r.Path), "/"), "/druid/indexer/v1/task") {
		return ""
	}
	for _, v := range r.Values() {
		if strings.EqualFold(v.Key, "type") && strings.EqualFold(strings.TrimSpace(v.Text), "kill") {
			return "which submits a Druid kill task: the datasource's unused segments are deleted from deep storage for good"
		}
	}
	return ""
}
