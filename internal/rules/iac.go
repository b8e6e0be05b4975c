package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// Infrastructure as code: a plan, an apply or a deploy is everyday work,
// and a person sees what it changes (terraform apply asks "Enter a value",
// pulumi up shows a preview and fails without --yes when nobody can
// answer). What asks is a run that destroys (apply -destroy, -replace,
// pulumi destroy), and one toward production that nobody reviews: the
// iac-prod matcher below.

// newIACProd matches a run aimed at production: a production marker in
// its arguments, its assignments or the environment (prodMarker), in the
// directory it runs in below the home directory (cd envs/prod), or
// selected earlier in the same command (terraform workspace select prod,
// pulumi stack select prod, export TF_WORKSPACE=prod), or an argument
// only known at run time that may name it. With unattended
// options (-auto-approve, --yes), the run must also be one nobody
// confirms: one of them is given, or an answer is piped in (echo yes |).
func newIACProd(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	unattended := p.strings("unattended")
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		how := ""
		if len(unattended) > 0 {
			if f, ok := v.hasFlag(unattended); ok {
				how = f
			} else if inv.Stdin.Kind != parse.Inherited && inv.Stdin.From != "/dev/null" {
				how = "an answer from a " + inv.Stdin.From
			} else {
				return "", false
			}
		}
		marker := prodMarker(inv, ctx)
		if marker == "" {
			marker = prodStack(v)
		}
		if marker == "" {
			marker = prodDir(inv, ctx)
		}
		if marker == "" {
			marker = prodSelected(ctx.text)
		}
		if marker == "" {
			// A target only known at run time (-var-file=$ENV.tfvars,
			// --stage "$STAGE") may be production.
			// The user's own name or a CI run's number fills in a name
			// without making it another (--stack dev-$(whoami)).
			for _, a := range inv.Args[1:] {
				if a.Dynamic && !selfOnly(a.Value) && !runFilled(a.Value) {
					marker = "a value only known at run time: " + parse.Quote(a.Value)
					break
				}
			}
		}
		if marker == "" {
			return "", false
		}
		if how != "" {
			return "toward production (" + marker + "), unattended (" + how + ")", true
		}
		return "toward production (" + marker + ")", true
	}, nil
}

// prodStack returns an operand whose camelCase parts hold a production
// word, as stack names are written (cdk deploy ApiProdStack), or "".
func prodStack(v *view) string {
	for _, op := range v.operands {
		var buf [maxParts]string
		for _, part := range buf[:splitParts(op.Value, buf[:])] {
			for _, w := range prodWords {
				if strings.EqualFold(part, w) {
					return op.Value
				}
			}
		}
	}
	return ""
}

// prodDir returns the part of the directory the invocation runs in below
// the home directory when it holds a production word (infra/envs/prod),
// or "".
func prodDir(inv *parse.Invocation, ctx *Context) string {
	dir := inv.Dir
	if dir == "" {
		dir = ctx.Dir
	}
	if ctx.Home != "" {
		if rest, ok := strings.CutPrefix(dir, strings.TrimSuffix(ctx.Home, "/")+"/"); ok {
			dir = rest
		}
	}
	if hasProdWord(dir) {
		return "the directory " + dir
	}
	return ""
}

// prodSelected returns the production target that the command selects
// before the run, as written (workspace select prod, stack select
// prod, export TF_WORKSPACE=prod, cd live/prod), or "".
func prodSelected(text string) string {
	if !strings.Contains(text, "prod") && !strings.Contains(text, "live") && !strings.Contains(text, "prd") {
		return ""
	}
	words := strings.Fields(text)
	for i, w := range words {
		w = strings.Trim(w, "'\";&|()")
		switch w {
		case "select", "new", "cd", "pushd", "use":
			if i+1 < len(words) {
				if next := strings.Trim(words[i+1], "'\";&|()"); hasProdWord(next) {
					return w + " " + next
				}
			}
			continue
		}
		if name, val, ok := strings.Cut(w, "="); ok && hasProdWord(val) {
			for _, e := range prodEnv {
				if name == e {
					return w
				}
			}
		}
	}
	return ""
}

// unattendedFlags skip terraform's and terragrunt's questions.
const unattendedFlags = "-auto-approve --auto-approve --terragrunt-non-interactive --non-interactive"

// newEveryModule matches an unattended terragrunt run over every module
// under the directory: the run-all subcommand, or --all (run --all,
// apply --all), with an option that skips the questions, before or after
// the -- that hands the rest to terraform.
func newEveryModule(map[string]any) (matchFunc, error) {
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		every, unattended, tail := "", "", false
		for _, a := range inv.Args[1:] {
			switch s := a.Value; {
			case s == "--":
				tail = true
			case !tail && (s == "run-all" || s == "--all" || s == "-all"):
				every = s
			case wordlist.Has(unattendedFlags, s):
				unattended = s
			}
		}
		if every == "" || unattended == "" {
			return "", false
		}
		return "it runs in every module of the tree (" + every + ") with " + unattended, true
	}, nil
}
