package writes

import (
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/guardsh/guard/internal/lazy"
	"github.com/guardsh/guard/internal/parse"
)

// role says what a program's operands are.
type role uint8

const (
	noOperands role = iota
	opWrite         // each operand's content is written, or it is made
	opReplace       // each operand is replaced: moved, its mode changed
	opRemove        // each operand is deleted, a tree with the recursive option
	opCopy          // SOURCE... DEST: DEST is written, or each source lands in it
	opMove          // as opCopy, and each source is moved away
	opLink          // TARGET... LINK, or TARGET... DIR: links are made
)

// spec is what one program writes: the table below holds one for every
// program guard models, and fn covers what a table cannot say.
type spec struct {
	grammar
	operands role
	// skip is how many operands come before the paths (chmod's mode).
	skip int
	// first limits the paths to the first operand after skip (mknod).
	first bool
	// recursive are the options that make a deletion or a copy a tree.
	recursive []string
	// writes are options whose value is a file the program writes.
	writes []string
	// into are options whose value is the directory sources land in.
	into []string
	// fileDest are options that make DEST a file, never a directory.
	fileDest []string
	// links are options that make a copy a link to each source.
	links []string
	fn    func(c *collector, inv *parse.Invocation, a *args)
}

var (
	cpSpec = spec{
		grammar:  grammar{short: "abdfHilLnPpRrsS:t:TuvxZ", long: "target-directory= suffix= sparse= no-preserve= reflink preserve backup update"},
		operands: opCopy, recursive: []string{"-r", "-R", "-a", "--recursive", "--archive"},
		into: []string{"-t", "--target-directory"}, fileDest: []string{"-T", "--no-target-directory"},
		links: []string{"-s", "-l", "--symbolic-link", "--link"},
	}
	mvSpec = spec{
		grammar:  grammar{short: "bfinS:t:TuvZ", long: "target-directory= suffix="},
		operands: opMove, into: []string{"-t", "--target-directory"}, fileDest: []string{"-T", "--no-target-directory"},
	}
	installSpec = spec{
		grammar:  grammar{short: "bcCdDg:m:o:pPsS:t:TvZ", long: "target-directory= mode= owner= group= suffix= strip-program="},
		operands: opCopy, into: []string{"-t", "--target-directory"}, fileDest: []string{"-T", "--no-target-directory"},
		fn: func(c *collector, inv *parse.Invocation, a *args) {
			if a.has("-d", "--directory") {
				c.operands(a.operands, Write, "install -d")
				c.done = true
			}
		},
	}
	lnSpec = spec{
		grammar:  grammar{short: "bdfFinLPrsS:t:Tv", long: "target-directory= suffix="},
		operands: opLink, into: []string{"-t", "--target-directory"}, fileDest: []string{"-T", "--no-target-directory"},
	}
	rmSpec = spec{
		grammar:   grammar{short: "dfiIrRv", long: "interactive"},
		operands:  opRemove,
		recursive: []string{"-r", "-R", "--recursive", "-d", "--dir"},
	}
	modeSpec = spec{
		grammar:  grammar{short: "cfhvRHLP", long: "reference= from="},
		operands: opReplace, skip: 1,
		fn: func(c *collector, inv *parse.Invocation, a *args) {
			if a.has("--reference") {
				c.operands(a.operands, Replace, inv.Name)
				c.done = true
			}
		},
	}
	compressSpec = spec{
		grammar: grammar{short: "b:cdfFhHklLnNqrS:tT:vV0123456789o:", long: "suffix= format= threads= memlimit= output= block-size= rsyncable long ultra fast best"},
		fn:      compress,
	}
	editorSpec = spec{
		grammar:  grammar{short: "c:S:s:u:U:i:T:t:w:W:r", long: "cmd= noplugin"},
		operands: opWrite,
		fn:       editor,
	}
	interpreterSpec = spec{fn: interpreter}
	// exGrammar is vim's in ex mode (vim -e, ex), where -s takes no value.
	exGrammar = grammar{short: "c:S:su:U:i:T:t:w:W:reEnNR", long: "cmd= noplugin clean"}
)

// programs is the model: the programs guard knows to write, by name. It
// and aliases are tables, not maps, so that nothing is built at start-up.
var programs = []struct {
	name string
	spec *spec
}{
	{"tee", &spec{grammar: grammar{short: "aip", long: "output-error="}, operands: opWrite}},
	{"sponge", &spec{grammar: grammar{short: "a"}, operands: opWrite}},
	{"truncate", &spec{grammar: grammar{short: "cor:s:", long: "reference= size="}, operands: opWrite}},
	{"touch", &spec{grammar: grammar{short: "acd:fhmr:t:", long: "date= reference= time="}, operands: opWrite}},
	{"mkfifo", &spec{grammar: grammar{short: "m:Z", long: "mode= context="}, operands: opWrite}},
	{"mknod", &spec{grammar: grammar{short: "m:Z", long: "mode= context="}, operands: opWrite, first: true}},
	{"mkdir", &spec{grammar: grammar{short: "m:pvZ", long: "mode= context="}, operands: opWrite}},
	{"rm", &rmSpec},
	{"unlink", &spec{operands: opRemove}},
	{"rmdir", &spec{grammar: grammar{short: "pv"}, operands: opRemove}},
	{"shred", &spec{grammar: grammar{short: "fn:s:uvxz", long: "iterations= size= random-source= remove="}, operands: opWrite}},
	{"chmod", &spec{grammar: modeSpec.grammar, operands: opReplace, fn: chmod}},
	{"chown", &modeSpec},
	{"chgrp", &modeSpec},
	{"chattr", &spec{grammar: grammar{short: "RVfv:p:"}, fn: chattr}},
	{"setfacl", &spec{grammar: grammar{short: "m:M:x:X:bkndRLPvt", long: "modify= modify-file= remove= remove-file= set= set-file="}, operands: opReplace}},
	{"rename", &spec{grammar: grammar{short: "vnfsoilae:", long: "expr="}, operands: opReplace, skip: 1}},
	{"cp", &cpSpec},
	{"mv", &mvSpec},
	{"install", &installSpec},
	{"ln", &lnSpec},
	{"scp", &spec{grammar: grammar{short: "346ABCOpqRrSTv1246c:D:F:i:J:l:o:P:S:X:"}, operands: opCopy, recursive: []string{"-r"}, fn: scp}},
	{"dd", &spec{fn: dd}},
	{"sort", &spec{grammar: grammar{short: "bcCdfghik:mMno:rRsS:t:T:uVz", long: "output= key= field-separator= buffer-size= temporary-directory= parallel= batch-size= compress-program= files0-from= random-source= sort="}, writes: []string{"-o", "--output"}}},
	{"uniq", &spec{grammar: grammar{short: "cdDf:is:uw:z", long: "skip-fields= skip-chars= check-chars= all-repeated= group="}, fn: secondOperand}},
	{"xxd", &spec{grammar: grammar{short: "aCEeirpuc:g:l:o:s:n:"}, fn: secondOperand}},
	{"iconv", &spec{grammar: grammar{short: "f:t:co:s", long: "from-code= to-code= output="}, writes: []string{"-o", "--output"}}},
	{"sed", &spec{grammar: grammar{short: "nrsuzEe:f:l:", long: "expression= file= line-length= in-place null-data regexp-extended separate sandbox debug posix follow-symlinks quiet silent"}, fn: sed}},
	{"perl", &interpreterSpec},
	{"awk", &interpreterSpec},
	{"tar", &spec{grammar: grammar{short: "AcdrtuxzjJaZvkpPSWOhlmoiMGgf:C:b:T:X:K:N:V:L:F:I:H:", long: tarLong, oldStyle: true}, fn: tar}},
	{"unzip", &spec{grammar: grammar{short: "abBcCDfjKlLMnopP:qstTuUvVWXzx:d:Z"}, fn: unzip}},
	{"7z", &spec{fn: sevenZip}},
	{"cpio", &spec{grammar: grammar{short: "ioptvdumfbcBrsSLVaAD:E:F:H:I:M:O:R:", long: "directory= file= format= pattern-file= owner= message= rsh-command= block-size= io-size="}, fn: cpio}},
	{"zip", &spec{grammar: grammar{short: "rRjJmTudgFqvyxi:b:n:t:O:P:Z:"}, fn: firstOperand}},
	{"gzip", &compressSpec},
	{"rsync", &spec{grammar: grammar{short: "vqcaRbuLlkKHpEAXogDtSnWxBeyC0iP46rdzhFm:f:T:M:", long: rsyncLong}, fn: rsync}},
	{"curl", &spec{grammar: grammar{short: "d:D:o:c:K:H:X:u:A:e:T:F:x:m:b:w:r:E:C:U:Y:y:z:t:Q:P:", long: curlLong}, writes: []string{"-o", "--output", "-D", "--dump-header", "-c", "--cookie-jar", "--trace", "--trace-ascii", "--libcurl", "--stderr", "--etag-save", "--hsts", "--alt-svc"}, fn: curl}},
	{"wget", &spec{grammar: grammar{short: "O:o:a:P:i:t:T:w:Q:U:e:B:l:A:R:D:I:X:", long: wgetLong}, writes: []string{"-O", "--output-document", "-o", "--output-file", "-a", "--append-output"}, fn: wget}},
	{"find", &spec{grammar: grammar{dashOnly: true}, fn: find}},
	{"patch", &spec{grammar: grammar{short: "b:B:d:D:EfF:g:i:lNo:p:r:RsStTuvV:Y:z:Z", long: "directory= input= output= reject-file= strip= suffix= prefix= basename-prefix= version-control= fuzz= get="}, writes: []string{"-o", "--output", "-r", "--reject-file"}, fn: patch}},
	{"sqlite3", &spec{grammar: grammar{short: "", dashOnly: true}, fn: sqlite3}},
	{"git", &spec{fn: git}},
	{"vim", &editorSpec},
	{"ed", &spec{operands: opWrite, grammar: grammar{short: "Gp:sV"}, fn: ed}},
	{"nano", &spec{operands: opWrite, grammar: grammar{short: "AEHIKLNOQ:T:X:Y:aBCDEFGhijklmnoPpqr:s:tUuVvWwxyz"}}},
	{"emacs", &spec{operands: opWrite}},
	{"openssl", &spec{grammar: grammar{dashOnly: true}, fn: openssl}},
	{"apply_patch", &spec{fn: applyPatch}},
	{"mount", &spec{grammar: grammar{short: "aBcfFhiklmMnrRsvVwt:o:O:L:U:T:N:", long: "types= options= test-opts= label= uuid= fstab= namespace= source= target= bind rbind move"}, fn: mount}},
	{"sshfs", &spec{grammar: grammar{short: "fsdCVho:p:F:"}, fn: mount}},
	{"bindfs", &spec{grammar: grammar{short: "fhnro:u:g:p:m:M:", long: "mirror= perms= force-user= force-group="}, fn: mount}},
	{"split", &spec{grammar: grammar{short: "a:b:C:del:n:t:ux", long: "suffix-length= additional-suffix= bytes= line-bytes= lines= number= separator= filter= numeric-suffixes= hex-suffixes="}, fn: split}},
	{"csplit", &spec{grammar: grammar{short: "b:f:kn:szq", long: "suffix-format= prefix= digits="}, fn: csplit}},
	{"docker", &spec{fn: containerCopy}},
	{"podman", &spec{fn: containerCopy}},
	{"nerdctl", &spec{fn: containerCopy}},
	{"kubectl", &spec{fn: containerCopy}},
	{"oc", &spec{fn: containerCopy}},
	{"rclone", &spec{fn: rclone}},
}

// aliases share another program's model.
var aliases = []struct{ name, model string }{
	{"gsed", "sed"}, {"gcp", "cp"}, {"gmv", "mv"}, {"grm", "rm"}, {"gln", "ln"}, {"ginstall", "install"},
	{"gtar", "tar"}, {"bsdtar", "tar"}, {"gtouch", "touch"}, {"gtruncate", "truncate"}, {"gtee", "tee"},
	{"gawk", "awk"}, {"mawk", "awk"}, {"nawk", "awk"}, {"busybox-awk", "awk"},
	{"7za", "7z"}, {"7zr", "7z"}, {"7zz", "7z"},
	{"gunzip", "gzip"}, {"zcat", ""}, {"bzip2", "gzip"}, {"bunzip2", "gzip"}, {"xz", "gzip"}, {"unxz", "gzip"},
	{"lzma", "gzip"}, {"unlzma", "gzip"}, {"zstd", "gzip"}, {"unzstd", "gzip"}, {"zstdmt", "gzip"}, {"lz4", "gzip"},
	{"unlz4", "gzip"}, {"lzip", "gzip"}, {"pigz", "gzip"}, {"unpigz", "gzip"}, {"pbzip2", "gzip"}, {"pixz", "gzip"},
	{"compress", "gzip"}, {"uncompress", "gzip"}, {"brotli", "gzip"}, {"lzop", "gzip"},
	{"vi", "vim"}, {"nvim", "vim"}, {"ex", "vim"}, {"vim.tiny", "vim"}, {"vim.basic", "vim"}, {"gvim", "vim"}, {"rvim", "vim"},
	{"red", "ed"}, {"pico", "nano"}, {"micro", "nano"}, {"joe", "nano"}, {"mcedit", "nano"}, {"kak", "nano"}, {"hx", "nano"},
	{"emacsclient", "emacs"}, {"zile", "emacs"}, {"mg", "emacs"},
	{"perl5", "perl"}, {"sqlite", "sqlite3"},
}

const tarLong = "file= directory= files-from= exclude-from= exclude= transform= xform= strip-components= owner= " +
	"group= mode= mtime= newer= after-date= use-compress-program= to-command= index-file= format= " +
	"blocking-factor= record-size= label= volno-file= info-script= new-volume-script= rsh-command= " +
	"backup= suffix= checkpoint-action= warning= occurrence= sparse-version= tape-length= starting-file= " +
	"listed-incremental= level= hole-detection="

const rsyncLong = "rsh= rsync-path= exclude= include= exclude-from= include-from= files-from= filter= temp-dir= " +
	"partial-dir= backup-dir= suffix= compare-dest= copy-dest= link-dest= log-file= log-file-format= " +
	"out-format= password-file= chmod= chown= usermap= groupmap= timeout= contimeout= bwlimit= max-size= " +
	"min-size= max-delete= port= sockopts= block-size= checksum-choice= compress-choice= compress-level= " +
	"skip-compress= iconv= modify-window= write-batch= only-write-batch= read-batch= protocol= info= " +
	"debug= stop-after= stop-at="

const curlLong = "data= data-raw= data-binary= data-urlencode= data-ascii= json= dump-header= output= cookie-jar= " +
	"config= header= request= user= user-agent= referer= upload-file= form= form-string= proxy= max-time= " +
	"cookie= write-out= range= cert= continue-at= speed-limit= speed-time= time-cond= telnet-option= " +
	"quote= proxy-user= trace= trace-ascii= libcurl= stderr= output-dir= etag-save= etag-compare= hsts= " +
	"alt-svc= connect-timeout= retry= retry-delay= retry-max-time= cacert= capath= key= pass= resolve= " +
	"connect-to= interface= url= variable= expand-url= oauth2-bearer= aws-sigv4="

const wgetLong = "output-document= output-file= append-output= directory-prefix= input-file= tries= timeout= wait= " +
	"quota= user-agent= execute= base= level= accept= reject= domains= include-directories= " +
	"exclude-directories= header= post-data= post-file= user= password= load-cookies= save-cookies= " +
	"method= body-data= body-file="

// collector gathers an invocation's targets.
type collector struct {
	inv  *parse.Invocation
	home string
	out  []Target
	// done means the program's fn has said all there is to say.
	done bool
}

func (c *collector) add(t Target) {
	if t.Path.Value == "" {
		return
	}
	t.Path = c.tilde(t.Path)
	c.out = append(c.out, t)
}

// tilde expands a leading ~ that the shell left alone, as in of=~/x or
// --output=~/x: guard takes it as the home, the stricter reading.
func (c *collector) tilde(w parse.Word) parse.Word {
	if c.home != "" && (w.Value == "~" || strings.HasPrefix(w.Value, "~/")) {
		w.Value = c.home + w.Value[1:]
	}
	return w
}

func (c *collector) operands(ws []parse.Word, k Kind, what string) {
	for _, w := range ws {
		c.add(Target{Path: w, Kind: k, What: what})
	}
}

// Of returns what an invocation writes: its redirections and, for the
// programs the model knows, its operands, options and interpreter code.
// home is what a ~ left in an option's value stands for.
func Of(inv *parse.Invocation, home string) []Target {
	return append(Redirects(inv), Program(inv, home)...)
}

var redirectWhat = lazy.Value[map[string]string]{Make: func() map[string]string {
	return map[string]string{">": "redirect >", ">>": "redirect >>", ">|": "redirect >|", "<>": "redirect <>",
		"&>": "redirect &>", "&>>": "redirect &>>", ">&": "redirect >&"}
}}

// Redirects returns the files an invocation's redirections write.
func Redirects(inv *parse.Invocation) []Target {
	var out []Target
	for _, r := range inv.Redirs {
		if !r.Writes() || r.Target.Value == "" {
			continue
		}
		if r.Op == ">&" && (r.Target.Value == "-" || isDigits(r.Target.Value)) {
			continue
		}
		what, ok := redirectWhat.Get()[r.Op]
		if !ok {
			what = "redirect " + r.Op
		}
		out = append(out, Target{Path: r.Target, Kind: Write, Source: ByRedirect, What: what})
	}
	return out
}

// Program returns what the program itself writes, by the model: its
// operands and options, and the file calls of interpreter code.
func Program(inv *parse.Invocation, home string) []Target {
	if inv.Problem != parse.NoProblem || len(inv.Args) == 0 {
		return nil
	}
	c := collector{inv: inv, home: home}
	if inv.Code != nil {
		c.program(&interpreterSpec, inv)
	} else if s := lookup(inv.Name); s != nil {
		c.program(s, inv)
	} else {
		generic(&c, inv)
	}
	return c.out
}

func lookup(name string) *spec {
	if lookups.n.Add(1) > lookupsBeforeIndex {
		lookups.once.Do(buildIndex)
		if s, ok := lookups.index[name]; ok {
			return s
		}
		// In neither table: what the scans below would find too.
		if interpreterLang(name) != "" {
			return &interpreterSpec
		}
		return nil
	}
	return scan(name)
}

// lookups indexes the tables by name once a process has looked up more
// programs than a command names (audit looks up hundreds of thousands),
// so that a single command builds no map at start.
var lookups struct {
	n     atomic.Int64
	once  sync.Once
	index map[string]*spec
}

const lookupsBeforeIndex = 64

// buildIndex maps every name in the tables to what scan returns for it.
func buildIndex() {
	m := make(map[string]*spec, len(aliases)+len(programs))
	for _, a := range aliases {
		if _, ok := m[a.name]; !ok {
			m[a.name] = scan(a.name)
		}
	}
	for _, p := range programs {
		if _, ok := m[p.name]; !ok {
			m[p.name] = scan(p.name)
		}
	}
	lookups.index = m
}

// scan looks a program up in the tables, in order.
func scan(name string) *spec {
	for _, a := range aliases {
		if a.name == name {
			if a.model == "" {
				return nil
			}
			name = a.model
			break
		}
	}
	for _, p := range programs {
		if p.name == name {
			return p.spec
		}
	}
	if interpreterLang(name) != "" {
		return &interpreterSpec
	}
	return nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// program applies a spec to an invocation.
func (c *collector) program(s *spec, inv *parse.Invocation) {
	var a args
	if s.fn == nil || s.operands != noOperands || len(s.writes) > 0 || s.grammar.short != "" || s.grammar.long != "" || s.grammar.dashOnly {
		a = s.grammar.split(inv.Args[1:])
	}
	if s.fn != nil {
		s.fn(c, inv, &a)
		if c.done {
			return
		}
	}
	for _, w := range a.values(s.writes...) {
		c.add(Target{Path: w, Kind: Write, What: inv.Name + " output"})
	}
	ops := a.operands
	if s.skip > 0 {
		ops = ops[min(s.skip, len(ops)):]
	}
	if s.first && len(ops) > 1 {
		ops = ops[:1]
	}
	recursive := a.has(s.recursive...)
	switch s.operands {
	case opWrite:
		c.operands(ops, Write, inv.Name)
	case opReplace:
		c.operands(ops, Replace, inv.Name)
	case opRemove:
		k := Write
		if recursive {
			k = Replace
		}
		for _, w := range ops {
			c.add(Target{Path: w, Kind: k, Remove: true, What: inv.Name})
		}
	case opCopy, opMove, opLink:
		c.copy(s, inv, &a, ops, recursive)
	}
}

// copy models cp, mv, install and ln: SOURCE... DEST, or -t DIR SOURCE...
// DEST is written as a file, or, being a directory, receives each source
// under its base name.
func (c *collector) copy(s *spec, inv *parse.Invocation, a *args, ops []parse.Word, recursive bool) {
	if len(ops) == 0 {
		return
	}
	var sources []parse.Word
	var dest parse.Word
	destIsDir := false
	if d, ok := a.last(s.into...); ok {
		sources, dest, destIsDir = ops, d, true
	} else {
		if len(ops) == 1 && s.operands == opLink {
			// ln -s TARGET: the link is made in the working directory.
			sources, dest, destIsDir = ops, word("."), true
		} else {
			sources, dest = ops[:len(ops)-1], ops[len(ops)-1]
			v := dest.Value
			// ., .., a trailing slash and the working directory are
			// directories already.
			destIsDir = len(sources) > 1 || strings.HasSuffix(v, "/") || v == "." || v == ".." || strings.HasSuffix(v, "/.") ||
				strings.HasSuffix(v, "/..") || inv.Dir != "" && path.Clean(v) == inv.Dir || c.home != "" && path.Clean(v) == c.home
		}
	}
	fileOnly := a.has(s.fileDest...)
	link := s.operands == opLink || a.has(s.links...)
	symbolic := s.operands == opLink && a.has("-s", "--symbolic") || s.operands != opLink && a.has("-s", "--symbolic-link")
	what := inv.Name + " destination"
	kind := Write
	if recursive || s.operands == opMove || link {
		// A directory copied or moved there, or a link, replaces what is
		// at the destination and what is under it.
		kind = Replace
	}
	if s.operands == opMove {
		for _, src := range sources {
			c.add(Target{Path: src, Kind: Replace, Remove: true, What: inv.Name + " source"})
		}
	}
	land := func(p parse.Word) {
		t := Target{Path: p, Kind: kind, What: what}
		if recursive {
			t.Kind, t.Unknown = Tree, true
		}
		c.add(t)
	}
	if !destIsDir || fileOnly {
		land(dest)
	}
	if !fileOnly {
		for _, src := range sources {
			if v := strings.TrimRight(src.Value, "/"); v == "." || strings.HasSuffix(v, "/.") {
				// cp -r dir/. dest: the directory's content, hidden
				// names included, goes into dest.
				c.add(Target{Path: dest, Kind: Tree, Unknown: true, What: what})
				continue
			}
			base, ok := baseName(src)
			if !ok {
				continue
			}
			land(joinWord(dest, base))
		}
	}
	if link {
		for _, src := range sources {
			if !symbolic || path.IsAbs(src.Value) || src.Dynamic {
				c.add(Target{Path: src, Kind: Replace, Link: true, What: inv.Name + " link to"})
				continue
			}
			// A relative symlink points from the link's directory, which
			// is DEST itself or the directory holding it.
			if !destIsDir || fileOnly {
				t := parse.Word{Value: path.Join(path.Dir(dest.Value), src.Value), Glob: src.Glob || dest.Glob, Dynamic: dest.Dynamic}
				c.add(Target{Path: t, Kind: Replace, Link: true, What: inv.Name + " link to"})
			}
			if !fileOnly {
				t := parse.Word{Value: path.Join(dest.Value, src.Value), Glob: src.Glob || dest.Glob, Dynamic: dest.Dynamic}
				c.add(Target{Path: t, Kind: Replace, Link: true, What: inv.Name + " link to"})
			}
		}
	}
}

// baseName returns the name under which a source lands in a directory:
// its last component, or a pattern for a glob or a run-time part.
func baseName(w parse.Word) (parse.Word, bool) {
	v := strings.TrimRight(w.Value, "/")
	if v == "" || v == "." || v == ".." || strings.HasSuffix(v, "/.") || strings.HasSuffix(v, "/..") {
		// cp -r dir/. dest: the directory's content, names unknown.
		return parse.Word{Value: "*", Glob: true}, true
	}
	b := v[strings.LastIndexByte(v, '/')+1:]
	if w.Dynamic && strings.ContainsAny(b, "$`") {
		if strings.Contains(b, "$(") {
			return parse.Word{Value: "*", Glob: true}, true
		}
		return parse.Word{Value: b, Dynamic: true}, true
	}
	return parse.Word{Value: b, Glob: w.Glob}, true
}

func joinWord(dir, base parse.Word) parse.Word {
	v := strings.TrimRight(dir.Value, "/")
	if v == "" && strings.HasPrefix(dir.Value, "/") {
		v = ""
	}
	return parse.Word{Value: v + "/" + base.Value, Dynamic: dir.Dynamic || base.Dynamic, Glob: dir.Glob || base.Glob}
}

// generic covers programs the model does not know: an output option whose
// value is a path (gcc -o, go build -o, pandoc --output=) is taken as a
// write.
func generic(c *collector, inv *parse.Invocation) {
	args := inv.Args[1:]
	for i, w := range args {
		v := w.Value
		if len(v) < 2 || v[0] != '-' {
			continue
		}
		var val parse.Word
		switch {
		case v == "-o" || v == "--output" || v == "--output-file" || v == "--outfile" || v == "--out-file":
			if i+1 >= len(args) {
				continue
			}
			val = args[i+1]
		case strings.HasPrefix(v, "--output=") || strings.HasPrefix(v, "--output-file=") || strings.HasPrefix(v, "--outfile="):
			_, rest, _ := strings.Cut(v, "=")
			val = parse.Word{Value: rest, Dynamic: w.Dynamic, Glob: w.Glob}
		default:
			continue
		}
		if strings.Contains(val.Value, "/") {
			c.add(Target{Path: val, Kind: Write, What: inv.Name + " " + v})
		}
	}
}
