package resolve

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Matching a name against a list of candidates, and the error that lists
// the valid options and the closest ones when it matches none or several.

// maxListedOptions caps the valid options an error message lists.
const maxListedOptions = 15

// label is how an option is shown in messages.
func (f Ref) label(withProject bool) string {
	var notes []string
	if withProject && f.ProjectKey != "" {
		notes = append(notes, f.ProjectKey)
	}
	if f.State != "" {
		notes = append(notes, f.State)
	}
	if len(notes) == 0 {
		return f.Name
	}
	return f.Name + " (" + strings.Join(notes, ", ") + ")"
}

// Error is a name that matches nothing, or more than one thing.
// Its message lists the valid options (capped) and the closest matches.
type Error struct {
	Kind      string   // "project", "status", "member", ...
	Query     string   // the name asked for
	Scope     string   // "in project MOBILE", "in any project", ""
	Matches   []string // the candidates of an ambiguous name
	Closest   []string // near misses of an unknown name
	Options   []string // every valid option
	Hint      string   // what to do, when there is more to say
	ambiguous bool
	// acrossProjects: the options come from several projects.
	acrossProjects bool
}

// NotFound reports whether nothing matched (as opposed to several things).
func (e *Error) NotFound() bool { return !e.ambiguous }

// Error words the failure for a model: what was asked, what is close,
// what is valid.
func (e *Error) Error() string {
	var b strings.Builder
	scope := ""
	if e.Scope != "" {
		scope = " " + e.Scope
	}
	if e.ambiguous {
		fmt.Fprintf(&b, "%s %q is ambiguous%s: it matches %s. Use the full name", e.Kind, e.Query, scope, ListCapped(e.Matches))
		if e.acrossProjects {
			b.WriteString(" or name the project")
		}
		b.WriteString(".")
	} else {
		fmt.Fprintf(&b, "no %s matches %q%s.", e.Kind, e.Query, scope)
		if len(e.Closest) > 0 {
			fmt.Fprintf(&b, " Closest: %s.", strings.Join(e.Closest, ", "))
		}
	}
	if len(e.Options) > 0 {
		fmt.Fprintf(&b, " Valid %s: %s.", plural(e.Kind), ListCapped(e.Options))
	} else if !e.ambiguous && e.Hint == "" {
		fmt.Fprintf(&b, " There are no %s%s.", plural(e.Kind), scope)
	}
	if e.Hint != "" {
		b.WriteString(" " + e.Hint)
	}
	return b.String()
}

// ListCapped joins at most maxListedOptions items, then "and N more".
func ListCapped(items []string) string {
	if len(items) <= maxListedOptions {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:maxListedOptions], ", ") + fmt.Sprintf(" and %d more", len(items)-maxListedOptions)
}

func plural(kind string) string {
	switch {
	case strings.HasSuffix(kind, "y"):
		return kind[:len(kind)-1] + "ies"
	case strings.HasSuffix(kind, "s"):
		return kind + "es"
	}
	return kind + "s"
}

// normName folds a name for matching: lower case, single spaces.
func normName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// matchRef picks the one candidate query names: an exact match of the name
// or an alias, then the id, then a unique prefix, then a unique substring.
// withProject shows each option with its project (cross-project lookups).
func matchRef(kind, scope, query string, cands []Ref, withProject bool) (Ref, error) {
	q := normName(query)
	fail := func(matches []Ref) error {
		return newResolveError(kind, scope, query, cands, matches, withProject)
	}
	if q == "" {
		return Ref{}, fail(nil)
	}
	test := func(ok func(name string) bool) []Ref {
		var out []Ref
		for _, c := range cands {
			if ok(normName(c.Name)) || slices.ContainsFunc(c.Aliases, func(a string) bool { return a != "" && ok(normName(a)) }) {
				out = append(out, c)
			}
		}
		return distinctRefs(out)
	}
	steps := []func(string) bool{
		func(n string) bool { return n == q },
		nil, // id
		func(n string) bool { return strings.HasPrefix(n, q) },
		func(n string) bool { return strings.Contains(n, q) },
	}
	for _, step := range steps {
		var found []Ref
		if step == nil {
			id, err := strconv.ParseInt(strings.TrimPrefix(q, "#"), 10, 64)
			if err != nil {
				continue
			}
			for _, c := range cands {
				if c.ID == id {
					found = append(found, c)
				}
			}
			found = distinctRefs(found)
		} else {
			found = test(step)
		}
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			return Ref{}, fail(found)
		}
	}
	return Ref{}, fail(nil)
}

// distinctRefs drops repeats of the same object.
func distinctRefs(refs []Ref) []Ref {
	seen := map[[2]int64]bool{}
	out := refs[:0:0]
	for _, f := range refs {
		k := [2]int64{f.ProjectID, f.ID}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

// newResolveError builds the error for a failed match: matches non-empty
// means ambiguous.
func newResolveError(kind, scope, query string, cands, matches []Ref, withProject bool) *Error {
	e := &Error{Kind: kind, Query: query, Scope: scope, ambiguous: len(matches) > 1, acrossProjects: withProject}
	seen := map[string]bool{}
	for _, c := range cands {
		l := c.label(withProject)
		if !seen[l] {
			seen[l] = true
			e.Options = append(e.Options, l)
		}
	}
	for _, m := range matches {
		e.Matches = append(e.Matches, m.label(withProject))
	}
	if !e.ambiguous {
		e.Closest = closest(query, cands, withProject)
	}
	return e
}

// closest returns up to three candidates within a small edit distance of
// query, nearest first.
func closest(query string, cands []Ref, withProject bool) []string {
	q := normName(query)
	if q == "" {
		return nil
	}
	limit := max(2, utf8.RuneCountInString(q)/3)
	type scored struct {
		label string
		d     int
	}
	var near []scored
	seen := map[string]bool{}
	for _, c := range cands {
		d := EditDistance(q, normName(c.Name))
		for _, a := range c.Aliases {
			if a != "" {
				d = min(d, EditDistance(q, normName(a)))
			}
		}
		l := c.label(withProject)
		if d <= limit && !seen[l] {
			seen[l] = true
			near = append(near, scored{l, d})
		}
	}
	slices.SortStableFunc(near, func(a, b scored) int { return cmp.Compare(a.d, b.d) })
	out := make([]string, 0, 3)
	for i := 0; i < len(near) && i < 3; i++ {
		out = append(out, near[i].label)
	}
	return out
}

// EditDistance is the Levenshtein distance between a and b, in runes.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Match picks the one candidate query names, as every resolver lookup
// does (exact, id, unique prefix, unique substring), or fails listing the
// valid options; kind and scope word the error.
func Match(kind, scope, query string, cands []Ref) (Ref, error) {
	return matchRef(kind, scope, query, cands, false)
}
