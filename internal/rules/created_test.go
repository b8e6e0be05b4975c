package rules

import (
	"testing"

	"github.com/guardsh/guard/internal/parse"
)

func TestCreatedInCommand(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cmd  string
		want Action
	}{
		{`t=x-$$ && rpk topic create "$t" && rpk topic delete "$t"`, Allow},
		{`t=x-$$; rpk topic create "$t"; rpk topic delete "$t"`, Allow},
		{`t=x-$$; rpk topic create "$t"; t=orders; rpk topic delete "$t"`, Confirm},
		{`rpk topic delete "$t"`, Confirm},
		{`rpk topic create "$t" && rpk topic delete "$t"`, Confirm},
		{`rpk topic create orders && rpk topic delete orders`, Allow},
		{`rpk topic create orders; rpk topic delete orders`, Confirm},
		{`rpk topic create orders && x || rpk topic delete orders`, Confirm},
		{`if rpk topic create orders; then :; fi && rpk topic delete orders`, Confirm},
		{`rpk topic create orders && rpk topic delete orders payments`, Confirm},
		{`rpk topic create t-$$ && rpk topic delete t-$$-other`, Confirm},
		{`rpk topic create prod-$$ && rpk topic delete prod-$$`, Confirm},
		{`mkdir /tmp/w-$$ && rm -rf /tmp/w-$$/sub`, Allow},
		{`mkdir /tmp/w-$$ && rm -rf /tmp/w-$$/../..`, Confirm},
		{`mkdir -p /tmp/w-$$ && rm -rf /tmp/w-$$*`, Confirm},
		{`cp data.bin /tmp/w-$$ && rm -rf data.bin /tmp/w-$$`, Confirm},
		{`cp data.bin /tmp/w-$$ && rm -rf /tmp/w-$$`, Allow},
		{`cp ~/data.bin /tmp/w-$$ && rm -rf ~/data.bin /tmp/w-$$`, Confirm},
		{`aws s3 mb s3://b-$RANDOM && aws s3 rb s3://other`, Confirm},
		{`helm upgrade --install api c && helm uninstall api`, Confirm},
	} {
		d := set.Check(tc.cmd, ExampleContext())
		if d.Action != tc.want {
			t.Errorf("%s: got %v, want %v", tc.cmd, d.Action, tc.want)
		}
	}
}

func TestUniqueName(t *testing.T) {
	for s, want := range map[string]bool{
		"tmp-$$":          true,
		"x-${RANDOM}":     true,
		"$(mktemp -d)":    true,
		"$(uuidgen)-x":    true,
		"tmp-$USER":       false,
		"orders":          false,
		"$SOMETHING_ELSE": false,
	} {
		if got := uniqueName(s); got != want {
			t.Errorf("uniqueName(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestInMemoryClient(t *testing.T) {
	for _, tc := range []struct {
		code string
		call parse.CodeCall
		want bool
	}{
		{"c=QdrantClient(':memory:'); c.delete_collection('t')", parse.CodeCall{Receiver: "c"}, true},
		{"c = chromadb.EphemeralClient()\nc.delete_collection('t')", parse.CodeCall{Receiver: "c"}, true},
		{"", parse.CodeCall{Receiver: "fakeredis.FakeRedis()"}, true},
		{"c=chromadb.EphemeralClient(); c=chromadb.HttpClient(); c.delete_collection('t')", parse.CodeCall{Receiver: "c"}, false},
		{"c=QdrantClient(url='http://q'); c.delete_collection('t')", parse.CodeCall{Receiver: "c"}, false},
		{"c=QdrantClient(':memory:' if dev else url()); c.delete_collection('t')", parse.CodeCall{Receiver: "c"}, false},
		{"c.delete_collection('t')", parse.CodeCall{Receiver: "c"}, false},
	} {
		if got := inMemoryClient(tc.code, tc.call); got != tc.want {
			t.Errorf("inMemoryClient(%q, %q) = %v, want %v", tc.code, tc.call.Receiver, got, tc.want)
		}
	}
}
