package snapshot

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/qalam/policyeditor/publish/diff"
	"github.com/qalam/policyeditor/storage"
)

// words is the text of the snapshot in one language.
type words struct {
	Latin                                                               bool // Latin script: ISO dates, "," between labels
	Banner, SavedAt, Changes, Since, First, None, Intro, Closing, Title string
	Kinds                                                               map[diff.ChangeKind]string
}

var arabicWords = words{
	Banner:  "مسودة للمراجعة — ليست منشورة",
	SavedAt: "حُفظت في %s بالتوقيت العالمي",
	Changes: "ما الذي تغيّر منذ آخر نشر",
	Since:   "مقارنة بالنشر رقم %d إلى «%s» في %s بالتوقيت العالمي.",
	First:   "أول نشر: لم تُنشر هذه الصفحة من قبل.",
	None:    "لا تغيير في النص منذ آخر نشر.",
	Intro:   "(مقدمة)",
	Closing: "(ختام)",
	Title:   "العنوان",
	Kinds: map[diff.ChangeKind]string{diff.Added: "أُضيف", diff.Removed: "حُذف",
		diff.Changed: "عُدّل", diff.Moved: "نُقل"},
}

var englishWords = words{
	Latin:   true,
	Banner:  "Draft for review — not published",
	SavedAt: "saved %s UTC",
	Changes: "What changed since the last publication",
	Since:   "Compared with publication %d to “%s” on %s UTC.",
	First:   "First publication: this page has not been published before.",
	None:    "No text changes since the last publication.",
	Intro:   "(introduction)",
	Closing: "(closing)",
	Title:   "Title",
	Kinds: map[diff.ChangeKind]string{diff.Added: "added", diff.Removed: "removed",
		diff.Changed: "changed", diff.Moved: "moved"},
}

func wordsFor(lang string) words {
	if storage.IsArabic(lang) {
		return arabicWords
	}
	return englishWords
}

// banner is the draft banner with the time of the last save, in UTC.
func banner(w words, saved time.Time) string {
	if saved.IsZero() {
		return w.Banner
	}
	return w.Banner + " · " + sprintf(w.SavedAt, when(w, saved))
}

// when formats a time in UTC as the language writes it: "24/11/2026
// الساعة 21:05" (numbers only, so it keeps its order in Arabic text) or
// "2026-11-24 at 21:05".
func when(w words, t time.Time) string {
	t = t.UTC()
	if w.Latin {
		return t.Format("2006-01-02") + " at " + t.Format("15:04")
	}
	return t.Format("02/01/2006") + " الساعة " + t.Format("15:04")
}

func sprintf(format string, args ...string) string {
	for _, a := range args {
		format = strings.Replace(format, "%s", a, 1)
	}
	return format
}

// changeRow is one changed section in the block.
type changeRow struct {
	Label, Heading string
	HeadingDiff    template.HTML // set when the heading changed
	Body           template.HTML
}

type changesData struct {
	Lang, Dir   string
	W           words
	Since       string // "" for a first publication
	Title       template.HTML
	Rows        []changeRow
	First, None bool
}

var changesTemplate = template.Must(template.New("changes").Parse(`<aside class="review-changes" lang="{{.Lang}}" dir="{{.Dir}}">
<details open>
<summary>{{.W.Changes}}</summary>
{{- if .First}}
<p>{{.W.First}}</p>
{{- else}}
<p class="since">{{.Since}}</p>
{{- if .None}}
<p>{{.W.None}}</p>
{{- end}}
{{- if .Title}}
<section class="change"><h3>{{.W.Title}}</h3><p class="diff">{{.Title}}</p></section>
{{- end}}
{{- range .Rows}}
<section class="change"><h3><span class="change-kind">{{.Label}}</span> {{if .HeadingDiff}}{{.HeadingDiff}}{{else}}{{.Heading}}{{end}}</h3>
{{- if .Body}}
<div class="diff">{{.Body}}</div>
{{- end}}
</section>
{{- end}}
{{- end}}
</details>
</aside>
`))

// changesCSS styles the block and the <ins>/<del> marks.
const changesCSS = `
.review-changes { max-width: 46rem; margin: 0 auto 2rem; padding: 0.75rem 1.25rem; border: 1px solid var(--rule, #ccc); border-radius: 6px; }
.review-changes summary { font-weight: 700; cursor: pointer; }
.review-changes h3 { font-size: 1.05rem; margin-block: 1em 0.3em; }
.review-changes .change-kind { color: var(--accent, #0b5c6b); }
.review-changes .since { color: var(--muted, #555); }
.review-changes .diff { white-space: pre-wrap; margin: 0; }
.review-changes .elided { color: var(--muted, #555); }
.review-changes ins { background: #d5f5dc; color: #0a3d17; text-decoration: underline; }
.review-changes del { background: #fbd9d9; color: #5c0a0a; text-decoration: line-through; }
`

// changesHTML renders the "what changed" block comparing old (nil for a
// first publication) with cur.
func changesHTML(cur storage.Page, old *storage.Page, pub *storage.Publication) ([]byte, int, error) {
	w := wordsFor(storage.PageLang(cur))
	d := changesData{Lang: storage.PageLang(cur), Dir: string(storage.PageDir(cur)), W: w}
	changed := 0
	if old == nil {
		d.First = true
	} else {
		d.Since = sprintfNum(w.Since, pub.Number, pub.TargetName, when(w, pub.At))
		if t := diff.Words(old.Title, cur.Title); diff.HasChanges(t) {
			d.Title = diff.HTML(t)
			changed++
		}
		for _, c := range diff.Sections(*old, cur) {
			if c.Kind == diff.Unchanged {
				continue
			}
			d.Rows = append(d.Rows, row(w, c))
			changed++
		}
		d.None = changed == 0
	}
	var buf bytes.Buffer
	if err := changesTemplate.Execute(&buf, d); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), changed, nil
}

func sprintfNum(format string, n int, target, at string) string {
	format = strings.Replace(format, "%d", strconv.Itoa(n), 1)
	return sprintf(format, target, at)
}

func row(w words, c diff.SectionChange) changeRow {
	var labels []string
	for _, k := range []diff.ChangeKind{diff.Added, diff.Removed, diff.Changed, diff.Moved} {
		if c.Kind&k != 0 {
			labels = append(labels, w.Kinds[k])
		}
	}
	r := changeRow{Label: strings.Join(labels, "، ")}
	if w.Latin {
		r.Label = strings.Join(labels, ", ")
	}
	sec := c.New
	if sec == nil {
		sec = c.Old
	}
	r.Heading = sec.Heading
	if r.Heading == "" {
		r.Heading = w.Intro
		if sec.Kind == storage.KindClosing {
			r.Heading = w.Closing
		}
	}
	if c.Kind&(diff.Added|diff.Removed) == 0 && diff.HasChanges(c.Heading) {
		r.HeadingDiff = diff.HTML(c.Heading)
	}
	if diff.HasChanges(c.Body) {
		r.Body = condense(c.Body)
	}
	return r
}

// condense renders a body diff showing only the lines (paragraphs, list
// items) that changed, with "…" standing for each run of unchanged lines.
func condense(ops []diff.Op) template.HTML {
	lines := splitLines(ops)
	var b strings.Builder
	skipped := false
	for _, l := range lines {
		if !diff.HasChanges(l) {
			skipped = true
			continue
		}
		if skipped {
			b.WriteString("<span class=\"elided\">…</span>\n")
		}
		skipped = false
		b.WriteString(string(diff.HTML(l)))
		b.WriteString("\n")
	}
	if skipped {
		b.WriteString("<span class=\"elided\">…</span>\n")
	}
	return template.HTML(strings.TrimSuffix(b.String(), "\n")) //nolint:gosec // diff.HTML escapes
}

// splitLines cuts ops into lines at the line breaks of unchanged text; a
// change that spans a line break keeps its lines together.
func splitLines(ops []diff.Op) [][]diff.Op {
	var lines [][]diff.Op
	var cur []diff.Op
	for _, op := range ops {
		if op.Kind != diff.Equal {
			cur = append(cur, op)
			continue
		}
		parts := strings.Split(op.Text, "\n")
		for i, p := range parts {
			if p != "" {
				cur = append(cur, diff.Op{Kind: diff.Equal, Text: p})
			}
			if i < len(parts)-1 {
				lines = append(lines, cur)
				cur = nil
			}
		}
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}
