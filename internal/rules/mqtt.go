package rules

import (
	"fmt"
	"strings"

	"github.com/guardsh/guard/internal/httpreq"
	"github.com/guardsh/guard/internal/parse"
)

// MQTT publishers (mosquitto_pub, mqttx pub, HiveMQ's mqtt pub) send one
// message to a topic. Two kinds destroy: a retained message cleared (-r
// with -n, or an empty -m), after which every device that reads its
// configuration from the topic on connect gets none; and a command to
// devices whose payload or topic names a destructive action
// ({"action":"factory_reset"}, .../cmd/wipe).

// mqttMessage is what one publish sends, as its options say.
type mqttMessage struct {
	topic, message string
	retain, null   bool
	known          bool // the message is given in the command
}

// readMQTT reads a publisher's options from its own arguments.
func readMQTT(inv *parse.Invocation) (mqttMessage, bool) {
	var m mqttMessage
	args := inv.Own()
	start := 1
	if inv.Name != "mosquitto_pub" {
		// mqttx pub, mqtt pub: the subcommand comes first.
		if len(args) < 2 || args[1].Value != "pub" && args[1].Value != "publish" {
			return m, false
		}
		start = 2
	}
	for i := start; i < len(args); i++ {
		s := args[i].Value
		name, val, eq := strings.Cut(s, "=")
		next := func() (parse.Word, bool) {
			if eq {
				return parse.Word{Value: val, Dynamic: args[i].Dynamic}, true
			}
			if i+1 >= len(args) {
				return parse.Word{}, false
			}
			i++
			return args[i], true
		}
		switch name {
		case "-t", "--topic":
			if w, ok := next(); ok {
				m.topic = w.Value
			}
		case "-m", "--message":
			if w, ok := next(); ok {
				m.message, m.known = w.Value, !w.Dynamic
			}
		case "-n", "--null-message":
			m.null = true
		case "-r", "--retain":
			m.retain = true
		case "-h", "--host", "-p", "--port", "-q", "--qos", "-u", "--username", "-P", "--password", "-i", "--id",
			"-f", "--file", "--cafile", "--cert", "--key", "-k", "--keepalive", "-V", "--protocol-version", "-L", "--url":
			next()
		}
	}
	return m, true
}

// newMQTTPublish matches a publish of the kind `kind` names: "retained"
// (a retained message cleared) or "command" (a destructive action sent).
func newMQTTPublish(with map[string]any) (matchFunc, error) {
	p := newParams(with)
	kind := p.string("kind", "command")
	if err := p.done(); err != nil {
		return nil, err
	}
	if kind != "retained" && kind != "command" {
		return nil, fmt.Errorf("kind must be retained or command, not %q", kind)
	}
	return func(inv *parse.Invocation, v *view, ctx *Context) (string, bool) {
		m, ok := readMQTT(inv)
		if !ok {
			return "", false
		}
		if kind == "retained" {
			if m.retain && (m.null || m.known && strings.TrimSpace(m.message) == "") {
				return "it clears the retained message of " + parse.Quote(m.topic), true
			}
			return "", false
		}
		for _, seg := range strings.Split(m.topic, "/") {
			if verb := destroyVerb(seg); verb != "" && !strings.ContainsAny(seg, "+#$") {
				return "the topic " + parse.Quote(m.topic) + " says " + verb, true
			}
		}
		if !m.known || m.message == "" {
			return "", false
		}
		r := httpreq.Request{Method: "POST", Body: []httpreq.Part{{Value: m.message}}}
		for _, val := range r.Values() {
			if actionKeys.Get()[strings.ToLower(val.Key)] && len(val.Text) < 64 {
				if verb := destroyVerb(val.Text); verb != "" {
					return "the message's " + val.Key + " is " + val.Text + ", sent to " + parse.Quote(m.topic), true
				}
			}
		}
		if t := strings.TrimSpace(m.message); len(t) < 32 && !strings.ContainsAny(t, " {[") {
			if verb := destroyVerb(t); verb != "" {
				return "the message is " + t + ", sent to " + parse.Quote(m.topic), true
			}
		}
		return "", false
	}, nil
}
