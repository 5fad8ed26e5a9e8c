package tools

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"issue_get_by_issue_number", []string{"issue", "get", "by", "issue", "number"}},
		{"customFiledIds", []string{"custom", "filed", "ids"}},
		{"What's on my plate?", []string{"what", "s", "on", "my", "plate"}},
		{"remove, move", []string{"remove", "move"}},
		{"v2 看板", []string{"v2", "看板"}},
	}
	for _, tt := range tests {
		if got := words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldWord(t *testing.T) {
	// Each group folds to one key; words of different groups do not meet.
	groups := [][]string{
		{"issue", "issues"},
		{"delete", "deleted", "deletes", "deleting"},
		{"log", "logs", "logging", "logged"},
		{"status", "statuses"},
		{"release", "released", "releases"},
		{"add", "added", "adds"},
		{"entry", "entries"},
		{"plan", "planned", "planning"},
		{"message", "messages"},
		{"move", "moved", "moving"},
		{"remove"},
		{"class"},
		{"tag", "tags"},
	}
	seen := map[string]string{}
	for _, g := range groups {
		key := foldWord(g[0])
		for _, w := range g {
			if got := foldWord(w); got != key {
				t.Errorf("foldWord(%q) = %q, want %q like %q", w, got, key, g[0])
			}
		}
		if other, dup := seen[key]; dup {
			t.Errorf("%q and %q fold to the same key %q", g[0], other, key)
		}
		seen[key] = g[0]
	}
	for _, w := range []string{"看板", "bus", "me", "a"} {
		if got := foldWord(w); got != w {
			t.Errorf("foldWord(%q) = %q, want it unchanged", w, got)
		}
	}
}

func TestCatalogTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Issue detail by its number, e.g. ABC-123.", []string{"issu", "detail", "number", "e", "g"}},
		{"Project detail by its key (e.g. MOBILE).", []string{"project", "detail", "key", "e", "g"}},
		{"LIST ALL PROJECTS", []string{"list", "project"}},
	}
	for _, tt := range tests {
		if got := catalogTerms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("catalogTerms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseRequest(t *testing.T) {
	tests := []struct {
		in                         string
		terms                      map[string]float64 // a subset of the terms
		absent                     []string
		deleting, reading, writing bool
	}{
		{in: "move WEB-14 to Sprint 13",
			terms:  map[string]float64{"mov": 1, "issu": 1, "number": 1, "sprint": 1, "updat": weightSynonym, "status": weightSynonym},
			absent: []string{"web", "14", "to"}, writing: true},
		{in: "comment on issue", terms: map[string]float64{"comment": 1, "issu": 1, "reply": weightSynonym}, absent: []string{"on"}},
		{in: "look for tickets mentioning checkout",
			terms: map[string]float64{"search": 1, "ticket": 1, "issu": weightSynonym, "text": weightSynonym}, absent: []string{"look", "msg"}, reading: true},
		{in: "unread mentions", terms: map[string]float64{"msg": weightSynonym, "mention": 1}},
		{in: "delete the webhook", terms: map[string]float64{"delet": 1, "remov": weightSame, "webhook": 1}, deleting: true, writing: true},
		{in: "restore a deleted issue from the trash", terms: map[string]float64{"restor": 1, "trash": 1}, writing: true},
		{in: "show the comments on an issue", terms: map[string]float64{"show": 1, "get": weightSynonym, "list": weightSynonym}, reading: true},
		{in: "list work logs of the project", terms: map[string]float64{"list": 1, "labour": 1, "record": 1, "project": 1}, reading: true},
		{in: "label", terms: map[string]float64{"label": 1, "tag": weightSame}},
		{in: "what did the team finish", terms: map[string]float64{"finish": 1}},
		{in: "what's on my plate", terms: map[string]float64{"my": 1, "plat": 1}, reading: true},
		{in: "list files attached to ABC-3", terms: map[string]float64{"fil": 1, "attach": 1}, absent: []string{"creat"}, reading: true},
	}
	for _, tt := range tests {
		r := parseRequest(tt.in)
		for term, w := range tt.terms {
			if r.terms[term] != w {
				t.Errorf("%q: term %q weighs %v, want %v (terms %v)", tt.in, term, r.terms[term], w, r.terms)
			}
		}
		for _, term := range tt.absent {
			if _, ok := r.terms[term]; ok {
				t.Errorf("%q: has term %q (terms %v)", tt.in, term, r.terms)
			}
		}
		if r.deleting != tt.deleting || r.reading != tt.reading || r.writing != tt.writing {
			t.Errorf("%q: deleting, reading, writing = %v, %v, %v; want %v, %v, %v", tt.in,
				r.deleting, r.reading, r.writing, tt.deleting, tt.reading, tt.writing)
		}
	}
}

func TestProperNouns(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"add Alice to the project", []string{"alic"}},
		{"Add issues to an epic", nil},
		{"move WEB-14 to Sprint 13", []string{"sprint"}},
	}
	for _, tt := range tests {
		if got := properNouns(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("properNouns(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Every synonym and phrase meaning is a word some tool uses: a synonym no
// tool holds only dilutes the request.
func TestSynonymsReachTools(t *testing.T) {
	ix := buildToolIndex(testRegistry().Tools()).(*toolIndex)
	for w, syns := range synonymsOf {
		for _, s := range syns {
			if _, ok := ix.idf[s.term]; !ok {
				t.Errorf("synonym %s → %s: no tool uses %q", w, s.term, s.term)
			}
		}
	}
	for p, meaning := range catalogPhrases {
		for _, m := range meaning {
			if _, ok := ix.idf[foldWord(m)]; !ok {
				t.Errorf("phrase %q → %s: no tool uses it", p, m)
			}
		}
	}
	for w := range nameAliases {
		if _, ok := ix.idf[foldWord(nameAliases[w])]; !ok {
			t.Errorf("name alias %s → %s: no tool uses it", w, nameAliases[w])
		}
	}
}
