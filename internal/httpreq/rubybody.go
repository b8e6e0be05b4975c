package httpreq

import (
	"sort"
	"strings"
)

// laterBody adds the body that code gives a request object after making
// it: in Ruby, req = Net::HTTP::Post.new(uri); req.body = {force:
// true}.to_json, or req.set_form_data("force" => "true"); in Node, const
// r = https.request({...}); r.write(JSON.stringify({...})); r.end(). maker
// is how the object's making starts (Net::HTTP::Post.new, https.request);
// setters are what follows the object's name: ".body=" assigns, and one
// ending in "(" is a call whose argument is the body (set_form_data's
// pairs are a hash).
func (c *codeText) laterBody(r *Request, maker string, setters []string) {
	var names []string
	for name, expr := range c.assigns {
		if strings.HasPrefix(strings.TrimSpace(expr), maker) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		for _, setter := range setters {
			set := name + setter
			for off := 0; off < len(c.src); {
				i := strings.Index(c.src[off:], set)
				if i < 0 {
					break
				}
				i += off
				off = i + len(set)
				if i > 0 && (c.src[i-1] == '_' || c.src[i-1] == '.' || isAlnum(c.src[i-1])) {
					continue
				}
				var expr string
				if strings.HasSuffix(set, "(") {
					end := c.closing(off - 1)
					if end <= off {
						continue
					}
					expr = strings.TrimSpace(c.src[off:end])
					if setter == ".set_form_data(" {
						expr = "{" + expr + "}"
					}
				} else {
					start := off
					for start < len(c.src) && c.src[start] == ' ' {
						start++
					}
					end := strings.IndexAny(c.src[start:], ";\n")
					if end < 0 {
						end = len(c.src) - start
					}
					expr = strings.TrimSpace(c.src[start : start+end])
				}
				expr = strings.TrimSuffix(expr, ".to_json")
				if expr != "" {
					c.addBody(r, expr, 0)
				}
			}
		}
	}
}
