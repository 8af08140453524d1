package oracle

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"strings"

	"github.com/qalam/policyeditor/storage"
	"github.com/qalam/policyeditor/storage/numbering"
)

// MaxBodyBytes is the largest section body Render accepts:
// storage.MaxSectionBytes, the store's limit.
const MaxBodyBytes = storage.MaxSectionBytes

// ErrTooLarge is returned (wrapped, naming the section) when a section body
// is over MaxBodyBytes or the complexity limits: storage.ErrSectionTooLarge.
var ErrTooLarge = storage.ErrSectionTooLarge

// Options change how a page is rendered.
type Options struct {
	// Fragment: only the policy body (<article>…</article>), no <html> shell.
	Fragment bool
	// Template is the path of a user html/template file; "" uses the
	// default embedded template. See TemplateData for its fields.
	Template string
	// Banner is an optional banner text above the article (review
	// snapshots: "مسودة — للمراجعة").
	Banner string
	// Stylesheet is extra CSS appended to the inlined stylesheet. It may
	// not contain "</style".
	Stylesheet string
	// LiveReload, if non-empty, adds a small script that reloads the page
	// when this server-sent-events URL sends a message. Preview only: it
	// is never set for published pages.
	LiveReload string
}

// Render renders page to HTML. It returns an error wrapping ErrTooLarge
// (naming the section) when a section body is over MaxBodyBytes or, as
// ErrTooComplex, would make the parser slow (see limits.go), an error
// for a bad Options.Template (missing file, parse or execution error) or an
// unsafe Options.Stylesheet, and never partial output.
func Render(page storage.Page, opt Options) ([]byte, error) {
	return RenderContext(context.Background(), page, opt)
}

// RenderContext is Render that gives up, returning ctx's error (wrapped),
// as soon as ctx is done: it checks between sections, so a preview whose
// browser went away stops within one section's work.
func RenderContext(ctx context.Context, page storage.Page, opt Options) ([]byte, error) {
	for i, s := range page.Sections {
		if err := storage.ValidateSectionBody(s.Body); err != nil {
			return nil, fmt.Errorf("render %q: section %d %q: %w", page.Slug, i+1, s.Heading, err)
		}
	}
	article, err := renderArticle(ctx, page)
	if err != nil {
		return nil, fmt.Errorf("render %q: %w", page.Slug, err)
	}
	if opt.Fragment {
		return article, nil
	}
	out, err := renderPage(page, article, opt)
	if err != nil {
		return nil, fmt.Errorf("render %q: %w", page.Slug, err)
	}
	return out, nil
}

// renderArticle renders the <article> holding the title, the last-updated
// line and the sections.
func renderArticle(ctx context.Context, page storage.Page) ([]byte, error) {
	dir := storage.PageDir(page)
	ids := newIDSet()
	var buf bytes.Buffer
	buf.Grow(articleSize(page))
	fmt.Fprintf(&buf, "<article class=\"policy\" lang=\"%s\" dir=\"%s\" data-numbering=\"%s\">\n<header>\n",
		html.EscapeString(storage.PageLang(page)), dir, html.EscapeString(string(page.Numbering)))
	if err := renderBlock(&buf, page.Title, "", sectionInfo{Level: 1, PageDir: dir}, ids); err != nil {
		return nil, fmt.Errorf("title: %w", err)
	}
	buf.WriteString(lastUpdatedHTML(page))
	buf.WriteString("</header>\n")
	for i, label := range numbering.Labels(page.Numbering, page.Sections) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s := page.Sections[i]
		info := sectionInfo{PageDir: dir, Label: label}
		if strings.TrimSpace(s.Heading) != "" || info.Label != "" {
			info.Level = 2
			info.Sep = numbering.Separator(page.Numbering)
		}
		fmt.Fprintf(&buf, "<section class=\"policy-section\" data-kind=\"%s\">\n", html.EscapeString(string(s.Kind)))
		if err := renderBlock(&buf, s.Heading, s.Body, info, ids); err != nil {
			return nil, fmt.Errorf("section %d %q: %w", i+1, s.Heading, err)
		}
		buf.WriteString("</section>\n")
	}
	buf.WriteString("</article>\n")
	return stripBidiControlBytes(buf.Bytes()), nil
}

// articleSize guesses the size of the article's HTML, so its buffer
// grows at most once or twice: the Markdown and the markup around it.
func articleSize(page storage.Page) int {
	n := 1024 + 2*len(page.Title)
	for _, s := range page.Sections {
		n += 256 + 2*len(s.Heading) + len(s.Body) + len(s.Body)/2
	}
	return n
}

// lastUpdatedHTML is the last-updated line in the page's date style, the
// date in a <time> inside a <bdi> (its direction taken from its own
// text), or "" when the page has no date.
func lastUpdatedHTML(page storage.Page) string {
	if page.LastUpdated.IsZero() {
		return ""
	}
	date := numberingDate(page)
	return fmt.Sprintf("<p class=\"last-updated\">%s<bdi><time datetime=\"%s\">%s</time></bdi></p>\n",
		numbering.LastUpdatedPrefix(storage.PageLang(page)), page.LastUpdated.Format("2006-01-02"), html.EscapeString(date))
}

// numberingDate is the page's date as printed, in its date style.
func numberingDate(page storage.Page) string {
	return stripBidiControls(numbering.PageDate(page))
}
