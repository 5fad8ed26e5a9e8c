package tools

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// module is one toolset's definitions, as declared by a domain file.
type module struct {
	name        string
	description string
	tools       func() []Tool
}

// modules lists every toolset in the order tools are listed. Each domain
// file contributes its entry.
var modules = []module{
	{"org", "Organisation members: list, enable, disable, remove", orgTools},
	{"user", "Project members: list, add, remove", userTools},
	{"project", "Projects: list, detail, templates, roles", projectTools},
	{"issue", "Issues: create, read, update, search, relations, subtasks, work logs, trash", issueTools},
	{"workflow", "Assistant workflows by name (create, find, update, comment, log work) and workflow statuses", workflowToolset},
	{"sprint", "Sprints: create, update, list with counts", sprintTools},
	{"epic", "Epics: create, update, list, link issues", epicTools},
	{"version", "Versions: create, release, archive, link issues", versionTools},
	{"tag", "Tags (labels): create, rename, list, remove", tagTools},
	{"comment", "Comments: add, reply, edit, list, reactions", commentTools},
	{"file", "Files: upload, attach, list, download, remove", fileTools},
	{"webhook", "Webhooks: event types, create, update, list, remove", webhookTools},
	{"msg", "Personal messages (notifications)", msgTools},
	{ToolsetCatalog, "Search, describe and call any Leiga tool (for clients with small tool limits)", catalogTools},
}

// workflowToolset joins Leiga's workflow endpoints (statuses, transitions)
// and the assistant tools that work by names, which need them.
func workflowToolset() []Tool {
	return slices.Concat(assistantTools(), workflowTools())
}

// Registry holds every tool, checked and ready to serve.
type Registry struct {
	tools    []*Tool
	byName   map[string]*Tool
	toolsets []Toolset
}

// Toolset is a named group of tools that can be enabled together.
type Toolset struct {
	Name        string
	Description string
	Tools       []string
}

// NewRegistry builds and checks every tool. It refuses a tool with a
// duplicate name, an unset or mislabelled effect, a bad name or no input
// type: such a server must not start. Schemas are reflected and compiled
// on first use; CheckSchemas does all of them at once (tests, `tools`).
func NewRegistry() (*Registry, error) {
	r := &Registry{byName: map[string]*Tool{}}
	for _, m := range modules {
		ts := Toolset{Name: m.name, Description: m.description}
		for _, def := range m.tools() {
			t := def
			t.Toolset = m.name
			if err := r.add(&t); err != nil {
				return nil, err
			}
			ts.Tools = append(ts.Tools, t.Name)
		}
		r.toolsets = append(r.toolsets, ts)
	}
	if err := r.checkDefaults(); err != nil {
		return nil, err
	}
	return r, nil
}

// MustRegistry is NewRegistry for tests and tables known to be valid.
func MustRegistry() *Registry {
	r, err := NewRegistry()
	if err != nil {
		panic(err)
	}
	return r
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
	r.tools = append(r.tools, t)
	r.byName[t.Name] = t
	return nil
}

// readVerbs are last path segments of endpoints that only read, even when
// sent as POST (Leiga lists and searches take their filters in a body).
var readVerbs = regexp.MustCompile(`(^|-)(get|list|page|detail|options|fields|field|info|scheme|template|types|type|events|overview|sticker|count|all|state|download)($|-)`)

// deleteVerbs are words in a path or name that mean something is removed
// or disabled.
var deleteVerbs = regexp.MustCompile(`(^|[-_/])(remove|delete|disable|batch-remove)($|[-_/])`)

// checkEffect refuses a tool whose effect contradicts its endpoint: a GET
// that is not Read, a read verb labelled as a write, a write labelled Read,
// or a removal that is not Delete.
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
	last := t.Endpoint.Path[strings.LastIndex(t.Endpoint.Path, "/")+1:]
	removes := deleteVerbs.MatchString(t.Endpoint.Path)
	reads := t.Endpoint.Method == "GET" || (readVerbs.MatchString(last) && !removes && !strings.Contains(last, "update") && !strings.Contains(last, "change"))
	switch {
	case t.Endpoint.Method == "GET" && t.Effect != Read:
		return fmt.Errorf("GET endpoint must be Read, is %s", t.Effect)
	case removes && t.Effect != Delete:
		return fmt.Errorf("%s removes or disables: effect must be Delete, is %s", t.Endpoint, t.Effect)
	case reads && t.Effect != Read:
		return fmt.Errorf("%s only reads: effect must be Read, is %s", t.Endpoint, t.Effect)
	case !reads && t.Effect == Read:
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

// checkDefaults verifies that the curated default set names real tools.
func (r *Registry) checkDefaults() error {
	for _, n := range defaultTools {
		if _, ok := r.byName[n]; !ok {
			return fmt.Errorf("default toolset names unknown tool %q", n)
		}
	}
	return nil
}

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
