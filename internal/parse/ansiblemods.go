package parse

import (
	"encoding/json"
	"strings"
)

// Ansible's ad-hoc modules other than shell and command, read as the
// commands they stand for: ansible web -m reboot runs what reboot does on
// every host, and ansible core -m ios_config -a "lines='no router bgp 1'"
// types that line into a router. The text made here is what the rules
// judge; a module this file does not know runs nothing it can tell.

// ansibleModuleArgs reads a module's arguments, written as key=value words
// (quotes as the shell has them) or as a JSON object. Values that are
// lists ("['a', 'b']", JSON arrays) are kept as their items joined by
// newlines.
func ansibleModuleArgs(s string) map[string]string {
	out := map[string]string{}
	if t := strings.TrimSpace(s); strings.HasPrefix(t, "{") {
		var m map[string]any
		if json.Unmarshal([]byte(t), &m) != nil {
			return out
		}
		for k, v := range m {
			out[strings.ToLower(k)] = jsonText(v)
		}
		return out
	}
	for _, f := range splitKV(s) {
		k, v, ok := strings.Cut(f, "=")
		if !ok || k == "" {
			continue
		}
		out[strings.ToLower(k)] = listItems(v)
	}
	return out
}

// jsonText returns a JSON value as text: strings as they are, arrays as
// their items one per line, anything else in JSON.
func jsonText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var lines []string
		for _, e := range v {
			lines = append(lines, jsonText(e))
		}
		return strings.Join(lines, "\n")
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// splitKV splits s into words at blanks outside quotes and brackets,
// removing the quotes, as Ansible splits key=value arguments.
func splitKV(s string) []string {
	var words []string
	var cur strings.Builder
	quote, depth, in := byte(0), 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
				if depth > 0 {
					cur.WriteByte(c)
				}
				continue
			}
			cur.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
			if depth > 0 {
				cur.WriteByte(c)
			}
		case c == '[':
			depth++
			in = true
			cur.WriteByte(c)
		case c == ']' && depth > 0:
			depth--
			cur.WriteByte(c)
		case (c == ' ' || c == '\t' || c == '\n') && depth == 0:
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

// listItems returns a value written as a list, ['a', "b"], as its items
// one per line; any other value as it is.
func listItems(v string) string {
	t := strings.TrimSpace(v)
	if !strings.HasPrefix(t, "[") || !strings.HasSuffix(t, "]") {
		return v
	}
	var items []string
	for _, it := range splitKV(strings.ReplaceAll(t[1:len(t)-1], ",", " , ")) {
		if it = strings.TrimSpace(it); it != "" && it != "," {
			items = append(items, strings.Trim(it, `'"`))
		}
	}
	return strings.Join(items, "\n")
}

// ansibleModuleCode returns the shell text that stands for what a module
// does with these arguments, or "" when it does nothing the rules judge.
// module is the module's short name (cisco.ios.ios_config is ios_config).
func ansibleModuleCode(module string, args map[string]string) string {
	state := strings.ToLower(args["state"])
	name := firstOf(args, "name", "path", "dest")
	switch {
	case strings.HasSuffix(module, "_config") || strings.HasSuffix(module, "_command") || strings.HasSuffix(module, "_commands"):
		// A network device's commands, one per line.
		var parts []string
		for _, k := range []string{"lines", "commands", "command", "before", "after"} {
			if v := args[k]; v != "" {
				parts = append(parts, v)
			}
		}
		if r := args["replace"]; r == "config" && args["src"] != "" {
			parts = append(parts, "configure replace "+args["src"])
		}
		return strings.Join(parts, "\n")
	}
	switch module {
	case "reboot", "win_reboot":
		return "reboot"
	case "shutdown":
		return "shutdown -h now"
	case "file":
		if state == "absent" && name != "" {
			return "rm -rf " + Quote(name)
		}
	case "user", "win_user":
		if state == "absent" && name != "" {
			return "userdel -r " + Quote(name)
		}
	case "group":
		if state == "absent" && name != "" {
			return "groupdel " + Quote(name)
		}
	case "mysql_db":
		if state == "absent" && name != "" {
			return "mysql -e " + Quote("DROP DATABASE "+name)
		}
		if state == "import" && name != "" {
			return "mysql " + Quote(name) + " < " + Quote(args["target"])
		}
	case "postgresql_db":
		if state == "absent" && name != "" {
			return "dropdb " + Quote(name)
		}
		if state == "restore" && name != "" {
			return "pg_restore --clean -d " + Quote(name) + " " + Quote(args["target"])
		}
	case "docker_container", "podman_container":
		if state == "absent" && name != "" {
			return "docker rm -f " + Quote(name)
		}
	case "docker_volume", "podman_volume":
		if state == "absent" && name != "" {
			return "docker volume rm " + Quote(name)
		}
	case "lvol":
		if state == "absent" && args["lv"] != "" {
			return "lvremove -f " + Quote(args["vg"]+"/"+args["lv"])
		}
	case "filesystem":
		if dev := args["dev"]; dev != "" && args["fstype"] != "" {
			return "mkfs -t " + Quote(args["fstype"]) + " " + Quote(dev)
		}
	case "zfs":
		if state == "absent" && name != "" {
			return "zfs destroy -r " + Quote(name)
		}
	case "iptables":
		if strings.EqualFold(args["flush"], "yes") || strings.EqualFold(args["flush"], "true") {
			return "iptables -F"
		}
	case "cron":
		if state == "absent" && name == "" && args["user"] != "" {
			return "crontab -r -u " + Quote(args["user"])
		}
	case "service", "systemd", "systemd_service":
		if (state == "stopped" || strings.EqualFold(args["enabled"], "no") || strings.EqualFold(args["enabled"], "false")) && name != "" {
			return "systemctl stop " + Quote(name)
		}
	case "k8s":
		if state == "absent" && name != "" && args["kind"] != "" {
			ns := ""
			if n := args["namespace"]; n != "" {
				ns = " -n " + Quote(n)
			}
			return "kubectl delete " + Quote(args["kind"]) + " " + Quote(name) + ns
		}
	}
	return ""
}

// firstOf returns the first of the keys that args sets.
func firstOf(args map[string]string, keys ...string) string {
	for _, k := range keys {
		if v := args[k]; v != "" {
			return v
		}
	}
	return ""
}
