package tools

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// Fields by their display name ("Severity": "Major", "Estimate": "4h"),
// resolved through the issue type's fields: options by name, members by
// name or "me", dates as words, numbers (hours accept 2h, 90m).

// setByName resolves fields by display name into fp. clearable lets
// "none" empty a field.
func (fp *fieldPlan) setByName(ctx context.Context, r *resolve.Resolver, p resolve.Ref, typeID int64, fields map[string]any, clearable bool) {
	if len(fields) == 0 {
		return
	}
	defs, err := r.Fields(ctx, p.ID, typeID)
	if err != nil {
		fp.fail(fmt.Errorf("fields: %w", err))
		return
	}
	cands := make([]resolve.Ref, 0, len(defs))
	for i, f := range defs {
		cands = append(cands, resolve.Ref{ID: int64(i + 1), Name: f.Name, Aliases: []string{f.Code}})
	}
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		ref, err := resolve.Match("field", "of this issue type", name, cands)
		if err != nil {
			fp.fail(fmt.Errorf("fields: %w", err))
			continue
		}
		def := defs[ref.ID-1]
		label := "fields." + def.Name
		value := fields[name]
		fp.mu.Lock()
		fp.codes[label] = def.Code
		fp.mu.Unlock()
		if s, ok := value.(string); ok && clearable && isClear(s) {
			fp.put(def.Code, label, nil, "none")
			continue
		}
		v, shown, err := fieldValue(ctx, r, p, def, value)
		if err != nil {
			fp.fail(fmt.Errorf("fields.%s: %w", def.Name, err))
			continue
		}
		fp.put(def.Code, label, v, shown)
	}
}

// fieldValue reads one value for a field: the value Leiga takes and the
// name it stands for.
func fieldValue(ctx context.Context, r *resolve.Resolver, p resolve.Ref, def endpoints.FieldInfo, value any) (any, any, error) {
	control := strings.ToLower(def.Control)
	texts := valueTexts(value)
	switch {
	case len(def.Options) > 0:
		opts := make([]resolve.Ref, 0, len(def.Options))
		for _, o := range def.Options {
			opts = append(opts, resolve.Ref{ID: o.ID, Name: o.Name})
		}
		var ids []int64
		var names []string
		for _, t := range texts {
			o, err := resolve.Match("option", "of "+def.Name, t, opts)
			if err != nil {
				return nil, nil, err
			}
			ids, names = append(ids, o.ID), append(names, o.Name)
		}
		if def.Multiple {
			return ids, names, nil
		}
		if len(ids) != 1 {
			return nil, nil, fmt.Errorf("takes one option, got %d", len(ids))
		}
		return ids[0], names[0], nil
	case strings.Contains(control, "member"):
		var ids []int64
		var names []string
		for _, t := range texts {
			u, err := r.Member(ctx, p, t)
			if err != nil {
				return nil, nil, err
			}
			ids, names = append(ids, u.ID), append(names, u.Name)
		}
		if strings.HasSuffix(control, "members") || def.Multiple {
			return ids, names, nil
		}
		if len(ids) != 1 {
			return nil, nil, fmt.Errorf("takes one member, got %d", len(ids))
		}
		return ids[0], names[0], nil
	case strings.Contains(control, "date"):
		if len(texts) != 1 {
			return nil, nil, fmt.Errorf("takes one date")
		}
		ms, err := resolve.DateMillis(texts[0], r.Now(), r.Location())
		if err != nil {
			return nil, nil, err
		}
		return ms, resolve.FormatDate(ms, r.Location()), nil
	case strings.Contains(control, "number") || strings.Contains(control, "labour") || strings.Contains(def.Code, "Labour") || strings.Contains(def.Code, "Point"):
		if len(texts) != 1 {
			return nil, nil, fmt.Errorf("takes one number")
		}
		n, ok := toolkit.Hours(texts[0])
		if !ok {
			return nil, nil, fmt.Errorf("want a number (hours may be 2h, 90m or 1h30m), got %q", texts[0])
		}
		return n, n, nil
	}
	if len(texts) != 1 {
		return nil, nil, fmt.Errorf("takes one text")
	}
	return texts[0], texts[0], nil
}

// valueTexts reads a value as one or more texts.
func valueTexts(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, valueTexts(e)...)
		}
		return out
	case string:
		return []string{x}
	case nil:
		return nil
	}
	return []string{fmt.Sprint(v)}
}
