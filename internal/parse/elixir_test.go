package parse

import (
	"slices"
	"strings"
	"testing"
)

func TestElixirCommands(t *testing.T) {
	for _, tt := range []struct {
		code string
		want string
	}{
		{`Shop.Release.rollback(Shop.Repo, 0)`, "mix ecto.rollback --all"},
		{`Shop.Release.rollback(Shop.Repo, 20240101120000)`, "mix ecto.rollback --to 20240101120000"},
		{`Ecto.Migrator.with_repo(Repo, &Ecto.Migrator.run(&1, :down, all: true))`, "mix ecto.rollback --all"},
		{`Ecto.Migrator.run(Repo, :down, step: 2)`, "mix ecto.rollback --step 2"},
		{`Ecto.Adapters.Postgres.storage_down(Repo.config())`, "mix ecto.drop"},
		{`File.rm_rf!("/srv/uploads")`, "rm -rf /srv/uploads"},
		{`App.Repo.query!("TRUNCATE events")`, "psql -c TRUNCATE events"},
		{`Ecto.Adapters.SQL.query!(App.Repo, "DROP TABLE x", [])`, "psql -c DROP TABLE x"},
		{`System.cmd("rm", ["-rf", "/var/lib/app"])`, "rm -rf /var/lib/app"},
		{`Shop.Release.migrate()`, ""},
		{`IO.puts("rollback(Repo, 0)")`, ""},
		{`File.rm_rf!(path)`, ""},
		{`Enum.each(1..3, &IO.inspect/1)`, ""},
	} {
		var got []string
		for _, c := range elixirCommands(tt.code) {
			got = append(got, strings.Join(c, " "))
		}
		want := []string{}
		if tt.want != "" {
			want = []string{tt.want}
		}
		if got == nil {
			got = []string{}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", tt.code, got, want)
		}
	}
}

func TestElixirInvocations(t *testing.T) {
	for _, tt := range []struct {
		cmd  string
		want string
	}{
		{`bin/shop eval 'Shop.Release.rollback(Shop.Repo, 0)'`, "mix"},
		{`mix run -e 'File.rm_rf!("/data")'`, "rm"},
		{`/usr/bin/env eval 'File.rm_rf!("/data")'`, ""},
		{`bin/shop eval Shop.Release.migrate`, ""},
	} {
		got := ""
		for _, inv := range Command(tt.cmd, Options{}) {
			if inv.Name == "mix" && len(inv.Args) > 1 && inv.Args[1].Value == "ecto.rollback" || inv.Name == "rm" {
				got = inv.Name
			}
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.cmd, got, tt.want)
		}
	}
}

func FuzzElixirCommands(f *testing.F) {
	for _, s := range []string{`Repo.rollback(R, 0)`, `File.rm_rf!("x")`, `System.cmd("a", ["b", c])`, `((((`, `q!("unterminated`, `run(R, :down`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		for _, c := range elixirCommands(code) {
			if len(c) == 0 {
				t.Fatalf("empty command from %q", code)
			}
		}
	})
}
