// Command figures measures every performance figure the README quotes and
// prints them as a Markdown table: what guard adds to bash -c true, a hook
// call, guard check, analysis of one command (Go benchmarks), audit
// throughput on one core, and peak memory. Run it from the repository
// root with bench/run.sh.
//
// Whole-process times are medians over many runs of a fresh process
// started directly (no shell), as agents start them. Each guard run is a
// real decision, so it is appended to your own decision log.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/guardsh/guard/internal/audit/auditgen"
)

var runs = flag.Int("runs", 1000, "runs per whole-process figure")

func main() {
	flag.Parse()
	tmp, err := os.MkdirTemp("", "guard-figures")
	check(err)
	defer os.RemoveAll(tmp)

	guard := filepath.Join(tmp, "guard")
	build(guard, "./cmd/guard")
	floor := filepath.Join(tmp, "floor")
	writeFloor(filepath.Join(tmp, "floorsrc"))
	buildIn(filepath.Join(tmp, "floorsrc"), floor, ".")
	bash, err := exec.LookPath("bash")
	check(err)

	hookIn := []byte(`{"session_id":"s","transcript_path":"/tmp/t.jsonl","cwd":"/tmp","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"git status && go test ./..."}}`)

	type row struct{ what, value, budget string }
	var rows []row
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

	bashT := median([]string{bash, "-c", "true"}, nil)
	floorT := median([]string{floor}, nil)
	guardT := median([]string{guard, "-c", "true"}, nil)
	rows = append(rows,
		row{"`bash -c true`", ms(bashT), ""},
		row{"`guard -c true`", ms(guardT), ""},
		row{"guard's overhead on the allowed path", "+" + ms(guardT-bashT), "≤ +1 ms"},
		row{"a Go program that only execs bash (the floor)", "+" + ms(floorT-bashT), ""},
		row{"`guard hook claude`, safe command", ms(median([]string{guard, "hook", "claude"}, hookIn)), "< 3 ms"},
		row{"`guard check 'git status'`", ms(median([]string{guard, "check", "git status"}, nil)), ""},
	)
	bench := goBench()
	names := make([]string, 0, len(bench))
	for name := range bench {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		rows = append(rows, row{"analysis (parse + decide): " + name, fmt.Sprintf("%.1f µs", bench[name]/1000), "< 50 µs"})
	}
	rate, rss := audit(guard, tmp)
	rows = append(rows,
		row{"`guard audit`, 200,000-line bash history, one core", fmt.Sprintf("%.0f commands/s", rate), "≥ 100,000/s"},
		row{"`guard audit` peak memory (max RSS)", fmt.Sprintf("%.1f MB", float64(rss)/1024), ""},
	)

	fmt.Printf("Measured by bench/run.sh on %s: %d CPUs, %s, %s, %s; %d runs per whole-process figure (median).\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.NumCPU(), cpuModel(), kernel(), runtime.Version(), *runs)
	fmt.Println("| figure | measured | budget |")
	fmt.Println("|---|---:|---|")
	for _, r := range rows {
		fmt.Printf("| %s | %s | %s |\n", r.what, r.value, r.budget)
	}
}

// median runs argv many times with stdin and returns the median wall time.
func median(argv []string, stdin []byte) time.Duration {
	for i := 0; i < 20; i++ {
		runOnce(argv, stdin)
	}
	ts := make([]time.Duration, *runs)
	for i := range ts {
		ts[i] = runOnce(argv, stdin)
	}
	slices.Sort(ts)
	return ts[len(ts)/2]
}

func runOnce(argv []string, stdin []byte) time.Duration {
	cmd := exec.Command(argv[0], argv[1:]...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	start := time.Now()
	cmd.Run() // guard check exits non-zero for confirm; only the time counts
	return time.Since(start)
}

// goBench runs the parse-and-decide benchmarks and returns ns/op by case.
func goBench() map[string]float64 {
	out, err := exec.Command("go", "test", "-run", "^$", "-bench", "BenchmarkCheck", "./internal/rules").CombinedOutput()
	check(err)
	res := map[string]float64{}
	re := regexp.MustCompile(`(?m)^BenchmarkCheck/(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		ns, _ := strconv.ParseFloat(m[2], 64)
		res[m[1]] = ns
	}
	return res
}

// audit generates a history and audits it on one core, returning
// commands per CPU second and the peak RSS in KiB.
func audit(guard, tmp string) (float64, int64) {
	const n = 200000
	hist := filepath.Join(tmp, "bash_history")
	f, err := os.Create(hist)
	check(err)
	check(auditgen.Write(f, "bash", n, 1))
	check(f.Close())
	best := time.Duration(1<<63 - 1)
	var rss int64
	for i := 0; i < 5; i++ {
		cmd := exec.Command(guard, "audit", "--format", "bash", hist)
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
		cmd.Stdout, cmd.Stderr = nil, nil
		cmd.Run()
		u := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpu := time.Duration(u.Utime.Nano() + u.Stime.Nano())
		best = min(best, cpu)
		rss = max(rss, u.Maxrss)
	}
	return n / best.Seconds(), rss
}

func writeFloor(dir string) {
	check(os.MkdirAll(dir, 0o755))
	check(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module floor\n\ngo 1.26\n"), 0o644))
	check(os.WriteFile(filepath.Join(dir, "main.go"), []byte(`package main

import (
	"os"
	"syscall"
)

func main() {
	syscall.Exec("/bin/bash", []string{"bash", "-c", "true"}, os.Environ())
}
`), 0o644))
}

func build(out, pkg string) { buildIn(".", out, pkg) }

func buildIn(dir, out, pkg string) {
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, pkg)
	cmd.Dir = dir
	cmd.Env = os.Environ() // the default build, as go install makes it
	cmd.Stderr = os.Stderr
	check(cmd.Run())
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func kernel() string {
	out, _ := exec.Command("uname", "-sr").Output()
	return strings.TrimSpace(string(out))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "figures:", err)
		os.Exit(1)
	}
}
