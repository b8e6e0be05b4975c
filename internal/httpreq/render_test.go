package httpreq

import (
	"fmt"
	"strings"
)

// render describes a request in one line, for tests.
func render(r *Request) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", r.Client, orQ(r.Method), r.Scheme+"://"+orQ(r.Host))
	if r.Port != 0 {
		fmt.Fprintf(&b, ":%d", r.Port)
	}
	b.WriteString(r.Path)
	if r.Query != "" {
		b.WriteString("?" + r.Query)
	}
	if r.Socket != "" {
		b.WriteString(" socket=" + r.Socket)
	}
	if r.Dynamic {
		b.WriteString(" dynamic")
	}
	for _, h := range r.Headers {
		fmt.Fprintf(&b, " H[%s: %s]", h.Name, h.Value)
	}
	for _, p := range r.Body {
		if p.Name != "" {
			fmt.Fprintf(&b, " B[%s=%s]", p.Name, p.Value)
		} else {
			fmt.Fprintf(&b, " B[%s]", strings.TrimRight(p.Value, "\n"))
		}
	}
	for _, u := range r.Unread {
		fmt.Fprintf(&b, " unread[%s]", u)
	}
	if c := r.Credential; c != nil {
		fmt.Fprintf(&b, " cred[%s %s", c.Kind, c.Source)
		if c.File != "" {
			fmt.Fprintf(&b, " %s", c.File)
		}
		b.WriteString("]")
	}
	return strings.ReplaceAll(b.String(), "\n", `\n`)
}

func orQ(s string) string {
	if s == "" {
		return "?"
	}
	return s
}
