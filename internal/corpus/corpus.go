package corpus

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Case is one command of a corpus file.
type Case struct {
	File   string // base name of the file
	Line   int
	Expect string // allow, confirm, deny or block (confirm or deny)
	Text   string
}

// Destructive reports whether the case expects guard to stop the command.
func (c Case) Destructive() bool { return c.Expect != "allow" }

// Family returns the family the case belongs to: its file's name without
// the .txt extension and an -everyday suffix, so that secrets.txt and
// secrets-everyday.txt are one family.
func (c Case) Family() string {
	name := strings.TrimSuffix(c.File, filepath.Ext(c.File))
	return strings.TrimSuffix(name, "-everyday")
}

// ReadDir reads every .txt file in dir, in name order.
func ReadDir(dir string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no corpus files", dir)
	}
	sort.Strings(files)
	var all []Case
	for _, name := range files {
		cases, err := ReadFile(name)
		if err != nil {
			return nil, err
		}
		all = append(all, cases...)
	}
	return all, nil
}

// ReadFile reads one corpus file.
func ReadFile(name string) ([]Case, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(filepath.Base(name), f)
}

// Read reads a corpus: lines of EXPECT COMMAND, EXPECT being allow,
// confirm, deny or block; a line starting with >> continues the previous
// command on a new line; # starts a comment line.
func Read(file string, r io.Reader) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, ">>"); ok {
			if len(cases) == 0 {
				return nil, fmt.Errorf("%s:%d: continuation with nothing to continue", file, n)
			}
			cases[len(cases)-1].Text += "\n" + rest
			continue
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		expect, text, ok := strings.Cut(line, " ")
		if tab, t2, ok2 := strings.Cut(line, "\t"); ok2 && (!ok || len(tab) < len(expect)) {
			expect, text, ok = tab, t2, ok2
		}
		switch expect {
		case "allow", "confirm", "deny", "block":
		default:
			ok = false
		}
		if !ok {
			return nil, fmt.Errorf("%s:%d: want EXPECT COMMAND, with EXPECT allow, confirm, deny or block", file, n)
		}
		cases = append(cases, Case{file, n, expect, strings.TrimLeft(text, " \t")})
	}
	return cases, sc.Err()
}

// Texts returns, for every corpus file that one of the glob patterns
// matches, each case's command and each of the file's lines as written
// (verdict, comments and continuations included): the texts tests feed
// to a parser or a decision to compare two ways of reaching it.
func Texts(patterns ...string) ([]string, error) {
	var texts []string
	for _, p := range patterns {
		files, err := filepath.Glob(p)
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, name := range files {
			cases, err := ReadFile(name)
			if err != nil {
				return nil, err
			}
			for _, c := range cases {
				texts = append(texts, c.Text)
			}
			raw, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			texts = append(texts, strings.Split(string(raw), "\n")...)
		}
	}
	return texts, nil
}
