package tools

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/richtext"
)

// The issue fields create_issue and update_issue set by name, resolved to
// the field codes and ids Leiga takes.

// clearWords are the values that clear an optional field in update_issue.
var clearWords = map[string]bool{"none": true, "null": true, "unassigned": true, "-": true}

func isClear(s string) bool { return clearWords[strings.ToLower(strings.TrimSpace(s))] }

// fieldPlan is a resolved issue data map (fieldCode -> value) and the
// names it stands for.
type fieldPlan struct {
	mu    sync.Mutex // the look-ups run at once and record here
	data  schemas.IssueData
	names map[string]any
	codes map[string]string // argument name -> field code, for fields set by display name
	errs  []error
}

func newFieldPlan() *fieldPlan {
	return &fieldPlan{data: schemas.IssueData{}, names: map[string]any{}, codes: map[string]string{}}
}

// set records a resolved field, or the failure to resolve it.
func (fp *fieldPlan) set(code, field string, ref resolve.Ref, err error) {
	fp.mu.Lock()
	defer fp.mu.Unlock()
	if err != nil {
		fp.errs = append(fp.errs, fmt.Errorf("%s: %w", field, err))
		return
	}
	fp.data[code] = ref.ID
	fp.names[field] = ref.Name
}

// clear records a field to empty.
func (fp *fieldPlan) clear(code, field string) {
	fp.mu.Lock()
	defer fp.mu.Unlock()
	fp.data[code] = nil
	fp.names[field] = "none"
}

// put records a resolved value and its name.
func (fp *fieldPlan) put(code, field string, value, name any) {
	fp.mu.Lock()
	defer fp.mu.Unlock()
	fp.data[code], fp.names[field] = value, name
}

// fail records a failure to resolve a field.
func (fp *fieldPlan) fail(err error) {
	fp.mu.Lock()
	defer fp.mu.Unlock()
	fp.errs = append(fp.errs, err)
}

// err joins every resolution failure, so that all can be fixed at once.
func (fp *fieldPlan) err() error { return errors.Join(fp.errs...) }

// plan resolves the by-name fields of a create (clearable false) or an
// update (clearable: "none" empties a field, labels [] removes all) into
// fp, the look-ups at once. Fields by display name are setByName's, as
// they need the issue type.
func (fp *fieldPlan) plan(ctx context.Context, r *resolve.Resolver, p resolve.Ref, f schemas.IssueFieldsByName, clearable bool) {
	var wg sync.WaitGroup
	defer wg.Wait() // every look-up has recorded its result when planFields returns
	if f.Points != nil {
		fp.put("estimatePoint", "points", *f.Points, *f.Points)
	}
	if f.Description != "" {
		fp.put("description", "description", richtext.MarkdownToHTML(f.Description), fmt.Sprintf("%d characters of Markdown", len([]rune(f.Description))))
	}
	if f.Priority != "" {
		wg.Go(func() {
			ref, err := r.Priority(ctx, p, f.Priority)
			fp.set("priority", "priority", ref, err)
		})
	}
	optional := func(value, code, field string, lookup func(string) (resolve.Ref, error)) {
		switch {
		case value == "":
		case clearable && isClear(value):
			fp.clear(code, field)
		default:
			wg.Go(func() {
				ref, err := lookup(value)
				fp.set(code, field, ref, err)
			})
		}
	}
	optional(f.Assignee, "assignee", "assignee", func(q string) (resolve.Ref, error) { return r.Member(ctx, p, q) })
	if resolve.IsNoSprint(f.Sprint) {
		if clearable {
			fp.clear("sprint", "sprint")
		}
		f.Sprint = ""
	}
	optional(f.Sprint, "sprint", "sprint", func(q string) (resolve.Ref, error) {
		ref, err := r.Sprint(ctx, p, q)
		if err == nil && ref.Closed {
			err = fmt.Errorf("sprint %q is closed; choose an open sprint%s", ref.Name, openOptions(ctx, r.Sprints, p.ID))
		}
		return ref, err
	})
	optional(f.Epic, "epic", "epic", func(q string) (resolve.Ref, error) { return r.Epic(ctx, p, q) })
	optional(f.Version, "releaseVersion", "version", func(q string) (resolve.Ref, error) {
		ref, err := r.Version(ctx, q)
		if err == nil && ref.Closed {
			err = fmt.Errorf("version %q is archived; choose another%s", ref.Name, openOptions(ctx, func(ctx context.Context, _ int64) ([]resolve.Ref, error) { return r.Versions(ctx) }, 0))
		}
		return ref, err
	})
	if f.Labels != nil {
		wg.Go(func() {
			ids, names := []int64{}, []string{}
			for _, l := range f.Labels {
				ref, err := r.Tag(ctx, p, l)
				if err != nil {
					fp.fail(fmt.Errorf("labels: %w", err))
					continue
				}
				if !slices.Contains(ids, ref.ID) {
					ids, names = append(ids, ref.ID), append(names, ref.Name)
				}
			}
			if len(ids) > 0 || clearable {
				fp.put("label", "labels", ids, names)
			}
		})
	}
	date := func(value, code, field string) {
		switch {
		case value == "":
		case clearable && isClear(value):
			fp.clear(code, field)
		default:
			ms, err := resolve.DateMillis(value, r.Now(), r.Location())
			if err != nil {
				fp.fail(fmt.Errorf("%s: %w", field, err))
				return
			}
			fp.put(code, field, ms, resolve.FormatDate(ms, r.Location()))
		}
	}
	date(f.Due, "dueDate", "due")
	date(f.Start, "startDate", "start")
}

// openOptions lists the open (not closed) options of a list, for messages.
func openOptions(ctx context.Context, list func(context.Context, int64) ([]resolve.Ref, error), pid int64) string {
	refs, err := list(ctx, pid)
	if err != nil {
		return ""
	}
	var open []string
	for _, f := range refs {
		if !f.Closed {
			open = append(open, f.Name)
		}
	}
	if len(open) == 0 {
		return ""
	}
	return ": " + resolve.ListCapped(open)
}
