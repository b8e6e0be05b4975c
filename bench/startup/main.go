// Command startup measures guard's start-up cost as its excess over floor
// programs built the same way: for each front door it runs guard and its
// floor alternately, many times, and prints the medians and percentiles
// of wall time and CPU time, the excess, peak memory and page faults, and,
// when valgrind is installed, the instructions each process executes
// (a count that does not depend on the load other processes put on the
// machine). bench/startup.sh builds the binaries and runs it.
//
// The floors: an empty Go program (for guard check and guard hook), and a
// Go program that only execs bash -c true (for guard -c true, which ends
// in the same exec).
package main

import (
	"bytes"
	"debug/elf"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/guardsh/guard/internal/audit/auditgen"
)

var (
	guardBin = flag.String("guard", "", "the guard binary")
	emptyBin = flag.String("empty", "", "the empty Go program")
	execBin  = flag.String("execbash", "", "the Go program that only execs bash -c true")
	depsBin  = flag.String("deps", "", "the Go program that only links guard's required dependencies (optional)")
	runs     = flag.Int("runs", 1000, "runs of each program per case")
	grind    = flag.Int("valgrind", 5, "runs per program under valgrind (0: none)")
	auditN   = flag.Int("audit", 200000, "commands in the audit input (0: no audit figure)")
)

// A run is what one process cost.
type run struct {
	wall, cpu time.Duration
	rss       int64 // KiB
	minflt    int64
}

// A program is an argv with its stdin.
type program struct {
	argv  []string
	stdin string // a file name, or "" for /dev/null
}

type testCase struct {
	name         string
	guard, floor program
	floorName    string
}

func main() {
	flag.Parse()
	if *guardBin == "" || *emptyBin == "" || *execBin == "" {
		fmt.Fprintln(os.Stderr, "usage: startup -guard BIN -empty BIN -execbash BIN [-runs N]")
		os.Exit(2)
	}
	tmp, err := os.MkdirTemp("", "guard-startup")
	check(err)
	defer os.RemoveAll(tmp)
	hookIn := filepath.Join(tmp, "hook.json")
	check(os.WriteFile(hookIn, []byte(`{"session_id":"s","transcript_path":"/tmp/t.jsonl","cwd":"/tmp","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"git status"}}`), 0o644))

	cases := []testCase{
		{"`guard -c true`", program{[]string{*guardBin, "-c", "true"}, ""}, program{[]string{*execBin, "-c", "true"}, ""}, "Go program that execs `bash -c true`"},
		{"`guard check 'git status'`", program{[]string{*guardBin, "check", "git status"}, ""}, program{[]string{*emptyBin}, ""}, "empty Go program"},
		{"`guard hook claude` (git status)", program{[]string{*guardBin, "hook", "claude"}, hookIn}, program{[]string{*emptyBin}, hookIn}, "empty Go program"},
	}
	if *depsBin != "" {
		// Not guard: how much of the floor-to-guard gap the required
		// dependencies take before any of guard's code runs.
		cases = append(cases, testCase{"dependency floor (links mvdan.cc/sh/v3/syntax, go-toml, x/term, os; does nothing)", program{[]string{*depsBin}, ""}, program{[]string{*emptyBin}, ""}, "empty Go program"})
	}

	fmt.Printf("Measured on %s: %d CPUs, %s, %s, %s; load average before: %s.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), cpuModel(), kernel(), runtime.Version(), loadavg())
	fmt.Printf("guard binary: %s, %.1f MiB; empty Go program: %s, %.1f MiB.\n\n",
		linkage(*guardBin), mib(size(*guardBin)), linkage(*emptyBin), mib(size(*emptyBin)))

	// Warm the page cache and the log.
	for _, c := range cases {
		for i := 0; i < 20; i++ {
			runOnce(c.guard)
			runOnce(c.floor)
		}
	}

	fmt.Printf("## Wall time and CPU time (%d interleaved runs of each)\n\n", *runs)
	fmt.Println("Excess is guard's median minus the floor's median; p10/p90 are of the paired differences (guard run minus the floor run next to it).")
	fmt.Println()
	fmt.Println("| front door | floor | floor wall p50 | guard wall p50 | wall excess p50 | paired p10 … p90 | floor CPU p50 | guard CPU p50 | CPU excess | guard max RSS | guard minor faults | floor minor faults |")
	fmt.Println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, c := range cases {
		g, f := interleave(c.guard, c.floor, *runs)
		gw, fw := walls(g), walls(f)
		gc, fc := cpus(g), cpus(f)
		diff := make([]time.Duration, len(g))
		for i := range g {
			diff[i] = g[i].wall - f[i].wall
		}
		slices.Sort(diff)
		fmt.Printf("| %s | %s | %s | %s | **%s** | %s … %s | %s | %s | %s | %.1f MiB | %d | %d |\n",
			c.name, c.floorName, ms(pct(fw, 50)), ms(pct(gw, 50)), signed(pct(gw, 50)-pct(fw, 50)),
			signed(pct(diff, 10)), signed(pct(diff, 90)),
			ms(pct(fc, 50)), ms(pct(gc, 50)), signed(pct(gc, 50)-pct(fc, 50)),
			float64(medianInt(g, func(r run) int64 { return r.rss }))/1024,
			medianInt(g, func(r run) int64 { return r.minflt }), medianInt(f, func(r run) int64 { return r.minflt }))
	}
	fmt.Println()

	if *grind > 0 {
		if _, err := exec.LookPath("valgrind"); err == nil {
			fmt.Printf("## Instructions (valgrind --tool=callgrind, median and least of %d runs, user space only)\n\n", *grind)
			fmt.Println("The count of one program varies from run to run by up to about 100,000 on a loaded machine (where the heap's pages come from, which P's cache a goroutine allocates from after a system call), so the least count is given beside the median: it is the run with the least of that noise.")
			fmt.Println()
			fmt.Println("| front door | floor | guard | excess | least floor | least guard | least excess |")
			fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
			for _, c := range cases {
				fc, gc := instructions(c.floor, tmp), instructions(c.guard, tmp)
				fi, gi := fc[len(fc)/2], gc[len(gc)/2]
				fmt.Printf("| %s | %s | %s | **+%s** | %s | %s | +%s |\n", c.name, count(fi), count(gi), count(gi-fi), count(fc[0]), count(gc[0]), count(gc[0]-fc[0]))
			}
			fmt.Println()
		} else {
			fmt.Println("(valgrind is not installed: no instruction counts)")
			fmt.Println()
		}
	}

	inits(cases[1].guard)

	if *auditN > 0 {
		rate, rss := audit(tmp)
		fmt.Printf("## Audit\n\n`guard audit --format bash` of a %d-command generated history (bench/genhistory, seed 1), GOMAXPROCS=1, best CPU time (user+sys) of 5: **%.0f commands/s** on one core; max RSS %.1f MiB.\n\n",
			*auditN, rate, float64(rss)/1024)
	}
	fmt.Printf("Load average after: %s.\n", loadavg())
}

// interleave runs a and b alternately, n times each, in the order a b b a,
// so that neither always runs first.
func interleave(a, b program, n int) ([]run, []run) {
	ra, rb := make([]run, n), make([]run, n)
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			ra[i] = runOnce(a)
			rb[i] = runOnce(b)
		} else {
			rb[i] = runOnce(b)
			ra[i] = runOnce(a)
		}
	}
	return ra, rb
}

var devNull, _ = os.Open(os.DevNull)

func runOnce(p program) run {
	stdin := devNull
	if p.stdin != "" {
		f, err := os.Open(p.stdin)
		check(err)
		defer f.Close()
		stdin = f
	}
	out, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	check(err)
	defer out.Close()
	attr := &os.ProcAttr{Files: []*os.File{stdin, out, out}, Env: os.Environ()}
	start := time.Now()
	proc, err := os.StartProcess(p.argv[0], p.argv, attr)
	check(err)
	st, err := proc.Wait()
	wall := time.Since(start)
	check(err)
	u := st.SysUsage().(*syscall.Rusage)
	return run{
		wall:   wall,
		cpu:    time.Duration(u.Utime.Nano() + u.Stime.Nano()),
		rss:    u.Maxrss,
		minflt: u.Minflt,
	}
}

// instructions returns the counts of instructions the program executes
// itself in each run under callgrind, sorted. Asynchronous preemption is off
// (callgrind trips on the signals it uses); a program that execs another
// is counted up to the exec.
func instructions(p program, tmp string) []int64 {
	var counts []int64
	for i := 0; i < *grind; i++ {
		dir, err := os.MkdirTemp(tmp, "cg")
		check(err)
		args := append([]string{"--tool=callgrind", "--trace-children=yes", "--dump-before=syscall.Exec*",
			"--callgrind-out-file=" + filepath.Join(dir, "cg.%p")}, p.argv...)
		cmd := exec.Command("valgrind", args...)
		cmd.Env = append(os.Environ(), "GODEBUG=asyncpreemptoff=1")
		if p.stdin != "" {
			f, err := os.Open(p.stdin)
			check(err)
			cmd.Stdin = f
			defer f.Close()
		}
		cmd.Run()
		counts = append(counts, callgrindTotal(dir, p.argv[0]))
		os.RemoveAll(dir)
	}
	slices.Sort(counts)
	return counts
}

// callgrindTotal adds up the instructions in the callgrind files in dir
// whose command is bin.
func callgrindTotal(dir, bin string) int64 {
	files, _ := filepath.Glob(filepath.Join(dir, "cg.*"))
	var total int64
	for _, f := range files {
		b, err := os.ReadFile(f)
		check(err)
		var cmd string
		var sum int64
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "cmd: "); ok {
				cmd = strings.TrimSpace(v)
			}
			if v, ok := strings.CutPrefix(l, "summary: "); ok {
				sum, _ = strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			}
		}
		if strings.HasPrefix(cmd, bin+" ") || cmd == bin {
			total += sum
		}
	}
	return total
}

// inits prints the package initialisation time GODEBUG=inittrace=1
// reports for p: the total and the costliest packages, medians of 21
// runs.
func inits(p program) {
	re := regexp.MustCompile(`init (\S+) @\S+ ms, ([\d.]+) ms clock`)
	byPkg := map[string][]float64{}
	var totals []float64
	const n = 21
	for i := 0; i < n; i++ {
		cmd := exec.Command(p.argv[0], p.argv[1:]...)
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Run()
		total := 0.0
		for _, m := range re.FindAllStringSubmatch(stderr.String(), -1) {
			v, _ := strconv.ParseFloat(m[2], 64)
			byPkg[m[1]] = append(byPkg[m[1]], v)
			total += v
		}
		totals = append(totals, total)
	}
	type pkg struct {
		name string
		ms   float64
	}
	var pkgs []pkg
	for name, v := range byPkg {
		pkgs = append(pkgs, pkg{name, medianF(v)})
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].ms > pkgs[j].ms })
	fmt.Printf("## Package initialisation (GODEBUG=inittrace=1, %s, median of %d runs)\n\n", strings.Join(p.argv[1:], " "), n)
	fmt.Printf("All inits: %.3f ms. Costliest:", medianF(totals))
	for i, q := range pkgs {
		if i == 5 || q.ms < 0.005 {
			break
		}
		fmt.Printf(" %s %.3f ms;", q.name, q.ms)
	}
	fmt.Printf(" %d packages run an init.\n\n", len(pkgs))
}

// audit generates a bash history and audits it on one core, returning
// commands per CPU second and the peak RSS in KiB.
func audit(tmp string) (float64, int64) {
	hist := filepath.Join(tmp, "bash_history")
	f, err := os.Create(hist)
	check(err)
	check(auditgen.Write(f, "bash", *auditN, 1))
	check(f.Close())
	best := time.Duration(1<<63 - 1)
	var rss int64
	for i := 0; i < 5; i++ {
		cmd := exec.Command(*guardBin, "audit", "--format", "bash", hist)
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
		cmd.Run()
		u := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		best = min(best, time.Duration(u.Utime.Nano()+u.Stime.Nano()))
		rss = max(rss, u.Maxrss)
	}
	return float64(*auditN) / best.Seconds(), rss
}

func walls(rs []run) []time.Duration { return field(rs, func(r run) time.Duration { return r.wall }) }
func cpus(rs []run) []time.Duration  { return field(rs, func(r run) time.Duration { return r.cpu }) }

func field(rs []run, f func(run) time.Duration) []time.Duration {
	out := make([]time.Duration, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	slices.Sort(out)
	return out
}

func medianInt(rs []run, f func(run) int64) int64 {
	v := make([]int64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

func medianF(v []float64) float64 {
	slices.Sort(v)
	return v[len(v)/2]
}

// pct returns the p-th percentile of sorted.
func pct(sorted []time.Duration, p int) time.Duration {
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3f ms", float64(d.Nanoseconds())/1e6) }

func signed(d time.Duration) string {
	if d >= 0 {
		return "+" + ms(d)
	}
	return "−" + ms(-d)
}

func count(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func size(name string) int64 {
	st, err := os.Stat(name)
	check(err)
	return st.Size()
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }

// linkage says whether an executable is statically linked: it has no
// program interpreter (the dynamic loader).
func linkage(name string) string {
	f, err := elf.Open(name)
	if err != nil {
		return "not ELF"
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return "dynamically linked"
		}
	}
	return "static"
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

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}
