package install

import (
	"bytes"
	"fmt"
	"reflect"
)

// Hook describes guard's entry in one agent's JSON hook settings:
//
//	grouped (Claude Code, Codex, Gemini CLI):
//	  {"hooks": {EVENT: [{"matcher": MATCHER, "hooks": [HANDLER, ...]}, ...]}}
//	flat (Cursor):
//	  {"version": 1, "hooks": {EVENT: [HANDLER, ...]}}
type Hook struct {
	Event string
	// Matcher is the tool matcher of guard's group; unused when Flat.
	Matcher string
	// Flat reports that EVENT lists handlers, not matcher groups.
	Flat bool
	// Handler is guard's handler object.
	Handler *Object
	// Managed are the handler keys guard owns: they are set to Handler's
	// values, or removed where Handler has none. Other keys a person added
	// to guard's handler are kept.
	Managed []string
	// Top are keys set at the top level when they are missing, such as
	// Cursor's "version": 1.
	Top *Object
	// Ours recognises guard's handlers by their command, whatever path or
	// version of guard they name.
	Ours func(command string) bool
	// Comments reports that the agent reads // and /* */ comments in this
	// file, so guard accepts and keeps them.
	Comments bool
}

// Found is one of guard's handlers in a settings file.
type Found struct {
	// Matcher is the matcher of the group holding it ("" when flat).
	Matcher string
	Handler *Object
}

// blank reports an empty settings file, treated as an empty object.
func blank(data []byte) bool { return len(bytes.TrimSpace(data)) == 0 }

// parse returns the settings file's top-level object; empty data is an
// empty object.
func parse(data []byte, comments bool) (*node, error) {
	if blank(data) {
		return &node{kind: '{'}, nil
	}
	n, err := parseText(data, comments)
	if err != nil {
		return nil, err
	}
	if n.kind != '{' {
		return nil, fmt.Errorf("the file does not hold a JSON object")
	}
	return n, nil
}

// place is where one of guard's handlers is.
type place struct {
	list    *node // the event's list
	group   int   // index in list
	hooks   *node // the group's handler list (nil when flat)
	handler int   // index in hooks
	node    *node // the handler
	matcher string
}

// locate finds guard's handlers, checking the shape of the file on the
// way. hooksObj is root.hooks and list root.hooks[EVENT], when present.
func (h Hook) locate(root *node) (hooksObj, list *node, found []place, err error) {
	hooksObj, _ = root.get("hooks")
	if hooksObj == nil {
		return nil, nil, nil, nil
	}
	if hooksObj.kind != '{' {
		return nil, nil, nil, fmt.Errorf(`"hooks" is not an object`)
	}
	list, _ = hooksObj.get(h.Event)
	if list == nil {
		return hooksObj, nil, nil, nil
	}
	if list.kind != '[' {
		return nil, nil, nil, fmt.Errorf(`"hooks.%s" is not a list`, h.Event)
	}
	ours := func(n *node) bool {
		if n.kind != '{' {
			return false
		}
		c, _ := n.get("command")
		return c != nil && c.kind == '"' && h.Ours(c.str)
	}
	for i, item := range list.elems {
		if h.Flat {
			if ours(item) {
				found = append(found, place{list: list, group: i, node: item})
			}
			continue
		}
		if item.kind != '{' {
			return nil, nil, nil, fmt.Errorf(`"hooks.%s[%d]" is not an object`, h.Event, i)
		}
		hs, _ := item.get("hooks")
		if hs == nil {
			continue
		}
		if hs.kind != '[' {
			return nil, nil, nil, fmt.Errorf(`"hooks.%s[%d].hooks" is not a list`, h.Event, i)
		}
		matcher := ""
		if m, _ := item.get("matcher"); m != nil && m.kind == '"' {
			matcher = m.str
		}
		for j, hd := range hs.elems {
			if ours(hd) {
				found = append(found, place{list: list, group: i, hooks: hs, handler: j, node: hd, matcher: matcher})
			}
		}
	}
	return hooksObj, list, found, nil
}

// Find returns guard's handlers in data.
func (h Hook) Find(data []byte) ([]Found, error) {
	root, err := parse(data, h.Comments)
	if err != nil {
		return nil, err
	}
	_, _, places, err := h.locate(root)
	if err != nil {
		return nil, err
	}
	var out []Found
	for _, p := range places {
		o, _ := p.node.toValue(data).(*Object)
		out = append(out, Found{Matcher: p.matcher, Handler: o})
	}
	return out, nil
}

// fresh is a new settings file holding only guard's entry.
func (h Hook) fresh() []byte {
	root := NewObject()
	if h.Top != nil {
		for _, k := range h.Top.Keys() {
			v, _ := h.Top.Get(k)
			root.Set(k, v)
		}
	}
	root.Set("hooks", NewObject(h.Event, []any{h.entry()}))
	return EncodeJSON(root, "  ")
}

// entry is what guard adds to the event's list.
func (h Hook) entry() any {
	if h.Flat {
		return h.Handler
	}
	return NewObject("matcher", h.Matcher, "hooks", []any{h.Handler})
}

// maxEdits bounds the edits of one Add or Remove; each edit is one
// handler or key, so a real file needs a handful.
const maxEdits = 200

// Add registers guard in data: an existing guard handler in a group with
// guard's matcher is brought up to date, others are removed, and if there
// is none a new group is appended at the end, so that the positions of
// the person's own hooks do not change. Only guard's bytes change.
func (h Hook) Add(data []byte) ([]byte, error) {
	if blank(data) {
		return h.fresh(), nil
	}
	unit := detectIndent(data)
	for range maxEdits {
		root, err := parse(data, h.Comments)
		if err != nil {
			return nil, err
		}
		hooksObj, list, places, err := h.locate(root)
		if err != nil {
			return nil, err
		}
		kept := -1
		for i, p := range places {
			if h.Flat || p.matcher == h.Matcher {
				kept = i
				break
			}
		}
		// Other registrations of guard go.
		if i := otherThan(places, kept); i >= 0 {
			data = h.removeAt(data, root, hooksObj, places[i])
			continue
		}
		if kept >= 0 {
			if next, changed := h.updateKeys(data, places[kept].node, unit); changed {
				data = next
				continue
			}
		} else {
			switch {
			case hooksObj == nil:
				data = insertItem(data, root, "hooks", NewObject(h.Event, []any{h.entry()}), unit, false)
			case list == nil:
				data = insertItem(data, hooksObj, h.Event, []any{h.entry()}, unit, false)
			default:
				data = insertItem(data, list, "", h.entry(), unit, false)
			}
			continue
		}
		if h.Top != nil {
			changed := false
			keys := h.Top.Keys()
			for i := len(keys) - 1; i >= 0; i-- {
				if n, _ := root.get(keys[i]); n == nil {
					v, _ := h.Top.Get(keys[i])
					data = insertItem(data, root, keys[i], v, unit, true)
					changed = true
					break
				}
			}
			if changed {
				continue
			}
		}
		return data, nil
	}
	return nil, fmt.Errorf("too many of guard's entries to update")
}

func otherThan(places []place, kept int) int {
	for i := range places {
		if i != kept {
			return i
		}
	}
	return -1
}

// updateKeys makes one change that brings guard's handler closer to
// h.Handler's managed keys, if one is needed.
func (h Hook) updateKeys(data []byte, hd *node, unit string) ([]byte, bool) {
	for _, k := range h.Managed {
		want, ok := h.Handler.Get(k)
		cur, i := hd.get(k)
		switch {
		case ok && cur == nil:
			return insertItem(data, hd, k, want, unit, false), true
		case ok && !sameValue(cur.toValue(data), want):
			return replaceValue(data, cur, want, unit), true
		case !ok && cur != nil:
			return removeItem(data, hd, i), true
		}
	}
	return data, false
}

// sameValue compares two values of guard's model, whatever their layout.
func sameValue(a, b any) bool { return reflect.DeepEqual(plain(a), plain(b)) }

func plain(v any) any {
	switch t := v.(type) {
	case *Object:
		m := map[string]any{}
		for _, k := range t.keys {
			m[k] = plain(t.vals[k])
		}
		return m
	case inlineList:
		return plain([]any(t))
	case []any:
		l := make([]any, len(t))
		for i, e := range t {
			l[i] = plain(e)
		}
		return l
	}
	return v
}

// removeAt takes one of guard's handlers out, with the group, the event
// list and the hooks object when it was all they held.
func (h Hook) removeAt(data []byte, root, hooksObj *node, p place) []byte {
	if p.hooks != nil && len(p.hooks.elems) > 1 {
		return removeItem(data, p.hooks, p.handler)
	}
	if len(p.list.elems) > 1 {
		return removeItem(data, p.list, p.group)
	}
	if len(hooksObj.members) > 1 {
		_, i := hooksObj.get(h.Event)
		return removeItem(data, hooksObj, i)
	}
	_, i := root.get("hooks")
	return removeItem(data, root, i)
}

// Remove takes guard's handlers out of data. Groups, lists and the hooks
// object are removed only when guard's handlers were all they held.
func (h Hook) Remove(data []byte) ([]byte, error) {
	if blank(data) {
		return data, nil
	}
	removed := false
	for range maxEdits {
		if !removed {
			if root, err := parse(data, h.Comments); err == nil {
				if _, _, places, err := h.locate(root); err == nil && len(places) == 0 {
					// Nothing of guard's: the file stays as it is.
					return data, nil
				}
			}
		}
		root, err := parse(data, h.Comments)
		if err != nil {
			return nil, err
		}
		hooksObj, _, places, err := h.locate(root)
		if err != nil {
			return nil, err
		}
		if len(places) == 0 {
			return h.removeTop(data, root), nil
		}
		data = h.removeAt(data, root, hooksObj, places[0])
		removed = true
	}
	return nil, fmt.Errorf("too many of guard's entries to remove")
}

// removeTop takes out the top-level keys Add puts in (Cursor's
// "version": 1) once no hooks are left: a file without hooks did not
// need them before guard came.
func (h Hook) removeTop(data []byte, root *node) []byte {
	if h.Top == nil {
		return data
	}
	if n, _ := root.get("hooks"); n != nil {
		return data
	}
	for _, k := range h.Top.Keys() {
		want, _ := h.Top.Get(k)
		if n, i := root.get(k); n != nil && sameValue(n.toValue(data), want) {
			data = removeItem(data, root, i)
			if r, err := parse(data, h.Comments); err == nil {
				root = r
			}
		}
	}
	return data
}

// SetKey sets root[path...] = v in a JSON object file, creating objects on
// the way; DeleteKey removes it, and the objects it leaves empty. They
// serve settings such as Claude Code's env.CLAUDE_CODE_SHELL. Only those
// bytes change.
func SetKey(data []byte, v any, path ...string) ([]byte, error) {
	val := v
	for i := len(path) - 1; i > 0; i-- {
		val = NewObject(path[i], val)
	}
	if blank(data) {
		return EncodeJSON(NewObject(path[0], val), "  "), nil
	}
	root, err := parse(data, false)
	if err != nil {
		return nil, err
	}
	unit := detectIndent(data)
	o := root
	for i, k := range path {
		c, _ := o.get(k)
		if c == nil {
			rest := v
			for j := len(path) - 1; j > i; j-- {
				rest = NewObject(path[j], rest)
			}
			return insertItem(data, o, k, rest, unit, false), nil
		}
		if i == len(path)-1 {
			if sameValue(c.toValue(data), v) {
				return data, nil
			}
			return replaceValue(data, c, v, unit), nil
		}
		if c.kind != '{' {
			return nil, fmt.Errorf("%q is not an object", k)
		}
		o = c
	}
	return data, nil
}

// GetKey returns root[path...]. It reads comments too.
func GetKey(data []byte, path ...string) (any, bool, error) {
	root, err := parse(data, true)
	if err != nil {
		return nil, false, err
	}
	cur := root
	for _, k := range path {
		if cur.kind != '{' {
			return nil, false, nil
		}
		if cur, _ = cur.get(k); cur == nil {
			return nil, false, nil
		}
	}
	return cur.toValue(data), true, nil
}

// DeleteKey removes root[path...] and the objects on the way that it
// leaves empty.
func DeleteKey(data []byte, path ...string) ([]byte, error) {
	if blank(data) {
		return data, nil
	}
	root, err := parse(data, false)
	if err != nil {
		return nil, err
	}
	chain := []*node{root}
	idx := []int{}
	o := root
	for i, k := range path {
		c, j := o.get(k)
		if c == nil || (i < len(path)-1 && c.kind != '{') {
			return data, nil
		}
		idx = append(idx, j)
		if i < len(path)-1 {
			chain = append(chain, c)
			o = c
		}
	}
	level := len(path) - 1
	for level > 0 && len(chain[level].members) == 1 {
		level--
	}
	return removeItem(data, chain[level], idx[level]), nil
}
