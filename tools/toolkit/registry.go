package toolkit

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Module is one toolset's definitions, as declared by a domain file.
type Module struct {
	Name        string
	Description string
	Tools       func() []Tool
	// Also names tools of other modules that this toolset includes too:
	// a tool has one home toolset (Tool.Toolset) and may belong to more.
	Also []string
}

// Defaults is the curated default selection: whole toolsets and single
// tools.
type Defaults struct {
	Toolsets []string
	Tools    []string
}

// Registry holds every tool, checked and ready to serve.
type Registry struct {
	tools    []*Tool
	byName   map[string]*Tool
	toolsets []Toolset
	defaults Defaults
}

// Toolset is a named group of tools that can be enabled together.
type Toolset struct {
	Name        string
	Description string
	Tools       []string // the tools the module defines
	Also        []string // tools of other modules it includes too
}

// NewRegistry builds and checks every tool of modules. It refuses a tool
// with a duplicate name or title, an unset or mislabelled effect, a bad
// name or no input type, and defaults naming unknown tools or toolsets:
// such a server must not start. Schemas are reflected and compiled on
// first use; CheckSchemas does all of them at once (tests, `tools`).
func NewRegistry(modules []Module, defaults Defaults) (*Registry, error) {
	r := &Registry{byName: map[string]*Tool{}, defaults: defaults}
	titles := map[string]string{}
	for _, m := range modules {
		ts := Toolset{Name: m.Name, Description: m.Description, Also: m.Also}
		for _, def := range m.Tools() {
			t := def
			t.Toolset = m.Name
			if err := r.add(&t); err != nil {
				return nil, err
			}
			if other, dup := titles[t.Title]; dup {
				return nil, fmt.Errorf("tool %q: title %q is already used by %s; titles must be unique", t.Name, t.Title, other)
			}
			titles[t.Title] = t.Name
			ts.Tools = append(ts.Tools, t.Name)
		}
		r.toolsets = append(r.toolsets, ts)
	}
	for _, ts := range r.toolsets {
		for _, n := range ts.Also {
			t, ok := r.byName[n]
			switch {
			case !ok:
				return nil, fmt.Errorf("toolset %s: also names unknown tool %q", ts.Name, n)
			case t.Toolset == ts.Name || slices.Contains(t.also, ts.Name):
				return nil, fmt.Errorf("toolset %s: names %s twice", ts.Name, n)
			}
			t.also = append(t.also, ts.Name)
		}
	}
	for _, n := range defaults.Tools {
		if _, ok := r.byName[n]; !ok {
			return nil, fmt.Errorf("default toolset names unknown tool %q", n)
		}
	}
	for _, n := range defaults.Toolsets {
		if !slices.ContainsFunc(r.toolsets, func(ts Toolset) bool { return ts.Name == n }) {
			return nil, fmt.Errorf("default toolset names unknown toolset %q", n)
		}
	}
	return r, nil
}

var toolName = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// add checks t and registers it.
func (r *Registry) add(t *Tool) error {
	if !toolName.MatchString(t.Name) || len(t.Name) > 64 {
		return fmt.Errorf("tool %q: name must be snake_case, at most 64 characters", t.Name)
	}
	if _, dup := r.byName[t.Name]; dup {
		return fmt.Errorf("tool %q: defined twice", t.Name)
	}
	if t.Title == "" || t.Description == "" {
		return fmt.Errorf("tool %q: title and description are required", t.Name)
	}
	if t.Input == nil && t.Endpoint != nil {
		t.Input = t.Endpoint.Input()
	}
	if t.Input == nil {
		return fmt.Errorf("tool %q: no input type", t.Name)
	}
	if t.Endpoint == nil && t.Handler == nil {
		return fmt.Errorf("tool %q: neither endpoint nor handler", t.Name)
	}
	if err := checkEffect(t); err != nil {
		return fmt.Errorf("tool %q: %w", t.Name, err)
	}
	t.input = &inputSchema{}
	t.inputType = reflect.TypeOf(t.Input)
	if t.inputType.Kind() == reflect.Pointer {
		t.inputType = t.inputType.Elem()
	}
	t.customDecode = hasCustomDecoding(t.inputType)
	if t.Check != nil && t.checkType != t.inputType {
		return fmt.Errorf("tool %q: its check takes %v, its input is %v", t.Name, t.checkType, t.inputType)
	}
	if t.Confirm != nil && t.confirmType != t.inputType {
		return fmt.Errorf("tool %q: its confirm takes %v, its input is %v", t.Name, t.confirmType, t.inputType)
	}
	r.tools = append(r.tools, t)
	r.byName[t.Name] = t
	return nil
}

// deleteVerbs are words in a path or name that mean something is removed
// or disabled.
var deleteVerbs = regexp.MustCompile(`(^|[-_/])(remove|delete|disable|batch-remove)($|[-_/])`)

// checkEffect refuses a tool whose effect contradicts its endpoint: a
// read endpoint that is not Read, a write labelled Read, or a removal
// that is not Delete.
func checkEffect(t *Tool) error {
	if t.Effect < Read || t.Effect > Dispatch {
		return fmt.Errorf("effect is not set: choose Read, Create, Update or Delete")
	}
	if t.Effect == Dispatch && t.Endpoint != nil {
		return fmt.Errorf("an endpoint tool cannot dispatch")
	}
	if t.Endpoint == nil {
		if deleteVerbs.MatchString(t.Name) && t.Effect != Delete {
			return fmt.Errorf("name says it removes, effect is %s", t.Effect)
		}
		return nil
	}
	switch {
	case deleteVerbs.MatchString(t.Endpoint.Path()) && t.Effect != Delete:
		return fmt.Errorf("%s removes or disables: effect must be Delete, is %s", t.Endpoint, t.Effect)
	case t.Endpoint.Reads() && t.Effect != Read:
		return fmt.Errorf("%s only reads: effect must be Read, is %s", t.Endpoint, t.Effect)
	case !t.Endpoint.Reads() && t.Effect == Read:
		return fmt.Errorf("%s writes: effect must not be Read", t.Endpoint)
	}
	return nil
}

// CheckSchemas reflects and compiles every tool's input schema, returning
// the first failure.
func (r *Registry) CheckSchemas() error {
	for _, t := range r.tools {
		if _, err := t.compiled(); err != nil {
			return fmt.Errorf("tool %q: input schema: %w", t.Name, err)
		}
	}
	return nil
}

// compileSchema compiles a tool's input schema for argument validation.
func compileSchema(name string, schema []byte) (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		return nil, err
	}
	url := "mem://tools/" + name + ".json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
}

// Tools returns every tool in registration order.
func (r *Registry) Tools() []*Tool { return slices.Clone(r.tools) }

// Tool returns the tool called name.
func (r *Registry) Tool(name string) (*Tool, bool) {
	t, ok := r.byName[name]
	return t, ok
}

// Toolsets returns every module toolset in order.
func (r *Registry) Toolsets() []Toolset { return slices.Clone(r.toolsets) }

// Prepare reflects the input schemas of list on every core at once, so that
// a starting server lists its tools sooner.
func Prepare(list []*Tool) {
	var wg sync.WaitGroup
	next := make(chan *Tool)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for t := range next {
				t.schema()
			}
		})
	}
	for _, t := range list {
		next <- t
	}
	close(next)
	wg.Wait()
}
