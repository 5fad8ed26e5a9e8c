package tools

import (
	"regexp"
	"strings"
	"unicode"
)

// The words of leiga_search_tools: how a request and a tool's texts are cut
// into comparable terms (word boundaries, camelCase and snake_case split,
// stopwords dropped, inflections folded) and the small synonym table that
// maps a user's words onto the words Leiga's tools use.

// catalogStopwords carry no meaning in a request for a tool. Words that
// select a tool ("my", "who", "new") are not stopwords: the synonym
// table maps them.
var catalogStopwords = setOf(
	"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "by",
	"into", "onto", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
	"those", "there", "here", "what", "which", "how", "do", "does", "did", "can", "could", "should",
	"would", "will", "i", "we", "you", "please", "want", "need", "some", "someone", "something",
	"any", "all", "one", "s", "t", "via", "using", "so", "than", "then", "have", "has", "had", "let",
	"up", "out", "now", "just", "our", "their", "his", "her", "them",
)

// setOf is a set of words.
func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// words splits text into lower-case words on every boundary: spaces,
// punctuation, snake_case underscores and camelCase humps
// ("issueNumber" → issue, number; "ABC-123" → abc, 123).
func words(text string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, r := range text {
		switch {
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			cur = append(cur, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		default:
			flush()
		}
		prev = r
	}
	flush()
	return out
}

var (
	// issueKey matches an issue number such as ABC-123.
	issueKey = regexp.MustCompile(`\b[A-Za-z][A-Za-z0-9]*-[0-9]+\b`)
	// upperKey matches an upper-case key such as MOBILE.
	upperKey = regexp.MustCompile(`\b[A-Z][A-Z0-9]+\b`)
)

// withoutKeys blanks the keys in a text (ABC-123, MOBILE): they name
// things in Leiga, not what a tool does. A text all in capitals keeps
// its words.
func withoutKeys(text, issue string) string {
	text = issueKey.ReplaceAllString(text, issue)
	if strings.ToUpper(text) == text {
		return text
	}
	return upperKey.ReplaceAllString(text, " ")
}

// properNoun matches a capitalised word that does not start the text:
// in a request, the name of a person (Alice) or of a thing (Sprint).
var properNoun = regexp.MustCompile(`[^.!?\s]\s+([A-Z][a-z]+)\b`)

// properNouns are the folded capitalised words inside a request.
func properNouns(text string) []string {
	var out []string
	for _, m := range properNoun.FindAllStringSubmatch(text, -1) {
		out = append(out, foldWord(strings.ToLower(m[1])))
	}
	return out
}

// requestWords are the words of a request, and whether it names an
// issue by number: an issue number reads as "issue number".
func requestWords(text string) (ws []string, issueNumber bool) {
	return words(withoutKeys(text, " issue number ")), issueKey.MatchString(text)
}

// catalogTerms are the terms of a tool's text: its words without keys
// and stopwords, each folded by foldWord.
func catalogTerms(text string) []string {
	var out []string
	for _, w := range words(withoutKeys(text, " ")) {
		if !catalogStopwords[w] {
			out = append(out, foldWord(w))
		}
	}
	return out
}

// foldWord folds the inflections a request and a tool text differ by, the
// same way on both sides: plural s, -ies, -ing, -ed and a final e
// (issues, issue → issu; deleted, delete → delet; logging, logs → log;
// statuses, status → status). The result is a key, not a word.
func foldWord(w string) string {
	if len(w) <= 3 || !isLatin(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ied"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ing") && len(w) >= 6:
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) >= 5:
		w = undouble(w[:len(w)-2])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// undouble drops the doubled consonant an -ing or -ed adds (logging → log,
// planned → plan) but keeps the ones the word has (add, call, pass).
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("dlsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

// isLatin reports whether w is made of ASCII letters and digits only: the
// folding rules are English ones.
func isLatin(w string) bool {
	for _, r := range w {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// catalogPhrases are two-word requests that mean something else than
// their words: replaced by the words Leiga's tools use. They match any
// inflection of their words (work logs, work logging).
var catalogPhrases = map[string][]string{
	"look for":   {"search"},
	"file a":     {"create", "issue"},
	"file an":    {"create", "issue"},
	"set up":     {"create", "add"},
	"thumbs up":  {"sticker", "reaction"},
	"clean up":   {"remove"},
	"sign off":   {"done"},
	"who is":     {"member"},
	"who are":    {"member"},
	"work on":    {"my", "assigned"},
	"to do":      {"my"},
	"work log":   {"labour", "record", "work", "log"},
	"bug report": {"issue"},
	"open work":  {"workload", "open"},
	"most work":  {"workload"},
}

// catalogSynonyms maps a request's word onto the words tools use for the
// same thing. A synonym counts for less than a word of the request.
var catalogSynonyms = map[string][]string{
	"busy":         {"workload", "assignee"},
	"capacity":     {"workload"},
	"overloaded":   {"workload"},
	"burndown":     {"sprint", "report"},
	"assign":       {"assignee", "update"},
	"reassign":     {"assignee", "update"},
	"move":         {"sprint", "status", "update"},
	"drop":         {"remove", "delete"},
	"erase":        {"remove", "delete"},
	"find":         {"search", "get", "list"},
	"search":       {"find", "list"},
	"look":         {"search", "get"},
	"lookup":       {"search", "get"},
	"mentioning":   {"search", "text"},
	"about":        {"search", "text"},
	"regarding":    {"search", "text"},
	"show":         {"get", "list"},
	"view":         {"get", "list"},
	"see":          {"get", "list"},
	"read":         {"get", "list"},
	"display":      {"get", "list"},
	"detail":       {"get"},
	"info":         {"get", "detail"},
	"close":        {"status", "done", "update"},
	"resolve":      {"status", "done", "update"},
	"finish":       {"status", "done", "update"},
	"complete":     {"status", "done", "update"},
	"done":         {"status", "update"},
	"reopen":       {"status", "update"},
	"comment":      {"reply"},
	"reply":        {"comment"},
	"respond":      {"reply", "comment"},
	"note":         {"comment"},
	"log":          {"labour", "work", "hours"},
	"spent":        {"labour", "work", "log", "hours"},
	"spend":        {"labour", "work", "log", "hours"},
	"hour":         {"labour", "work", "log"},
	"minute":       {"labour", "work", "log", "hours"},
	"time":         {"labour", "work", "log"},
	"worklog":      {"labour", "work", "log"},
	"timesheet":    {"labour", "work", "log"},
	"release":      {"version"},
	"milestone":    {"version"},
	"ship":         {"release", "version"},
	"backlog":      {"search", "sprint"},
	"me":           {"my"},
	"mine":         {"my"},
	"plate":        {"my"},
	"todo":         {"my"},
	"create":       {"add"},
	"add":          {"create"},
	"new":          {"create", "add"},
	"make":         {"create", "add"},
	"report":       {"create"},
	"raise":        {"create"},
	"bug":          {"issue", "type"},
	"task":         {"issue"},
	"story":        {"issue"},
	"ticket":       {"issue"},
	"card":         {"issue"},
	"edit":         {"update"},
	"change":       {"update"},
	"modify":       {"update"},
	"set":          {"update"},
	"rename":       {"update", "name"},
	"who":          {"member", "user"},
	"people":       {"member", "user"},
	"person":       {"member", "user"},
	"everyone":     {"member", "user"},
	"team":         {"member"},
	"teammate":     {"member", "user"},
	"colleague":    {"member", "user"},
	"company":      {"organization", "org"},
	"deactivate":   {"disable"},
	"suspend":      {"disable"},
	"reactivate":   {"enable"},
	"activate":     {"enable"},
	"link":         {"relationship", "relation", "associate"},
	"relate":       {"relationship", "relation"},
	"related":      {"relationship", "relation"},
	"depend":       {"relationship", "relation"},
	"block":        {"relationship", "relation"},
	"unlink":       {"remove", "relationship", "disassociate"},
	"restore":      {"trash"},
	"undelete":     {"restore", "trash"},
	"recover":      {"restore", "trash"},
	"bin":          {"trash"},
	"iteration":    {"sprint"},
	"initiative":   {"epic"},
	"kind":         {"type"},
	"permission":   {"role"},
	"hook":         {"webhook"},
	"callback":     {"webhook"},
	"notification": {"msg", "message"},
	"notify":       {"msg", "message"},
	"inbox":        {"msg", "message"},
	"mention":      {"msg", "message"},
	"unread":       {"msg", "message", "read"},
	"attach":       {"file", "bind"},
	"attachment":   {"file"},
	"screenshot":   {"file", "upload"},
	"image":        {"file"},
	"picture":      {"file"},
	"document":     {"file"},
	"doc":          {"file"},
	"upload":       {"file"},
	"download":     {"file"},
	"react":        {"sticker", "reaction"},
	"reaction":     {"sticker"},
	"emoji":        {"sticker", "reaction"},
	"bulk":         {"batch"},
	"many":         {"batch"},
	"several":      {"batch"},
	"multiple":     {"batch"},
	"batch":        {"bulk"},
	"estimate":     {"point"},
	"due":          {"date"},
	"deadline":     {"due", "date"},
	"overdue":      {"due", "search"},
	"transition":   {"next", "state", "status"},
	"subscribe":    {"event"},
	"event":        {"webhook"},
	"stuck":        {"search", "status"},
	"blocked":      {"search", "status"},
}

// readIntent and writeIntent are request verbs, as written, that ask
// only to read or to change something; a request with both is neither.
// Nouns that are also verbs (comment, log, release, file) are in neither,
// and participles (attached, deleted) describe rather than ask.
var (
	readIntent = setOf("list", "show", "get", "view", "see", "find", "search", "look", "what", "which",
		"who", "display", "read", "browse", "where", "open", "check", "lookup", "whose")
	writeIntent = setOf("create", "add", "new", "make", "update", "change", "edit", "set", "move", "assign",
		"reassign", "close", "resolve", "finish", "complete", "reopen", "reply", "archive", "unarchive",
		"upload", "attach", "link", "rename", "restore", "enable", "mark", "react", "raise", "put", "give",
		"start", "schedule", "modify", "invite", "clear", "unassign")
)

// deleteIntent are request verbs, as written, that ask to delete, remove
// or disable something: only then may a destructive tool rank first.
var deleteIntent = setOf("delete", "remove", "disable", "deactivate", "drop", "erase", "purge", "destroy",
	"discard", "unlink", "detach", "kick", "revoke", "uninstall", "wipe", "suspend")

// catalogSame are groups of words that mean exactly the same to Leiga:
// each counts as fully as the word of the request.
var catalogSame = [][]string{
	{"delete", "remove"},
	{"label", "tag"},
	{"organisation", "organization", "org"},
	{"status", "state"},
	{"member", "user"},
	{"labour", "work"},
}

// nameAliases are the words of Leiga's endpoint names that mean another
// word in a request: a "page" endpoint lists things.
var nameAliases = map[string]string{"page": "list"}
