package rules

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// The TOML library is github.com/pelletier/go-toml/v2. It replaced
// BurntSushi/toml for two measured reasons (bench/startup.md): that
// library's package initialisation reads the local time zone, about 65,000
// instructions and four system calls in every guard process, config file
// or not; and it decodes a typical twenty-line user config in about
// 410,000 instructions, where this one takes about 60,000.

// settingsTable stands for the [settings] table while a file is parsed:
// the config package decodes it later, with DecodeSettings, into its own
// type. It records only that the table is there.
type settingsTable []byte

// UnmarshalTOML records the table, even an empty one.
func (t *settingsTable) UnmarshalTOML(raw []byte) error {
	*t = append(settingsTable{}, raw...)
	return nil
}

// decodeTOML decodes data into f, reporting the first key that f has no
// field for, outside [settings], as an error at its position.
func decodeTOML(f *File, data []byte) error {
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.EnableUnmarshalerInterface()
	err := dec.Decode(f)
	var missing *toml.StrictMissingError
	if errors.As(err, &missing) {
		for _, e := range missing.Errors {
			k := e.Key()
			if len(k) == 0 || k[0] == "settings" {
				continue
			}
			return f.errorAtKey(k, -1, k[len(k)-1]+" ", fmt.Sprintf("unknown key %q", keyString(k)))
		}
		return nil
	}
	var ve *valueError
	if errors.As(err, &ve) {
		// The library does not say where an Unmarshaler's value was: find
		// it, written after an equals sign.
		e := &Error{File: f.Name, Msg: ve.err.Error()}
		if off := valueOffset(f.data, ve.raw); off >= 0 {
			e.Line = lineOf(f.data, off)
			e.Col = off - strings.LastIndex(f.data[:off], "\n")
		}
		return e
	}
	return tomlError(f.Name, err)
}

// valueError is a value an Unmarshaler refused, as written.
type valueError struct {
	raw string
	err error
}

func (e *valueError) Error() string { return e.err.Error() }

// valueOffset returns the offset of the first value written as raw after
// an equals sign, or -1.
func valueOffset(data, raw string) int {
	for from := 0; ; {
		i := strings.Index(data[from:], raw)
		if i < 0 || raw == "" {
			return -1
		}
		i += from
		if strings.HasSuffix(strings.TrimRight(data[:i], " \t"), "=") {
			return i
		}
		from = i + 1
	}
}

// tomlError returns a decoding error as an *Error at its position.
func tomlError(name string, err error) error {
	if err == nil {
		return nil
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		return &Error{File: name, Line: line, Col: col, Msg: strings.TrimPrefix(de.Error(), "toml: ")}
	}
	return &Error{File: name, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
}

// decodeSettings decodes the [settings] table of f into v, a pointer to a
// struct, which keeps the values of keys the table does not set. A key v
// has no field for is an error.
func decodeSettings(f *File, v any) error {
	pv := reflect.ValueOf(v)
	if pv.Kind() != reflect.Pointer || pv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("DecodeSettings needs a pointer to a struct, not %T", v)
	}
	// Only the table is decoded into v: every other top-level key goes
	// into a field that takes anything.
	fields := []reflect.StructField{{Name: "Settings", Type: pv.Elem().Type(), Tag: `toml:"settings"`}}
	for _, k := range []string{"pack", "rule", "tool", "rules", "allow_rules", "allow_commands", "lock", "verbs"} {
		fields = append(fields, reflect.StructField{Name: "X" + strings.ReplaceAll(k, "_", ""), Type: reflect.TypeFor[any](), Tag: reflect.StructTag(`toml:"` + k + `"`)})
	}
	w := reflect.New(reflect.StructOf(fields))
	w.Elem().Field(0).Set(pv.Elem())
	dec := toml.NewDecoder(strings.NewReader(f.data))
	dec.DisallowUnknownFields()
	err := dec.Decode(w.Interface())
	var missing *toml.StrictMissingError
	if errors.As(err, &missing) {
		for _, e := range missing.Errors {
			if k := e.Key(); len(k) > 1 && k[0] == "settings" {
				return f.errorAtKey(k, -1, k[len(k)-1]+" ", fmt.Sprintf("unknown key %q", keyString(k)))
			}
		}
		err = nil
	}
	if err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			return tomlError(f.Name, err)
		}
		return f.errorAtKey([]string{"settings"}, -1, "[settings]", strings.TrimPrefix(err.Error(), "toml: "))
	}
	pv.Elem().Set(w.Elem().Field(0))
	return nil
}

// keyString writes a key as TOML does: parts joined with dots, each
// quoted unless it is a bare key.
func keyString(k []string) string {
	parts := make([]string, len(k))
	for i, p := range k {
		parts[i] = p
		if p == "" || strings.IndexFunc(p, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
		}) >= 0 {
			parts[i] = fmt.Sprintf("%q", p)
		}
	}
	return strings.Join(parts, ".")
}

// tomlString returns the value of raw, a TOML value, if it is a string;
// for anything else (a number, say) it returns raw itself and false.
func tomlString(raw []byte) (string, bool) {
	if len(raw) == 0 || raw[0] != '"' && raw[0] != '\'' {
		return string(raw), false
	}
	var v struct {
		V string `toml:"v"`
	}
	if err := toml.Unmarshal(append([]byte("v = "), raw...), &v); err != nil {
		return string(raw), false
	}
	return v.V, true
}

// UnmarshalTOML decodes a severity, which must be a string: a number
// would otherwise be taken as one.
func (s *Severity) UnmarshalTOML(raw []byte) error {
	text, _ := tomlString(raw)
	if err := s.UnmarshalText([]byte(text)); err != nil {
		return &valueError{string(raw), err}
	}
	return nil
}

// UnmarshalTOML decodes an action, which must be a string.
func (a *Action) UnmarshalTOML(raw []byte) error {
	text, _ := tomlString(raw)
	if err := a.UnmarshalText([]byte(text)); err != nil {
		return &valueError{string(raw), err}
	}
	return nil
}
