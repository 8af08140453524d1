package importer

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

// Reasons given in Result.LeftOut for plain text (and ReasonDate,
// ReasonChrome for every format).
const (
	ReasonChrome = "before the title: page chrome (menu, dialog or button text), not part of the policy"
	ReasonDate   = "last-updated line: the date is kept as the page's last-updated date"
	ReasonFooter = "after the policy: page footer (copyright line), not part of the policy"
)

// textLine is one input line of a plain-text page.
type textLine struct {
	no     int    // 1-based line number
	text   string // without leading and trailing whitespace
	indent int    // leading whitespace in columns (tab = 4)
	item   *listItem
}

// listItem is a line that starts with a list marker.
type listItem struct {
	ordered bool
	number  int    // typed number of an ordered item
	digits  string // "western" or "arabic-indic"
	content string
}

func splitLines(src string) []textLine {
	raw := strings.Split(src, "\n")
	lines := make([]textLine, len(raw))
	for i, r := range raw {
		t := strings.TrimSpace(r)
		indent := 0
		for _, c := range r {
			if c == '\t' {
				indent += 4
			} else if unicode.IsSpace(c) {
				indent++
			} else {
				break
			}
		}
		lines[i] = textLine{no: i + 1, text: t, indent: indent, item: parseListItem(t)}
	}
	return lines
}

// parseListItem recognises "1. …", "2) …", "١- …", "(3) …", "- …", "• …", "* …".
func parseListItem(t string) *listItem {
	r, size := utf8.DecodeRuneInString(t)
	if strings.ContainsRune("-•*·▪◦‣●○■□–", r) {
		rest := t[size:]
		if rest != "" && (rest[0] == ' ' || rest[0] == '\t') && strings.TrimSpace(rest) != "" {
			return &listItem{content: strings.TrimSpace(rest)}
		}
		return nil
	}
	if r != '(' && !unicode.IsDigit(r) {
		return nil
	}
	n, closing, rest, ok := numbering.ParseOrdinal(t)
	if !ok || closing || rest == "" {
		return nil
	}
	digits := "western"
	if strings.ContainsAny(t[:len(t)-len(rest)], "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹") {
		digits = "arabic-indic"
	}
	return &listItem{ordered: true, number: n, digits: digits, content: rest}
}

// heading is a line chosen as a section heading.
type heading struct {
	kind   storage.SectionKind
	number int
	text   string // the heading without its label
}

type textParser struct {
	lines    []textLine
	headings map[int]heading // by index in lines
	first    int             // index of the first heading, or len(lines)
	dateLine int             // index of the last-updated line, or -1
	footer   int             // index of the first footer line at the end, or len(lines)
	d        *draft
}

func importText(src string) Result {
	p := &textParser{lines: splitLines(src), d: &draft{}, dateLine: -1}
	p.findHeadings()
	p.findFooter()
	start := p.findTitle()
	p.build(start)
	for _, l := range p.lines[p.footer:] {
		p.d.leave(l.no, l.text, ReasonFooter)
	}
	return p.d.result(FormatText)
}

// wordLabel reports an ordinal-word label (أولاً:, ختاماً …) at the start of t.
func wordLabel(t string) (n int, closing bool, rest string, ok bool) {
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsLetter(r) {
		return 0, false, "", false
	}
	return numbering.ParseOrdinal(t)
}

// findHeadings chooses the section headings. If any line starts with an
// Arabic ordinal word label (أولاً: …, ختاماً …), those lines are the
// headings and numbered lines are list items. Otherwise numbered lines are
// headings when they look like one (see isDigitHeading).
func (p *textParser) findHeadings() {
	p.headings = map[int]heading{}
	for i, l := range p.lines {
		if l.indent >= 2 {
			continue
		}
		if n, closing, rest, ok := wordLabel(l.text); ok {
			kind := storage.KindNumbered
			if closing {
				kind = storage.KindClosing
			}
			p.headings[i] = heading{kind: kind, number: n, text: rest}
		}
	}
	if len(p.headings) > 0 {
		p.d.numbering = storage.NumberingOrdinal
	} else {
		last := 0
		for i, l := range p.lines {
			if p.isDigitHeading(i, last) {
				p.headings[i] = heading{kind: storage.KindNumbered, number: l.item.number, text: l.item.content}
				last = l.item.number
				p.d.numbering = storage.NumberingWestern
				if l.item.digits == "arabic-indic" {
					p.d.numbering = storage.NumberingArabicIndic
				}
			}
		}
	}
	if len(p.headings) == 0 {
		p.findPlainHeadings()
	}
	p.first = len(p.lines)
	for i := range p.headings {
		if i < p.first {
			p.first = i
		}
	}
}

// isDigitHeading tells a numbered heading ("1) المقدمة", "2. Definitions")
// from a numbered list item. A heading
//   - is not indented and has no unindented list item directly above or
//     below it (items of a list are consecutive lines);
//   - is short (at most 12 words, 100 characters) and does not end like a
//     sentence (. ; ، ! …); a question mark or colon is fine;
//   - is followed by a body, and the next non-blank line is not the next
//     number (then it is an item of a list with blank lines between items);
//   - continues the heading numbers: 1 first, then the next number (one
//     skipped number is accepted and reported as a warning).
func (p *textParser) isDigitHeading(i, last int) bool {
	l := p.lines[i]
	if l.item == nil || !l.item.ordered || l.indent >= 2 {
		return false
	}
	// items of the same list are consecutive lines at the same indentation;
	// an indented list right below is the body of a heading
	if i > 0 && p.lines[i-1].item != nil && p.lines[i-1].indent < 2 ||
		i+1 < len(p.lines) && p.lines[i+1].item != nil && p.lines[i+1].indent < 2 {
		return false
	}
	rest := l.item.content
	if len(strings.Fields(rest)) > 12 || utf8.RuneCountInString(rest) > 100 || endsSentence(rest) {
		return false
	}
	j := p.nextNonBlank(i + 1)
	if j < 0 {
		return false
	}
	if next := p.lines[j].item; next != nil && next.ordered && next.number == l.item.number+1 {
		return false
	}
	n := l.item.number
	return n == last+1 || last > 0 && n == last+2
}

// findPlainHeadings is for pages without numbers: a short line standing
// alone (blank lines around it) before a paragraph is a heading, when there
// are at least two of them after the first paragraph-like line. Such pages
// keep NumberingNone, so their headings show as typed.
func (p *textParser) findPlainHeadings() {
	var found []int
	for i := range p.lines {
		if p.isPlainHeading(i) {
			found = append(found, i)
		}
	}
	// the title (and chrome above it) may look like a heading too
	if len(found) > 0 {
		title, _ := p.pickTitle(found[0] + 1)
		for len(found) > 0 && found[0] <= title {
			found = found[1:]
		}
	}
	if len(found) < 2 {
		return
	}
	for _, i := range found {
		p.headings[i] = heading{kind: storage.KindNumbered, text: p.lines[i].text}
	}
}

func (p *textParser) isPlainHeading(i int) bool {
	l := p.lines[i]
	w := len(strings.Fields(l.text))
	if w == 0 || w > 8 || l.indent >= 2 || l.item != nil || endsSentence(l.text) || utf8.RuneCountInString(l.text) > 80 {
		return false
	}
	if i > 0 && p.lines[i-1].text != "" || i+1 < len(p.lines) && p.lines[i+1].text != "" {
		return false
	}
	if _, ok := numbering.ParseDate(l.text); ok {
		return false
	}
	j := p.nextNonBlank(i + 1)
	if j < 0 {
		return false
	}
	next := p.lines[j]
	return next.item != nil || len(strings.Fields(next.text)) > 8 || endsSentence(next.text)
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return strings.ContainsRune(".;؛,،!…", r)
}

func (p *textParser) nextNonBlank(i int) int {
	for ; i < len(p.lines); i++ {
		if p.lines[i].text != "" {
			return i
		}
	}
	return -1
}

var titleWords = []string{"سياسة", "الخصوصية", "شروط", "الشروط", "الاستخدام", "الأحكام", "اتفاقية", "إشعار", "ملفات تعريف الارتباط",
	"privacy", "policy", "terms", "conditions", "cookie", "agreement", "notice"}

// titleLike: 2–15 words, not a question, not a date, not a list item.
func titleLike(l textLine) bool {
	w := len(strings.Fields(l.text))
	if w < 2 || w > 15 || l.item != nil {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l.text)
	if strings.ContainsRune("?؟!:", r) {
		return false
	}
	_, isDate := numbering.ParseDate(l.text)
	return !isDate
}

func hasTitleWord(s string) bool {
	l := strings.ToLower(s)
	for _, w := range titleWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// pickTitle returns the indexes of the title and of the date line among
// the lines before limit (-1 when there is none).
func (p *textParser) pickTitle(limit int) (title, date int) {
	date = -1
	for i := 0; i < limit; i++ {
		l := p.lines[i]
		if l.text != "" && len(strings.Fields(l.text)) <= 12 {
			if _, ok := numbering.ParseDate(l.text); ok {
				date = i
				break
			}
		}
	}
	title = -1
	for i := 0; i < limit && title < 0; i++ {
		if i != date && titleLike(p.lines[i]) && hasTitleWord(p.lines[i].text) {
			title = i
		}
	}
	for i := date - 1; i >= 0 && title < 0; i-- {
		if p.lines[i].text == "" {
			continue
		}
		if titleLike(p.lines[i]) {
			title = i
		}
		break
	}
	for i := 0; i < limit && title < 0; i++ {
		if i != date && titleLike(p.lines[i]) {
			title = i
		}
	}
	return title, date
}

// findTitle finds the title and the date line before the first heading,
// lists the lines before the title as page chrome, and returns the index
// where the body starts.
//
// The title is the first title-like line (2–15 words, not a question)
// naming a policy (سياسة، الخصوصية، شروط، privacy, terms …); else the
// title-like line just above the last-updated line; else the first
// title-like line.
func (p *textParser) findTitle() int {
	title, date := p.pickTitle(min(p.first, p.footer))
	if date >= 0 {
		l := p.lines[date]
		p.d.setDate(l.text)
		p.dateLine = date
	}
	if title < 0 {
		p.d.warnings = append(p.d.warnings, "no title line found before the first section")
		return 0
	}
	for i := 0; i < title; i++ {
		reason := ReasonChrome
		if i == date {
			reason = ReasonDate
		}
		p.d.leave(p.lines[i].no, p.lines[i].text, reason)
	}
	p.d.title = p.lines[title].text
	return title + 1
}

// findFooter marks the copyright lines at the very end of the page.
func (p *textParser) findFooter() {
	p.footer = len(p.lines)
	low := p.first
	if low == len(p.lines) {
		low = 0
	}
	for i := len(p.lines) - 1; i > low; i-- {
		t := p.lines[i].text
		if t == "" {
			continue
		}
		if !isFooterLine(t) {
			break
		}
		p.footer = i
	}
}

func isFooterLine(t string) bool {
	l := strings.ToLower(t)
	return len(strings.Fields(t)) <= 15 && (strings.Contains(t, "©") || strings.Contains(l, "(c) ") ||
		strings.Contains(l, "all rights reserved") || strings.Contains(t, "حقوق") && strings.Contains(t, "محفوظة") ||
		strings.HasPrefix(l, "powered by"))
}

// build turns the lines from start on into sections.
func (p *textParser) build(start int) {
	for i := start; i < p.footer; {
		l := p.lines[i]
		switch {
		case l.text == "":
			i++
		case i == p.dateLine:
			if i >= start {
				p.d.leave(l.no, l.text, ReasonDate)
			}
			i++
		case p.isHeading(i):
			p.openHeading(i)
			i++
		case l.item != nil:
			i = p.list(i)
		default:
			i = p.paragraph(i)
		}
	}
}

func (p *textParser) isHeading(i int) bool {
	_, ok := p.headings[i]
	return ok
}

// openHeading opens the section of heading line i. A label followed by a
// whole sentence (ختاماً: أنت وحدك المسؤول …) is a section without heading
// text whose body is that sentence.
func (p *textParser) openHeading(i int) {
	h := p.headings[i]
	j := p.nextNonBlank(i + 1)
	bodyFollows := j >= 0 && !p.isHeading(j)
	text := h.text
	if p.d.numbering == storage.NumberingOrdinal && restIsBody(text, bodyFollows) {
		p.d.openSection(h.kind, "", h.number)
		p.d.addBlock(escapeLine(text))
		return
	}
	p.d.openSection(h.kind, text, h.number)
}

// restIsBody: the text after a label reads as a paragraph, not a heading.
func restIsBody(rest string, bodyFollows bool) bool {
	w := len(strings.Fields(rest))
	return w > 20 || w >= 12 && endsSentence(rest) || !bodyFollows && w >= 6
}

// paragraph collects consecutive plain lines into one Markdown paragraph
// and returns the index after it. Lines wrapped by hand (all but the last
// long and of similar length) are joined by soft breaks; other line breaks
// (short lines copied from a page: "أ- …", an address) stay as hard breaks.
func (p *textParser) paragraph(i int) int {
	var lines, raw []string
	for ; i < p.footer; i++ {
		l := p.lines[i]
		if l.text == "" || l.item != nil || p.isHeading(i) || i == p.dateLine {
			break
		}
		lines = append(lines, escapeLine(l.text))
		raw = append(raw, l.text)
	}
	sep := "\\\n"
	if wrapped(raw) {
		sep = "\n"
	}
	p.d.addBlock(strings.Join(lines, sep))
	return i
}

// wrapped: every line but the last has at least 50 characters and is at
// most 15 characters shorter than the longest, as text wrapped at a width.
func wrapped(lines []string) bool {
	if len(lines) < 2 {
		return true
	}
	longest := 0
	for _, l := range lines {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	for _, l := range lines[:len(lines)-1] {
		if n := utf8.RuneCountInString(l); n < 50 || n < longest-15 {
			return false
		}
	}
	return true
}

// list collects a list: consecutive item lines (blank lines between items
// are allowed when the next item continues the list), nested by
// indentation, with indented continuation lines. Ordered items keep their
// typed numbers, bullets become "- ".
func (p *textParser) list(i int) int {
	type level struct{ indent, width int }
	var stack []level
	var out []string
	prefix := func() string {
		n := 0
		for _, l := range stack[:len(stack)-1] {
			n += l.width
		}
		return strings.Repeat(" ", n)
	}
	var prev *listItem
	for i < p.footer {
		l := p.lines[i]
		if p.isHeading(i) || i == p.dateLine {
			break
		}
		if l.text == "" {
			j := p.nextNonBlank(i)
			if j < 0 || j >= p.footer || p.lines[j].item == nil || p.isHeading(j) || !continues(prev, p.lines[j].item) && p.lines[j].indent <= stack[0].indent {
				break
			}
			i = j
			continue
		}
		if l.item == nil {
			// a continuation line of the previous item, or the end of the list
			if len(stack) == 0 || l.indent <= stack[0].indent || p.lines[i-1].text == "" {
				break
			}
			out = append(out, prefix()+strings.Repeat(" ", stack[len(stack)-1].width)+escapeLine(l.text))
			i++
			continue
		}
		for len(stack) > 1 && l.indent < stack[len(stack)-1].indent {
			stack = stack[:len(stack)-1]
		}
		marker := "- "
		if l.item.ordered {
			marker = strconv.Itoa(l.item.number) + ". "
		}
		switch {
		case len(stack) == 0:
			stack = append(stack, level{l.indent, len(marker)})
		case l.indent > stack[len(stack)-1].indent:
			stack = append(stack, level{l.indent, len(marker)})
		default:
			stack[len(stack)-1].width = len(marker)
		}
		out = append(out, prefix()+marker+escapeLine(l.item.content))
		prev = l.item
		i++
	}
	p.d.addBlock(strings.Join(out, "\n"))
	return i
}

// continues: next is the next item of the list prev belongs to.
func continues(prev, next *listItem) bool {
	if prev == nil || next == nil || prev.ordered != next.ordered {
		return false
	}
	return !prev.ordered || next.number == prev.number+1
}
