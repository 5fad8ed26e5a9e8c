package sandbox

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// pred is one condition of an issue list filter.
type pred func(is *Issue) bool

// all reports whether every predicate holds.
func all(preds []pred) pred {
	return func(is *Issue) bool {
		for _, p := range preds {
			if !p(is) {
				return false
			}
		}
		return true
	}
}

// timeFields are the date fields the date and number filters accept.
var timeFields = map[string]func(*Issue) int64{
	"startDate":  func(i *Issue) int64 { return i.StartDate },
	"dueDate":    func(i *Issue) int64 { return i.DueDate },
	"createTime": func(i *Issue) int64 { return i.CreateTime },
	"updateTime": func(i *Issue) int64 { return i.UpdateTime },
	"finishTime": func(i *Issue) int64 { return i.FinishTime },
}

// numberValue reads a numeric field for numberFilter: the number fields
// and the date fields (as epoch ms).
func numberValue(code string) (func(*Issue) (float64, bool), bool) {
	switch code {
	case "estimatePoint":
		return func(i *Issue) (float64, bool) { return deref(i.EstimatePoint) }, true
	case "estimateLabour":
		return func(i *Issue) (float64, bool) { return deref(i.EstimateLabour) }, true
	}
	get, ok := timeFields[code]
	if !ok {
		return nil, false
	}
	return func(i *Issue) (float64, bool) { v := get(i); return float64(v), v != 0 }, true
}

// deref returns *p and whether p is set.
func deref(p *float64) (float64, bool) {
	if p == nil {
		return 0, false
	}
	return *p, true
}

// selectFilter is one entry of the v2 selectFilter parameter.
type selectFilter struct {
	FieldCode string  `json:"fieldCode"`
	IDs       []int64 `json:"ids"`
	Operator  string  `json:"operator"` // contains (default), notContains, blank, notBlank
}

// numberFilter is one entry of the v2 numberFilter parameter.
type numberFilter struct {
	FieldCode string   `json:"fieldCode"`
	Value     *float64 `json:"value"`
	Range     *struct {
		Min *float64 `json:"min"`
		Max *float64 `json:"max"`
	} `json:"range"`
	Operator string `json:"operator"` // equals (default), notEqual, greaterThan, lessThan, inRange, blank, notBlank
}

// filterField returns the option field of a filter, or a 400 error.
func filterField(param, code string) (fieldDef[Issue], error) {
	d, ok := field(filterFields, code)
	if !ok {
		return d, badRequest("%s: unknown fieldCode %q (see /issue/filter-condition-field)", param, code)
	}
	return d, nil
}

// overlaps reports whether the field's values share an id with ids.
func overlaps(d fieldDef[Issue], is *Issue, ids []int64) bool {
	return slices.ContainsFunc(idsOf(d.get(is)), func(v int64) bool { return slices.Contains(ids, v) })
}

// selectFieldsPreds reads the v1 selectFields map (fieldCode -> ids).
func selectFieldsPreds(m map[string][]int64) ([]pred, error) {
	var out []pred
	for _, code := range slices.Sorted(maps.Keys(m)) {
		d, err := filterField("selectFields", code)
		if err != nil {
			return nil, err
		}
		if ids := m[code]; len(ids) > 0 {
			out = append(out, func(is *Issue) bool { return overlaps(d, is, ids) })
		}
	}
	return out, nil
}

// dateFieldsPreds reads the v1 dateFields map (fieldCode -> [start, end],
// either bound null for an open range).
func dateFieldsPreds(m map[string][]*int64) ([]pred, error) {
	var out []pred
	for _, code := range slices.Sorted(maps.Keys(m)) {
		get, ok := timeFields[code]
		if !ok {
			return nil, badRequest("dateFields: unknown date field %q", code)
		}
		r := m[code]
		if len(r) != 2 {
			return nil, badRequest("dateFields.%s must be [start, end]", code)
		}
		from, to := r[0], r[1]
		out = append(out, func(is *Issue) bool {
			v := get(is)
			return v != 0 && (from == nil || v >= *from) && (to == nil || v <= *to)
		})
	}
	return out, nil
}

// selectFilterPreds reads the v2 selectFilter list.
func selectFilterPreds(list []selectFilter) ([]pred, error) {
	out := make([]pred, 0, len(list))
	for _, f := range list {
		d, err := filterField("selectFilter", f.FieldCode)
		if err != nil {
			return nil, err
		}
		ids := f.IDs
		switch f.Operator {
		case "", "contains":
			out = append(out, func(is *Issue) bool { return len(ids) == 0 || overlaps(d, is, ids) })
		case "notContains":
			out = append(out, func(is *Issue) bool { return !overlaps(d, is, ids) })
		case "blank":
			out = append(out, func(is *Issue) bool { return len(idsOf(d.get(is))) == 0 })
		case "notBlank":
			out = append(out, func(is *Issue) bool { return len(idsOf(d.get(is))) > 0 })
		default:
			return nil, badRequest("selectFilter.operator must be contains, notContains, blank or notBlank, got %q", f.Operator)
		}
	}
	return out, nil
}

// numberFilterPreds reads the v2 numberFilter list.
func numberFilterPreds(list []numberFilter) ([]pred, error) {
	out := make([]pred, 0, len(list))
	for _, f := range list {
		get, ok := numberValue(f.FieldCode)
		if !ok {
			return nil, badRequest("numberFilter: unknown number field %q", f.FieldCode)
		}
		p, err := numberPred(f, get)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// numberPred builds the predicate of one number filter.
func numberPred(f numberFilter, get func(*Issue) (float64, bool)) (pred, error) {
	compare := map[string]func(v, x float64) bool{
		"": func(v, x float64) bool { return v == x }, "equals": func(v, x float64) bool { return v == x },
		"notEqual": func(v, x float64) bool { return v != x }, "greaterThan": func(v, x float64) bool { return v > x },
		"lessThan": func(v, x float64) bool { return v < x },
	}
	switch op := f.Operator; {
	case compare[op] != nil:
		if f.Value == nil {
			return nil, badRequest("numberFilter.value is required for operator %q", cmp.Or(op, "equals"))
		}
		x, cmpFn := *f.Value, compare[op]
		return func(is *Issue) bool { v, ok := get(is); return ok && cmpFn(v, x) }, nil
	case op == "inRange":
		if f.Range == nil {
			return nil, badRequest("numberFilter.range is required for operator inRange")
		}
		lo, hi := f.Range.Min, f.Range.Max
		return func(is *Issue) bool {
			v, ok := get(is)
			return ok && (lo == nil || v >= *lo) && (hi == nil || v <= *hi)
		}, nil
	case op == "blank":
		return func(is *Issue) bool { _, ok := get(is); return !ok }, nil
	case op == "notBlank":
		return func(is *Issue) bool { _, ok := get(is); return ok }, nil
	}
	return nil, badRequest("numberFilter.operator must be equals, notEqual, greaterThan, lessThan, inRange, blank or notBlank, got %q", f.Operator)
}

// commonPreds reads the filters v1 and v2 share: summary and statusTypes.
func (st *store) commonPreds(summary string, statusTypes []int64) ([]pred, error) {
	var out []pred
	if kw := strings.ToLower(strings.TrimSpace(summary)); kw != "" {
		out = append(out, func(is *Issue) bool {
			return strings.Contains(strings.ToLower(is.Summary), kw) || strings.EqualFold(st.issueNumber(is), kw)
		})
	}
	if len(statusTypes) > 0 {
		for _, t := range statusTypes {
			if t < categoryToDo || t > categoryDone {
				return nil, badRequest("statusTypes must contain 2, 3 or 4, got %d", t)
			}
		}
		out = append(out, func(is *Issue) bool {
			return slices.Contains(statusTypes, int64(st.projects[is.ProjectID].state(is.StatusID).Category))
		})
	}
	return out, nil
}

// issueOrder reads orderBy (createTime or updateTime) and sort.
func issueOrder(c *call) func(a, b *Issue) int {
	orderBy, _ := c.optString("orderBy")
	desc := c.descending("sort")
	key := func(i *Issue) int64 { return i.CreateTime }
	switch orderBy {
	case "", "createTime":
	case "updateTime":
		key = func(i *Issue) int64 { return i.UpdateTime }
	default:
		c.fail("orderBy must be createTime or updateTime")
	}
	return func(a, b *Issue) int {
		r := cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a.ID, b.ID))
		if desc {
			return -r
		}
		return r
	}
}

// pageIssues serves POST /issue/page: top-level issues of a project.
func (st *store) pageIssues(c *call) (any, error) {
	selectFields, _ := param[map[string][]int64](c, "selectFields", false)
	dateFields, _ := param[map[string][]*int64](c, "dateFields", false)
	return st.queryIssues(c, false, func() ([]pred, error) {
		a, err := selectFieldsPreds(selectFields)
		if err != nil {
			return nil, err
		}
		b, err := dateFieldsPreds(dateFields)
		return append(a, b...), err
	})
}

// pageIssuesV2 serves POST /issue/v2/page. Unlike v1, an issue also
// matches when one of its subtasks does.
func (st *store) pageIssuesV2(c *call) (any, error) {
	selects, _ := param[[]selectFilter](c, "selectFilter", false)
	numbers, _ := param[[]numberFilter](c, "numberFilter", false)
	return st.queryIssues(c, true, func() ([]pred, error) {
		a, err := selectFilterPreds(selects)
		if err != nil {
			return nil, err
		}
		b, err := numberFilterPreds(numbers)
		return append(a, b...), err
	})
}

// queryIssues is the shared body of the two issue list endpoints; extra
// builds the version-specific filters once the parameters are checked.
func (st *store) queryIssues(c *call, withSubtasks bool, extra func() ([]pred, error)) (any, error) {
	pid := c.reqInt("projectId")
	summary, _ := c.optString("summary")
	statusTypes := c.optInts("statusTypes")
	custom := c.optStrings("showedCustomFieldCodes")
	order := issueOrder(c)
	pg := c.page()
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	for _, code := range custom {
		if _, ok := field(detailFields, code); !ok {
			return nil, badRequest("showedCustomFieldCodes: unknown fieldCode %q", code)
		}
	}
	preds, err := st.commonPreds(summary, statusTypes)
	if err != nil {
		return nil, err
	}
	more, err := extra()
	if err != nil {
		return nil, err
	}
	match := all(append(preds, more...))
	inProject := st.liveIssues(func(is *Issue) bool { return is.ProjectID == p.ID })
	subtaskMatch := map[int64]bool{} // parent id -> one of its subtasks matches
	if withSubtasks {
		for _, is := range inProject {
			if is.ParentID != 0 && match(is) {
				subtaskMatch[is.ParentID] = true
			}
		}
	}
	found := filter(inProject, func(is *Issue) bool {
		return is.ParentID == 0 && (match(is) || subtaskMatch[is.ID])
	})
	slices.SortFunc(found, order)
	return paginate(found, pg, func(is *Issue) issueRow { return st.row(is, custom...) }), nil
}

// pageFinished serves POST /issue/page-finished: issues and subtasks in a
// done state, across projects, newest finish first.
func (st *store) pageFinished(c *call) (any, error) {
	projects, sprints, assignees := c.optInts("projectIds"), c.optInts("sprintIds"), c.optInts("assigneeIds")
	after, hasAfter := c.optInt("after")
	before, hasBefore := c.optInt("before")
	pg := c.page()
	if err := c.check(); err != nil {
		return nil, err
	}
	in := func(list []int64, v int64) bool { return len(list) == 0 || slices.Contains(list, v) }
	found := st.liveIssues(func(is *Issue) bool {
		return is.FinishTime != 0 &&
			in(projects, is.ProjectID) && in(sprints, is.SprintID) && in(assignees, is.AssigneeID) &&
			(!hasAfter || is.FinishTime >= after) && (!hasBefore || is.FinishTime <= before)
	})
	slices.SortFunc(found, func(a, b *Issue) int {
		return -cmp.Or(cmp.Compare(a.FinishTime, b.FinishTime), cmp.Compare(a.ID, b.ID))
	})
	return paginate(found, pg, func(is *Issue) issueRow { return st.row(is) }), nil
}
