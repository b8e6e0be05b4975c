package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guardsh/guard/internal/blast"
)

// TestPayloadFiles checks that a payload file on disk is read when guard
// reads the disk: a change batch that only upserts passes, one that
// deletes asks, and one that does not exist asks.
func TestPayloadFiles(t *testing.T) {
	home := t.TempDir()
	proj := filepath.Join(home, "project")
	if err := os.MkdirAll(proj, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(proj, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("upsert.json", `{"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {"Name": "a.acme.io"}}]}`)
	write("delete.json", `{"Changes": [{"Action": "DELETE", "ResourceRecordSet": {"Name": "a.acme.io"}}]}`)
	write("put.json", `{"orders": [{"PutRequest": {"Item": {}}}]}`)
	write("transaction.yaml", "---\nadditions:\n- kind: dns#resourceRecordSet\n")
	s := defaultSet(t)
	ctx := Context{Dir: proj, Home: home, State: blast.New(home)}
	for cmd, want := range map[string]Action{
		"aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://upsert.json":              Allow,
		"aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://" + proj + "/upsert.json": Allow,
		"aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://delete.json":              Confirm,
		"aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://missing.json":             Confirm,
		"cd /tmp && aws route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://upsert.json":   Confirm,
		"aws dynamodb batch-write-item --request-items file://put.json":                                              Allow,
		"gcloud dns record-sets transaction execute --zone z":                                                        Allow,
		"cd /tmp && gcloud dns record-sets transaction execute --zone z":                                             Confirm,
	} {
		if d := s.Check(cmd, ctx); d.Action != want {
			t.Errorf("%s: got %s %s, want %s", cmd, d.Action, ids(d), want)
		}
	}
}
