package rules

import (
	"path"
	"sync"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/writes"
)

// newSelfWrites matches a write that lands on or above one of guard's
// protected paths (Context.Protected), by the write-target model of
// internal/writes: what each program writes, not the words it uses.
//
// with.source is "redirect" (the shell's redirections), "program" (the
// program's operands, options and interpreter code) or "any". with.hits
// says which writes the rule takes:
//
//   - "certain" (the default): those that land there as the command says,
//     a plain path or a glob;
//   - "maybe": those that may, because a part of the path is only known at
//     run time, or a directory of unknown content (rsync -a dir/ ., git
//     clone URL .) is copied into a project;
//   - "archive": an archive guard read on disk (tar -x, unzip) that holds
//     a member landing on or above a protected path, or one that may land
//     somewhere its name does not say (an absolute name, .., a link out);
//   - "unread-archive": an archive unpacked into a project that guard
//     cannot read (from a pipe, not there yet, made earlier in the same
//     command, compressed with xz or zstd, over the size limits);
//   - "later": a write on a file whose code runs later without guard
//     seeing it (writes.Later: shell start-up files, git's hooks and
//     configuration), or git config core.hooksPath.
func newSelfWrites(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	source := p.string("source", "any")
	hits := p.string("hits", "certain")
	if err := oneOf([]string{source}, "redirect", "program", "any"); err != nil {
		return nil, err
	}
	var class hitClass
	switch hits {
	case "certain":
		class = hitCertain
	case "maybe":
		class = hitMaybe
	case "archive":
		class = hitArchive
	case "unread-archive":
		class = hitUnread
	case "later":
		class = hitLater
	default:
		return nil, oneOf([]string{hits}, "certain", "maybe", "archive", "unread-archive", "later")
	}
	if err := p.done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		if len(ctx.Protected) == 0 {
			return "", false
		}
		for _, h := range judgeSelf(inv, ctx) {
			if h.class != class {
				continue
			}
			if source == "any" || (source == "redirect") == h.redirect {
				return h.detail, true
			}
		}
		return "", false
	}, nil
}

// hitClass sorts the writes that reach protected paths by the rule that
// takes them.
type hitClass uint8

const (
	hitCertain hitClass = iota + 1
	hitMaybe
	hitArchive
	hitUnread
	hitLater
)

// selfHit is one write of an invocation that reaches a protected path.
type selfHit struct {
	class    hitClass
	redirect bool
	detail   string
}

// judged remembers the judgement of the last invocation: the self rules
// all ask for it. The entry holds the invocation, so its address cannot
// be reused while it is remembered.
var judged struct {
	sync.Mutex
	inv       *parse.Invocation
	home, dir string
	protected []string
	live      bool
	hits      []selfHit
}

// judgeSelf returns the writes of an invocation that reach protected
// paths, each with the rule class that takes it.
func judgeSelf(inv *parse.Invocation, ctx *Context) []selfHit {
	home := ctx.shellHome()
	live := ctx.probe(inv) != nil && !ctx.stale()
	judged.Lock()
	defer judged.Unlock()
	if judged.inv == inv && judged.home == home && judged.dir == ctx.Dir && judged.live == live &&
		len(judged.protected) == len(ctx.Protected) && (len(ctx.Protected) == 0 || &judged.protected[0] == &ctx.Protected[0]) {
		return judged.hits
	}
	judged.inv, judged.home, judged.dir, judged.protected, judged.live = inv, home, ctx.Dir, ctx.Protected, live
	judged.hits = selfHits(inv, ctx, home, live)
	return judged.hits
}

func selfHits(inv *parse.Invocation, ctx *Context, home string, live bool) []selfHit {
	var out []selfHit
	if dir, ok := writes.HooksPath(inv); ok {
		out = append(out, selfHit{hitLater, false, "core.hooksPath makes git run the hook scripts in " + parse.Quote(dir.Value) +
			", which guard does not see (git commit, git checkout, git merge and others run them)"})
	}
	targets := append(writes.Redirects(inv), writes.Program(inv, home)...)
	if len(targets) == 0 {
		return out
	}
	c := writes.Checker{Dir: ctx.Dir, Home: ctx.Home, Protected: ctx.Protected}
	later := writes.Checker{Dir: ctx.Dir, Home: ctx.Home, Protected: laterPaths(ctx.Home, ctx.Dir)}
	for _, t := range targets {
		if t.Archive != nil {
			continue
		}
		if h, ok := later.Lands(t, inv.Dir); ok && !h.Above && !harmlessLater(inv, t, h) {
			out = append(out, selfHit{hitLater, t.Source == writes.ByRedirect, describeLater(h)})
		}
	}
	var done []*writes.Archive
	for _, t := range targets {
		h, ok := c.Lands(t, inv.Dir)
		if !ok {
			continue
		}
		redirect := t.Source == writes.ByRedirect
		a := t.Archive
		if a == nil {
			class := hitMaybe
			if h.Certain {
				class = hitCertain
			}
			out = append(out, selfHit{class, redirect, describeHit(h)})
			continue
		}
		// The content of an archive: its members, when guard can read it.
		seen := false
		for _, d := range done {
			seen = seen || d == a
		}
		if seen {
			continue
		}
		done = append(done, a)
		members, why := archiveMembers(a, inv, live)
		if why != "" {
			class := hitUnread
			if h.Certain {
				// Unknown content into the home or an agent's settings
				// directory: something there is guard's, whatever the
				// archive holds.
				class = hitCertain
			}
			out = append(out, selfHit{class, false, describeHit(h) + "; guard cannot list the archive's members: " + why})
			continue
		}
		mt, unsafe := a.MemberTargets(members)
		found := false
		for _, m := range mt {
			if mh, ok := c.Lands(m, inv.Dir); ok {
				out = append(out, selfHit{hitArchive, false, describeHit(mh) + ", from " + archiveName(a)})
				found = true
				break
			}
		}
		if !found && unsafe != "" {
			out = append(out, selfHit{hitArchive, false, archiveName(a) + " holds " + unsafe + ", so " + a.What +
				" may write elsewhere than the names say: it unpacks into " + parse.Quote(h.Where) + ", which holds " +
				writes.Describe(h.Protected) + " (" + parse.Quote(h.Protected) + ")"})
		}
	}
	return out
}

// laterCache keeps the last list of writes.Later: it depends only on the
// home and the working directory.
var laterCache struct {
	sync.Mutex
	home, dir string
	paths     []string
}

func laterPaths(home, dir string) []string {
	laterCache.Lock()
	defer laterCache.Unlock()
	if laterCache.paths == nil || laterCache.home != home || laterCache.dir != dir {
		laterCache.home, laterCache.dir, laterCache.paths = home, dir, writes.Later(home, dir)
	}
	return laterCache.paths
}

// describeLater says what a write on a file of writes.Later does.
func describeLater(h writes.Hit) string {
	s := hitAction(h)
	desc := writes.DescribeLater(h.Protected)
	switch {
	case !h.Certain:
		return s + ", which may be " + desc + " (" + parse.Quote(h.Protected) + ")"
	case h.Where != h.Protected:
		return s + ", under " + desc + " (" + parse.Quote(h.Protected) + ")"
	}
	return s + ", " + desc
}

// archiveMembers reads an archive's members, or says why it cannot.
func archiveMembers(a *writes.Archive, inv *parse.Invocation, live bool) ([]writes.Member, string) {
	switch {
	case a.File.Value == "":
		if a.Stdin != "stdin" {
			return nil, "it comes from " + a.Stdin + " (to have guard check it, save it to a file first and unpack it in a command of its own)"
		}
		return nil, "it is read from stdin"
	case a.Format != "tar" && a.Format != "zip":
		return nil, "guard does not read " + a.Format + " archives"
	case a.Renamed != "":
		return nil, a.Renamed + " changes where members land in a way guard does not follow"
	case !live:
		if inv.Remote != "" {
			return nil, "it is on " + inv.Remote
		}
		return nil, "guard reads archives only when it checks a command about to run, once nothing earlier in the command has changed files"
	case a.File.Dynamic || a.File.Glob:
		return nil, "its name is only known when the command runs"
	}
	name := a.File.Value
	if !path.IsAbs(name) {
		name = path.Join(inv.Dir, name)
	}
	members, err := writes.ReadMembers(name, a.Format)
	if err != nil && a.Format == "zip" && path.Ext(name) != ".zip" {
		// unzip tries NAME.zip when NAME is not there.
		if m, err2 := writes.ReadMembers(name+".zip", "zip"); err2 == nil {
			return m, ""
		}
	}
	if err != nil {
		return nil, err.Error()
	}
	return members, ""
}

func archiveName(a *writes.Archive) string {
	if a.File.Value == "" {
		return "the archive"
	}
	return parse.Quote(a.File.Value)
}

// describeHit says what a write lands on, for a finding's detail.
func describeHit(h writes.Hit) string {
	s := hitAction(h)
	desc := writes.Describe(h.Protected)
	if h.Above {
		return s + ", which holds " + desc + " (" + parse.Quote(h.Protected) + ")"
	}
	if !h.Certain {
		return s + ", which may be " + desc + " (" + parse.Quote(h.Protected) + ")"
	}
	if h.Where != h.Protected {
		return s + ", which is under " + desc + " (" + parse.Quote(h.Protected) + ")"
	}
	return s + ", which is " + desc
}

// hitAction says what a write does where: "cp destination writes
// '/home/u/.claude/settings.json'".
func hitAction(h writes.Hit) string {
	what := h.Target.What
	where := parse.Quote(h.Where)
	if h.Target.Path.Dynamic || h.Target.Path.Glob {
		where = parse.Quote(h.Target.Path.Value)
	}
	verb := "writes"
	switch {
	case h.Target.Link:
		verb = "links to"
	case h.Target.Remove:
		verb = "removes"
	case h.Target.Kind == writes.Tree:
		verb = "writes into"
	case h.Target.Kind == writes.Replace:
		verb = "replaces"
	}
	return what + " " + verb + " " + where
}
