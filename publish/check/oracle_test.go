package check

// The implementation of the checks before they were made fast, kept as the
// oracle that TestEquivalent and FuzzEquivalent compare Page with. Generated
// from commit 179de79 by renaming its unexported names old*.

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/qalam/policyeditor/storage"
)

// ---- from check.go ----

// Page runs every check (or those of opt.Only) on p and returns the
// findings in page order: title and date first, then section by section,
// field by field, by position.
func oldPage(p storage.Page, opt Options) []Finding {
	var out []Finding
	out = append(out, oldPageFindings(p, opt.today())...)
	out = append(out, oldTextFindings(p.Title, -1, FieldTitle, p.Dir, p.Lang)...)
	for i, s := range p.Sections {
		if oldIsBlank(s.Body) {
			out = append(out, Finding{Check: EmptySection, Severity: Error, Section: i, Field: FieldBody,
				Line: 1, Col: 1, Key: EmptySection})
		}
		out = append(out, oldTextFindings(s.Heading, i, FieldHeading, p.Dir, p.Lang)...)
		out = append(out, oldHeadingFindings(s.Heading, i)...)
		out = append(out, oldTextFindings(s.Body, i, FieldBody, p.Dir, p.Lang)...)
	}
	out = append(out, oldDuplicateHeadings(p.Sections)...)
	if len(opt.Only) > 0 {
		out = slices.DeleteFunc(out, func(f Finding) bool { return !slices.Contains(opt.Only, f.Check) })
	}
	oldSortFindings(out)
	return out
}

func oldSortFindings(fs []Finding) {
	order := map[Field]int{FieldTitle: 0, FieldDate: 1, FieldHeading: 2, FieldBody: 3}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Section != b.Section {
			return a.Section - b.Section
		}
		if a.Field != b.Field {
			return order[a.Field] - order[b.Field]
		}
		return a.Offset - b.Offset
	})
}

func oldFixOf(s string) *string { return &s }

// ---- from hamza.go ----

const (
	oldHamzaBelow = 'إ'
	oldBareAlif   = 'ا'
)

var oldProclitics = func() map[string]bool {
	m := map[string]bool{}
	for _, a := range []string{"", "و", "ف"} {
		for _, b := range []string{"", "ب", "ل", "ك"} {
			m[a+b] = true
			if b == "ل" {
				m[a+"لل"] = true
			} else {
				m[a+b+"ال"] = true
			}
		}
	}
	return m
}()

var oldSuffixes = func() map[string]bool {
	pron := []string{"ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ي"}
	m := map[string]bool{}
	for _, s := range []string{"", "ة", "ات", "ي", "ية", "يات", "يين", "يون", "ان", "ين", "ا", "يا"} {
		m[s] = true
	}
	for _, base := range []string{"", "ات", "ت", "يت", "ا", "ي", "يات"} {
		for _, p := range pron {
			m[base+p] = true
		}
	}
	return m
}()

var oldWaslWords = map[string]bool{
	"اتصال": true, "اتفاق": true, "اتحاد": true, "اتجاه": true, "اتضاح": true, "اتساع": true,
	"اتزان": true, "اتكال": true, "اتقاء": true, "اتسام": true, "اتهام": true, "اتخاذ": true,
	"اتعاظ": true, "اتكاء": true, "اتقاد": true, "اتساق": true, "اتصاف": true, "اتباع": true,
	"اتئاد": true, "اتجار": true, "ادعاء": true, "ادخار": true, "ادكار": true, "اذكار": true,
	"اطراد": true, "اطمئنان": true, "اطراح": true, "اضطلاع": true,
	"اسم": true, "ابن": true, "ابنة": true, "امرأة": true, "امرؤ": true,
	"اثنان": true, "اثنين": true, "اثنتان": true, "اثنتين": true, "اثنا": true, "اثنتا": true,
}

var oldContextWords = map[string]bool{"اطلاع": true}

var oldAlaForms = map[string]bool{"على": true, "عليه": true, "عليها": true, "عليهم": true, "عليهما": true,
	"عليهن": true, "عليك": true, "عليكم": true, "عليكما": true, "عليكن": true, "علينا": true, "علي": true}

// radical reports whether r can be a root letter in these patterns.
func oldRadical(r rune) bool {
	return oldIsArabicLetter(r) && !strings.ContainsRune("اأإآىة", r)
}

// waslStems returns the lengths of the prefixes of s (starting with إ)
// that are a form VII, VIII or X verbal noun; hollow reports those that
// must be followed by the feminine ending (ة, or ت before a pronoun).
// One spelling can fit two forms: إستلام is form VIII of سلم, and its
// first six letters also have the shape of a hollow form X stem.
func oldWaslStems(s []rune) (n []int, hollow []bool) {
	add := func(k int, h bool) { n, hollow = append(n, k), append(hollow, h) }

	if len(s) >= 7 && s[1] == 'س' && s[2] == 'ت' && oldRadical(s[3]) && oldRadical(s[4]) && s[5] == oldBareAlif && oldRadical(s[6]) {
		add(7, false)
	}

	if len(s) >= 6 && oldRadical(s[1]) && oldRadical(s[2]) && oldRadical(s[3]) && s[4] == oldBareAlif && oldRadical(s[5]) {
		c1, c2 := s[1], s[2]
		if c1 == 'ن' || c2 == 'ت' ||
			(strings.ContainsRune("صضطظ", c1) && c2 == 'ط') ||
			(strings.ContainsRune("دذز", c1) && c2 == 'د') {
			add(6, false)
		}
	}

	if len(s) >= 6 && s[1] == 'س' && s[2] == 'ت' && oldRadical(s[3]) && s[4] == oldBareAlif && oldRadical(s[5]) {
		add(6, true)
	}
	return n, hollow
}

var oldNotWasl = map[string]bool{"إستراليا": true, "إستونيا": true, "إستانبول": true, "إستوكهولم": true, "إسترلينية": true, "إسترليني": true}

// waslNoun reports whether stem (a skeleton starting with إ, without
// proclitics) is a wasl noun, and whether it needs على after it.
func oldWaslNoun(stem []rune) (match, needsAla bool) {
	if oldNotWasl[string(stem)] {
		return false, false
	}
	ns, hollow := oldWaslStems(stem)
	for k, n := range ns {
		rest := string(stem[n:])
		if !oldSuffixes[rest] {
			continue
		}
		if !hollow[k] || strings.HasPrefix(rest, "ة") || strings.HasPrefix(rest, "ات") || strings.HasPrefix(rest, "ت") {
			return true, false
		}
	}
	for n := len(stem); n >= 3; n-- {
		base := string(oldBareAlif) + string(stem[1:n])
		if !oldSuffixes[string(stem[n:])] {
			continue
		}
		if oldWaslWords[base] {
			return true, false
		}
		if oldContextWords[base] && n == len(stem) {
			return true, true
		}
	}
	return false, false
}

type oldWord struct {
	start, end int
	skel       []rune
	offs       []int
}

func oldInArabicWord(r rune) bool { return oldIsArabicLetter(r) || oldIsHaraka(r) || r == oldTatweel }

// nextArabicWord returns the bounds of the first run of Arabic letters,
// tashkeel and tatweel at or after i, and whether it has an إ; start is
// len(text) when there is none.
func oldNextArabicWord(text string, i int) (start, end int, hamza bool) {
	start = len(text)
	for k, r := range text[i:] {
		if oldInArabicWord(r) {
			start = i + k
			break
		}
	}
	end = start
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if !oldInArabicWord(r) {
			break
		}
		hamza = hamza || r == oldHamzaBelow
		end += n
	}
	return start, end, hamza
}

// skeleton fills w's letters and their offsets.
func oldSkeleton(text string, start, end int) oldWord {
	w := oldWord{start: start, end: end}
	for i, r := range text[start:end] {
		if r != oldTatweel && oldIsArabicLetter(r) {
			w.skel = append(w.skel, r)
			w.offs = append(w.offs, start+i)
		}
	}
	return w
}

// checkHamza flags إ written on a hamzat al-wasl. The fix writes ا.
func (f *oldField) checkHamza() {
	for i := 0; i < len(f.text); {
		start, end, hamza := oldNextArabicWord(f.text, i)
		i = end
		if !hamza || f.protected(start) {
			continue
		}
		f.hamzaWord(oldSkeleton(f.text, start, end))
	}
}

func (f *oldField) hamzaWord(w oldWord) {
	h := slices.Index(w.skel, oldHamzaBelow)
	if h < 0 || !oldProclitics[string(w.skel[:h])] {
		return
	}
	match, needsAla := oldWaslNoun(w.skel[h:])
	if !match {
		return
	}
	if needsAla {
		ns, ne, _ := oldNextArabicWord(f.text, w.end)
		if ns == len(f.text) || !oldOnlySpaceBetween(f.text[w.end:ns]) || !oldAlaForms[string(oldSkeleton(f.text, ns, ne).skel)] {
			return
		}
	}
	at := w.offs[h]
	fixed := f.text[w.start:at] + string(oldBareAlif) + f.text[at+utf8.RuneLen(oldHamzaBelow):w.end]
	f.add(HamzatWasl, Warning, w.start, w.end, map[string]string{"word": f.text[w.start:w.end], "fix": fixed}, oldFixOf(fixed))
}

func oldOnlySpaceBetween(s string) bool { return strings.TrimSpace(s) == "" }

// ---- from structure.go ----

// isBidiControl reports the explicit directional formatting characters and
// the implicit marks.
func oldIsBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// needsMark reports whether r next to an implicit mark (LRM, RLM, ALM)
// is one a number or a Latin name may need it for.
func oldNeedsMark(r rune) bool { return unicode.IsDigit(r) || oldIsLatinLetter(r) }

// checkBidi flags embeddings, overrides and isolates anywhere (the renderer
// isolates LTR islands itself) and implicit marks that are not next to a
// number or a Latin name. The fix deletes the character.
func (f *oldField) checkBidi() {
	for i, r := range f.text {
		if !oldIsBidiControl(r) {
			continue
		}
		end := i + utf8.RuneLen(r)
		if r == 0x200E || r == 0x200F || r == 0x061C {
			prev, _ := utf8.DecodeLastRuneInString(f.text[:i])
			next, _ := utf8.DecodeRuneInString(f.text[end:])
			if oldNeedsMark(prev) || oldNeedsMark(next) {
				continue
			}
		}
		f.add(BidiControl, Error, i, end, map[string]string{"char": fmt.Sprintf("U+%04X", r), "name": oldBidiName(r)}, oldFixOf(""))
	}
}

func oldBidiName(r rune) string {
	names := map[rune]string{0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
		0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI", 0x200E: "LRM", 0x200F: "RLM", 0x061C: "ALM"}
	return names[r]
}

// checkLinks validates the e-mail and URL tokens found by protectLinks.
func (f *oldField) checkLinks() {
	for _, l := range f.links {
		tok := f.text[l.start:l.end]
		ok := oldValidURL(tok)
		if l.kind == MalformedEmail {
			ok = oldValidEmail(strings.TrimPrefix(strings.TrimPrefix(tok, "mailto:"), "MAILTO:"))
		}
		if !ok {
			f.add(l.kind, Error, l.start, l.end, map[string]string{"text": tok}, nil)
		}
	}
}

func oldValidEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return false
	}
	for _, c := range local {
		if !(oldIsASCIIAlnum(c) || strings.ContainsRune("._%+-!#$&*=~", c)) {
			return false
		}
	}
	if q := strings.IndexAny(domain, "?#"); q >= 0 {
		domain = domain[:q]
	}
	return oldValidHost(domain, 2)
}

// validHost checks a domain name of at least minLabels labels whose last
// label (the top-level domain) is two or more letters.
func oldValidHost(h string, minLabels int) bool {
	labels := strings.Split(h, ".")
	if len(labels) < minLabels {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range l {
			if !oldIsASCIIAlnum(c) && c != '-' {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 {
		return false
	}
	for _, c := range tld {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

func oldValidURL(s string) bool {
	lower := strings.ToLower(s)
	rest, minLabels := "", 2
	switch {
	case strings.HasPrefix(lower, "https://"):
		rest = s[len("https://"):]
	case strings.HasPrefix(lower, "http://"):
		rest = s[len("http://"):]
	case strings.HasPrefix(lower, "www."):
		rest, minLabels = s, 3
	default:
		return false
	}
	host := rest
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		port := host[i+1:]
		if port == "" || strings.TrimFunc(port, unicode.IsDigit) != "" {
			return false
		}
		host = host[:i]
	}
	if strings.HasPrefix(strings.ToLower(host), "www.") {
		minLabels = 3
	}
	return oldValidHost(host, minLabels)
}

func oldIsASCIIAlnum(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

var oldCloserOf = map[rune]rune{'(': ')', '[': ']', '«': '»', '“': '”', '{': '}'}

// checkBrackets flags a bracket or quote without its partner, paragraph by
// paragraph (a blank line closes everything). Straight double quotes pair
// in order. List markers such as "1)" at a line start are not brackets.
func (f *oldField) checkBrackets() {
	type open struct {
		r   rune
		off int
	}
	var stack []open
	quote := -1
	flush := func() {
		for _, o := range stack {
			f.add(Unbalanced, Error, o.off, o.off+utf8.RuneLen(o.r), map[string]string{"char": string(o.r), "want": string(oldCloserOf[o.r])}, nil)
		}
		if quote >= 0 {
			f.add(Unbalanced, Error, quote, quote+1, map[string]string{"char": `"`, "want": `"`}, nil)
		}
		stack, quote = stack[:0], -1
	}
	lineStart, skip := true, 0
	for i, r := range f.text {
		if i < skip {
			continue
		}
		if r == '\n' {
			if lineStart {
				flush()
			}
			lineStart = true
			continue
		}
		if lineStart {
			if n := f.listMarker(i); n > 0 {
				lineStart, skip = false, i+n
				continue
			}
		}
		if r != ' ' && r != '\t' {
			lineStart = false
		}
		if f.protected(i) {
			continue
		}
		switch r {
		case '(', '[', '«', '“', '{':
			stack = append(stack, open{r, i})
		case ')', ']', '»', '”', '}':
			if n := len(stack); n > 0 && oldCloserOf[stack[n-1].r] == r {
				stack = stack[:n-1]
				continue
			}
			f.add(Unbalanced, Error, i, i+utf8.RuneLen(r), map[string]string{"char": string(r), "want": string(oldOpenerOf(r))}, nil)
		case '"':
			if quote >= 0 {
				quote = -1
			} else {
				quote = i
			}
		}
	}
	flush()
}

func oldOpenerOf(c rune) rune {
	for o, cl := range oldCloserOf {
		if cl == c {
			return o
		}
	}
	return 0
}

// listMarker returns the length of a list marker like "1)" at i (after
// the line's indentation), 0 when there is none.
func (f *oldField) listMarker(i int) int {
	j := i
	for j < len(f.text) && f.text[j] >= '0' && f.text[j] <= '9' {
		j++
	}
	if j > i && j < len(f.text) && f.text[j] == ')' {
		return j + 1 - i
	}
	return 0
}

// pageFindings are the checks of the page as a whole: its date.
func oldPageFindings(p storage.Page, today time.Time) []Finding {
	if p.LastUpdated.IsZero() {
		return []Finding{{Check: MissingDate, Severity: Warning, Section: -1, Field: FieldDate, Key: MissingDate}}
	}
	if d := p.LastUpdated; time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).After(today) {
		return []Finding{{Check: FutureDate, Severity: Error, Section: -1, Field: FieldDate, Key: FutureDate,
			Text:   d.Format(time.DateOnly),
			Params: map[string]string{"date": d.Format(time.DateOnly), "today": today.Format(time.DateOnly)}}}
	}
	return nil
}

// headingFindings: a heading ending in a period (fix: drop it).
func oldHeadingFindings(h string, section int) []Finding {
	t := strings.TrimRight(h, " \t\n")
	if !strings.HasSuffix(t, ".") || strings.HasSuffix(t, "..") {
		return nil
	}
	f := oldNewField(h, section, FieldHeading, "")
	f.add(HeadingPeriod, Warning, len(t)-1, len(t), nil, oldFixOf(""))
	return f.out
}

// headingKey is what two headings share when they say the same thing.
func oldHeadingKey(h string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(h) {
		switch {
		case oldIsHaraka(r) || r == oldTatweel || oldIsBidiControl(r):
		case unicode.IsSpace(r):
			space = true
		case unicode.IsPunct(r):
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// duplicateHeadings flags every heading after the first that says the same.
func oldDuplicateHeadings(secs []storage.Section) []Finding {
	first := map[string]int{}
	var out []Finding
	for i, s := range secs {
		k := oldHeadingKey(s.Heading)
		if k == "" {
			continue
		}
		j, seen := first[k]
		if !seen {
			first[k] = i
			continue
		}
		f := oldNewField(s.Heading, i, FieldHeading, "")
		f.add(DuplicateHeading, Warning, 0, len(s.Heading), map[string]string{"first": fmt.Sprint(j + 1)}, nil)
		out = append(out, f.out...)
	}
	return out
}

// ---- from text.go ----

type oldField struct {
	text    string
	section int
	name    Field
	dir     storage.Direction
	french  bool      // the page is in French (see spaceBefore)
	lines   []int     // byte offset of each line start
	prot    []bool    // bytes inside code, URLs, e-mail addresses and link destinations
	links   []oldSpan // URL and e-mail candidates, in order
	out     []Finding
	// cursor remembers the last position pos computed, so findings in
	// increasing order on one long line cost one pass over it.
	curOff, curLine, curCol int
}

type oldSpan struct {
	start, end int
	kind       string // MalformedEmail or MalformedURL
}

func oldNewField(text string, section int, name Field, dir storage.Direction) *oldField {
	f := &oldField{text: text, section: section, name: name, dir: dir, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	f.prot = make([]bool, len(text))
	f.protectCode()
	f.protectLinks()
	return f
}

// pos returns the 1-based line and character column of byte offset off.
func (f *oldField) pos(off int) (line, col int) {
	i := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	from, col := f.lines[i], 1
	if f.curLine == i+1 && f.curOff <= off {
		from, col = f.curOff, f.curCol
	}
	col += utf8.RuneCountInString(f.text[from:off])
	f.curOff, f.curLine, f.curCol = off, i+1, col
	return i + 1, col
}

// add records a finding on [off, end).
func (f *oldField) add(check string, sev Severity, off, end int, params map[string]string, fix *string) {
	line, col := f.pos(off)
	f.out = append(f.out, Finding{Check: check, Severity: sev, Section: f.section, Field: f.name,
		Line: line, Col: col, Offset: off, End: end, Text: f.text[off:end], Key: check, Params: params, Fix: fix})
}

func (f *oldField) protected(off int) bool { return off >= 0 && off < len(f.prot) && f.prot[off] }

func (f *oldField) protect(start, end int) {
	for i := start; i < end && i < len(f.prot); i++ {
		f.prot[i] = true
	}
}

// protectCode marks fenced code blocks and inline code spans: typography
// checks do not look inside code.
func (f *oldField) protectCode() {
	inFence := false
	for li, start := range f.lines {
		end := len(f.text)
		if li+1 < len(f.lines) {
			end = f.lines[li+1]
		}
		line := strings.TrimLeft(f.text[start:end], " ")
		isFence := strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~")
		if inFence || isFence {
			f.protect(start, end)
			if isFence {
				inFence = !inFence
			}
			continue
		}
		f.protectSpans(start, end)
	}
}

// protectSpans marks `code` spans within one line.
func (f *oldField) protectSpans(start, end int) {
	for i := start; i < end; i++ {
		if f.text[i] != '`' {
			continue
		}
		j := i
		for j < end && f.text[j] == '`' {
			j++
		}
		ticks := f.text[i:j]
		k := strings.Index(f.text[j:end], ticks)
		if k < 0 {
			i = j - 1
			continue
		}
		f.protect(i, j+k+len(ticks))
		i = j + k + len(ticks) - 1
	}
}

// isLinkByte reports whether b can be part of a URL or e-mail token.
func oldIsLinkByte(b byte) bool {
	if b <= ' ' || b >= 0x7f {
		return false
	}
	return !strings.ContainsRune(`()[]<>"'{}|\^`+"`", rune(b))
}

// protectLinks finds URL and e-mail tokens (ASCII runs with "@", "://",
// "www." or an "http" start) and marks them, without their trailing
// sentence punctuation.
func (f *oldField) protectLinks() {
	t := f.text
	for i := 0; i < len(t); {
		if !oldIsLinkByte(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && oldIsLinkByte(t[j]) {
			j++
		}
		s, e := i, j
		for e > s && strings.IndexByte(".,;:!?", t[e-1]) >= 0 {
			e--
		}
		if kind := oldLinkKind(t[s:e]); kind != "" {
			f.protect(s, e)
			f.links = append(f.links, oldSpan{s, e, kind})
		}
		i = j
	}
}

func oldLinkKind(tok string) string {
	lower := strings.ToLower(tok)
	switch {
	case strings.Contains(lower, "://") || strings.HasPrefix(lower, "www.") ||
		strings.HasPrefix(lower, "http:") || strings.HasPrefix(lower, "https:") ||
		strings.HasPrefix(lower, "http/") || strings.HasPrefix(lower, "https/"):
		if strings.HasPrefix(lower, "mailto:") {
			return MalformedEmail
		}
		return MalformedURL
	case strings.HasPrefix(lower, "mailto:"):
		return MalformedEmail
	case strings.Contains(tok, "@") && !strings.HasPrefix(tok, "@"):
		return MalformedEmail
	}
	return ""
}

func oldIsBlank(s string) bool {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || oldIsBidiControl(r)
	}) == ""
}

// isArabicLetter reports whether r is a letter of the Arabic script.
func oldIsArabicLetter(r rune) bool {
	switch {
	case r < 0x0600:
		return false
	case r >= 0x0621 && r <= 0x064A:
		return true
	}
	return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
}

// isLatinLetter reports whether r is a letter of the Latin script.
func oldIsLatinLetter(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	case r >= 0x0370 && r < 0x1E00:
		return false
	}
	return unicode.Is(unicode.Latin, r) && unicode.IsLetter(r)
}

// isHaraka reports whether r is an Arabic vowel mark (tashkeel).
func oldIsHaraka(r rune) bool { return (r >= 0x064B && r <= 0x065F) || r == 0x0670 }

const oldTatweel = '\u0640'

// textFindings runs the checks that look at one text.
func oldTextFindings(text string, section int, name Field, dir storage.Direction, lang string) []Finding {
	if text == "" {
		return nil
	}
	f := oldNewField(text, section, name, dir)
	f.french = oldIsFrench(lang)
	f.checkBidi()
	f.checkLinks()
	f.checkBrackets()
	f.checkHamza()
	f.checkGlued()
	f.checkPunctuation()
	f.checkSpaces()
	if name == FieldBody {
		f.checkTatweel()
	}
	f.checkDigits()
	return f.out
}

// isFrench reports a French language tag: fr, fr-CA, fr_BE …
func oldIsFrench(lang string) bool {
	l := strings.ToLower(lang)
	return l == "fr" || strings.HasPrefix(l, "fr-") || strings.HasPrefix(l, "fr_")
}

// ---- from typography.go ----

// checkGlued flags an Arabic word glued to a Latin one (تحليلاتGoogle).
// Proclitics alone (و، ف، ب، ل، ك, with or without tatweel: بـGoogle، ولـGoogle) may
// stand before a Latin name. The fix puts a space between them.
func (f *oldField) checkGlued() {
	t := f.text
	prev, prevAt, skip := rune(-1), 0, 0
	for i, r := range t {
		p, pAt := prev, prevAt
		prev, prevAt = r, i
		if p < 0 || i < skip || f.protected(i) || !oldScriptBoundary(p, r) {
			continue
		}
		start, end := oldTokenStart(t, pAt), oldTokenEnd(t, i)
		skip = end
		fixed := oldSplitScripts(t[start:end])
		if fixed == t[start:end] {
			continue
		}
		f.add(GluedLatin, Warning, start, end, map[string]string{"word": t[start:end], "fix": fixed}, oldFixOf(fixed))
	}
}

// scriptBoundary reports an Arabic letter next to a Latin one.
func oldScriptBoundary(a, b rune) bool {
	return oldIsArabicLetter(a) && oldIsLatinLetter(b) || oldIsLatinLetter(a) && oldIsArabicLetter(b) && b != oldTatweel
}

// splitScripts puts a space at every Arabic–Latin boundary of a token,
// except after proclitics alone at its start (بـGoogle).
func oldSplitScripts(tok string) string {
	var b strings.Builder
	prev := rune(-1)
	for i, r := range tok {
		if prev >= 0 && oldScriptBoundary(prev, r) && !(oldIsArabicLetter(prev) && oldIsLoneProclitic(tok[:i])) {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func oldIsLoneProclitic(s string) bool {
	s = strings.TrimRight(s, string(oldTatweel))
	n := utf8.RuneCountInString(s)
	return n >= 1 && n <= 2 && strings.Trim(s, "وفبلك") == ""
}

func oldIsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func oldTokenStart(t string, i int) int {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:i])
		if !oldIsWordRune(r) {
			break
		}
		i -= n
	}
	return i
}

func oldTokenEnd(t string, i int) int {
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !oldIsWordRune(r) {
			break
		}
		i += n
	}
	return i
}

const oldPunct = ".,،;؛:!?؟…"

func oldIsPunct(r rune) bool { return strings.ContainsRune(oldPunct, r) }

// checkPunctuation: ellipses typed as three marks, a space before
// punctuation, doubled punctuation and Latin , ; ? in Arabic text.
func (f *oldField) checkPunctuation() {
	t := f.text
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !oldIsPunct(r) || f.protected(i) {
			i += n
			continue
		}
		j := i
		for j < len(t) {
			r2, n2 := utf8.DecodeRuneInString(t[j:])
			if !oldIsPunct(r2) || f.protected(j) {
				break
			}
			j += n2
		}
		f.punctRun(i, j)
		i = j
	}
}

// punctRun checks one run of adjacent punctuation marks t[i:j].
func (f *oldField) punctRun(i, j int) {
	t := f.text
	run := t[i:j]
	f.spaceBefore(i)
	first, fn := utf8.DecodeRuneInString(run)
	if same := strings.Count(run, string(first)); same == utf8.RuneCountInString(run) && same >= 3 && strings.ContainsRune(".,،", first) {
		f.add(Ellipsis, Warning, i, j, map[string]string{"text": run}, oldFixOf("…"))
		return
	}
	if utf8.RuneCountInString(run) >= 2 && !oldIsQuestionExclaim(run) && !oldIsNumberDots(t, i, j) {
		var fix *string
		second, _ := utf8.DecodeRuneInString(run[fn:])
		if second == '.' || second == first {
			fix = oldFixOf(string(first))
		}
		f.add(DoubledPunct, Warning, i, j, map[string]string{"text": run}, fix)
	}
	for k, r := range run {
		if strings.ContainsRune(",;?", r) && f.inArabic(i+k, i+k+1) {
			ar := map[rune]string{',': "،", ';': "؛", '?': "؟"}[r]
			f.add(LatinPunct, Warning, i+k, i+k+1, map[string]string{"char": string(r), "fix": ar}, oldFixOf(ar))
		}
	}
}

// isQuestionExclaim: ?! and ؟! style combinations are accepted.
func oldIsQuestionExclaim(run string) bool {
	return strings.Trim(run, "?!؟") == "" && strings.ContainsAny(run, "?؟") && strings.Contains(run, "!")
}

// isNumberDots: "3.:" never, but a dot between digits (1.5) is not a run.
func oldIsNumberDots(t string, i, j int) bool {
	prev, _ := utf8.DecodeLastRuneInString(t[:i])
	next, _ := utf8.DecodeRuneInString(t[j:])
	return unicode.IsDigit(prev) && unicode.IsDigit(next)
}

// spaceBefore flags spaces between a word and the punctuation at i: the
// fix removes them. French is the exception for : ; ! ? — its typography
// puts a no-break space there (U+00A0 before the colon, the narrow U+202F
// before the others, either is accepted): that is not flagged, and an
// ordinary space is replaced by the no-break one, so that the mark can
// never wrap to the start of the next line on its own.
func (f *oldField) spaceBefore(i int) {
	t := f.text
	s, ordinary := i, false
	for s > 0 {
		r, n := utf8.DecodeLastRuneInString(t[:s])
		if !oldIsSpaceBeforeMark(r) {
			break
		}
		ordinary = ordinary || r == ' ' || r == '\t'
		s -= n
	}
	if s == i || s == 0 || t[s-1] == '\n' {
		return
	}
	next, _ := utf8.DecodeRuneInString(t[i:])
	after, _ := utf8.DecodeRuneInString(t[i+utf8.RuneLen(next):])
	if next == '.' && unicode.IsDigit(after) {
		return
	}
	params := map[string]string{"mark": string(next)}
	if f.french && strings.ContainsRune(oldFrenchSpaced, next) {
		nbsp := oldFrenchSpace(next)
		if !ordinary && utf8.RuneCountInString(t[s:i]) == 1 {
			return
		}
		f.add(SpaceBeforePunct, Warning, s, i, params, oldFixOf(nbsp))
		f.out[len(f.out)-1].Key = oldKeyFrenchSpace
		return
	}
	f.add(SpaceBeforePunct, Warning, s, i, params, oldFixOf(""))
}

const oldFrenchSpaced = ":;!?"

const oldKeyFrenchSpace = SpaceBeforePunct + ".fr"

// frenchSpace is the no-break space French puts before mark: a full one
// before the colon, the narrow one before ; ! ?.
func oldFrenchSpace(mark rune) string {
	if mark == ':' {
		return "\u00a0"
	}
	return "\u202f"
}

// isSpaceBeforeMark: the spaces that can stand between a word and its
// punctuation: ordinary, tab, no-break, narrow no-break and thin.
func oldIsSpaceBeforeMark(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

const oldMaxLookBehind = 32

// inArabic reports whether the text around [i, j) on its line is Arabic:
// the nearest letter before is Arabic and the nearest letter or digit
// after, if any, is not Latin or a digit.
func (f *oldField) inArabic(i, j int) bool {
	t := f.text
	k := i
	for look := 0; k > 0; look++ {
		if look == oldMaxLookBehind {
			return false
		}
		r, n := utf8.DecodeLastRuneInString(t[:k])
		if r == '\n' {
			return false
		}
		if unicode.IsDigit(r) {
			return false
		}
		if unicode.IsLetter(r) && r != oldTatweel {
			if !oldIsArabicLetter(r) {
				return false
			}
			break
		}
		k -= n
	}
	if k == 0 {
		return false
	}
	for _, r := range t[j:] {
		if r == '\n' {
			break
		}
		if unicode.IsDigit(r) || oldIsLatinLetter(r) {
			return false
		}
		if unicode.IsLetter(r) {
			break
		}
	}
	return true
}

// checkSpaces flags two or more spaces inside a line. Indentation and the
// two trailing spaces of a Markdown hard break are not flagged.
func (f *oldField) checkSpaces() {
	t := f.text
	for i := 0; i < len(t); i++ {
		if t[i] != ' ' || i == 0 || t[i-1] == '\n' || t[i-1] == ' ' {
			continue
		}
		j := i
		for j < len(t) && t[j] == ' ' {
			j++
		}

		if j-i >= 2 && j < len(t) && t[j] != '\n' && !f.protected(i) {
			f.add(DoubleSpace, Warning, i, j, nil, oldFixOf(" "))
		}
		i = j - 1
	}
}

// checkTatweel flags tatweel that stretches a word (between two Arabic
// letters); the fix removes it. بـ before a Latin name or a number stays.
func (f *oldField) checkTatweel() {
	t := f.text
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRuneInString(t[i:])
		if r != oldTatweel {
			i += n
			continue
		}
		j := i
		for j < len(t) && strings.HasPrefix(t[j:], string(oldTatweel)) {
			j += n
		}
		prev, _ := utf8.DecodeLastRuneInString(t[:i])
		next, _ := utf8.DecodeRuneInString(t[j:])
		if (oldIsArabicLetter(prev) || oldIsHaraka(prev)) && oldIsArabicLetter(next) && !f.protected(i) {
			f.add(Tatweel, Warning, i, j, nil, oldFixOf(""))
		}
		i = j
	}
}

// digitKind: 1 Western, 2 Arabic-Indic, 3 Eastern Arabic-Indic (Persian), 0 other.
func oldDigitKind(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return 1
	case r >= '٠' && r <= '٩':
		return 2
	case r >= '۰' && r <= '۹':
		return 3
	}
	return 0
}

// checkDigits flags a number (digits joined by / . , : - ٫ ٬) that mixes
// Western and Arabic-Indic digits. Which to keep is the writer's choice:
// no fix.
func (f *oldField) checkDigits() {
	t := f.text
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRuneInString(t[i:])
		if oldDigitKind(r) == 0 {
			i += n
			continue
		}
		kinds, j, last := 0, i, i
		for j < len(t) {
			r2, n2 := utf8.DecodeRuneInString(t[j:])
			if k := oldDigitKind(r2); k != 0 {
				kinds |= 1 << k
				j += n2
				last = j
				continue
			}
			if strings.ContainsRune("/.,:-٫٬", r2) {
				if r3, _ := utf8.DecodeRuneInString(t[j+n2:]); oldDigitKind(r3) != 0 {
					j += n2
					continue
				}
			}
			break
		}
		if kinds&(kinds-1) != 0 && !f.protected(i) {
			f.add(MixedDigits, Warning, i, last, map[string]string{"number": t[i:last]}, nil)
		}
		i = last
	}
}
