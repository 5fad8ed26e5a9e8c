package schemas

// Default paging values applied when a list call leaves them out.
const (
	DefaultPageNumber = 1
	DefaultPageSize   = 20
	MaxPageSize       = 100
)

// Paging is embedded in every paged list input. Leiga counts pages from 1.
type Paging struct {
	PageNumber int `json:"pageNumber,omitempty" jsonschema:"minimum=1" jsonschema_description:"Page, from 1 (default 1)"`
	PageSize   int `json:"pageSize,omitempty" jsonschema:"minimum=1,maximum=100" jsonschema_description:"Rows per page (default 20)"`
	// Fields is not sent to Leiga: it selects the row fields of the result.
	Fields []string `json:"fields,omitempty" jsonschema_description:"Only these row fields in the result"`
}

// ViewFields returns the row fields the caller wants in the result.
func (p Paging) ViewFields() []string { return p.Fields }

// ViewOnly lists input fields that shape the result and are never sent upstream.
var ViewOnly = []string{"fields"}

// ApplyDefaults fills in the page and page size a call left out.
func (p *Paging) ApplyDefaults() {
	if p.PageNumber == 0 {
		p.PageNumber = DefaultPageNumber
	}
	if p.PageSize == 0 {
		p.PageSize = DefaultPageSize
	}
}

// Defaulter is implemented by inputs that fill in defaults after decoding.
type Defaulter interface {
	ApplyDefaults()
}

// PageInfo returns the paging of an input that embeds Paging.
func (p Paging) PageInfo() Paging { return p }

// View is embedded in the inputs of lists whose paging no source documents
// (labour records, the trash): they take only the result-shaping fields,
// and Leiga's own page comes back as it is.
type View struct {
	// Fields is not sent to Leiga: it selects the row fields of the result.
	Fields []string `json:"fields,omitempty" jsonschema_description:"Only these row fields in the result"`
}

// ViewFields returns the row fields the caller wants in the result.
func (v View) ViewFields() []string { return v.Fields }
