// Package install registers guard in coding agents' settings files and
// takes it out again.
//
// Every change is a merge: guard reads the file, changes only its own
// entry, keeps every other key, hook and the order they were written in,
// and writes the result atomically after saving a backup. Running an
// install twice changes nothing the second time; uninstalling removes
// exactly what install added.
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
}

// Found is one of guard's handlers in a settings file.
type Found struct {
	// Matcher is the matcher of the group holding it ("" when flat).
	Matcher string
	Handler *Object
}

// parse returns the settings file's top-level object; empty data is an
// empty object.
func parse(data []byte) (*Object, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return NewObject(), nil
	}
	v, err := DecodeJSON(data)
	if err != nil {
		return nil, err
	}
	o, ok := v.(*Object)
	if !ok {
		return nil, fmt.Errorf("the file does not hold a JSON object")
	}
	return o, nil
}

// eventList returns root.hooks[EVENT], creating it when create is set.
func (h Hook) eventList(root *Object, create bool) (*Object, []any, error) {
	hv, ok := root.Get("hooks")
	if !ok {
		if !create {
			return nil, nil, nil
		}
		hv = NewObject()
		root.Set("hooks", hv)
	}
	hooks, ok := hv.(*Object)
	if !ok {
		return nil, nil, fmt.Errorf(`"hooks" is not an object`)
	}
	lv, ok := hooks.Get(h.Event)
	if !ok {
		if create {
			hooks.Set(h.Event, []any{})
		}
		return hooks, nil, nil
	}
	list, ok := asList(lv)
	if !ok {
		return nil, nil, fmt.Errorf(`"hooks.%s" is not a list`, h.Event)
	}
	return hooks, list, nil
}

func (h Hook) ours(v any) (*Object, bool) {
	o, ok := v.(*Object)
	if !ok {
		return nil, false
	}
	cmd, ok := o.vals["command"].(string)
	return o, ok && h.Ours(cmd)
}

// groupHandlers returns a matcher group's handler list.
func (h Hook) groupHandlers(g any, i int) (*Object, []any, error) {
	grp, ok := g.(*Object)
	if !ok {
		return nil, nil, fmt.Errorf(`"hooks.%s[%d]" is not an object`, h.Event, i)
	}
	hv, ok := grp.Get("hooks")
	if !ok {
		return grp, nil, nil
	}
	hs, ok := asList(hv)
	if !ok {
		return nil, nil, fmt.Errorf(`"hooks.%s[%d].hooks" is not a list`, h.Event, i)
	}
	return grp, hs, nil
}

// Find returns guard's handlers in data.
func (h Hook) Find(data []byte) ([]Found, error) {
	root, err := parse(data)
	if err != nil {
		return nil, err
	}
	_, list, err := h.eventList(root, false)
	if err != nil {
		return nil, err
	}
	var out []Found
	for i, item := range list {
		if h.Flat {
			if o, ok := h.ours(item); ok {
				out = append(out, Found{Handler: o})
			}
			continue
		}
		grp, hs, err := h.groupHandlers(item, i)
		if err != nil {
			return nil, err
		}
		for _, hd := range hs {
			if o, ok := h.ours(hd); ok {
				out = append(out, Found{Matcher: grp.String("matcher"), Handler: o})
			}
		}
	}
	return out, nil
}

// update sets guard's managed keys on an existing handler.
func (h Hook) update(o *Object) {
	for _, k := range h.Managed {
		if v, ok := h.Handler.Get(k); ok {
			o.Set(k, v)
		} else {
			o.Delete(k)
		}
	}
	for _, k := range h.Handler.Keys() {
		v, _ := h.Handler.Get(k)
		o.Set(k, v)
	}
}

// Add registers guard in data: an existing guard handler in a group with
// guard's matcher is brought up to date, others are removed, and if there
// is none a new group is appended at the end, so that the positions of
// the person's own hooks do not change.
func (h Hook) Add(data []byte) ([]byte, error) {
	root, err := parse(data)
	if err != nil {
		return nil, err
	}
	before := EncodeJSON(root, "  ")
	hooks, list, err := h.eventList(root, true)
	if err != nil {
		return nil, err
	}
	kept := false
	var out []any
	for i, item := range list {
		if h.Flat {
			if o, ok := h.ours(item); ok {
				if kept {
					continue
				}
				h.update(o)
				kept = true
			}
			out = append(out, item)
			continue
		}
		grp, hs, err := h.groupHandlers(item, i)
		if err != nil {
			return nil, err
		}
		var rest []any
		removed := false
		for _, hd := range hs {
			if o, ok := h.ours(hd); ok {
				if !kept && grp.String("matcher") == h.Matcher {
					h.update(o)
					kept = true
				} else {
					removed = true
					continue
				}
			}
			rest = append(rest, hd)
		}
		if removed {
			if len(rest) == 0 {
				continue
			}
			grp.Set("hooks", rest)
		}
		out = append(out, item)
	}
	if !kept {
		if h.Flat {
			out = append(out, h.Handler)
		} else {
			out = append(out, NewObject("matcher", h.Matcher, "hooks", []any{h.Handler}))
		}
	}
	hooks.Set(h.Event, out)
	if h.Top != nil {
		var top []string
		for _, k := range h.Top.Keys() {
			if _, ok := root.Get(k); !ok {
				top = append(top, k)
			}
		}
		if len(top) > 0 {
			// Top-level keys such as "version" go first, as agents' own
			// examples write them.
			n := NewObject()
			for _, k := range top {
				v, _ := h.Top.Get(k)
				n.Set(k, v)
			}
			for _, k := range root.Keys() {
				v, _ := root.Get(k)
				n.Set(k, v)
			}
			root = n
		}
	}
	return h.result(data, before, root), nil
}

// Remove takes guard's handlers out of data. Groups, lists and the hooks
// object are removed only when guard's handlers were all they held.
func (h Hook) Remove(data []byte) ([]byte, error) {
	root, err := parse(data)
	if err != nil {
		return nil, err
	}
	before := EncodeJSON(root, "  ")
	hooks, list, err := h.eventList(root, false)
	if err != nil || hooks == nil || list == nil {
		return data, err
	}
	removedAny := false
	var out []any
	for i, item := range list {
		if h.Flat {
			if _, ok := h.ours(item); ok {
				removedAny = true
				continue
			}
			out = append(out, item)
			continue
		}
		grp, hs, err := h.groupHandlers(item, i)
		if err != nil {
			return nil, err
		}
		var rest []any
		removed := false
		for _, hd := range hs {
			if _, ok := h.ours(hd); ok {
				removed = true
				continue
			}
			rest = append(rest, hd)
		}
		if removed {
			removedAny = true
			if len(rest) == 0 {
				continue
			}
			grp.Set("hooks", rest)
		}
		out = append(out, item)
	}
	if !removedAny {
		return data, nil
	}
	if len(out) == 0 {
		hooks.Delete(h.Event)
		if hooks.Len() == 0 {
			root.Delete("hooks")
		}
	} else {
		hooks.Set(h.Event, out)
	}
	return h.result(data, before, root), nil
}

// result returns data unchanged when the change is no change, so that a
// second install does not even reformat the file; otherwise the new
// content in the file's own indent.
func (h Hook) result(data, before []byte, root *Object) []byte {
	if reflect.DeepEqual(before, EncodeJSON(root, "  ")) && len(bytes.TrimSpace(data)) > 0 {
		return data
	}
	return EncodeJSON(root, detectIndent(data))
}

// SetKey sets root[path...] = v in a JSON object file, creating objects on
// the way; DeleteKey removes it, and the objects it leaves empty. They
// serve settings such as Claude Code's env.CLAUDE_CODE_SHELL.
func SetKey(data []byte, v any, path ...string) ([]byte, error) {
	root, err := parse(data)
	if err != nil {
		return nil, err
	}
	before := EncodeJSON(root, "  ")
	o := root
	for _, k := range path[:len(path)-1] {
		c, ok := o.Get(k)
		if !ok {
			c = NewObject()
			o.Set(k, c)
		}
		co, ok := c.(*Object)
		if !ok {
			return nil, fmt.Errorf("%q is not an object", k)
		}
		o = co
	}
	o.Set(path[len(path)-1], v)
	return Hook{}.result(data, before, root), nil
}

// GetKey returns root[path...].
func GetKey(data []byte, path ...string) (any, bool, error) {
	root, err := parse(data)
	if err != nil {
		return nil, false, err
	}
	var cur any = root
	for _, k := range path {
		o, ok := cur.(*Object)
		if !ok {
			return nil, false, nil
		}
		if cur, ok = o.Get(k); !ok {
			return nil, false, nil
		}
	}
	return cur, true, nil
}

// DeleteKey removes root[path...] and the objects on the way that it
// leaves empty.
func DeleteKey(data []byte, path ...string) ([]byte, error) {
	root, err := parse(data)
	if err != nil {
		return nil, err
	}
	before := EncodeJSON(root, "  ")
	var chain []*Object
	o := root
	for _, k := range path[:len(path)-1] {
		c, ok := o.Get(k)
		co, isObj := c.(*Object)
		if !ok || !isObj {
			return data, nil
		}
		chain = append(chain, o)
		o = co
	}
	if _, ok := o.Get(path[len(path)-1]); !ok {
		return data, nil
	}
	o.Delete(path[len(path)-1])
	for i := len(chain) - 1; i >= 0 && o.Len() == 0; i-- {
		chain[i].Delete(path[i])
		o = chain[i]
	}
	return Hook{}.result(data, before, root), nil
}
