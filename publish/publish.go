// Package publish renders a policy page to HTML. Rendering is pure: a
// storage.Page and Options in, bytes out; the same input always gives the
// same bytes (no clock, no randomness, no map order). Writing the bytes
// somewhere is the job of publish/target and publish/deploy.
//
// The Markdown of each section goes through one goldmark instance with our
// own extensions, one per file:
//   - safeContent (sanitize.go): raw HTML dropped, only http, https,
//     mailto, relative and #fragment links, only http(s) and relative images;
//   - sectionHeading (sectionheading.go): section headings numbered from
//     data (أولاً … ختاماً, ١، ٢, 1, 2 or none), label in its own span;
//   - headingIDs (headingid.go): ids that keep Arabic letters;
//   - blockDirection (direction.go): dir on blocks that go the other way;
//   - bidiIsolation (isolate.go): <bdi> around e-mail addresses, URLs,
//     Latin names and numeric dates in Arabic text (and Arabic in English).
//
// The page is then put into an html/template (assets/web/page.html.tmpl by
// default) with the stylesheet inlined, so the page is self-contained and
// works without JavaScript. No script is ever emitted except the live
// reload snippet of the preview server (Options.LiveReload).
package publish

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"strings"
	"sync"

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
	st := getRenderState()
	if opt.Fragment {
		// The caller keeps the article: it gets a buffer of its own.
		var buf bytes.Buffer
		err := renderArticle(ctx, page, &st.blocks, &buf)
		putRenderState(st)
		if err != nil {
			return nil, fmt.Errorf("render %q: %w", page.Slug, err)
		}
		return stripBidiControlBytes(buf.Bytes()), nil
	}
	if err := renderArticle(ctx, page, &st.blocks, &st.article); err != nil {
		putRenderState(st)
		return nil, fmt.Errorf("render %q: %w", page.Slug, err)
	}
	out, err := renderPage(page, stripBidiControlBytes(st.article.Bytes()), opt)
	if err != nil {
		// Not reused: the error might refer to the article's bytes.
		return nil, fmt.Errorf("render %q: %w", page.Slug, err)
	}
	putRenderState(st)
	return out, nil
}

// renderState is the memory one render works in and that the next one
// reuses: the block renderer's buffers and scratch space, and the article
// of a whole page (which the template copies into the page).
type renderState struct {
	blocks  blockRenderer
	article bytes.Buffer
}

var renderStates = sync.Pool{New: func() any { return new(renderState) }}

// maxKeptBuffer is the largest buffer a renderState keeps for the next render.
const maxKeptBuffer = 1 << 20

func getRenderState() *renderState {
	st := renderStates.Get().(*renderState)
	st.blocks.reset()
	st.article.Reset()
	return st
}

func putRenderState(st *renderState) {
	if st.article.Cap() > maxKeptBuffer {
		st.article = bytes.Buffer{}
	}
	st.blocks.release()
	renderStates.Put(st)
}

// renderArticle renders into buf the <article> holding the title, the
// last-updated line and the sections.
func renderArticle(ctx context.Context, page storage.Page, br *blockRenderer, buf *bytes.Buffer) error {
	dir := storage.PageDir(page)
	if n := blockSourceSize(page); cap(br.raw) < n {
		br.raw = make([]byte, 0, n)
	}
	buf.Grow(articleSize(page))
	buf.WriteString(`<article class="policy" lang="`)
	buf.WriteString(html.EscapeString(storage.PageLang(page)))
	buf.WriteString(`" dir="`)
	buf.WriteString(string(dir))
	buf.WriteString(`" data-numbering="`)
	buf.WriteString(html.EscapeString(string(page.Numbering)))
	buf.WriteString("\">\n<header>\n")
	if err := br.render(buf, page.Title, "", sectionInfo{Level: 1, PageDir: dir}); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	writeLastUpdated(buf, page)
	buf.WriteString("</header>\n")
	for i, label := range numbering.Labels(page.Numbering, page.Sections) {
		if err := ctx.Err(); err != nil {
			return err
		}
		s := page.Sections[i]
		info := sectionInfo{PageDir: dir, Label: label}
		if strings.TrimSpace(s.Heading) != "" || info.Label != "" {
			info.Level = 2
			info.Sep = numbering.Separator(page.Numbering)
		}
		buf.WriteString(`<section class="policy-section" data-kind="`)
		buf.WriteString(html.EscapeString(string(s.Kind)))
		buf.WriteString("\">\n")
		if err := br.render(buf, s.Heading, s.Body, info); err != nil {
			return fmt.Errorf("section %d %q: %w", i+1, s.Heading, err)
		}
		buf.WriteString("</section>\n")
	}
	buf.WriteString("</article>\n")
	return nil
}

// blockSourceSize is the size of the largest block source of page, so that
// the buffer it is built in never grows.
func blockSourceSize(page storage.Page) int {
	n := 3 * len(page.Title) // escaping at most triples a heading (U+FFFD)
	for _, s := range page.Sections {
		n = max(n, 3*len(s.Heading)+len(s.Body))
	}
	return n + 8
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

// writeLastUpdated writes the last-updated line in the page's date style,
// the date in a <time> inside a <bdi> (its direction taken from its own
// text), or nothing when the page has no date.
func writeLastUpdated(buf *bytes.Buffer, page storage.Page) {
	if page.LastUpdated.IsZero() {
		return
	}
	buf.WriteString(`<p class="last-updated">`)
	buf.WriteString(numbering.LastUpdatedPrefix(storage.PageLang(page)))
	buf.WriteString(`<bdi><time datetime="`)
	buf.Write(page.LastUpdated.AppendFormat(buf.AvailableBuffer(), "2006-01-02"))
	buf.WriteString(`">`)
	buf.WriteString(html.EscapeString(numberingDate(page)))
	buf.WriteString("</time></bdi></p>\n")
}

// numberingDate is the page's date as printed, in its date style.
func numberingDate(page storage.Page) string {
	return stripBidiControls(numbering.PageDate(page))
}
