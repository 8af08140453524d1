package preview

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"

	"github.com/qalam/policyeditor/publish/snapshot"
	"github.com/qalam/policyeditor/storage"
)

// indexTemplate lists the draft pages. Its one script reloads the list
// when drafts change; it is allowed by hash like the pages' script.
var indexTemplate = template.Must(template.New("index").Funcs(template.FuncMap{
	"pathEscape": url.PathEscape,
}).Parse(`<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>معاينة الصفحات — Preview</title>
<style>
body { font-family: "Noto Naskh Arabic", "Noto Sans", Tahoma, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; }
li { margin-block: 0.5em; }
.meta { color: #5f6368; font-size: 0.9em; }
</style>
</head>
<body>
<h1>معاينة الصفحات <bdi lang="en" dir="ltr">(Preview)</bdi></h1>
{{- if .Pages}}
<ul>
{{- range .Pages}}
<li><a href="p/{{pathEscape .Slug}}" lang="{{.Lang}}" dir="{{.Dir}}">{{.Title}}</a>
<span class="meta"><bdi dir="ltr">{{.Slug}}</bdi> · {{.Status}} · {{.SectionCount}}{{if $.Review}} · <a href="review/{{pathEscape .Slug}}">ما الذي تغيّر <bdi lang="en" dir="ltr">(review)</bdi></a>{{end}}</span></li>
{{- end}}
</ul>
{{- else}}
<p>لا توجد صفحات بعد. <bdi lang="en" dir="ltr">No pages yet.</bdi></p>
{{- end}}
<script>new EventSource({{.Events}}).addEventListener("reload", function () { location.reload(); });</script>
</body>
</html>
`))

type indexData struct {
	Pages  []storage.Page
	Events string
	Review bool // the store can make review snapshots
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := s.store.DataChanged(ctx)
	if err != nil {
		s.fail(w, "data version", err)
		return
	}
	pages, err := s.store.FindPages(ctx, storage.PageFilter{})
	if err != nil {
		s.fail(w, "find pages", err)
		return
	}
	events := s.eventsPath(v)
	var buf bytes.Buffer
	if err := indexTemplate.Execute(&buf, indexData{Pages: pages, Events: events, Review: s.canReview()}); err != nil {
		s.fail(w, "index", err)
		return
	}
	hashes, err := s.scripts.index(events)
	if err != nil {
		s.fail(w, "index script", err)
		return
	}
	s.writeHTML(w, r, buf.Bytes(), hashes)
}

// canReview reports whether the store can give publications for review
// pages.
func (s *Server) canReview() bool {
	_, ok := s.store.(snapshot.Store)
	return ok
}
