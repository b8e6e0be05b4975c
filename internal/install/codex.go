package install

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Codex runs a hook from hooks.json or config.toml only once the person
// has trusted it in its /hooks screen, which writes
//
//	[hooks.state."<file>:<event>:<group>:<handler>"]
//	trusted_hash = "sha256:<hex>"
//
// into config.toml. The hash is over the hook's identity, not the file's
// text: Codex (codex-rs/hooks, checked with 0.169.0) builds
//
//	{"event_name": "pre_tool_use", "matcher": M,
//	 "hooks": [{"type": "command", "command": C, "timeout": T, "async": false}]}
//
// (statusMessage too when set; timeout defaults to 600 seconds), writes it
// as JSON with sorted keys and no spaces, and takes its SHA-256. A hook
// whose hash differs from the trusted one, or that has none, is skipped
// without a word unless codex runs with --dangerously-bypass-hook-trust.

// CodexHandler is what Codex hashes of one command handler.
type CodexHandler struct {
	Event         string // hooks.json event name, PreToolUse
	Matcher       string // "" for none
	Command       string
	Timeout       int // seconds; 0 means Codex's default, 600
	Async         bool
	StatusMessage string
}

// codexEventKey is Codex's snake_case label of a hooks.json event.
func codexEventKey(event string) string {
	var b strings.Builder
	for i, r := range event {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CodexTrustKey is the key of a handler's trust state: the hooks file,
// the event, and the handler's group and place in it.
func CodexTrustKey(file, event string, group, handler int) string {
	return fmt.Sprintf("%s:%s:%d:%d", file, codexEventKey(event), group, handler)
}

// CodexHash is the hash Codex computes of a handler, in the form it
// writes to trusted_hash.
func CodexHash(h CodexHandler) string {
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = 600
	}
	// Keys in sorted order, as Codex writes them.
	var b strings.Builder
	b.WriteString(`{"event_name":`)
	b.WriteString(serdeString(codexEventKey(h.Event)))
	b.WriteString(`,"hooks":[{"async":`)
	b.WriteString(strconv.FormatBool(h.Async))
	b.WriteString(`,"command":`)
	b.WriteString(serdeString(h.Command))
	if h.StatusMessage != "" {
		b.WriteString(`,"statusMessage":`)
		b.WriteString(serdeString(h.StatusMessage))
	}
	b.WriteString(`,"timeout":`)
	b.WriteString(strconv.Itoa(timeout))
	b.WriteString(`,"type":"command"}]`)
	if h.Matcher != "" {
		b.WriteString(`,"matcher":`)
		b.WriteString(serdeString(h.Matcher))
	}
	b.WriteString("}")
	sum := sha256.Sum256([]byte(b.String()))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// serdeString writes s as a JSON string the way Rust's serde_json does:
// only the quote, the backslash and control characters are escaped.
func serdeString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// CodexHookState is one entry of config.toml's [hooks.state].
type CodexHookState struct {
	TrustedHash string `toml:"trusted_hash"`
	Enabled     *bool  `toml:"enabled"`
}

// CodexConfig is what guard reads of Codex's config.toml.
type CodexConfig struct {
	Features map[string]any `toml:"features"`
	Hooks    struct {
		State map[string]CodexHookState `toml:"state"`
	} `toml:"hooks"`
}

// ReadCodexConfig reads config.toml; a missing file is an empty config.
func ReadCodexConfig(path string) (*CodexConfig, bool, error) {
	var c CodexConfig
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return &c, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if err := toml.Unmarshal(data, &c); err != nil {
		return nil, true, err
	}
	return &c, true, nil
}

// CodexTrust says whether Codex runs guard's handler.
type CodexTrust int

// The trust states, as Codex's /hooks screen names them.
const (
	CodexUntrusted CodexTrust = iota
	CodexTrusted
	CodexModified
	CodexDisabled
)

func (t CodexTrust) String() string {
	return [...]string{"untrusted", "trusted", "modified", "disabled"}[t]
}

// CodexHandlerTrust finds the trust state of the handler at (group,
// handler) of event in hooksFile.
func CodexHandlerTrust(c *CodexConfig, hooksFile string, h CodexHandler, group, handler int) (CodexTrust, string) {
	key := CodexTrustKey(hooksFile, h.Event, group, handler)
	st, ok := c.Hooks.State[key]
	if !ok {
		// Codex keys the file by its absolute path as it found it.
		if abs, err := filepath.Abs(hooksFile); err == nil {
			st, ok = c.Hooks.State[CodexTrustKey(abs, h.Event, group, handler)]
		}
	}
	switch {
	case ok && st.Enabled != nil && !*st.Enabled:
		return CodexDisabled, key
	case !ok || st.TrustedHash == "":
		return CodexUntrusted, key
	case st.TrustedHash != CodexHash(h):
		return CodexModified, key
	}
	return CodexTrusted, key
}

// CodexStateKeys lists config.toml's hook state keys, for messages.
func CodexStateKeys(c *CodexConfig) []string {
	var keys []string
	for k := range c.Hooks.State {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
