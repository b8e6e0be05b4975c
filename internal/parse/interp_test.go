package parse

import (
	"strings"
	"testing"
)

// codeCase names the invocation (by its program) whose Code is checked,
// and the Code it must carry: "lang from text", or "" for none.
type codeCase struct {
	in, prog, want string
}

var codeCases = []codeCase{
	{`python3 -c 'print(1)'`, "python3", "python -c print(1)"},
	{`python3 -Bc 'print(1)'`, "python3", "python -c print(1)"},
	{`python3 -W ignore -c 'print(1)'`, "python3", "python -c print(1)"},
	{`python3.12 -cprint\(2\)`, "python3.12", "python -c print(2)"},
	{`python3 -m http.server`, "python3", ""},
	{`python3 script.py`, "python3", ""},
	{`perl -we 'unlink "x"'`, "perl", `perl -e unlink "x"`},
	{`perl -lne 'print' f`, "perl", "perl -e print"},
	{`perl -i.bak -pe 's/a/b/' f`, "perl", "perl -e s/a/b/"},
	{`perl -Ie 'print 1'`, "perl", "perl -e print 1"},
	{`perl -e 'print 1' -e 'print 2'`, "perl", "perl -e print 1\nprint 2"},
	{`ruby -rjson -e 'p 1'`, "ruby", "ruby -e p 1"},
	{`ruby -I lib -e 'p 1'`, "ruby", "ruby -e p 1"},
	{`node -e 'console.log(1)'`, "node", "node -e console.log(1)"},
	{`node --eval='console.log(1)'`, "node", "node --eval console.log(1)"},
	{`node -pe '1+1'`, "node", "node -e 1+1"},
	{`node -r dotenv/config -e 'x()'`, "node", "node -e x()"},
	{`bun -e 'x()'`, "bun", "node -e x()"},
	{`deno eval 'Deno.exit(0)'`, "deno", "node program Deno.exit(0)"},
	{`php -r 'echo 1;'`, "php", "php -r echo 1;"},
	{`php -d display_errors=1 -r 'echo 1;'`, "php", "php -r echo 1;"},
	{`lua -e 'print(1)'`, "lua", "lua -e print(1)"},
	{`Rscript -e 'q()'`, "Rscript", "r -e q()"},
	{`awk '{print $1}' f`, "awk", "awk program {print $1}"},
	{`awk -F: -v x=1 '{print $1}' f`, "awk", "awk program {print $1}"},
	{`gawk -f prog.awk f`, "gawk", ""},
	{"python3 <<'EOF'\nprint(1)\nEOF", "python3", "python heredoc print(1)\n"},
	{"echo 'print(1)' | python3", "python3", "python pipe from echo print(1)\n"},
	{"echo 'puts 1' | ruby -", "ruby", "ruby pipe from echo puts 1\n"},
	{"printf 'print(1)\\n' > a.py; python3 a.py", "python3", "python file a.py print(1)\n"},
	{"printf '#!/usr/bin/env python3\\nprint(1)\\n' > a; ./a", "./a", "python file ./a #!/usr/bin/env python3\nprint(1)\n"},
	{`python3 -c "$x"`, "python3", ""},
}

func TestInterpreterCode(t *testing.T) {
	for _, tc := range codeCases {
		t.Run(tc.in, func(t *testing.T) {
			invs := Command(tc.in, testOpts())
			checkInvariants(t, tc.in, invs)
			var found *Invocation
			for _, inv := range invs {
				if len(inv.Args) > 0 && inv.Args[0].Value == tc.prog && len(inv.Via) == 0 {
					found = inv
				}
			}
			if found == nil {
				t.Fatalf("no invocation of %s in %s", tc.prog, strings.Join(renderAll(invs), "; "))
			}
			got := ""
			if c := found.Code; c != nil {
				got = c.Lang + " " + c.From + " " + c.Text
			}
			if got != tc.want {
				t.Errorf("Code = %q, want %q", got, tc.want)
			}
			for _, inv := range invs {
				if inv != found && inv.Code != nil && inv.Name != "printf" {
					t.Errorf("%s carries code too", render(inv))
				}
			}
		})
	}
}
