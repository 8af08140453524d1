// Package snapshot writes a review snapshot: one self-contained HTML file
// a reviewer can open anywhere, offline. It is the page as publish renders
// it (stylesheet inlined), plus
//   - the bundled fonts the page needs, inlined as base64 @font-face rules;
//   - a draft banner ("مسودة للمراجعة — ليست منشورة" for Arabic pages,
//     "Draft for review — not published" for others) with the time of the
//     last save;
//   - a "what changed" block: the page compared word by word, section by
//     section, with the last published version (or "first publication").
//
// The file has no script and loads nothing from the network: a
// Content-Security-Policy meta element allows only inline styles and
// data: fonts and images, so a remote image in the draft is not fetched
// (it would tell its author when and where the reviewer opened the file).
package snapshot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/storage"
)

// Store is what a snapshot reads: *sqlite.DB satisfies it.
type Store interface {
	FindPageBySlug(ctx context.Context, slug string) (storage.Page, error)
	FindPublications(ctx context.Context, f storage.PublicationFilter) ([]storage.Publication, error)
	FindRevisions(ctx context.Context, pageID uuid.UUID) ([]storage.Revision, error)
}

// RenderFunc renders a page; publish.Render is the default.
type RenderFunc func(storage.Page, publish.Options) ([]byte, error)

// Options configure a snapshot.
type Options struct {
	// Target names the target whose last publication is the baseline;
	// "" compares with the newest publication to any target.
	Target string
	// Publish are the render options (for example the target's Template).
	// Fragment and LiveReload are ignored: a snapshot is always a whole
	// page and never has a script. Banner is set by the snapshot and
	// Stylesheet is kept, with the fonts and the block's CSS added.
	Publish publish.Options
	// LatinFont also inlines Noto Sans in Arabic pages (+0.7 MB) so Latin
	// words do not use the reader's system font.
	LatinFont bool
	// Render replaces publish.Render (tests).
	Render RenderFunc
}

// Result describes a snapshot that was made.
type Result struct {
	Size  int      // bytes
	Fonts []string // inlined faces, e.g. "NotoNaskhArabic-Regular"
	// Since is the publication compared with; nil for a first publication.
	Since *storage.Publication
	// Changes counts changed sections (and the title, if it changed).
	Changes int
}

// Build makes the snapshot of the page with this slug. Errors wrap
// storage.ErrNotFound for an unknown slug, the store's errors, and render
// errors (publish.ErrTooLarge, template errors).
func Build(ctx context.Context, store Store, slug string, opts Options) ([]byte, Result, error) {
	fail := func(what string, err error) ([]byte, Result, error) {
		return nil, Result{}, fmt.Errorf("snapshot %q: %s: %w", slug, what, err)
	}
	render := opts.Render
	if render == nil {
		render = publish.Render
	}
	page, err := store.FindPageBySlug(ctx, slug)
	if err != nil {
		return fail("find page", err)
	}
	old, pub, isText, err := baseline(ctx, store, page.ID, opts.Target)
	if err != nil {
		return fail("last publication", err)
	}
	cur, err := readerText(page, render)
	if err != nil {
		return fail("render", err)
	}
	if old != nil && !isText {
		if t, err := readerText(*old, render); err == nil {
			old = &t
		}
	}
	block, changes, err := changesHTML(cur, old, pub)
	if err != nil {
		return fail("changes", err)
	}
	faces := fontsFor(page, sectionTexts(page), opts.LatinFont)
	ro := opts.Publish
	ro.Fragment, ro.LiveReload = false, ""
	ro.Banner = banner(wordsFor(storage.PageLang(page)), draftTime(page))
	ro.Stylesheet = ro.Stylesheet + "\n" + fontFaceCSS(faces) + changesCSS
	out, err := render(page, ro)
	if err != nil {
		return fail("render", err)
	}
	out = insertAt(out, block, "<main", "</body")
	out = publish.CleanHTML(insertAfterHead(out, []byte(snapshotCSP)))
	res := Result{Size: len(out), Since: pub, Changes: changes}
	for _, f := range faces {
		res.Fonts = append(res.Fonts, f.name)
	}
	return out, res, nil
}

// Write writes the snapshot to w. Errors: those of Build, and w's.
func Write(ctx context.Context, store Store, slug string, w io.Writer, opts Options) (Result, error) {
	out, res, err := Build(ctx, store, slug, opts)
	if err != nil {
		return Result{}, err
	}
	if _, err := w.Write(out); err != nil {
		return Result{}, fmt.Errorf("snapshot %q: write: %w", slug, err)
	}
	return res, nil
}

// baseline finds the last publication and the page as it was then: from
// its revision, or rebuilt from the published bytes when the publication
// has no revision (a rollback of raw bytes; then isText is true: the page
// holds reader text already). It returns nils when the page was never
// published.
func baseline(ctx context.Context, store Store, pageID uuid.UUID, target string) (old *storage.Page, pub *storage.Publication, isText bool, err error) {
	f := storage.PublicationFilter{PageID: &pageID, Limit: 1}
	if target != "" {
		f.Target = &target
	}
	pubs, err := store.FindPublications(ctx, f)
	if err != nil || len(pubs) == 0 {
		return nil, nil, false, err
	}
	pub = &pubs[0]
	if pub.RevisionID != uuid.Nil {
		revs, err := store.FindRevisions(ctx, pageID)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return nil, nil, false, err
		}
		for _, r := range revs {
			if r.ID == pub.RevisionID {
				p := r.Page
				return &p, pub, false, nil
			}
		}
	}
	p := pageFromHTML(pub.Body)
	return &p, pub, true, nil
}

// readerText renders page as a fragment and takes its visible text.
func readerText(page storage.Page, render RenderFunc) (storage.Page, error) {
	article, err := render(page, publish.Options{Fragment: true})
	if err != nil {
		return storage.Page{}, err
	}
	return textPage(page, article), nil
}

// draftTime is when the draft was last saved: the page's or any
// section's update time, whichever is later.
func draftTime(p storage.Page) time.Time {
	t := p.UpdatedAt
	for _, s := range p.Sections {
		if s.UpdatedAt.After(t) {
			t = s.UpdatedAt
		}
	}
	return t
}

func sectionTexts(p storage.Page) []string {
	out := make([]string, 0, 2*len(p.Sections))
	for _, s := range p.Sections {
		out = append(out, s.Heading, s.Body)
	}
	return out
}

// snapshotCSP keeps the file offline: no script, no remote anything.
const snapshotCSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">`

// insertAt puts ins before the first of the tags found in page (matched
// without regard to ASCII case), else at the end. The changes block goes
// before <main> (after the banner in the default template), else before
// </body>.
func insertAt(page, ins []byte, tags ...string) []byte {
	at := len(page)
	for _, tag := range tags {
		if i := indexASCIIFold(page, tag); i >= 0 {
			at = i
			break
		}
	}
	out := make([]byte, 0, len(page)+len(ins))
	out = append(out, page[:at]...)
	out = append(out, ins...)
	return append(out, page[at:]...)
}

// insertAfterHead puts ins right after the <head …> start tag, or at the
// start of a page that has none.
func insertAfterHead(page, ins []byte) []byte {
	at := 0
	if i := indexASCIIFold(page, "<head"); i >= 0 {
		if end := bytes.IndexByte(page[i:], '>'); end >= 0 {
			at = i + end + 1
		}
	}
	out := make([]byte, 0, len(page)+len(ins))
	out = append(out, page[:at]...)
	out = append(out, ins...)
	return append(out, page[at:]...)
}

// indexASCIIFold finds tag (ASCII) in page, folding ASCII case only, so
// that offsets are offsets into page. (bytes.ToLower changes the length
// of some runes — K, the Kelvin sign, lowers to one byte — and an offset
// found in the lowered copy would land inside the <style> element.)
func indexASCIIFold(page []byte, tag string) int {
	for i := 0; i+len(tag) <= len(page); i++ {
		if page[i] == '<' && bytes.EqualFold(page[i:i+len(tag)], []byte(tag)) {
			return i
		}
	}
	return -1
}
