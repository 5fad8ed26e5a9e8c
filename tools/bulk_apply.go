package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// Writing a bulk update: issues of one project and type that take
// identical data go in one batch request, the others one request each.
// Writes run one after another and are never retried here (the client
// does not retry writes either): a write whose outcome is unknown stops
// the run, so that the result says exactly what changed, what did not,
// and what must be read back.

// bulkWrite is one request: a batch for several issues, or one update.
type bulkWrite struct {
	items []*bulkItem
}

// batch reports whether the write goes through the batch endpoint.
func (w bulkWrite) batch() bool { return len(w.items) > 1 }

// route is the write's request line.
func (w bulkWrite) route() string {
	if w.batch() {
		return endpoints.IssueBatchUpdate.String()
	}
	return endpoints.IssueUpdate.String()
}

// numbers are the write's issues.
func (w bulkWrite) numbers() []string {
	out := make([]string, len(w.items))
	for i, it := range w.items {
		out[i] = it.is.Number
	}
	return out
}

// groupWrites puts the items that share project, type and data into one
// write each, in the order their first issue was selected.
func groupWrites(items []*bulkItem) ([]bulkWrite, error) {
	var writes []bulkWrite
	index := map[string]int{}
	for _, it := range items {
		data, err := json.Marshal(it.data)
		if err != nil {
			return nil, err
		}
		key := fmt.Sprintf("%d/%d/%s", it.is.ProjectID, it.is.TypeID, data)
		if i, ok := index[key]; ok {
			writes[i].items = append(writes[i].items, it)
			continue
		}
		index[key] = len(writes)
		writes = append(writes, bulkWrite{items: []*bulkItem{it}})
	}
	return writes, nil
}

// bulkOutcome is what applying a plan did to each issue.
type bulkOutcome struct {
	changed      []bulkRow
	failed       []bulkRow // Leiga refused the write: not changed
	unknown      []bulkRow // no clear answer: may or may not have changed
	notAttempted []bulkRow // not sent, after a failure stopped the run
	stopped      error     // the failure that stopped the run
	requests     int
}

// applyWrites sends the writes one by one. A refusal of some issues
// (Leiga said no) is recorded and the run goes on; a failure whose outcome
// is unknown (timeout, network, 5xx) or that will fail every write
// (credentials) stops it, and the rest is reported as not attempted.
func applyWrites(ctx context.Context, d *toolkit.Deps, writes []bulkWrite) bulkOutcome {
	var out bulkOutcome
	for i, w := range writes {
		out.requests++
		rows, err := send(ctx, d, w)
		if err != nil {
			reason := toolkit.CleanMessage(err.Error())
			if definite(err) {
				for _, it := range w.items {
					out.failed = append(out.failed, withReason(it.row(), reason))
				}
				if !stops(err) {
					continue
				}
			} else {
				for _, it := range w.items {
					out.unknown = append(out.unknown, withReason(it.row(), reason+": it may or may not have been applied; read it back (get_issue) before trying again"))
				}
			}
			out.stopped = err
			for _, rest := range writes[i+1:] {
				for _, it := range rest.items {
					out.notAttempted = append(out.notAttempted, it.row())
				}
			}
			return out
		}
		for _, it := range w.items {
			switch r, ok := rows[it.is.ID]; {
			case !ok:
				out.unknown = append(out.unknown, withReason(it.row(), "Leiga accepted the batch but did not say whether this issue changed; read it back (get_issue)"))
			case r.Success:
				out.changed = append(out.changed, it.row())
			default:
				out.failed = append(out.failed, withReason(it.row(), "Leiga refused it: "+toolkit.CleanMessage(string(r.FailureReason))))
			}
		}
	}
	return out
}

// batchRow is a row of Leiga's batch-update answer.
type batchRow struct {
	IssueID       endpoints.Int  `json:"issueId"`
	Success       bool           `json:"success"`
	FailureReason endpoints.Text `json:"failureReason"` // null on success
}

// send makes one write and returns each issue's outcome by id. A single
// update that Leiga accepted succeeded.
func send(ctx context.Context, d *toolkit.Deps, w bulkWrite) (map[int64]batchRow, error) {
	out := map[int64]batchRow{}
	if !w.batch() {
		it := w.items[0]
		if _, err := endpoints.Call(ctx, d.API, endpoints.IssueUpdate, schemas.IssueUpdate{ID: it.is.ID, Data: it.data}); err != nil {
			return nil, err
		}
		out[it.is.ID] = batchRow{IssueID: endpoints.Int(it.is.ID), Success: true}
		return out, nil
	}
	first := w.items[0]
	in := schemas.IssueBatchUpdate{ProjectID: first.is.ProjectID, IssueTypeID: first.is.TypeID, Data: first.data}
	for _, it := range w.items {
		in.IssueIDs = append(in.IssueIDs, it.is.ID)
	}
	raw, err := endpoints.Call(ctx, d.API, endpoints.IssueBatchUpdate, in)
	if err != nil {
		return nil, err
	}
	var rows []batchRow
	if json.Unmarshal(raw, &rows) != nil {
		return out, nil // every issue's outcome is unknown
	}
	for _, r := range rows {
		if slices.Contains(in.IssueIDs, int64(r.IssueID)) {
			out[int64(r.IssueID)] = r
		}
	}
	return out, nil
}

// definite reports whether a failed write certainly changed nothing:
// Leiga answered and said no. Timeouts, network failures, server errors
// and unreadable answers leave the outcome unknown.
func definite(err error) bool {
	e, ok := leigaapi.AsError(err)
	if !ok {
		return false
	}
	switch e.Kind {
	case leigaapi.KindEnvelope, leigaapi.KindAuth:
		return true
	case leigaapi.KindHTTP:
		return e.HTTPStatus < 500
	}
	return false
}

// stops reports whether a refusal will refuse every later write too:
// rejected credentials, or too many requests.
func stops(err error) bool {
	e, _ := leigaapi.AsError(err)
	return leigaapi.IsAuthFailure(err) || e != nil && e.HTTPStatus == 429
}

// withReason returns row with a reason.
func withReason(row bulkRow, reason string) bulkRow {
	row.Reason = reason
	return row
}
