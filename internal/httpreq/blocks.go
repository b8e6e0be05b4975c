package httpreq

import "strings"

// blockParams records the parameters of Ruby blocks given to a client
// call as names assigned that call, so that a block's requests are read
// as the client's: Net::HTTP.start(host) { |h| h.delete(path) } and
// Net::HTTP.start(host) do |http| ... end.
func (c *codeText) blockParams() {
	if c.lang != "ruby" || !strings.Contains(c.src, "|") {
		return
	}
	s := c.src
	for i := strings.IndexByte(s, '|'); i >= 0 && i < len(s); {
		end := strings.IndexByte(s[i+1:], '|')
		if end < 0 {
			return
		}
		name := strings.TrimSpace(s[i+1 : i+1+end])
		name, _, _ = strings.Cut(name, ",")
		name = strings.TrimSpace(name)
		before := strings.TrimRight(s[:i], " \t")
		switch {
		case strings.HasSuffix(before, "{"):
			before = strings.TrimRight(before[:len(before)-1], " \t")
		case strings.HasSuffix(before, "do") && (len(before) == 2 || !isAlnum(before[len(before)-3])):
			before = strings.TrimRight(before[:len(before)-2], " \t")
		default:
			before = ""
		}
		if call := callBefore(before); call != "" && isName(name) {
			if _, seen := c.assigns[name]; !seen {
				c.assigns[name] = call
			}
		}
		next := strings.IndexByte(s[i+1+end+1:], '|')
		if next < 0 {
			return
		}
		i = i + 1 + end + 1 + next
	}
}

// callBefore returns the call that ends text: Net::HTTP.start(u.host, 443).
func callBefore(text string) string {
	if !strings.HasSuffix(text, ")") {
		return ""
	}
	depth := 0
	j := len(text) - 1
	for ; j >= 0; j-- {
		if text[j] == ')' {
			depth++
		} else if text[j] == '(' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	if j <= 0 {
		return ""
	}
	n := j - 1
	for n >= 0 && (text[n] == '_' || text[n] == '.' || text[n] == ':' || isAlnum(text[n])) {
		n--
	}
	if n+1 == j {
		return ""
	}
	return text[n+1:]
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '_' && !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

// rubyRequestObject reports whether a Ruby call's argument is a request
// object, made with Net::HTTP::Delete.new and the like, directly or in a
// variable: its request is read where it is made.
func rubyRequestObject(c *codeText, arg string) bool {
	arg = strings.TrimSpace(arg)
	if strings.HasPrefix(arg, "Net::HTTP::") {
		return true
	}
	a, ok := c.assigns[arg]
	return ok && strings.HasPrefix(strings.TrimSpace(a), "Net::HTTP::")
}
