// Package document turns a policy page (storage.Page with Markdown section
// bodies) into a flat list of blocks that a text view can lay out one by one:
// title, last-updated line, numbered headings, paragraphs and list items, each
// with its own direction, list marker, indent and inline style spans.
//
// It is pure: no Fyne, no I/O. Markdown is parsed with goldmark (parse only,
// the dialect the publisher uses: CommonMark, GFM tables and strikethrough)
// and the AST is walked.
// Section numbers come from data (storage/numbering), never from typed text.
package document

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

// Kind is the role of a block.
type Kind int

// Block kinds.
const (
	KindParagraph Kind = iota
	KindTitle          // the page title
	KindHeading        // a section heading (Level 2) or a heading inside a body (Level 3+)
	KindListItem       // one item of a list; the marker is in ListMarker
	KindMeta           // the last-updated line
	KindCode           // a fenced or indented code block, always LTR
	KindTableRow       // one row of a table, cells separated by " | " (header cells bold)
)

func (k Kind) String() string {
	switch k {
	case KindTitle:
		return "title"
	case KindHeading:
		return "heading"
	case KindListItem:
		return "item"
	case KindMeta:
		return "meta"
	case KindCode:
		return "code"
	case KindTableRow:
		return "row"
	}
	return "paragraph"
}

// Isolate controls put around LTR islands (inline code) so that bidi keeps
// them left to right inside RTL text. Layout must not draw them (they are
// default-ignorable and zero-width).
const (
	LRI = '\u2066' // LEFT-TO-RIGHT ISOLATE
	PDI = '\u2069' // POP DIRECTIONAL ISOLATE
)

// Span styles the runes [Start, End) of a block's Text.
type Span struct {
	Start, End int
	Bold       bool
	Italic     bool
	Strike     bool // ~~struck through~~
	Code       bool
	Link       string // URL when the span is (part of) a link
	// Highlight is a background behind the span's glyphs (a word a diff
	// inserted or deleted); views take its colour from their theme.
	Highlight Highlight
}

// Highlight names the background a span is drawn on. It says what the
// text is, not a colour, so that each view picks colours that read well
// in its theme (light or dark); a highlight never carries the meaning
// alone: diffs also make insertions bold and strike deletions through.
type Highlight uint8

// Highlights.
const (
	HighlightNone     Highlight = iota
	HighlightInserted           // text a change added
	HighlightDeleted            // text a change removed
	HighlightMarked             // text to look at (a finding, a match)
	NumHighlights               // how many kinds there are, none included
)

// Block is one paragraph-like unit laid out on its own.
type Block struct {
	Kind  Kind
	Level int // heading level: title 1, section headings 2, body headings 3–6; list nesting depth (1 = top) for items
	// Dir is the block's paragraph direction: the direction of its first
	// strong character, or the page direction when it has none.
	Dir storage.Direction
	// ListMarker is "1." / "١." for ordered items (digits per page numbering
	// style), "•" for bullets, "" otherwise.
	ListMarker string
	// Indent is how many levels the block is indented (nested lists, quotes).
	Indent int
	// Quote is how many block quotes the block is inside (0 = none).
	Quote int
	Text  []rune
	Spans []Span // sorted, non-overlapping; runes outside spans are plain
	// LabelLen is how many runes at the start of Text are the section
	// numbering label and its separator ("أولاً: "), for headings numbered
	// from data; views draw them in the accent colour as the published page does.
	LabelLen int
}

// String is a compact debug form used by tests: kind, dir, marker and text.
func (b Block) String() string {
	s := fmt.Sprintf("%s/%s", b.Kind, b.Dir)
	if b.ListMarker != "" {
		s += " [" + b.ListMarker + "]"
	}
	if b.Indent > 0 {
		s += fmt.Sprintf(" >%d", b.Indent)
	}
	return s + " " + string(b.Text)
}

// Doc is a laid-out-ready page: its direction, language and blocks in order.
type Doc struct {
	Dir    storage.Direction
	Lang   string
	Blocks []Block
}

// FromPage builds the document of a page: title, last-updated line (when the
// date is set), then every section's numbered heading and Markdown body.
// It returns an error (wrapping ErrInvalidUTF8, naming the section) only
// when a section body is not valid UTF-8.
func FromPage(p storage.Page) (Doc, error) {
	dir := storage.PageDir(p)
	d := Doc{Dir: dir, Lang: storage.PageLang(p)}
	if t := strings.TrimSpace(p.Title); t != "" {
		d.Blocks = append(d.Blocks, plainBlock(KindTitle, 1, t, dir))
	}
	if line := numbering.LastUpdatedLine(p); line != "" {
		d.Blocks = append(d.Blocks, plainBlock(KindMeta, 0, line, dir))
	}
	for i, label := range numbering.Labels(p.Numbering, p.Sections) {
		s := p.Sections[i]
		if h, labelLen := sectionHeading(p.Numbering, label, s.Heading); h != "" {
			b := plainBlock(KindHeading, 2, h, dir)
			b.LabelLen = labelLen
			d.Blocks = append(d.Blocks, b)
		}
		blocks, err := parseMarkdown(s.Body, dir, orderedDigits(p.Numbering))
		if err != nil {
			return Doc{}, fmt.Errorf("section %d: %w", s.Position, err)
		}
		d.Blocks = append(d.Blocks, blocks...)
	}
	return d, nil
}

// FromMarkdown builds the document of a Markdown text alone with dir as the
// default direction. Ordered list markers use Western digits. It returns
// ErrInvalidUTF8 for text that is not valid UTF-8.
func FromMarkdown(md string, dir storage.Direction) (Doc, error) {
	dir = pageDir(dir)
	blocks, err := parseMarkdown(md, dir, western)
	if err != nil {
		return Doc{}, err
	}
	return Doc{Dir: dir, Blocks: blocks}, nil
}

// pageDir is the direction of a text shown alone with d as its default:
// the page rule (storage.PageDir) for a page of the default language.
func pageDir(d storage.Direction) storage.Direction { return storage.PageDir(storage.Page{Dir: d}) }

// sectionHeading is the heading shown for a section: numbering label,
// separator and typed heading (numbering.Heading), for example
// "أولاً: أهمية …", and the length in runes of the label with its
// separator (of the label alone when there is no typed heading).
func sectionHeading(style storage.NumberingStyle, label, heading string) (string, int) {
	h := numbering.Heading(style, label, heading)
	switch {
	case label == "":
		return h, 0
	case strings.TrimSpace(heading) == "":
		return h, utf8.RuneCountInString(label)
	}
	return h, utf8.RuneCountInString(label + numbering.Separator(style))
}

func plainBlock(k Kind, level int, text string, pageDir storage.Direction) Block {
	r := []rune(text)
	return Block{Kind: k, Level: level, Dir: blockDir(r, pageDir), Text: r}
}
