package rules

import "testing"

func TestScratchTable(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"tmp_import_20261207", true},
		{"scratch_report", true},
		{"temp2", true},
		{"orders", false},
		{"test_results", false},
		{"public.tmp_orders", true},
		{"scratch.events_copy", true},
		{"tmp_work.orders", true},
		{"analytics.scratch.orders", true},
		{"tmp.public.orders", false}, // a database named tmp says nothing of the schema
		{"public.orders", false},
		{"scratch.*", false},
		{"$SCHEMA.orders", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := scratchTable(tt.name); got != tt.want {
			t.Errorf("scratchTable(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
