package rules

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// rule returns the text of a valid rule with the given id and extra lines.
func rule(id string, extra ...string) string {
	return fmt.Sprintf("[[rule]]\nid = %q\nseverity = \"low\"\nreason = \"r\"\nprograms = [\"x\"]\n%s", id, strings.Join(extra, "\n")+"\n")
}

func TestParseFileErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // file:line:col: message, or a prefix of it
	}{
		{"syntax", "pack = \n", "f.toml:1:8: unexpected character"},
		{"syntax later", "pack = \"p\"\n[[rule]\n", "f.toml:2:7: expected ']]'"},
		{"unterminated string", "pack = \"p\n", "f.toml:1:"},
		{"bad severity", rule("a") + "", ""},
		{"bad severity value", "[[rule]]\nid = \"a\"\nseverity = \"huge\"\nreason = \"r\"\nprograms = [\"x\"]\n", "f.toml:3:12: unknown severity \"huge\""},
		{"severity of the wrong type", "[[rule]]\nid = \"a\"\nseverity = 3\n", "f.toml:3:12: unknown severity \"3\""},
		{"bad action", rule("a", `action = "maybe"`), `f.toml:6:1: rule a: unknown action "maybe"`},
		{"unknown key", rule("a", `flag = ["-r"]`), `f.toml:6:1: unknown key "rule.flag"`},
		{"unknown key without spaces", rule("a", `flag=["-r"]`), `f.toml:6:1: unknown key "rule.flag"`},
		{"unknown key named in a string first", "[[rule]]\nid = \"a\"\nseverity = \"low\"\nreason = \"the flag to x\"\nprograms = [\"x\"]\n  flag = [\"-r\"]\n", `f.toml:6:3: unknown key "rule.flag"`},
		{"unknown key in the second rule", rule("a") + "\n" + rule("b", "flag = 1"), `f.toml:13:1: unknown key "rule.flag"`},
		{"unknown top-level key", "x = 1", `f.toml:1:1: unknown key "x"`},
		{"unknown key in an override", "[rules.\"git.reset-hard\"]\nacton = \"allow\"\n", `f.toml:2:1: unknown key "rules.\"git.reset-hard\".acton"`},
		{"unknown key in a tool", "[tool.x]\nvalue_flag = [\"-x\"]\n", `f.toml:2:1: unknown key "tool.x.value_flag"`},
		{"bad pattern", rule("a", `args = ["["]`), `f.toml:6:1: rule a: bad pattern "["`},
		{"bad flag pattern", rule("a", `not_flags = ["[x"]`), `f.toml:6:1: rule a: bad pattern "[x"`},
		{"unknown matcher", rule("a", `matcher = "nope"`), `f.toml:6:1: rule a: unknown matcher "nope"`},
		{"unknown matcher, single-quoted id", rule("b") + "\n[[rule]]\nid = 'a'\nseverity = \"low\"\nreason = \"r\"\nprograms = [\"x\"]\nmatcher = \"nope\"\n", `f.toml:13:1: rule a: unknown matcher "nope"`},
		{"bad matcher parameters", rule("a", `matcher = "sql"`, `with = { kinds = ["x"] }`), `f.toml:7:1: rule a: matcher sql: unknown kind "x"`},
		{"with and no matcher", rule("a", `with = { x = 1 }`), `f.toml:6:1: rule a: with needs a matcher`},
		{"unknown path class", rule("a", `paths = ["nope"]`), `f.toml:6:1: rule a: unknown path class "nope"`},
		{"unknown redirect class", rule("a", `redirects = ["nope"]`), `f.toml:6:1: rule a: unknown path class "nope"`},
		{"bad stdin", rule("a", `stdin = "maybe"`), `f.toml:6:1: rule a: stdin must be known or unknown`},
		{"unknown problem", "[[rule]]\nid = \"a\"\nseverity = \"low\"\nreason = \"r\"\nproblem = \"nope\"\n", `f.toml:5:1: rule a: unknown problem "nope"`},
		{"missing id", "[[rule]]\nseverity = \"low\"\n", "f.toml:1:1: rule 1: missing id"},
		{"missing severity", "[[rule]]\nid = \"a\"\n", "f.toml:1:1: rule a: missing severity"},
		{"missing reason", "[[rule]]\nid = \"a\"\nseverity = \"low\"\nprograms = [\"x\"]\n", "f.toml:1:1: rule a: missing reason"},
		{"no programs", "[[rule]]\nid = \"a\"\nseverity = \"low\"\nreason = \"r\"\n", "f.toml:1:1: rule a: a rule needs programs or a problem"},
		{"bad override action", "[rules.x]\naction = \"nope\"\n", `f.toml:2:10: unknown action "nope"`},
		{"multi-line array before the key", "[[rule]]\nid = \"a\"\nseverity = \"low\"\nreason = \"r\"\nmatch = [\n  \"flag = 1\",\n]\nprograms = [\"x\"]\nflag = 2\n", `f.toml:9:1: unknown key "rule.flag"`},
		{"multi-line string before the key", "[[rule]]\nid = \"a\"\nseverity = \"low\"\nreason = \"\"\"\nflag = 1\n\"\"\"\nprograms = [\"x\"]\nflag = 2\n", `f.toml:8:1: unknown key "rule.flag"`},
		{"sub-table of a rule", rule("a", `matcher = "sql"`, "[rule.with]", `kinds = ["x"]`), `f.toml:7:1: rule a: matcher sql: unknown kind "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFile("f.toml", []byte(tt.src))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n\t%v\nwant\n\t%s", err, tt.want)
			}
		})
	}
}

func TestParseFileDefaults(t *testing.T) {
	f, err := ParseFile("/etc/guard/my-pack.toml", []byte(rule("a")+"\n"+rule("b", `action = "deny"`)))
	if err != nil {
		t.Fatal(err)
	}
	if f.Pack != "my-pack" {
		t.Errorf("pack %q", f.Pack)
	}
	if f.Rules[0].Action != Confirm || f.Rules[1].Action != Deny {
		t.Errorf("actions %s %s", f.Rules[0].Action, f.Rules[1].Action)
	}
	if f.Rules[0].Source() != "/etc/guard/my-pack.toml" || f.Rules[0].Pack != "my-pack" {
		t.Errorf("source %q pack %q", f.Rules[0].Source(), f.Rules[0].Pack)
	}
}

func TestErrorString(t *testing.T) {
	if s := (&Error{File: "f", Line: 2, Col: 3, Msg: "m"}).Error(); s != "f:2:3: m" {
		t.Error(s)
	}
	if s := (&Error{File: "f", Msg: "m"}).Error(); s != "f: m" {
		t.Error(s)
	}
}

func TestSeverityAndAction(t *testing.T) {
	for _, s := range []Severity{Low, Medium, High, Critical} {
		got, err := ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%s) = %v, %v", s, got, err)
		}
	}
	if Severity(0).String() != "unknown" || Severity(9).String() != "unknown" {
		t.Error("out-of-range severities")
	}
	for _, a := range []Action{Allow, Confirm, Deny} {
		got, err := ParseAction(a.String())
		if err != nil || got != a {
			t.Errorf("ParseAction(%s) = %v, %v", a, got, err)
		}
	}
	if _, err := ParseAction("Allow"); err == nil {
		t.Error("actions are lower case")
	}
	if Action(9).String() != "unknown" {
		t.Error("out-of-range action")
	}
}

// layered builds the embedded set with the given files applied in order,
// returning the refusals of each.
func layered(t *testing.T, files ...struct {
	layer Layer
	src   string
}) (*Set, [][]error) {
	t.Helper()
	s := defaultSet(t)
	var all [][]error
	for i, f := range files {
		pf, err := ParseFile(fmt.Sprintf("%s-%d.toml", f.layer, i), []byte(f.src))
		if err != nil {
			t.Fatalf("%s: %v", f.layer, err)
		}
		all = append(all, s.Apply(pf, f.layer))
	}
	return s, all
}

type layerFile = struct {
	layer Layer
	src   string
}

func TestApplyUser(t *testing.T) {
	s, refused := layered(t, layerFile{User, `
allow_rules = ["git.reset-hard"]
allow_commands = ["terraform destroy -target=module.tmp"]

[rules."git.clean"]
action = "deny"
severity = "critical"

[rules."fs.rm-home"]
action = "allow"

` + rule("user.mine", `action = "deny"`)})
	if len(refused[0]) > 0 {
		t.Fatalf("refused: %v", refused[0])
	}
	ctx := ExampleContext()
	for cmd, want := range map[string]Action{
		"git reset --hard":                      Allow,
		"git clean -fd":                         Deny,
		"x y":                                   Deny,
		"terraform destroy -target=module.tmp":  Allow,
		"terraform destroy -target=module.prod": Confirm,
	} {
		if d := s.Check(cmd, ctx); d.Action != want {
			t.Errorf("%s: %s %q, want %s", cmd, d.Action, ids(d), want)
		}
	}
	if strings.Contains(ids(s.Check("rm -rf ~", ctx)), "fs.rm-home") {
		t.Error("fs.rm-home still reported after the user allowed it")
	}
	r, _ := s.Rule("git.clean")
	if r.Severity != Critical || r.Source() != "user-0.toml" {
		t.Errorf("git.clean: %s from %s", r.Severity, r.Source())
	}
	if got := s.Sources(); len(got) != 1 || got[0] != "user-0.toml" {
		t.Errorf("sources %q", got)
	}
}

func TestApplyProject(t *testing.T) {
	src := `allow_rules = ["git.reset-hard"]
allow_commands = ["rm -rf ~"]
lock = true

[tool.rm]
value_flags = ["-rf"]

[tool.git]
value_flags = []

[rules."git.clean"]
action = "allow"

[rules."git.push-force"]
severity = "low"

[rules."fs.rm-home"]
action = "deny"
severity = "critical"

[rules."no.such-rule"]
action = "deny"

` + rule("proj.mine", `action = "deny"`) + "\n" + rule("fs.rm-root")
	s, refused := layered(t, layerFile{Project, src})
	var msgs []string
	for _, e := range refused[0] {
		msgs = append(msgs, e.Error())
	}
	want := []string{
		`project-0.toml:5:1: a project file cannot change the option grammar of git`,
		`project-0.toml:5:1: a project file cannot change the option grammar of rm`,
		`project-0.toml:32:1: rule fs.rm-root is already defined; change it under [rules."fs.rm-root"]`,
		`project-0.toml:12:1: a project file cannot relax rule git.clean from confirm to allow`,
		`project-0.toml:15:1: a project file cannot lower the severity of rule git.push-force`,
		`project-0.toml:21:1: no rule no.such-rule to change`,
		`project-0.toml:1:16: a project file cannot allow rule git.reset-hard`,
		`project-0.toml:2:19: a project file cannot allow commands`,
		`project-0.toml:3:1: only the system file can lock rules`,
	}
	// The tool refusals come in name order; fix their lines.
	want[0] = strings.Replace(want[0], ":5:1:", ":8:1:", 1)
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("refusals:\n\t%s\nwant:\n\t%s", strings.Join(msgs, "\n\t"), strings.Join(want, "\n\t"))
	}
	ctx := ExampleContext()
	for cmd, want := range map[string]Action{
		"git reset --hard": Confirm, // not allowed
		"git clean -fd":    Confirm, // not relaxed
		"rm -rf ~":         Deny,    // tightened
		"x y":              Deny,    // added
		"rm -rf /":         Deny,    // the tool grammar did not hide the /
	} {
		if d := s.Check(cmd, ctx); d.Action != want {
			t.Errorf("%s: %s %q, want %s", cmd, d.Action, ids(d), want)
		}
	}
	if r, _ := s.Rule("git.push-force"); r.Severity != Medium {
		t.Errorf("git.push-force severity lowered to %s", r.Severity)
	}
	if r, _ := s.Rule("fs.rm-home"); r.Severity != Critical || r.Action != Deny {
		t.Errorf("fs.rm-home: %s %s", r.Severity, r.Action)
	}
}

func TestApplySystemLock(t *testing.T) {
	s, refused := layered(t,
		layerFile{System, "[rules.\"git.clean\"]\naction = \"deny\"\n\n" + rule("sys.mine")},
		layerFile{User, `allow_rules = ["git.clean", "sys.mine", "git.reset-hard"]

[rules."git.clean"]
action = "confirm"

[rules."sys.mine"]
action = "allow"

[tool.git]
value_flags = ["push"]
`},
	)
	if len(refused[0]) > 0 {
		t.Fatalf("system refused: %v", refused[0])
	}
	var msgs []string
	for _, e := range refused[1] {
		msgs = append(msgs, e.Error())
	}
	want := []string{
		"user-1.toml:9:1: the option grammar of git cannot be changed: rules for it are locked by the system file",
		"user-1.toml:4:1: rule git.clean cannot be relaxed below deny: it is locked by system-0.toml",
		"user-1.toml:7:1: rule sys.mine cannot be relaxed below confirm: it is locked by system-0.toml",
		"user-1.toml:1:16: rule git.clean cannot be allowed: it is locked by system-0.toml",
		"user-1.toml:1:29: rule sys.mine cannot be allowed: it is locked by system-0.toml",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("refusals:\n\t%s\nwant:\n\t%s", strings.Join(msgs, "\n\t"), strings.Join(want, "\n\t"))
	}
	ctx := ExampleContext()
	for cmd, want := range map[string]Action{
		"git clean -fd":    Deny,
		"x y":              Confirm,
		"git reset --hard": Allow, // not locked: the user may allow it
	} {
		if d := s.Check(cmd, ctx); d.Action != want {
			t.Errorf("%s: %s %q, want %s", cmd, d.Action, ids(d), want)
		}
	}

	// lock = true locks every rule at its action.
	s, refused = layered(t,
		layerFile{System, "lock = true\n"},
		layerFile{User, "allow_rules = [\"git.reset-hard\"]\n\n[rules.\"fs.rm-home\"]\naction = \"allow\"\n\n[rules.\"git.clean\"]\naction = \"deny\"\n"},
	)
	if len(refused[1]) != 2 {
		t.Errorf("user refusals under lock: %v", refused[1])
	}
	if d := s.Check("git reset --hard", ctx); d.Action != Confirm {
		t.Errorf("locked git.reset-hard: %s", d.Action)
	}
	if d := s.Check("git clean -f", ctx); d.Action != Deny {
		t.Errorf("tightening under lock: %s", d.Action)
	}
}

func TestApplyProjectCannotUndoLock(t *testing.T) {
	// A rule the system made deny stays deny through user and project.
	s, _ := layered(t,
		layerFile{System, "[rules.\"git.clean\"]\naction = \"deny\"\n"},
		layerFile{User, "[rules.\"git.clean\"]\naction = \"allow\"\n"},
		layerFile{Project, "[rules.\"git.clean\"]\naction = \"confirm\"\n"},
	)
	if d := s.Check("git clean -fd", ExampleContext()); d.Action != Deny {
		t.Errorf("git clean: %s", d.Action)
	}
}

// TestDuplicateTools fails when two packs may both describe a program's
// option grammar: the later table would replace the earlier one, and its
// options and dry runs would be lost without a word.
func TestDuplicateTools(t *testing.T) {
	tool := "[tool.frob]\nvalue_flags = [\"-o\"]\n"
	f1, err := ParseFile("a.toml", []byte(tool))
	if err != nil {
		t.Fatal(err)
	}
	f2, _ := ParseFile("b.toml", []byte(tool))
	if _, err := fromFiles([]*File{f1, f2}); err == nil || !strings.Contains(err.Error(), "duplicate option grammar [tool.frob]") {
		t.Errorf("fromFiles with a tool described twice: %v", err)
	}
}

func TestDuplicateIDs(t *testing.T) {
	f1, _ := ParseFile("a.toml", []byte(rule("dup")))
	f2, _ := ParseFile("b.toml", []byte(rule("dup")))
	if _, err := fromFiles([]*File{f1, f2}); err == nil || !strings.Contains(err.Error(), "duplicate rule id dup") {
		t.Errorf("fromFiles with a duplicate: %v", err)
	}
	// The embedded packs have no duplicates and load both ways.
	if _, err := DefaultFromTOML(); err != nil {
		t.Error(err)
	}
	// A user file that defines an embedded id is refused, and the
	// embedded rule stays.
	s, refused := layered(t, layerFile{User, strings.Replace(rule("fs.rm-root"), `programs = ["x"]`, `programs = ["nothing"]`, 1)})
	if len(refused[0]) != 1 {
		t.Fatalf("refused %v", refused[0])
	}
	if d := s.Check("rm -rf /", ExampleContext()); d.Action != Deny {
		t.Errorf("rm -rf /: %s", d.Action)
	}
}

func TestRulesAccessors(t *testing.T) {
	s := defaultSet(t)
	rules := s.Rules()
	if len(rules) < 100 {
		t.Errorf("%d rules", len(rules))
	}
	rules[0] = nil // a copy
	if s.Rules()[0] == nil {
		t.Error("Rules returns the set's own slice")
	}
	r, ok := s.Rule("fs.rm-root")
	if !ok || r.String() != "fs.rm-root" || r.Summary() == "" {
		t.Errorf("Rule: %v %v %q", r, ok, r.Summary())
	}
	if _, ok := s.Rule("nope"); ok {
		t.Error("Rule(nope) found")
	}
}

func TestDecodeSettings(t *testing.T) {
	type settings struct {
		Shell string `toml:"shell"`
	}
	f, err := ParseFile("u.toml", []byte("[settings]\nshell = \"/bin/bash\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	var s settings
	if err := f.DecodeSettings(&s); err != nil || s.Shell != "/bin/bash" {
		t.Errorf("DecodeSettings: %v %+v", err, s)
	}
	f, _ = ParseFile("u.toml", []byte("pack = \"x\"\n\n[settings]\nshel = \"/bin/bash\"\n"))
	if err := f.DecodeSettings(&s); err == nil || err.Error() != `u.toml:4:1: unknown key "settings.shel"` {
		t.Errorf("unknown settings key: %v", err)
	}
	f, _ = ParseFile("u.toml", []byte("[settings]\nshell = 3\n"))
	if err := f.DecodeSettings(&s); err == nil {
		t.Error("wrong type: no error")
	}
	f, _ = ParseFile("u.toml", []byte("pack = \"x\"\n"))
	if err := f.DecodeSettings(&s); err != nil {
		t.Errorf("no settings: %v", err)
	}
}

func TestKeyPositions(t *testing.T) {
	src := "# comment\npack = \"p\" # trailing\n[[rule]]\n  id = 'a'\n\"quoted.key\" = 1\na.b = [\n 1,\n 2]\n[[rule]]\nid = \"b\"\n[tool.\"x.y\"]\nv = \"\"\"\nk = 1\n\"\"\"\nlast = 1\n"
	var got []string
	for _, k := range keyPositions(src) {
		got = append(got, fmt.Sprintf("%s#%d@%d:%d", strings.Join(k.path, "/"), k.index, k.line, k.col))
	}
	want := []string{"pack#-1@2:1", "rule#0@3:1", "rule/id#0@4:3", "rule/quoted.key#0@5:1", "rule/a/b#0@6:1",
		"rule#1@9:1", "rule/id#1@10:1", "tool/x.y#-1@11:1", "tool/x.y/v#-1@12:1", "tool/x.y/last#-1@15:1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("keyPositions:\n got %s\nwant %s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

func FuzzParseFile(f *testing.F) {
	f.Add("pack = \"p\"\n" + rule("a", `action = "deny"`, `flags = ["-r"]`, `paths = ["root"]`))
	f.Add(rule("a", `matcher = "sql"`, `with = { kinds = ["drop"] }`))
	f.Add(rule("a", `matcher = "git-push"`, `with = { kind = "force", protected = ["main"] }`))
	f.Add(rule("a", `matcher = "http"`, `with = { methods = ["DELETE"], graphql = true }`))
	f.Add("[rules.\"git.clean\"]\naction = \"deny\"\nseverity = \"high\"\n")
	f.Add("allow_rules = [\"x\"]\nallow_commands = [\"y\"]\nlock = true\n[settings]\nshell = \"/bin/sh\"\n")
	f.Add("[tool.x]\nvalue_flags = [\"-a\"]\nlong_single_dash = true\n")
	f.Add("[[rule]]\nid = 'a'\nseverity = \"low\"\nreason = \"\"\"\nx\n\"\"\"\nproblem = \"parse-error\"\n")
	for _, p := range mustPacks(f) {
		f.Add(p.data)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, err := ParseFile("fuzz.toml", []byte(src))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			if e.Line < 0 || e.Col < 0 {
				t.Fatalf("bad position in %v", e)
			}
			return
		}
		// Whatever parses can be applied at every layer without panicking,
		// and the set still decides.
		for _, layer := range []Layer{System, User, Project} {
			s, err := Default()
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range s.Apply(file, layer) {
				if e == nil {
					t.Fatal("nil refusal")
				}
			}
			d := s.Check("rm -rf / && git push -f origin main", ExampleContext())
			if layer == Project && d.Action != Deny {
				t.Fatalf("a project file relaxed rm -rf / to %s", d.Action)
			}
			var settings struct {
				Shell string `toml:"shell"`
			}
			_ = file.DecodeSettings(&settings)
		}
	})
}

func mustPacks(tb testing.TB) []*File {
	files, err := Packs()
	if err != nil {
		tb.Fatal(err)
	}
	return files
}
