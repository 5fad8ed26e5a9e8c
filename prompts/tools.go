package prompts

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/template"
)

// callTool is the catalog meta-tool that runs a tool the client does not
// list.
const callTool = "leiga_call_tool"

// Tools is what a session's tool selection lets a prompt name: the tools
// the client lists, and those leiga_call_tool reaches when it is listed.
// A prompt is offered only when the tools it needs are available; a tool
// reached through the catalog is named as a leiga_call_tool call.
type Tools struct {
	Listed    map[string]bool
	Reachable map[string]bool // through leiga_call_tool; ignored unless it is listed
}

// catalog reports whether the catalog meta-tools are listed.
func (ts Tools) catalog() bool { return ts.Listed[callTool] }

// has reports whether a prompt may use the tool, directly or through the
// catalog.
func (ts Tools) has(name string) bool {
	return ts.Listed[name] || (ts.catalog() && ts.Reachable[name])
}

// placeholder is an argument value the model fills in: rendered as
// <what>, never quoted.
type placeholder string

// funcs are the template functions that name tools and their arguments
// in the one form the prompt tests check: `tool` for a tool, `key: value`
// for one of its arguments (value as JSON, or a <placeholder>).
//
//	{{tool "get_issue"}}                    `get_issue`
//	{{call "search_issues" "sprint" "none"}} `search_issues` with `sprint: "none"`
//	{{args "assignee" (ph "name")}}          `assignee: <name>` (of the tool named before)
//	{{has "epic_page"}}                      whether the session can use it
//	{{catalog}}                              whether the catalog meta-tools are listed
//	{{list "open"}} {{num "20"}}             an array, a number
//
// An empty string value leaves its argument out. Naming a tool the session
// cannot use fails the render: guard optional tools with has.
func (ts Tools) funcs() template.FuncMap {
	return template.FuncMap{
		"tool":    func(name string) (string, error) { return ts.call(name) },
		"call":    ts.call,
		"args":    renderArgs,
		"has":     ts.has,
		"catalog": ts.catalog,
		"list":    func(v ...string) []string { return v },
		"num":     strconv.Atoi,
		"ph":      func(what string) placeholder { return placeholder(what) },
	}
}

// call names a tool with its arguments, through leiga_call_tool when the
// client does not list it.
func (ts Tools) call(name string, kv ...any) (string, error) {
	if !ts.has(name) {
		return "", fmt.Errorf("the prompt names %s, which this session cannot use", name)
	}
	args, err := renderArgs(kv...)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	var b strings.Builder
	if ts.Listed[name] {
		fmt.Fprintf(&b, "`%s`", name)
		if args != "" {
			b.WriteString(" with " + args)
		}
		return b.String(), nil
	}
	fmt.Fprintf(&b, "`%s` with `name: %q`", callTool, name)
	if args != "" {
		b.WriteString(" and arguments " + args)
	}
	return b.String(), nil
}

// renderArgs renders key, value pairs as `key: value`, comma-separated.
func renderArgs(kv ...any) (string, error) {
	if len(kv)%2 != 0 {
		return "", fmt.Errorf("arguments come in key, value pairs, got %d values", len(kv))
	}
	var parts []string
	for i := 0; i < len(kv); i += 2 {
		key, ok := kv[i].(string)
		if !ok {
			return "", fmt.Errorf("argument key %v is not a string", kv[i])
		}
		var value string
		switch v := kv[i+1].(type) {
		case placeholder:
			value = "<" + string(v) + ">"
		case string:
			if v == "" {
				continue
			}
			value = jsonValue(v)
		default:
			if value = jsonValue(v); value == "" {
				return "", fmt.Errorf("argument %s: %v is not a JSON value", key, v)
			}
		}
		parts = append(parts, fmt.Sprintf("`%s: %s`", key, value))
	}
	return strings.Join(parts, ", "), nil
}

// jsonValue is v as compact JSON, with <, > and & as they are; "" when v
// has no JSON form.
func jsonValue(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}
