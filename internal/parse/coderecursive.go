package parse

import (
	"regexp"
	"slices"
	"strings"
)

// The options of deletions in interpreter code: whether fs.rm, Julia's rm
// or Ruby's FileUtils delete a tree, and the names a module's functions
// are imported under.

// optionalRecursive reports whether a JavaScript deletion deletes a tree
// only when its options say so: fs.rm, fs.rmSync, fs.rmdir, Deno.remove.
func optionalRecursive(callee string) bool {
	switch callee {
	case "rm", "rmSync", "rmdir", "rmdirSync", "Deno.remove", "Deno.removeSync":
		return true
	}
	return false
}

// recursiveOptions reports whether the options of a JavaScript call whose
// parenthesis is at code[open] may ask for a recursive deletion: an object
// with recursive set to anything but false, or options guard cannot read
// (a variable), which fail closed.
func recursiveOptions(code string, open int) bool {
	if open >= len(code) || code[open] != '(' {
		return true
	}
	end := matching(code, open, '(', ')')
	first := nextComma(code, open+1, end)
	if first >= end {
		return false
	}
	opts := strings.TrimSpace(code[first+1 : end])
	if opts == "" || strings.HasPrefix(opts, "(") || strings.HasPrefix(opts, "function") || strings.HasPrefix(opts, "async") {
		// No options, or only a callback: fs.rm(p, err => ...).
		return false
	}
	if !strings.HasPrefix(opts, "{") {
		return true
	}
	compact := strings.Join(strings.Fields(opts), "")
	k := strings.Index(compact, "recursive")
	if k < 0 {
		return false
	}
	rest := strings.TrimLeft(compact[k+len("recursive"):], "'\"")
	return !strings.HasPrefix(rest, ":false") && !strings.HasPrefix(rest, ":0") && !strings.HasPrefix(rest, ":null")
}

// importsFsName reports whether JavaScript code takes a name from fs by
// destructuring: import { rm } from 'fs/promises', const { rm } =
// require('node:fs').
func importsFsName(code, name string) bool {
	for from := 0; from < len(code); {
		k := strings.Index(code[from:], "{")
		if k < 0 {
			return false
		}
		open := from + k
		close := strings.IndexByte(code[open:], '}')
		if close < 0 {
			return false
		}
		close += open
		from = close + 1
		names := strings.FieldsFunc(code[open+1:close], func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
		if !slices.Contains(names, name) {
			continue
		}
		rest := strings.TrimSpace(code[close+1 : min(len(code), close+60)])
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "from"), "=")
		rest = strings.TrimPrefix(strings.TrimSpace(rest), "require(")
		rest = strings.TrimLeft(strings.TrimSpace(rest), "'\"")
		rest = strings.TrimPrefix(rest, "node:")
		if strings.HasPrefix(rest, "fs") || strings.HasPrefix(rest, "fs-extra") {
			return true
		}
	}
	return false
}

// fsAlias reports whether a JavaScript name is bound to the fs module:
// const fsPromises = require('fs/promises'), import * as nfs from
// 'node:fs', import { promises as pfs } from 'fs'.
func fsAlias(code, name string) bool {
	if name == "" || !isWordStart(name[0]) || strings.ContainsAny(name, ".()") || !strings.Contains(code, "fs") {
		return false
	}
	q := regexp.QuoteMeta(name)
	mod := `['"](?:node:)?fs(?:/promises|-extra)?['"]`
	re, err := regexp.Compile(`\b(?:(?:const|let|var)\s+` + q + `\s*=\s*(?:await\s+)?(?:require|import)\(\s*` + mod +
		`|import\s+(?:\*\s+as\s+)?` + q + `\s+from\s+` + mod + `|promises\s+as\s+` + q + `\b)`)
	return err == nil && re.MatchString(code)
}

// juliaRecursive reports whether the keyword arguments of a Julia call
// whose parenthesis is at code[open] ask for a recursive deletion:
// recursive=true, or a value guard cannot read, which fails closed.
func juliaRecursive(code string, open int) bool {
	if open >= len(code) || code[open] != '(' {
		return false
	}
	args := strings.Join(strings.Fields(code[open:matching(code, open, '(', ')')]), "")
	k := strings.Index(args, "recursive=")
	if k < 0 {
		return false
	}
	rest := args[k+len("recursive="):]
	return !strings.HasPrefix(rest, "false")
}

// juliaKeywords returns code with the semicolon that starts the keyword
// arguments of the call whose parenthesis is at code[open] read as a
// comma, so that the positional arguments end there.
func juliaKeywords(code string, open int) string {
	end := matching(code, open, '(', ')')
	if j := nextAtDepth(code, open+1, end, ';'); j < end {
		return code[:j] + "," + code[j+1:]
	}
	return code
}

// rubyWordList reports whether a Ruby argument is a %w or %W literal
// list of words: %w[coverage tmp/cache].
func rubyWordList(arg string) bool {
	if len(arg) < 4 || arg[0] != '%' || arg[1] != 'w' && arg[1] != 'W' {
		return false
	}
	open := arg[2]
	if strings.IndexByte("[({<", open) < 0 {
		return false
	}
	return arg[len(arg)-1] == closer(open) && !strings.ContainsAny(arg[3:len(arg)-1], "#\\")
}

// wordListElems returns the words of a %w literal as known strings.
func wordListElems(arg string) []strExpr {
	var out []strExpr
	for _, f := range strings.Fields(arg[3 : len(arg)-1]) {
		out = append(out, strExpr{{text: f, known: true}})
	}
	return out
}
