package rules

import (
	"cmp"
	"slices"
	"strings"

	"github.com/guardsh/guard/internal/blast"
	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// Context says where a command runs.
type Context struct {
	// Dir is the working directory; empty if unknown.
	Dir string
	// Home is the user's home directory.
	Home string
	// Protected are guard's own files and directories and the agents' hook
	// settings, which commands arriving through guard may not change.
	Protected []string
	// ShellHome is the HOME the shell will expand ~ and $HOME to, when the
	// environment sets one; Home, from the password database, still says
	// which directory is the user's home.
	ShellHome string
	// Env holds environment variables of the process that runs the
	// command, read only to find production markers (AWS_PROFILE=prod).
	// They can only make a decision stricter.
	Env map[string]string
	// State, when set, lets rules read the disk and the repositories the
	// command touches: globs are expanded, deletions and git commands are
	// judged by what they would destroy, and findings get a blast radius.
	// guard audit and rule examples leave it nil, and are judged by the
	// text alone.
	State *blast.Probe
	// Allow, when set, holds standing exceptions (guard allow) that may
	// let a finding pass. It is asked only about findings, so the
	// everyday path never reaches it, and never about rules of guard's
	// self-protection.
	Allow Allower

	// Set by Decide for each invocation: the invocations before it, the
	// one just before, the whole text, and whether one of those before may
	// change files or repositories.
	prior []*parse.Invocation
	prev  *parse.Invocation
	// before are the invocations before this one whether or not the
	// state is read, for pipes into xargs.
	before []*parse.Invocation
	// after are the invocations after this one, for a read piped into a
	// filter.
	after []*parse.Invocation
	text  string
	dirty bool
}

// Finding is one rule matched by one invocation.
type Finding struct {
	Rule     *Rule
	Severity Severity
	Action   Action
	// Detail says what exactly matched: "'/' is the filesystem root",
	// "DROP TABLE users", "GraphQL mutation volumeDelete".
	Detail string
	// Prod is the production marker that raised the severity, if any.
	Prod string
	// Credential says how an HTTP request authenticates and where its
	// token comes from, when the finding is about one.
	Credential *httpreq.Credential
	// Blast is what the command would destroy, when guard could read the
	// disk or the repository: counts, and a summary line.
	Blast *blast.Radius
	Inv   *parse.Invocation
	// AllowedBy names what let the finding pass, when something did:
	// "allow_commands" or a guard allow entry ("guard allow #3").
	AllowedBy string
}

// An Allower holds standing exceptions: guard allow's list.
type Allower interface {
	// Allows returns the name of the exception that lets a finding of
	// rule on inv pass, for a program run in dir (inv.Dir: where cd and
	// -C put it; empty when unknown), or "".
	Allows(rule string, inv *parse.Invocation, dir string) string
}

// allowable reports whether exceptions may lower a rule: never one of
// guard's self-protection.
func allowable(r *Rule) bool { return r.Pack != "self" }

// facts are what a matcher learned beyond its detail text, for the
// finding: where a token came from, a severity the matcher raises the
// rule's to.
type facts struct {
	credential *httpreq.Credential
	severity   Severity
	blast      *blast.Radius
}

// Decision is the verdict on a whole command.
type Decision struct {
	Action   Action
	Findings []Finding
	// Passed are findings of rules that destroy files or git work which
	// the allow list let through: guard keeps a checkpoint before such a
	// command runs too.
	Passed []Finding
	// Allowed are the findings an exception let pass (allow_commands,
	// guard allow), for guard explain and the log.
	Allowed []Finding
}

// Severity returns the highest severity among the findings that set the
// decision's action.
func (d Decision) Severity() Severity {
	var s Severity
	for _, f := range d.Findings {
		if f.Action == d.Action {
			s = max(s, f.Severity)
		}
	}
	return s
}

// shellHome returns the directory ~ expands to.
func (ctx *Context) shellHome() string {
	if ctx.ShellHome != "" {
		return ctx.ShellHome
	}
	return ctx.Home
}

// Check parses a command and decides on it.
func (s *Set) Check(text string, ctx Context) Decision {
	invs := parse.Command(text, parse.Options{Dir: ctx.Dir, Home: ctx.shellHome()})
	return s.Decide(invs, text, ctx)
}

// CheckArgs decides on a command that is already split into arguments, as
// guard exec receives it.
func (s *Set) CheckArgs(argv []string, ctx Context) Decision {
	invs := parse.Args(argv, parse.Options{Dir: ctx.Dir, Home: ctx.shellHome()})
	return s.Decide(invs, strings.Join(argv, " "), ctx)
}

// Decide matches invocations against the rules. text is the whole command,
// for rules allowed as exact commands.
func (s *Set) Decide(invs []*parse.Invocation, text string, ctx Context) Decision {
	var d Decision
	whole := strings.TrimSpace(text)
	ctx.text = text
	for i, inv := range invs {
		ctx.before = invs[:i]
		ctx.after = invs[i+1:]
		if ctx.State != nil {
			inv = ctx.liveDir(inv, ctx.Dir)
			ctx.prior = invs[:i]
			ctx.prev = nil
			if i > 0 {
				ctx.prev = invs[i-1]
				ctx.dirty = ctx.dirty || !readOnly(invs[i-1])
			}
		}
		s.matchInvocation(ownArgs(inv), &ctx, func(r *Rule, detail string, fx facts) {
			f := Finding{Rule: r, Severity: max(r.Severity, fx.severity), Action: r.Action, Detail: detail, Credential: fx.credential, Blast: fx.blast, Inv: inv}
			if marker := prodMarker(inv, &ctx); marker != "" {
				f.Prod = marker
				if f.Severity < Critical {
					f.Severity++
				}
			}
			if f.Action > Allow && f.Prod == "" && relaxesCreated(r) && createdInCommand(inv, &ctx) {
				f.Action = max(Allow, r.floor)
				f.AllowedBy = "created by this command"
			}
			if f.Action > Allow && r.ID == readStoreRule && publicPartOnly(inv, &ctx) {
				f.Action = max(Allow, r.floor)
				f.AllowedBy = "only the public part of a key"
			}
			if f.Action > Allow && r.ID == readStoreRule && copiedBeside(inv) {
				f.Action = max(Allow, r.floor)
				f.AllowedBy = "a copy beside the original"
			}
			if f.Action > Allow && r.ID == readStoreRule && authHeaderOnly(inv, &ctx) {
				f.Action = max(Allow, r.floor)
				f.AllowedBy = "a token sent only in the header that authenticates a read"
			}
			if f.Action > Allow && f.Prod == "" && relaxesThrowaway(r) && s.throwawayTarget(inv, &ctx) {
				f.Action = max(Allow, r.floor)
				f.AllowedBy = "a target named as throwaway"
			}
			if f.Action > Allow && f.Prod == "" && relaxesFreshStore(r) && freshStoreTarget(inv, &ctx) {
				f.Action = max(Allow, r.floor)
				f.AllowedBy = "a store this command started"
			}
			if f.Action > Allow && relaxesEmulated(r) && localEmulator(inv, &ctx) && (f.Prod == "" || localCopyProd(inv, &ctx) == "") {
				f.Action = max(Allow, r.floor)
				f.AllowedBy = "a local emulator"
			}
			if f.Action > Allow && (s.allowCommands[whole] || s.allowCommands[strings.TrimSpace(inv.Text)]) {
				f.Action = max(Allow, r.floor)
				f.AllowedBy = "allow_commands"
			}
			if f.Action > Allow && ctx.Allow != nil && allowable(r) {
				if by := ctx.Allow.Allows(r.ID, inv, inv.Dir); by != "" {
					f.Action = max(Allow, r.floor)
					f.AllowedBy = by
				}
			}
			if f.Action == Allow && f.AllowedBy != "" {
				d.Allowed = append(d.Allowed, f)
			}
			if f.Action == Allow {
				if f.Blast.Destroys() {
					d.Passed = append(d.Passed, f)
				}
				return
			}
			for _, g := range d.Findings {
				if g.Rule == f.Rule && g.Inv.Text == f.Inv.Text && g.Detail == f.Detail {
					return
				}
			}
			d.Findings = append(d.Findings, f)
		})
	}
	for _, f := range d.Findings {
		d.Action = max(d.Action, f.Action)
	}
	slices.SortStableFunc(d.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(b.Action, a.Action), cmp.Compare(b.Severity, a.Severity))
	})
	return d
}

// matchInvocation calls found for every rule the invocation matches.
// Fallback rules (the verb model) are tried only when no rule naming the
// program matched.
func (s *Set) matchInvocation(inv *parse.Invocation, ctx *Context, found func(*Rule, string, facts)) {
	if inv.Problem != parse.NoProblem {
		problems := s.problemRules(inv.Problem)
		if plainRules != nil {
			problems, _, _ = plainRules(s, inv, "")
		}
		for _, r := range problems {
			if r.Action == Allow && r.floor == Allow {
				continue
			}
			found(r, inv.Detail, facts{})
		}
	}
	inv = foldName(inv)
	// The program's rules are those its first operand may start a
	// subcommand of: git status does not make git reset's rules.
	v := s.view(inv)
	first := ""
	if len(v.operands) > 0 {
		first = v.operands[0].Value
	}
	candidates, anyProgram := s.commandRules(inv.Name, first), s.anyRules()
	if plainRules != nil {
		_, candidates, anyProgram = plainRules(s, inv, v.name)
	}
	if len(candidates) == 0 && len(anyProgram) == 0 {
		return
	}
	try := func(r *Rule) bool {
		v.facts = facts{}
		detail, ok := s.matches(r, inv, v, ctx)
		if ok {
			if v.facts.blast == nil && r.Destroys == "files" && ctx.State != nil {
				v.facts.blast = fileBlast(inv, v, ctx)
			}
			found(r, detail, v.facts)
		}
		return ok
	}
	named, fallback := false, false
	for _, r := range candidates {
		if try(r) {
			named = true
		}
	}
	for _, r := range anyProgram {
		if r.Fallback {
			fallback = true
			continue
		}
		try(r)
	}
	if named || !fallback {
		return
	}
	for _, r := range anyProgram {
		if r.Fallback {
			try(r)
		}
	}
}

// plainRules, when a test sets it, gives matchInvocation the rules to
// try by a plain loop over every rule instead of the index: those that
// catch the invocation's parser problem, those that name the program
// (name, in lower case) and those for any program, each in pack order.
// TestIndexEquivalent compares the decisions both give.
var plainRules func(s *Set, inv *parse.Invocation, name string) (problems, named, anyProgram []*Rule)

// foldName returns the invocation with its program name in lower case,
// copying it if the name has upper-case letters: on a case-insensitive
// file system (macOS, Windows) RM and Terraform run rm and terraform.
func foldName(inv *parse.Invocation) *parse.Invocation {
	for i := 0; i < len(inv.Name); i++ {
		if c := inv.Name[i]; c >= 'A' && c <= 'Z' {
			c := *inv
			c.Name = strings.ToLower(inv.Name)
			return foldGitCommand(&c, true)
		}
	}
	if inv.Name == "git" {
		return foldGitCommand(inv, false)
	}
	return inv
}

// foldGitCommand returns a git invocation with its subcommand in lower
// case when that is one of git's own commands: git runs a name it does
// not know as the program git-NAME on its exec path, which a
// case-insensitive file system finds for git-CHECKOUT too. copied says
// whether inv is already a copy.
func foldGitCommand(inv *parse.Invocation, copied bool) *parse.Invocation {
	if inv.Name != "git" {
		return inv
	}
	i := gitCommandAt(inv.Args, nil)
	if i >= len(inv.Args) || inv.Args[i].Dynamic {
		return inv
	}
	sub := inv.Args[i].Value
	if gitBuiltin(sub) || !hasUpper(sub) || !gitBuiltin(strings.ToLower(sub)) {
		return inv
	}
	if !copied {
		c := *inv
		inv = &c
	}
	inv.Args = append([]parse.Word(nil), inv.Args...)
	inv.Args[i].Value = strings.ToLower(sub)
	return inv
}

// view is an invocation's arguments sorted into options and operands.
type view struct {
	name     string       // the program's name, in lower case
	flags    []string     // option words before --
	vals     []string     // the value each option took from the next word, made when one does
	took     uint64       // bit i: option i took the next word as its value
	operands []parse.Word // the other words, option values excluded
	opIndex  []int        // index in Args of each operand
	tool     *Tool
	set      *Set
	lower    []string // the arguments in lower case, made when first needed
	// dashVals are values options took that look like options: in docker
	// rm -f -v, -v is the value of -f if -f is docker compose's -f FILE,
	// and an option if it is docker rm's --force. hasFlag reads them as
	// options too, so that a rule's flags match; not_flags do not.
	dashVals []string
	// http is the judgement of the invocation's HTTP requests, made when
	// an http rule first needs it (httpDone), and reqs its requests
	// (reqsDone).
	http               []httpFinding
	reqs               []httpreq.Request
	httpDone, reqsDone bool
	// facts is what the rule being matched learned, for its finding.
	facts facts
	// deleted is the judgement of what the invocation deletes, made when
	// a state check first needs it.
	deleted *blast.Verdict
	// sure is the word that makes the invocation a preview for every rule,
	// made when a rule first needs it (sureDone); sureTool and sureIgnores
	// are previewTool's answer, sureOK sureTool's, made with it.
	sure     string
	sureTool *Tool
	// previewWord is the word that makes the invocation a preview for the
	// rules that heed previews (previews), made when one first asks
	// (previewDone).
	previewWord string
	// prod is the invocation's production marker, made when a rule that
	// needs one first asks (prodDone).
	prod string
	// The flags above, side by side in one word.
	sureDone, sureIgnores, sureOK, previews, previewDone, prodDone bool
	// The first few options, operands and lower-case arguments live here,
	// in the view's own allocation.
	flagBuf  [4]string
	opBuf    [4]parse.Word
	idxBuf   [4]int
	lowerBuf [6]string
}

// prodMarker is prodMarker(inv, ctx), made once for the view: every rule
// matched against one invocation sees the same invocation and context.
func (v *view) prodMarker(inv *parse.Invocation, ctx *Context) string {
	if !v.prodDone {
		v.prod, v.prodDone = prodMarker(inv, ctx), true
	}
	return v.prod
}

// hasVal reports whether option i took the next word as its value.
func (v *view) hasVal(i int) bool { return i < 64 && v.took&(1<<i) != 0 }

// lowerArgs returns the invocation's argument values in lower case, for
// patterns, which ignore case.
func (v *view) lowerArgs(inv *parse.Invocation) []string {
	if v.lower == nil {
		if len(inv.Args) <= len(v.lowerBuf) {
			v.lower = v.lowerBuf[:len(inv.Args)]
		} else {
			v.lower = make([]string, len(inv.Args))
		}
		for i, a := range inv.Args {
			v.lower[i] = strings.ToLower(a.Value)
		}
	}
	return v.lower
}

func (s *Set) view(inv *parse.Invocation) *view {
	v := &view{name: inv.Name, tool: s.tool(inv.Name), set: s}
	v.flags, v.operands, v.opIndex = v.flagBuf[:0], v.opBuf[:0], v.idxBuf[:0]
	var valueFlags []string
	if v.tool != nil {
		valueFlags = v.tool.ValueFlags
	}
	dash := false
	for i := 1; i < len(inv.Args); i++ {
		a := inv.Args[i]
		if !dash && a.Value == "--" {
			dash = v.tool == nil || !v.tool.OptionsAfterDashes
			continue
		}
		if !dash && len(a.Value) > 1 && a.Value[0] == '-' && !a.Dynamic {
			v.flags = append(v.flags, a.Value)
			if !strings.Contains(a.Value, "=") && slices.Contains(valueFlags, a.Value) && i+1 < len(inv.Args) {
				i++
				if n := len(v.flags) - 1; n < 64 {
					for len(v.vals) < n {
						v.vals = append(v.vals, "")
					}
					v.vals = append(v.vals, inv.Args[i].Value)
					v.took |= 1 << n
					if val := inv.Args[i]; len(val.Value) > 1 && val.Value[0] == '-' && !val.Dynamic {
						v.dashVals = append(v.dashVals, val.Value)
					}
				}
			}
			continue
		}
		v.operands = append(v.operands, a)
		v.opIndex = append(v.opIndex, i)
	}
	return v
}

// afterCommand returns the index in v.operands after the rule's subcommand,
// or -1 when the subcommand does not match.
func (r *Rule) afterCommand(v *view) int {
	if len(r.commands) == 0 {
		return 0
	}
	for _, words := range r.commands {
		if len(v.operands) < len(words) {
			continue
		}
		ok := true
		for i, w := range words {
			if v.operands[i].Value != w {
				ok = false
				break
			}
		}
		if ok {
			return len(words)
		}
	}
	return -1
}

// matches reports whether a rule matches an invocation, and says what
// matched.
func (s *Set) matches(r *Rule, inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
	return s.evaluate(r, inv, v, ctx, nil)
}

// evaluate is matches; when why is not nil, a rule that does not match
// also says, in *why, the first of its conditions that failed. One
// function serves both, so that guard explain cannot drift from what
// guard decides.
func (s *Set) evaluate(r *Rule, inv *parse.Invocation, v *view, ctx *Context, why *string) (string, bool) {
	fail := func(f func() string) (string, bool) {
		if why != nil {
			*why = f()
		}
		return "", false
	}
	if r.problem != 0 && parse.Problem(r.problem) != inv.Problem {
		return fail(func() string { return "needs the parser problem " + parse.Problem(r.problem).String() })
	}
	if len(r.notPrograms) > 0 && slices.Contains(r.notPrograms, v.name) {
		return fail(func() string { return "the rule leaves out " + inv.Name })
	}
	at := r.afterCommand(v)
	if at < 0 {
		return fail(func() string { return "the subcommand is not " + orList(r.Command) })
	}
	var details []string
	if len(r.Flags) > 0 {
		if _, ok := v.hasFlag(r.Flags); !ok {
			return fail(func() string { return "none of the options " + orList(r.Flags) })
		}
	}
	if len(r.AlsoFlags) > 0 {
		if _, ok := v.hasFlag(r.AlsoFlags); !ok {
			return fail(func() string { return "none of the options " + orList(r.AlsoFlags) + " as well" })
		}
	}
	if len(r.NotFlags) > 0 {
		if f, ok := v.notFlag(r.NotFlags); ok {
			return fail(func() string { return "the option " + parse.Quote(f) + " rules it out" })
		}
	}
	// The preview test reads every option for a dry run, while the
	// argument patterns, the tests after them and the matcher mostly fail
	// on an everyday command: deciding, where only the outcome counts,
	// tries it after the matcher, so that it is made only for a run some
	// rule would catch (the state check, which may read the disk, still
	// comes last). guard explain (why) names the first condition that
	// fails, in the rule's own order.
	if why != nil {
		if f, ok := s.previewOut(r, inv, v); ok {
			return fail(func() string { return parse.Quote(f) + " makes it a preview" })
		}
	}
	if len(r.Args) > 0 || len(r.NotArgs) > 0 || len(r.AlsoArgs) > 0 {
		start := 1
		if at > 0 {
			start = v.opIndex[at-1] + 1
		}
		start = min(start, len(inv.Args))
		rest := v.lowerArgs(inv)[start:]
		if len(r.Args) > 0 && !slices.ContainsFunc(rest, func(a string) bool { return matchLower(r.args, a) }) {
			return fail(func() string { return "no argument matches " + orList(r.Args) })
		}
		if len(r.AlsoArgs) > 0 && !slices.ContainsFunc(rest, func(a string) bool { return matchLower(r.alsoArgs, a) }) {
			return fail(func() string { return "no argument matches " + orList(r.AlsoArgs) + " as well" })
		}
		if len(r.NotArgs) > 0 {
			if i := slices.IndexFunc(rest, func(a string) bool { return matchLower(r.notArgs, a) }); i >= 0 {
				return fail(func() string { return "the argument " + parse.Quote(inv.Args[start+i].Value) + " rules it out" })
			}
		}
	}
	if r.classes != 0 {
		d, ok := r.pathMatch(inv, v, at, ctx)
		if !ok {
			return fail(func() string { return "no path operand is " + orList(r.Paths) })
		}
		details = append(details, d)
	}
	if r.redirs != 0 {
		hit := ""
		for _, rd := range inv.Redirs {
			if !rd.Writes() || appendsLog(rd) || appendedEntryList(rd) {
				continue
			}
			if c := classify(rd.Target, placeOf(inv, ctx), ctx); c&r.redirs != 0 {
				hit = "writes to " + parse.Quote(rd.Target.Value) + ", which " + describe(c, r.redirs)
				break
			}
		}
		if hit == "" {
			return fail(func() string { return "no redirection writes to " + orList(r.Redirects) })
		}
		details = append(details, hit)
	}
	if r.reads != 0 {
		hit := ""
		for _, rd := range inv.Redirs {
			if rd.Writes() || rd.Op != "<" && rd.Op != "<>" {
				continue
			}
			if c := classify(rd.Target, placeOf(inv, ctx), ctx); c&r.reads != 0 {
				hit = "reads " + parse.Quote(rd.Target.Value) + ", which " + describe(c, r.reads)
				break
			}
		}
		if hit == "" {
			return fail(func() string { return "no input redirection reads " + orList(r.Reads) })
		}
		details = append(details, hit)
	}
	if len(r.Env) > 0 {
		ok := false
		for _, a := range inv.Assigns {
			if matchLower(r.env, strings.ToLower(a.Name+"="+a.Value.Value)) {
				ok = true
			}
		}
		if !ok {
			return fail(func() string { return "no assignment " + orList(r.Env) + " before the program" })
		}
	}
	switch r.Stdin {
	case "known":
		if inv.Stdin.Kind != parse.Known {
			return fail(func() string { return "its stdin is not known text" })
		}
	case "unknown":
		if inv.Stdin.Kind != parse.Unknown {
			return fail(func() string { return "its stdin is not the output of another program or a file" })
		}
	}
	if r.Remote && inv.Remote == "" {
		return fail(func() string { return "it runs on this machine" })
	}
	if r.OnlyProd && v.prodMarker(inv, ctx) == "" {
		return fail(func() string { return "no production marker" })
	}
	if m := r.matcher(); m != nil {
		d, ok := m(inv, v, ctx)
		if !ok {
			return fail(func() string { return "the " + r.Matcher + " matcher finds nothing" })
		}
		details = append(details, d)
	}
	if why == nil {
		if _, ok := s.previewOut(r, inv, v); ok {
			return "", false
		}
	}
	if r.State != "" {
		// What the state check found is the finding's blast radius, not
		// its detail.
		if ok, reason := s.runState(r, inv, v, ctx); !ok {
			return fail(func() string {
				if reason != "" {
					return "state (" + r.State + "): " + reason
				}
				return "state (" + r.State + "): nothing at stake"
			})
		}
	} else if r.StateOnly {
		return fail(func() string { return "it needs the disk, which is not read here" })
	}
	return strings.Join(details, "; "), true
}

// previewOut returns the word that makes the invocation a preview the
// rule heeds (a dry run for a rule that heeds previews, a word that
// declines the change for one a preview relaxes), if there is one.
func (s *Set) previewOut(r *Rule, inv *parse.Invocation, v *view) (string, bool) {
	if r.Preview {
		return s.preview(inv, v)
	}
	if r.relaxedBySure(inv) {
		return s.sure(inv, v)
	}
	return "", false
}

// pathMatch checks the rule's path classes against the path operands.
func (r *Rule) pathMatch(inv *parse.Invocation, v *view, at int, ctx *Context) (string, bool) {
	ops := v.operands[at:]
	if r.PathSkip > 0 {
		ops = ops[min(r.PathSkip, len(ops)):]
	}
	if v.name == "mv" && at == 0 {
		// mv deletes or moves its sources; its destination is only
		// written, and one that is a directory only receives them.
		if sources, _, ok := transferOperands(inv, v); ok {
			ops = sources
		}
	}
	filesOnly := fileOnly(v)
	joined := -1 // whether the xargs -I{} operands are names a listing gave
	for _, op := range ops {
		w := op
		if w.Dynamic && strings.HasSuffix(w.Value, "/{}") && !inv.MoreArgs {
			if joined < 0 {
				joined = 0
				if listedBuildOutput(inv, ctx) {
					joined = 1
				}
			}
			if joined == 1 {
				// ls build/ | xargs -I{} rm -rf build/{}: a name in build/.
				w = parse.Word{Value: strings.TrimSuffix(w.Value, "{}") + "x"}
			}
		}
		if r.PathPrefix != "" {
			rest, ok := strings.CutPrefix(w.Value, r.PathPrefix)
			if !ok {
				continue
			}
			w.Value = rest
		}
		if c := classify(w, placeOf(inv, ctx), ctx) | ctx.homeDirClass(w, placeOf(inv, ctx), r.classes); c&r.classes != 0 {
			if filesOnly && (directoryOperand(w, c, placeOf(inv, ctx)) || relinked(w, inv, ctx)) {
				// rm / without -r fails: it removes no directory. A link
				// made again later in the command is switched, not lost.
				continue
			}
			return parse.Quote(op.Value) + " " + describe(c, r.classes), true
		}
	}
	if r.PathPrefix != "" {
		for _, f := range v.flags {
			if rest, ok := strings.CutPrefix(f, r.PathPrefix); ok {
				w := parse.Word{Value: rest}
				if c := classify(w, placeOf(inv, ctx), ctx); c&r.classes != 0 {
					return parse.Quote(f) + " " + describe(c, r.classes), true
				}
			}
		}
	}
	if inv.MoreArgs && r.classes&classDynamic != 0 && !listedBuildOutput(inv, ctx) {
		// A listing of build output names paths under it: listedbuild.go.
		return "the files come from input only known at run time", true
	}
	return "", false
}

// appendsLog reports whether a redirection appends to an application's
// log under /var/log (backup.sh >> /var/log/backup.log, the usual cron
// job), which loses nothing that is there. The system's own logs are not
// such a log: lines appended there forge its record (and guard's anchors
// in it), and wtmp and its kind are binary records.
func appendsLog(rd parse.Redirect) bool {
	if rd.Op != ">>" && rd.Op != "&>>" || rd.Target.Dynamic || rd.Target.Glob {
		return false
	}
	t := rd.Target.Value
	if !strings.HasPrefix(t, "/var/log/") || strings.Contains(t, "/..") || strings.Contains(t, "//") || len(t) == len("/var/log/") {
		return false
	}
	switch strings.TrimPrefix(t, "/var/log/") {
	case "syslog", "messages", "auth.log", "secure", "kern.log", "daemon.log", "user.log", "wtmp", "btmp", "lastlog", "faillog", "sudo.log":
		return false
	}
	return !strings.HasPrefix(t, "/var/log/audit/") && !strings.HasPrefix(t, "/var/log/journal/")
}
