package rules

import (
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/wordlist"
)

// A stage or stack made for one pull request or CI run (sst remove
// --stage pr-412, serverless remove -s pr-88, cdk destroy api-pr-412
// --force, pulumi destroy --yes -s pr-412, pulumi stack rm ci-88) is removed by the run's own clean-up every day; its name says
// nothing else uses it. The per-run-stage matcher finds such a removal:
// every stage and stack it names is a per-run name (perRunName), and
// nothing marks production or a lasting thing. Options other than the
// stage, quiet ones (--force, --yes, which only skip the question) and
// those that take a value not widening it (--region, --profile) make it
// fail, as do --all, patterns and names only known at run time.
// not-per-run-stage is its opposite, for the destroy rules.

// stageOptions name the stage or stack a removal acts on.
const stageOptions = "--stage -s --stack --stage-name"

// stageQuiet are the removal options that skip a question or change the
// output only.
const stageQuiet = "--force -f --yes -y --verbose -v --print --no-color --ci --skip-preview --non-interactive --remove"

// stageValued are the options whose value does not widen a removal.
const stageValued = "--region -r --profile --config -c --app --aws-profile --org"

func newPerRunStage(with map[string]any) (matchFunc, error) { return perRunStageMatcher(with, true) }

func newNotPerRunStage(with map[string]any) (matchFunc, error) {
	return perRunStageMatcher(with, false)
}

// perRunStageMatcher builds per-run-stage (want true) or its opposite.
func perRunStageMatcher(with map[string]any, want bool) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, _ *view, ctx *Context) (string, bool) {
		if perRunStage(inv, ctx) {
			return "a stage made for one pull request or CI run", want
		}
		return "", !want
	}, nil
}

// perRunStage reports whether a removal names only per-run stages and
// stacks, at least one, with nothing else that widens it or marks
// production.
func perRunStage(inv *parse.Invocation, ctx *Context) bool {
	if inv.MoreArgs || keepMarker(inv, ctx) != "" {
		return false
	}
	args := inv.Args
	if inv.OwnArgs > 0 {
		args = args[:inv.OwnArgs]
	}
	named, verb := false, false
	for i := 1; i < len(args); i++ {
		a := args[i]
		s := a.Value
		if a.Dynamic {
			return false
		}
		if !strings.HasPrefix(s, "-") {
			if !verb && s == "stack" && i+1 < len(args) && (args[i+1].Value == "rm" || args[i+1].Value == "remove") {
				// pulumi stack rm NAME.
				continue
			}
			if !verb && (s == "remove" || s == "destroy" || s == "rm" && i > 1 && args[i-1].Value == "stack") {
				verb = true
				continue
			}
			if !verb || !namedOne(a) || !perRunName(s) {
				return false
			}
			named = true
			continue
		}
		name, val, has := strings.Cut(s, "=")
		switch {
		case wordlist.Has(stageOptions, name):
			if !has {
				if i+1 >= len(args) {
					return false
				}
				i++
				val = args[i].Value
				if args[i].Dynamic {
					return false
				}
			}
			if !namedOne(parse.Word{Value: val}) || !perRunName(val) {
				return false
			}
			named = true
		case wordlist.Has(stageQuiet, name) && !has:
		case wordlist.Has(stageValued, name):
			if !has {
				i++
			}
		default:
			return false
		}
	}
	return verb && named
}
