package hook

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// object is a JSON object's members, decoded without reflection: decoding
// into a struct makes encoding/json build a table of the struct's fields
// first, which costs more than the rest of a hook call's analysis, and
// guard decodes one object per process. Names match exactly, as the
// agents that write them read them; of a repeated name the last wins.
type object map[string]json.RawMessage

// decodeObject decodes data, which must hold exactly one JSON object.
func decodeObject(data []byte) (object, error) {
	if o, ok := scanObject(data); ok {
		return o, nil
	}
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] != '{' {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, inputErrorf("the hook input is not valid JSON: %v", jsonError(err))
		}
		return nil, inputErrorf("the hook input is not a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var o object
	if err := dec.Decode(&o); err != nil {
		return nil, inputErrorf("the hook input is not valid JSON: %v", jsonError(err))
	}
	if o == nil {
		return nil, inputErrorf("the hook input is not a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, inputErrorf("the hook input has more data after its JSON object")
	}
	return o, nil
}

// typeError is a member whose value has the wrong type.
func typeError(key string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return inputErrorf("the hook input is not valid JSON: field %q has the wrong type (%s, want %s)", key, te.Value, te.Type)
	}
	return inputErrorf("the hook input is not valid JSON: field %q: %v", key, err)
}

// str returns a string member; set is false when it is missing or null.
func (o object) str(key string) (s string, set bool, err error) {
	raw, ok := o[key]
	if !ok || string(raw) == "null" {
		return "", false, nil
	}
	if s, ok := plainString(raw); ok {
		return s, true, nil
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false, typeError(key, err)
	}
	return s, true, nil
}

// strs returns a member that is a list of strings, nil when it is missing
// or null.
func (o object) strs(key string) ([]string, error) {
	raw, ok := o[key]
	if !ok || string(raw) == "null" {
		return nil, nil
	}
	var v []string
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, typeError(key, err)
	}
	return v, nil
}

// optional returns a string member that may be missing, as a pointer that
// is nil then.
func (o object) optional(key string) (*string, error) {
	s, set, err := o.str(key)
	if err != nil || !set {
		return nil, err
	}
	return &s, nil
}
