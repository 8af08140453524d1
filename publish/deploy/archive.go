package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/qalam/policyeditor/publish"
	"github.com/qalam/policyeditor/publish/target"
	"github.com/qalam/policyeditor/storage"
)

// archiveIfAsked keeps <slug>/versions/N-HASH.html (the exact bytes of
// every publication of the page to the target; HASH is the first 12 hex
// digits of their SHA-256) and <slug>/versions/index.html (a list of
// versions with what changed) when the target's Archive option is on.
//
// The hash in the name means a file is only ever the version it says: a
// second database (or a restored backup) publishing to the same archive
// writes its own "version 1" under another name instead of over this
// one's, and an index never links to bytes that are not the version it
// names. A version never changes once written, so the versions the
// target's index already links to are neither read nor rewritten; the
// others are written (each unless the file already holds it). The index
// is written after the versions, so the versions it lists are on the
// target.
func (p *Publisher) archiveIfAsked(ctx context.Context, t storage.Target, tg target.Target, page storage.Page) error {
	if !t.Options.Archive {
		return nil
	}
	pubs, err := p.Store.FindPublications(ctx, storage.PublicationFilter{PageID: &page.ID, Target: &t.Name})
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	indexPath := page.Slug + "/versions/index.html"
	oldIndex, err := tg.ReadFile(ctx, indexPath)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("archive: %w", err)
	}
	listed := listedVersions(oldIndex)
	for _, pub := range pubs {
		if listed[versionName(pub.Number, pub.Hash)] {
			continue
		}
		if err := writeIfDifferent(ctx, tg, versionPath(page.Slug, pub.Number, pub.Hash), pub.Body); err != nil {
			return fmt.Errorf("archive: %w", err)
		}
	}
	revs, err := p.Store.FindRevisions(ctx, page.ID)
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	index, err := archiveIndex(page, pubs, revs)
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	if oldIndex != nil && bytes.Equal(oldIndex, index) {
		return nil
	}
	if err := tg.WriteFile(ctx, indexPath, index); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return nil
}

// listedVersion matches a version link of versions/index.html.
var listedVersion = regexp.MustCompile(`href="([0-9]+-[0-9a-f]{12}\.html)"`)

// listedVersions returns the version files an index links to.
func listedVersions(index []byte) map[string]bool {
	out := map[string]bool{}
	for _, m := range listedVersion.FindAllSubmatch(index, -1) {
		out[string(m[1])] = true
	}
	return out
}

// versionName is the file name of version n with the content hash hash.
func versionName(n int, hash string) string {
	return strconv.Itoa(n) + "-" + hash[:min(12, len(hash))] + ".html"
}

func versionPath(slug string, n int, hash string) string {
	return slug + "/versions/" + versionName(n, hash)
}

// writeIfDifferent writes data to rel unless the file already holds it.
func writeIfDifferent(ctx context.Context, tg target.Target, rel string, data []byte) error {
	old, err := tg.ReadFile(ctx, rel)
	if err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return tg.WriteFile(ctx, rel, data)
}

// change is one line of a version's "what changed" list.
type change struct {
	Label   string
	Heading string // a section heading, shown isolated; may be empty
}

// archiveLabels are the words of the versions page, per language.
type archiveLabels struct {
	Versions, Version, First, Unknown, Title, Added, Removed, Changed, Reordered, DateOnly, NoContent, Rollback string
	Correction                                                                                                  string
}

var labelsAR = archiveLabels{
	Versions: "الإصدارات السابقة", Version: "الإصدار", First: "أول نشر", Unknown: "التغييرات غير معروفة",
	Title: "تغيّر العنوان", Added: "أضيف", Removed: "حُذف", Changed: "عُدّل", Reordered: "تغيّر ترتيب الأقسام",
	DateOnly: "تغيّر التاريخ فقط", NoContent: "لا تغيير في المحتوى", Rollback: "استرجاع الإصدار",
	Correction: "تصحيح لغوي وطباعي، لا تغيير في المضمون",
}

var labelsEN = archiveLabels{
	Versions: "Earlier versions", Version: "Version", First: "First publication", Unknown: "Changes unknown",
	Title: "Title changed", Added: "Added", Removed: "Removed", Changed: "Changed", Reordered: "Sections reordered",
	DateOnly: "Date only", NoContent: "No content change", Rollback: "Rollback to version",
	Correction: "Corrections of spelling and typography, no change in substance",
}

func labelsFor(lang string) archiveLabels {
	if storage.IsArabic(lang) {
		return labelsAR
	}
	return labelsEN
}

// whatChanged compares two pages section by section, matching sections by
// heading (or kind, for a section without heading), and lists the title
// change, added, removed and changed sections and a reordering, in a fixed
// order. prev nil means cur is the first version.
func whatChanged(prev, cur *storage.Page, l archiveLabels) []change {
	if prev == nil {
		return []change{{Label: l.First}}
	}
	var out []change
	if prev.Title != cur.Title {
		out = append(out, change{Label: l.Title, Heading: cur.Title})
	}
	pk, pm := sectionKeys(prev.Sections)
	ck, cm := sectionKeys(cur.Sections)
	var common []string
	for _, k := range ck {
		old, ok := pm[k]
		switch {
		case !ok:
			out = append(out, change{Label: l.Added, Heading: cm[k].Heading})
		case old.Body != cm[k].Body || old.Kind != cm[k].Kind:
			out = append(out, change{Label: l.Changed, Heading: cm[k].Heading})
		}
		if ok {
			common = append(common, k)
		}
	}
	var prevCommon []string
	for _, k := range pk {
		if _, ok := cm[k]; !ok {
			out = append(out, change{Label: l.Removed, Heading: pm[k].Heading})
		} else {
			prevCommon = append(prevCommon, k)
		}
	}
	if !slices.Equal(common, prevCommon) {
		out = append(out, change{Label: l.Reordered})
	}
	if len(out) == 0 && !prev.LastUpdated.Equal(cur.LastUpdated) {
		out = append(out, change{Label: l.DateOnly})
	}
	if len(out) == 0 {
		out = append(out, change{Label: l.NoContent})
	}
	return out
}

// sectionKeys returns a key per section (heading, or the kind for an
// untitled section; "#2", "#3" … for repeats) in order, and the map back.
func sectionKeys(secs []storage.Section) ([]string, map[string]storage.Section) {
	keys := make([]string, 0, len(secs))
	m := make(map[string]storage.Section, len(secs))
	seen := map[string]int{}
	for _, s := range secs {
		k := strings.TrimSpace(s.Heading)
		if k == "" {
			k = "(" + string(s.Kind) + ")"
		}
		seen[k]++
		if n := seen[k]; n > 1 {
			k = fmt.Sprintf("%s#%d", k, n)
		}
		keys = append(keys, k)
		m[k] = s
	}
	return keys, m
}

type indexVersion struct {
	Number  int
	Href    string
	Date    string
	Note    string
	Changes []change
}

// archiveIndex renders versions/index.html: newest first, each with its
// date (UTC), note and what changed since the version before it; a
// correction (NoteCorrection) lists no changes, only that it is one.
func archiveIndex(page storage.Page, pubs []storage.Publication, revs []storage.Revision) ([]byte, error) {
	l := labelsFor(storage.PageLang(page))
	byID := make(map[uuid.UUID]*storage.Page, len(revs))
	for i := range revs {
		byID[revs[i].ID] = &revs[i].Page
	}
	versions := make([]indexVersion, len(pubs))
	for i, pub := range pubs { // newest first
		v := indexVersion{Number: pub.Number, Href: versionName(pub.Number, pub.Hash), Date: pub.At.UTC().Format("2006-01-02 15:04 UTC")}
		var n int
		if _, err := fmt.Sscanf(pub.Note, "rollback to %d", &n); err == nil {
			v.Note = fmt.Sprintf("%s %d", l.Rollback, n)
		}
		cur := byID[pub.RevisionID]
		switch {
		case pub.Note == NoteCorrection: // not a material change: listed without changes
			v.Note = l.Correction
		case i == len(pubs)-1:
			v.Changes = whatChanged(nil, cur, l)
		case cur == nil || byID[pubs[i+1].RevisionID] == nil:
			v.Changes = []change{{Label: l.Unknown}}
		default:
			v.Changes = whatChanged(byID[pubs[i+1].RevisionID], cur, l)
		}
		versions[i] = v
	}
	var b bytes.Buffer
	err := indexTemplate.Execute(&b, map[string]any{"Lang": storage.PageLang(page), "Dir": storage.PageDir(page), "Title": page.Title, "L": l, "Versions": versions})
	return publish.CleanHTML(b.Bytes()), err
}

var indexTemplate = template.Must(template.New("versions").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — {{.L.Versions}}</title>
<style>body{font-family:"Noto Naskh Arabic","Noto Sans",system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.8}ol>li{margin:.8rem 0}</style>
</head>
<body>
<h1>{{.Title}} — {{.L.Versions}}</h1>
<ol reversed>
{{- range .Versions}}
<li><a href="{{.Href}}">{{$.L.Version}} {{.Number}}</a> — <bdi dir="ltr">{{.Date}}</bdi>{{if .Note}} — {{.Note}}{{end}}
<ul>{{range .Changes}}<li>{{.Label}}{{if .Heading}}: <bdi>{{.Heading}}</bdi>{{end}}</li>{{end}}</ul></li>
{{- end}}
</ol>
</body>
</html>
`))
