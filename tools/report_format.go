package tools

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
)

// Numbers and issues in the reports: story points read defensively,
// numbers with at most one decimal, counts with their nouns, issues by
// number in natural order.

// reportRound rounds to two decimals.
func reportRound(v float64) float64 { return math.Round(v*100) / 100 }

// reportNum renders a number with at most one decimal.
func reportNum(v float64) string { return fmt.Sprint(math.Round(v*10) / 10) }

// reportPoints renders story points: "16 points", "1 point".
func reportPoints(v float64) string {
	if v == 1 {
		return "1 point"
	}
	return reportNum(v) + " points"
}

// reportCount renders a count with its noun: "1 issue", "5 issues".
func reportCount[N int | int64](n N, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// issueName is an issue's number (ABC-12), or #id without one.
func issueName(is endpoints.Issue) string {
	return cmp.Or(is.Number, "#"+strconv.FormatInt(is.ID, 10))
}

// byIssueNumber orders issue names by project key, then by number
// (MOBILE-5 before MOBILE-13); what follows a name, such as " (date)", is
// compared last.
func byIssueNumber(a, b string) int {
	split := func(s string) (string, int, string) {
		key, rest, _ := strings.Cut(s, "-")
		end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if end < 0 {
			end = len(rest)
		}
		n, _ := strconv.Atoi(rest[:end])
		return key, n, rest[end:]
	}
	ka, na, ra := split(a)
	kb, nb, rb := split(b)
	return cmp.Or(cmp.Compare(ka, kb), cmp.Compare(na, nb), cmp.Compare(ra, rb))
}

// maxIssuePoints bounds a believable estimate: beyond it (or negative, or
// not a number) an issue counts as not estimated, so that one absurd value
// cannot overflow a sum.
const maxIssuePoints = 1e6

// issuePoints is an issue's story points, 0 when not estimated or absurd.
func issuePoints(is endpoints.Issue) float64 {
	v := is.Points.Value
	if !(v > 0 && v <= maxIssuePoints) {
		return 0
	}
	return v
}
