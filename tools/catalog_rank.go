package tools

import (
	"cmp"
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// Ranking for leiga_search_tools: BM25F over four weighted fields of each
// tool (name, title, description, parameter names), the request's words
// expanded by the synonym table (catalog_words.go), scaled by how much of
// the tool's name or title the request covers. Then intent: a workflow
// tool, which takes names, is preferred to an endpoint tool, and never
// ranks below a tool that says to prefer it; a request that only reads
// puts reads first, one that only writes writes; a tool that deletes
// never comes first unless the request asks to delete, remove or disable.
// The index is built once per Reach; ranking is deterministic (ties keep
// registration order) and takes well under a millisecond.

// Field weights: a word in the name counts most, one among the parameter
// names least.
const (
	weightName        = 3.0
	weightTitle       = 2.5
	weightDescription = 1.0
	weightParams      = 0.75

	// weightSynonym is what a synonym counts for against a word of the
	// request; weightSame is for a word that means exactly the same.
	weightSynonym = 0.5
	weightSame    = 1.0

	// nameCoverage is the share of a tool's score that depends on how
	// many of its name's words the request holds.
	nameCoverage = 0.4

	// BM25 saturation and length normalisation.
	bm25K1 = 1.2
	bm25B  = 0.5

	// preferWorkflow multiplies a workflow tool's score; demoteDelete a
	// deleting tool's when the request does not ask to delete.
	preferWorkflow = 1.25
	demoteDelete   = 0.5
	// demoteOtherEffect multiplies the score of a write for a request
	// that only reads, and of a read for one that only writes.
	demoteOtherEffect = 0.7
)

// toolDoc is one tool as the index holds it: weighted term frequencies
// over its fields, and the tool its description says to prefer.
type toolDoc struct {
	tool   *toolkit.Tool
	tf     map[string]float64
	length float64
	prefer string
	name   []string // the distinct terms of the name
	title  []string // the distinct terms of the title
}

// toolIndex is the search index of one Reach.
type toolIndex struct {
	docs   []toolDoc
	idf    map[string]float64
	avgLen float64
}

// rankedTool is a tool and its score for one request.
type rankedTool struct {
	tool  *toolkit.Tool
	score float64
}

// buildToolIndex indexes list; it is the builder given to Reach.Index.
func buildToolIndex(list []*toolkit.Tool) any {
	ix := &toolIndex{idf: map[string]float64{}}
	df := map[string]int{}
	total := 0.0
	names := map[string]bool{}
	for _, t := range list {
		names[t.Name] = true
	}
	for _, t := range list {
		d := toolDoc{tool: t, tf: map[string]float64{}}
		add := func(terms []string, w float64) {
			for _, term := range terms {
				d.tf[term] += w
				d.length += w
			}
		}
		name := catalogTerms(t.Name)
		for i, term := range name {
			if alias, ok := nameAliasOf[term]; ok {
				name[i] = alias
			}
		}
		d.name = slices.Compact(slices.Sorted(slices.Values(name)))
		add(name, weightName)
		title := catalogTerms(t.Title)
		d.title = slices.Compact(slices.Sorted(slices.Values(title)))
		add(title, weightTitle)
		// Another tool named in a description says where an id comes
		// from or what to use instead, not what this tool does.
		add(catalogTerms(toolNameRef.ReplaceAllStringFunc(t.Description, func(n string) string {
			if names[n] {
				return ""
			}
			return n
		})), weightDescription)
		if m := preferRef.FindStringSubmatch(t.Description); m != nil && names[m[1]] {
			d.prefer = m[1]
		}
		for _, p := range paramNames(t) {
			add(catalogTerms(p), weightParams)
		}
		for term := range d.tf {
			df[term]++
		}
		total += d.length
		ix.docs = append(ix.docs, d)
	}
	n := float64(len(list))
	for term, k := range df {
		ix.idf[term] = math.Log(1 + (n-float64(k)+0.5)/(float64(k)+0.5))
	}
	if len(list) > 0 {
		ix.avgLen = total / n
	}
	return ix
}

var (
	// toolNameRef finds tool names in a text.
	toolNameRef = regexp.MustCompile(`\b[a-z][a-z0-9]*(_[a-z0-9]+)+\b`)
	// preferRef finds "Prefer create_issue" in a tool's description: the
	// tool that does its job better.
	preferRef = regexp.MustCompile(`\bPrefer ([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`)
)

// pagingParams are the parameters that say how a list is paged or
// shaped, not what a tool does.
var pagingParams = setOf("pageNumber", "pageSize", "page", "page_size", "fields", "dry_run")

// paramNames are the top-level property names of a tool's input schema,
// paging and shaping parameters left out.
func paramNames(t *toolkit.Tool) []string {
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(t.Schema(), &s); err != nil {
		return nil
	}
	names := make([]string, 0, len(s.Properties))
	for p := range s.Properties {
		if !pagingParams[p] {
			names = append(names, p)
		}
	}
	slices.Sort(names)
	return names
}

// rank scores every tool keep accepts against the request, best first,
// leaving out tools that match nothing.
func (ix *toolIndex) rank(request string, keep func(*toolkit.Tool) bool) []rankedTool {
	q := parseRequest(request)
	for _, n := range properNouns(request) {
		if _, known := ix.idf[n]; !known {
			// A name no tool knows is most likely a person's: "add
			// Alice to the project".
			for _, t := range []string{"member", "user"} {
				q.terms[t] = max(q.terms[t], weightSynonym)
			}
		}
	}
	var out []rankedTool
	for _, d := range ix.docs {
		if !keep(d.tool) {
			continue
		}
		s := ix.score(d, q.terms)
		if s <= 0 {
			continue
		}
		if d.tool.Endpoint == nil && d.tool.Toolset != toolkit.ToolsetCatalog {
			s *= preferWorkflow
		}
		if d.tool.Effect == toolkit.Delete && !q.deleting {
			s *= demoteDelete
		}
		if (q.reading && !d.tool.ReadOnly()) || (q.writing && d.tool.ReadOnly()) {
			s *= demoteOtherEffect
		}
		if q.oneIssue && manyAtOnce(d.tool) {
			s *= demoteOtherEffect
		}
		out = append(out, rankedTool{d.tool, s})
	}
	slices.SortStableFunc(out, func(a, b rankedTool) int { return cmp.Compare(b.score, a.score) })
	// A tool whose description says to prefer another (an endpoint tool
	// naming its workflow tool) never outranks it: they do the same job.
	// The preferred tool moves up to just before it.
	for _, d := range ix.docs {
		if d.prefer == "" {
			continue
		}
		i := slices.IndexFunc(out, func(r rankedTool) bool { return r.tool.Name == d.tool.Name })
		j := slices.IndexFunc(out, func(r rankedTool) bool { return r.tool.Name == d.prefer })
		if i >= 0 && j > i {
			w := out[j]
			copy(out[i+1:j+1], out[i:j])
			out[i] = w
		}
	}
	if !q.deleting {
		// However high it scored, a deletion is never the first answer
		// to a request that does not ask for one.
		if i := slices.IndexFunc(out, func(r rankedTool) bool { return r.tool.Effect != toolkit.Delete }); i > 0 {
			first := out[i]
			copy(out[1:i+1], out[:i])
			out[0] = first
		}
	}
	return out
}

// manyAtOnce says whether a tool changes many things in one call (its
// name says bulk or batch): a request about one issue does not want it.
func manyAtOnce(t *toolkit.Tool) bool {
	return strings.Contains(t.Name, "bulk") || strings.Contains(t.Name, "batch")
}

// score is the BM25F score of one tool for the weighted request terms,
// scaled by how much of its name they cover.
func (ix *toolIndex) score(d toolDoc, terms map[string]float64) float64 {
	norm := bm25K1 * (1 - bm25B + bm25B*d.length/ix.avgLen)
	s := 0.0
	for term, w := range terms {
		tf := d.tf[term]
		if tf == 0 {
			continue
		}
		s += w * ix.idf[term] * tf * (bm25K1 + 1) / (tf + norm)
	}
	// A tool whose name or title the request covers does what it asks;
	// one whose name and title hold words the request does not (subtask,
	// v2) is about something more.
	covered := max(coverage(d.name, terms), coverage(d.title, terms))
	return s * (1 - nameCoverage + nameCoverage*covered)
}

// coverage is the share of words that terms holds.
func coverage(words []string, terms map[string]float64) float64 {
	if len(words) == 0 {
		return 0
	}
	n := 0
	for _, w := range words {
		if terms[w] > 0 {
			n++
		}
	}
	return float64(n) / float64(len(words))
}

// request is a parsed search request: its terms with their weights, and
// what it asks to do: delete something, only read, or only write.
type request struct {
	terms                      map[string]float64
	deleting, reading, writing bool
	// oneIssue: the request names one issue by number (ABC-1).
	oneIssue bool
}

// parseRequest cuts a request into weighted terms: its own words count
// 1, words of a known phrase are replaced by their meaning, synonyms add
// the words tools use at a lower weight.
func parseRequest(text string) request {
	r := request{terms: map[string]float64{}}
	add := func(term string, w float64) {
		if w > r.terms[term] {
			r.terms[term] = w
		}
	}
	ws, one := requestWords(text)
	r.oneIssue = one
	if one {
		// A request about one issue wants the tools that get or change
		// one issue, not lists.
		add(foldWord("get"), weightSynonym)
	}
	reads, writes, many := false, false, false
	intent := func(word string) {
		many = many || manyIntent[word]
		r.deleting = r.deleting || deleteIntent[word]
		reads = reads || readIntent[word]
		writes = writes || writeIntent[word] || deleteIntent[word]
	}
	for i := 0; i < len(ws); i++ {
		if i+1 < len(ws) {
			if meaning, ok := phrases[foldWord(ws[i])+" "+foldWord(ws[i+1])]; ok {
				intent(ws[i])
				for _, m := range meaning {
					add(foldWord(m), 1)
					intent(m)
				}
				i++
				continue
			}
		}
		w := ws[i]
		term := foldWord(w)
		intent(w)
		if catalogStopwords[w] {
			continue
		}
		add(term, 1)
		syns, ok := synonymsOf[w]
		if !ok {
			syns = synonymsOf[term]
		}
		for _, syn := range syns {
			add(syn.term, syn.weight)
		}
	}
	r.reading, r.writing = reads && !writes, writes && !reads
	if many && writes && !one {
		// "move all open bugs to the next sprint": one change to many
		// issues.
		add(foldWord("bulk"), 1)
	}
	return r
}

// manyIntent are the words that ask for a change to many things at once.
var manyIntent = map[string]bool{"all": true, "every": true, "each": true, "bulk": true}

// nameAliasOf is nameAliases folded.
var nameAliasOf = func() map[string]string {
	out := make(map[string]string, len(nameAliases))
	for w, alias := range nameAliases {
		out[foldWord(w)] = foldWord(alias)
	}
	return out
}()

// phrases is catalogPhrases keyed by folded words.
var phrases = func() map[string][]string {
	out := make(map[string][]string, len(catalogPhrases))
	for p, meaning := range catalogPhrases {
		a, b, _ := strings.Cut(p, " ")
		out[foldWord(a)+" "+foldWord(b)] = meaning
	}
	return out
}()

// synonym is one folded synonym and its weight.
type synonym struct {
	term   string
	weight float64
}

// synonymsOf is catalogSynonyms and catalogSame with folded values, keyed
// by the word as written and by its folded form: a word finds its own
// entry first ("mentioning"), then its stem's ("mentions").
var synonymsOf = foldSynonyms()

func foldSynonyms() map[string][]synonym {
	out := map[string][]synonym{}
	put := func(w string, s synonym) {
		out[w] = append(out[w], s)
		if f := foldWord(w); f != w {
			if _, own := catalogSynonyms[f]; !own {
				out[f] = append(out[f], s)
			}
		}
	}
	for w, syns := range catalogSynonyms {
		for _, s := range syns {
			put(w, synonym{foldWord(s), weightSynonym})
		}
	}
	for _, group := range catalogSame {
		for _, w := range group {
			for _, s := range group {
				if s != w {
					put(w, synonym{foldWord(s), weightSame})
				}
			}
		}
	}
	return out
}
