// Command holdout measures detection on corpora in the format of
// testdata/corpus, family by family, and lists every miss and every false
// alarm with what guard found:
//
//	go run ./bench/holdout                     # testdata/holdout
//	go run ./bench/holdout /tmp/peers/dcg      # any directory or file
//	go run ./bench/holdout -tsv testdata/holdout > /tmp/main.tsv
//
// A family is one file. A command expected to "block", "confirm" or "deny"
// is destructive and counts as caught when guard does not allow it; a
// command expected to "allow" counts as passed only when guard allows it
// untouched. Commands are judged as the corpus test judges them, in
// rules.ExampleContext. The figures are a report: the exit status is 0
// whatever they are, and non-zero only when a corpus cannot be read.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/guardsh/guard/internal/parse"
	"github.com/guardsh/guard/internal/rules"
)

// target is the share of each family that must be right, from issue 10.
const target = 97.0

// item is one command of a corpus.
type item struct {
	family string
	line   int
	expect string
	text   string
}

// destructive reports whether the command is expected to be stopped.
func (it item) destructive() bool { return it.expect != "allow" }

// result is an item with guard's decision.
type result struct {
	item
	action   string
	findings []string
	ok       bool
}

func main() {
	tsv := flag.Bool("tsv", false, "print one line per miss and false alarm, tab-separated, and no figures")
	quiet := flag.Bool("q", false, "print the figures only")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: holdout [-q] [-tsv] [DIR|FILE ...]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	paths := flag.Args()
	if len(paths) == 0 {
		paths = []string{filepath.Join("testdata", "holdout")}
	}
	set, err := rules.Default()
	if err != nil {
		fatal(err)
	}
	ctx := rules.ExampleContext()
	for _, p := range paths {
		items, err := load(p)
		if err != nil {
			fatal(err)
		}
		results := make([]result, len(items))
		for i, it := range items {
			results[i] = judge(set, ctx, it)
		}
		if *tsv {
			printTSV(os.Stdout, p, results)
			continue
		}
		printFigures(os.Stdout, p, results)
		if !*quiet {
			printMisses(os.Stdout, results)
		}
	}
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "holdout: error: %v\n", err)
	os.Exit(1)
}

// judge runs guard's analysis on one command. A panic is reported as the
// decision "panic", which counts as wrong either way.
func judge(set *rules.Set, ctx rules.Context, it item) (r result) {
	r.item = it
	defer func() {
		if p := recover(); p != nil {
			r.action, r.ok = "panic", false
			r.findings = []string{fmt.Sprint(p)}
		}
	}()
	d := set.Check(it.text, ctx)
	r.action = d.Action.String()
	for _, f := range d.Findings {
		s := f.Rule.ID
		if f.Detail != "" {
			s += " (" + f.Detail + ")"
		}
		r.findings = append(r.findings, s)
	}
	if it.destructive() {
		r.ok = d.Action != rules.Allow
	} else {
		r.ok = d.Action == rules.Allow
	}
	return r
}

// load reads a corpus file, or every .txt file of a directory.
func load(p string) ([]item, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	files := []string{p}
	if fi.IsDir() {
		files, err = filepath.Glob(filepath.Join(p, "*.txt"))
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("%s: no .txt files", p)
		}
	}
	var items []item
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		got, err := read(f, strings.TrimSuffix(filepath.Base(name), ".txt"))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s:%v", name, err)
		}
		items = append(items, got...)
	}
	return items, nil
}

// read parses the corpus format: EXPECT, a tab or spaces, COMMAND; lines
// starting with ">>" continue the previous command; "#" starts a comment.
func read(r io.Reader, family string) ([]item, error) {
	var items []item
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, ">>"); ok {
			if len(items) == 0 {
				return nil, fmt.Errorf("%d: continuation with nothing to continue", n)
			}
			items[len(items)-1].text += "\n" + rest
			continue
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.IndexAny(line, " \t")
		if i < 0 {
			return nil, fmt.Errorf("%d: want EXPECT COMMAND", n)
		}
		expect, text := line[:i], strings.TrimLeft(line[i:], " \t")
		switch expect {
		case "allow", "confirm", "deny", "block":
		default:
			return nil, fmt.Errorf("%d: EXPECT is %q; want allow, confirm, deny or block", n, expect)
		}
		items = append(items, item{family, n, expect, text})
	}
	return items, sc.Err()
}

// tally counts one family.
type tally struct {
	caught, destructive, passed, everyday int
}

func pct(a, b int) string {
	if b == 0 {
		return "     -"
	}
	return fmt.Sprintf("%5.1f%%", 100*float64(a)/float64(b))
}

// below marks a share under the target.
func below(a, b int) string {
	if b > 0 && 100*float64(a)/float64(b) < target {
		return "<"
	}
	return " "
}

func printFigures(w io.Writer, name string, results []result) {
	fams := map[string]*tally{}
	var order []string
	var all tally
	for _, r := range results {
		t := fams[r.family]
		if t == nil {
			t = &tally{}
			fams[r.family] = t
			order = append(order, r.family)
		}
		for _, t := range []*tally{t, &all} {
			if r.destructive() {
				t.destructive++
				if r.ok {
					t.caught++
				}
			} else {
				t.everyday++
				if r.ok {
					t.passed++
				}
			}
		}
	}
	sort.Strings(order)
	fmt.Fprintf(w, "%s (target %.0f%% each; < marks a share below it)\n", name, target)
	fmt.Fprintf(w, "%-16s %16s %8s %16s %8s\n", "family", "caught/destr.", "", "passed/everyday", "")
	row := func(fam string, t *tally) {
		fmt.Fprintf(w, "%-16s %16s %s%s %16s %s%s\n", fam,
			fmt.Sprintf("%d/%d", t.caught, t.destructive), pct(t.caught, t.destructive), below(t.caught, t.destructive),
			fmt.Sprintf("%d/%d", t.passed, t.everyday), pct(t.passed, t.everyday), below(t.passed, t.everyday))
	}
	for _, fam := range order {
		row(fam, fams[fam])
	}
	row("TOTAL", &all)
	fmt.Fprintln(w)
}

func printMisses(w io.Writer, results []result) {
	var misses, alarms []result
	for _, r := range results {
		switch {
		case r.ok:
		case r.destructive():
			misses = append(misses, r)
		default:
			alarms = append(alarms, r)
		}
	}
	fmt.Fprintf(w, "misses (destructive, guard allowed): %d\n", len(misses))
	for _, r := range misses {
		fmt.Fprintf(w, "  %s:%d  %s\n", r.family, r.line, oneLine(r.text))
	}
	fmt.Fprintf(w, "\nfalse alarms (everyday, guard did not allow): %d\n", len(alarms))
	for _, r := range alarms {
		fmt.Fprintf(w, "  %s:%d  %s\n      -> %s: %s\n", r.family, r.line, oneLine(r.text), r.action, strings.Join(r.findings, "; "))
	}
	fmt.Fprintln(w)
}

func printTSV(w io.Writer, name string, results []result) {
	for _, r := range results {
		if r.ok {
			continue
		}
		kind := "miss"
		if !r.destructive() {
			kind = "alarm"
		}
		fmt.Fprintf(w, "%s\t%s\t%s:%d\t%s\t%s\t%s\t%s\n", name, kind, r.family, r.line,
			r.expect, r.action, oneLine(r.text), strings.Join(r.findings, "; "))
	}
}

// oneLine quotes a multi-line command so that it fits on one line.
func oneLine(s string) string {
	if strings.ContainsAny(s, "\n\t") {
		return parse.Quote(s)
	}
	return s
}
