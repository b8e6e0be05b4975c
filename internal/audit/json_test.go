package audit

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSchemaDocumented checks that docs/json.md names every field of the
// JSON output.
func TestSchemaDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(root, "docs", "json.md"))
	if err != nil {
		t.Fatal(err)
	}
	var check func(reflect.Type)
	check = func(ty reflect.Type) {
		for i := range ty.NumField() {
			f := ty.Field(i)
			if f.Anonymous {
				check(f.Type)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if !strings.Contains(string(doc), "`"+name+"`") {
				t.Errorf("docs/json.md does not document the JSON field %q of %s", name, ty.Name())
			}
		}
	}
	for _, v := range []any{CommandJSON{}, SummaryJSON{}, SourceJSON{}, RuleJSON{}, SightingJSON{}, FiltersJSON{}, Stats{}} {
		check(reflect.TypeOf(v))
	}
	if SchemaVersion != 1 || !strings.Contains(string(doc), `"version": 1`) {
		t.Error("docs/json.md does not give the schema version")
	}
}
