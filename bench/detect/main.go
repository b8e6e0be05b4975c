// Command detect prints, for each family of a command corpus, how many of
// its destructive commands guard catches (asks or denies) and how many of
// its everyday commands it lets pass, judged by the embedded rules as for
// a user whose home is /home/user, working in /home/user/project.
//
//	go run ./bench/detect [-v] [-md] [DIR|FILE ...]
//
// With no arguments it reads testdata/corpus. The corpus format is that of
// testdata/corpus/README.md; a family is a file's name without .txt and an
// -everyday suffix. -v lists the commands judged wrongly; -md prints the
// table as Markdown.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/guardsh/guard/internal/corpus"
	"github.com/guardsh/guard/internal/rules"
)

var (
	verbose  = flag.Bool("v", false, "list the commands judged wrongly")
	markdown = flag.Bool("md", false, "print a Markdown table")
)

type tally struct {
	destructive, caught int
	everyday, allowed   int
	misses              []string
}

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/detect [-v] [-md] [DIR|FILE ...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	paths := flag.Args()
	if len(paths) == 0 {
		paths = []string{"testdata/corpus"}
	}
	var cases []corpus.Case
	for _, p := range paths {
		var cs []corpus.Case
		var err error
		if st, serr := os.Stat(p); serr == nil && st.IsDir() {
			cs, err = corpus.ReadDir(p)
		} else {
			cs, err = corpus.ReadFile(p)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "detect: error: %v\n", err)
			os.Exit(1)
		}
		cases = append(cases, cs...)
	}
	set, err := rules.Default()
	if err != nil {
		fmt.Fprintf(os.Stderr, "detect: error: %v\n", err)
		os.Exit(1)
	}
	ctx := rules.ExampleContext()
	families := map[string]*tally{}
	total := &tally{}
	for _, c := range cases {
		t := families[c.Family()]
		if t == nil {
			t = &tally{}
			families[c.Family()] = t
		}
		d := set.Check(c.Text, ctx)
		for _, x := range []*tally{t, total} {
			if c.Destructive() {
				x.destructive++
				if d.Action != rules.Allow {
					x.caught++
				}
			} else {
				x.everyday++
				if d.Action == rules.Allow {
					x.allowed++
				}
			}
		}
		if c.Destructive() == (d.Action == rules.Allow) {
			var ids []string
			for _, f := range d.Findings {
				ids = append(ids, f.Rule.ID)
			}
			t.misses = append(t.misses, fmt.Sprintf("%s:%d: %s: %s %s", c.File, c.Line, c.Expect, d.Action, strings.Join(append([]string{c.Text}, ids...), " | ")))
		}
	}
	names := make([]string, 0, len(families))
	for n := range families {
		names = append(names, n)
	}
	sort.Strings(names)
	row := func(name string, t *tally) []string {
		return []string{name, ratio(t.caught, t.destructive), ratio(t.allowed, t.everyday)}
	}
	rows := [][]string{{"family", "destructive caught", "everyday allowed"}}
	for _, n := range names {
		rows = append(rows, row(n, families[n]))
	}
	rows = append(rows, row("all", total))
	if *markdown {
		for i, r := range rows {
			fmt.Printf("| %s |\n", strings.Join(r, " | "))
			if i == 0 {
				fmt.Println("|:---|---:|---:|")
			}
		}
	} else {
		w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		for _, r := range rows {
			fmt.Fprintf(w, "%s\t%s\t%s\t\n", r[0], r[1], r[2])
		}
		w.Flush()
	}
	if *verbose {
		for _, n := range names {
			for _, m := range families[n].misses {
				fmt.Println(m)
			}
		}
	}
}

// ratio prints n of total as a count and a percentage, or "-" for none.
func ratio(n, total int) string {
	if total == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d %5.1f%%", n, total, 100*float64(n)/float64(total))
}
