package rules

import (
	"strconv"
	"strings"

	"github.com/guardsh/guard/internal/parse"
)

// newStoreProtocol matches text commands sent with nc, telnet or socat to
// a data store's port, as its own client would send them: flush_all to
// memcached on 11211, FLUSHALL to Redis on 6379. The text is what the
// program reads on stdin, when guard knows it.
func newStoreProtocol(with map[string]any) (matchFunc, error) {
	if err := newParams(with).done(); err != nil {
		return nil, err
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		host, port := socketTarget(inv)
		if port == 0 || inv.Stdin.Kind != parse.Known {
			return "", false
		}
		t := redisTarget{}
		if !localHost(host) || inv.Remote != "" {
			t.shared = "on " + host
		}
		text := inv.Stdin.Text
		switch port {
		case 6379, 6380, 6381, 16379, 7000, 7001, 7002:
			for _, c := range redisTextCommands(text) {
				if d, ok := judgeRedis(c, false, t, map[string]bool{"all": true, "keys": true}); ok {
					return d + ", sent to Redis at " + host + ":" + strconv.Itoa(port), true
				}
			}
		case 11211, 11212:
			for _, line := range strings.Split(text, "\n") {
				w := strings.Fields(strings.ToLower(line))
				if len(w) == 0 {
					continue
				}
				switch {
				case w[0] == "flush_all":
					return "flush_all deletes every item in memcached at " + host + ":" + strconv.Itoa(port), true
				case w[0] == "delete" && t.shared != "":
					return "delete " + strings.Join(w[1:], " ") + " removes an item from memcached at " + host, true
				}
			}
		}
		return "", false
	}, nil
}

// socketTarget returns the host and port a raw socket client connects
// to: nc HOST PORT, telnet HOST PORT, socat - TCP:HOST:PORT.
func socketTarget(inv *parse.Invocation) (string, int) {
	args := inv.Argv()
	if len(args) < 2 {
		return "", 0
	}
	if inv.Name == "socat" {
		for _, a := range args[1:] {
			lower := strings.ToLower(a)
			for _, p := range []string{"tcp:", "tcp4:", "tcp6:", "tcp-connect:", "openssl:", "ssl:"} {
				if strings.HasPrefix(lower, p) {
					hp := a[len(p):]
					if i := strings.IndexByte(hp, ','); i >= 0 {
						hp = hp[:i]
					}
					if j := strings.LastIndexByte(hp, ':'); j > 0 {
						if n, err := strconv.Atoi(hp[j+1:]); err == nil {
							return hp[:j], n
						}
					}
				}
			}
		}
		return "", 0
	}
	// nc, ncat, netcat and telnet take the host and port as their last
	// two operands; option values are skipped.
	takesValue := map[string]bool{"-p": true, "-w": true, "-i": true, "-s": true, "-x": true, "-X": true,
		"-q": true, "-W": true, "-I": true, "-O": true, "-T": true, "-V": true, "-M": true, "-m": true,
		"-e": true, "-c": true, "-l": false, "--proxy": true, "--wait": true, "--source": true}
	var ops []string
	for i := 1; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			if takesValue[a] {
				i++
			}
			continue
		}
		ops = append(ops, a)
	}
	if len(ops) < 2 {
		return "", 0
	}
	n, err := strconv.Atoi(ops[len(ops)-1])
	if err != nil {
		return "", 0
	}
	return ops[len(ops)-2], n
}
