package importer

import (
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

// ReasonFrontMatter is the LeftOut reason of YAML front matter lines.
const ReasonFrontMatter = "front matter (page metadata), not part of the policy text"

// mdLine is one line of a Markdown input.
type mdLine struct {
	no    int
	raw   string
	level int    // heading level, 0 if not a heading
	title string // heading text as plain text
	skip  bool   // consumed (setext underline, front matter)
}

// atxHeading returns the level and the text of an ATX heading line
// ("## أولاً: المقدمة ##"), or 0.
func atxHeading(line string) (int, string) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || !strings.HasPrefix(t, "#") {
		return 0, ""
	}
	level := len(t) - len(strings.TrimLeft(t, "#"))
	if level > 6 {
		return 0, ""
	}
	rest := t[level:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return 0, ""
	}
	rest = strings.TrimSpace(rest)
	// closing sequence: " ##"
	if trimmed := strings.TrimRight(rest, "#"); trimmed != rest && (trimmed == "" || strings.HasSuffix(trimmed, " ")) {
		rest = strings.TrimSpace(trimmed)
	}
	return level, rest
}

func isFence(line string) bool {
	t := strings.TrimLeft(line, " ")
	return len(line)-len(t) < 4 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"))
}

func isSetextUnderline(line string, ch byte) bool {
	t := strings.TrimSpace(line)
	return len(line)-len(strings.TrimLeft(line, " ")) < 4 && t != "" && strings.Trim(t, string(ch)) == ""
}

// inlineParser is built once; goldmark parsers are safe for concurrent use.
var inlineParser = goldmark.New().Parser()

// plainText turns a line of inline Markdown into the text a reader sees:
// emphasis, code and link markup removed, escapes and entities resolved.
func plainText(md string) string {
	// md is inline content: a leading "1." "#" "-" "*" ">" is text, not a block
	md = strings.TrimSpace(md)
	if f := strings.Fields(md); len(f) > 0 {
		if f[0] == "*" {
			md = `\` + md
		} else {
			md = escapeBlockStart(f[0], f[0], md) + md[len(f[0]):]
		}
	}
	src := []byte(md)
	doc := inlineParser.Parse(text.NewReader(src))
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(resolveEscapes(b.String()))
}

// resolveEscapes resolves backslash escapes and character references the
// way a Markdown renderer does, in one pass ("\&amp;" stays "&amp;").
func resolveEscapes(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			i++
			b.WriteByte(s[i])
		case s[i] == '&' && isEntityAt(s[i+1:]):
			end := i + strings.IndexByte(s[i:], ';') + 1
			b.WriteString(html.UnescapeString(s[i:end]))
			i = end - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func importMarkdown(src string) Result {
	d := &draft{}
	lines := mdLines(src, d)
	titleAt, sectionLevel := mdStructure(lines)
	if sectionLevel == 0 && markLabelLines(lines, titleAt) {
		sectionLevel = 2
	}
	start := 0
	if titleAt >= 0 {
		d.title = lines[titleAt].title
		for i := 0; i < titleAt; i++ {
			if !lines[i].skip {
				d.leave(lines[i].no, strings.TrimSpace(lines[i].raw), ReasonChrome)
			}
		}
		start = titleAt + 1
	}
	mdNumbering(lines, sectionLevel, d)
	var body []string
	flush := func() {
		if b := strings.Trim(strings.Join(body, "\n"), "\n"); strings.TrimSpace(b) != "" {
			d.addBlock(b)
		}
		body = body[:0]
	}
	inSection := false
	for i := start; i < len(lines); i++ {
		l := lines[i]
		switch {
		case l.skip:
		case l.level > 0 && l.level <= sectionLevel:
			flush()
			inSection = true
			mdOpenSection(lines, i, d)
		case !inSection && d.date.IsZero() && strings.TrimSpace(l.raw) != "" && d.setDate(plainText(l.raw)):
			d.leave(l.no, strings.TrimSpace(l.raw), ReasonDate)
		default:
			body = append(body, l.raw)
		}
	}
	flush()
	return d.result(FormatMarkdown)
}

// mdLines splits the input, marks headings (outside fenced code) and front matter.
func mdLines(src string, d *draft) []mdLine {
	raw := strings.Split(src, "\n")
	lines := make([]mdLine, len(raw))
	for i, r := range raw {
		lines[i] = mdLine{no: i + 1, raw: r}
	}
	first := 0
	if strings.TrimSpace(raw[0]) == "---" {
		for j := 1; j < len(raw) && j < 100; j++ {
			if t := strings.TrimSpace(raw[j]); t == "---" || t == "..." {
				frontMatter(lines[:j+1], d)
				first = j + 1
				break
			}
		}
	}
	fenced := false
	for i := first; i < len(lines); i++ {
		r := lines[i].raw
		if isFence(r) {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		if level, t := atxHeading(r); level > 0 {
			lines[i].level, lines[i].title = level, plainText(t)
			continue
		}
		// setext: a paragraph line followed by === or ---
		if i+1 < len(lines) && strings.TrimSpace(r) != "" && parseListItem(strings.TrimSpace(r)) == nil &&
			(i == first || strings.TrimSpace(lines[i-1].raw) == "") {
			for level, ch := range map[int]byte{1: '=', 2: '-'} {
				if isSetextUnderline(lines[i+1].raw, ch) {
					lines[i].level, lines[i].title = level, plainText(strings.TrimSpace(r))
					lines[i+1].skip = true
				}
			}
		}
	}
	return lines
}

// frontMatter lists YAML front matter as left out, taking title and date from it.
func frontMatter(lines []mdLine, d *draft) {
	for i := range lines {
		lines[i].skip = true
		t := strings.TrimSpace(lines[i].raw)
		d.leave(lines[i].no, t, ReasonFrontMatter)
		key, value, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		value = strings.Trim(strings.TrimSpace(value), `"'`)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "title":
			d.title = value
		case "date", "lastmod", "last_updated", "updated":
			if tm, ok := numbering.ParseDate(value); ok {
				d.date = tm
			}
		}
	}
}

// mdStructure finds the title heading (the first level-1 heading before any
// other heading) and the level of section headings (the highest level used
// after the title).
func mdStructure(lines []mdLine) (titleAt, sectionLevel int) {
	titleAt = -1
	for i, l := range lines {
		if l.level > 0 && !l.skip {
			if l.level == 1 {
				titleAt = i
			}
			break
		}
	}
	sectionLevel = 7
	for i, l := range lines {
		if i != titleAt && l.level > 0 && l.level < sectionLevel {
			sectionLevel = l.level
		}
	}
	if sectionLevel == 7 {
		sectionLevel = 0
	}
	return titleAt, sectionLevel
}

// markLabelLines makes section headings of paragraph lines that start with
// an ordinal word label ("**أولاً: المقدمة**") in a Markdown file without
// section headings; it reports whether it found any.
func markLabelLines(lines []mdLine, titleAt int) bool {
	found, fenced := false, false
	for i := range lines {
		l := &lines[i]
		if isFence(l.raw) {
			fenced = !fenced
		}
		t := strings.TrimSpace(l.raw)
		if fenced || l.skip || l.level > 0 || i <= titleAt || t == "" || strings.HasPrefix(l.raw, "  ") || parseListItem(t) != nil {
			continue
		}
		if i > 0 && strings.TrimSpace(lines[i-1].raw) != "" {
			continue
		}
		if plain := plainText(t); plain != "" {
			if _, _, _, ok := wordLabel(plain); ok {
				l.level, l.title, found = 2, plain, true
			}
		}
	}
	return found
}

// mdNumbering chooses the page's numbering from its section headings.
func mdNumbering(lines []mdLine, level int, d *draft) {
	for _, l := range lines {
		if l.level == 0 || l.level > level {
			continue
		}
		if _, _, _, ok := wordLabel(l.title); ok {
			d.numbering = storage.NumberingOrdinal
			return
		}
		if item := parseListItem(l.title); item != nil && item.ordered && d.numbering == "" {
			d.numbering = storage.NumberingWestern
			if item.digits == "arabic-indic" {
				d.numbering = storage.NumberingArabicIndic
			}
		}
	}
}

// mdOpenSection opens the section of heading line i, taking its label off.
func mdOpenSection(lines []mdLine, i int, d *draft) {
	h := lines[i].title
	var n int
	var closing, labelled bool
	rest := h
	switch d.numbering {
	case storage.NumberingOrdinal:
		n, closing, rest, labelled = wordLabel(h)
	case storage.NumberingWestern, storage.NumberingArabicIndic:
		if item := parseListItem(h); item != nil && item.ordered {
			n, rest, labelled = item.number, item.content, true
		}
	}
	kind := storage.KindNumbered
	switch {
	case closing:
		kind = storage.KindClosing
	case !labelled && d.numbering != "" && d.numbering != storage.NumberingNone:
		if !hasNumbered(d) {
			kind = storage.KindIntro
		} else {
			d.warnings = append(d.warnings, fmt.Sprintf("heading %q on line %d has no number; it is numbered by its position", h, lines[i].no))
		}
	}
	if !labelled {
		rest = h
	}
	j := i + 1
	for j < len(lines) && (lines[j].skip || strings.TrimSpace(lines[j].raw) == "") {
		j++
	}
	bodyFollows := j < len(lines) && lines[j].level == 0
	if labelled && d.numbering == storage.NumberingOrdinal && restIsBody(rest, bodyFollows) {
		d.openSection(kind, "", n)
		d.addBlock(escapeLine(rest))
		return
	}
	d.openSection(kind, rest, n)
}

func hasNumbered(d *draft) bool {
	for _, s := range d.sections {
		if s.kind != storage.KindIntro {
			return true
		}
	}
	return false
}
