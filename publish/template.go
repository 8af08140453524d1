package publish

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"os"
	"strings"
	"sync"

	"github.com/yuin/goldmark/util"

	"github.com/qalam/policyeditor/assets"
	"github.com/qalam/policyeditor/storage"
)

// TemplateData is what a page template (the default
// assets/web/page.html.tmpl or Options.Template) is executed with.
//
//	{{.Lang}}             page language, e.g. "ar"            (<html lang>)
//	{{.Dir}}              "rtl" or "ltr"                        (<html dir>)
//	{{.Title}}            page title as plain text              (<title>)
//	{{.Body}}             the policy: <article class="policy">…</article>
//	{{.LastUpdated}}      the date as printed, e.g. "17/07/2023م" ("" if none)
//	{{.LastUpdatedISO}}   the date as YYYY-MM-DD ("" if none)
//	{{.CSS}}              the stylesheet to put inside <style>
//	{{.Banner}}           banner text ("" if none)
//	{{.LiveReload}}       the preview's SSE URL ("" when publishing)
//	{{.LiveReloadScript}} the whole <script> for it ("" when publishing);
//	                      a user template should place it before </body>
type TemplateData struct {
	Lang, Dir, Title string
	Body             template.HTML
	LastUpdated      string
	LastUpdatedISO   string
	CSS              template.CSS
	Banner           string
	LiveReload       string
	LiveReloadScript template.HTML
}

// defaultTemplate is parsed once; the embedded file is part of the binary.
var defaultTemplate = template.Must(template.New("page.html.tmpl").Parse(assets.PageTemplate))

// liveReloadTemplate builds the preview's reload script; html/template
// escapes the URL as a JavaScript string. The script also puts a
// placeholder (alt text and host) in place of every image from another
// origin: the preview's CSP does not load them, so that opening a draft
// tells no outside server that a reviewer is reading it.
var liveReloadTemplate = template.Must(template.New("livereload").Parse(
	`<script>new EventSource({{.}}).onmessage = function () { location.reload(); };
document.querySelectorAll("img").forEach(function (i) {
	var u = new URL(i.getAttribute("src") || "", location.href);
	if (u.protocol === "data:" || u.origin === location.origin) { return; }
	var p = document.createElement("span");
	p.className = "remote-image";
	p.title = u.href;
	p.textContent = "[" + (i.alt || "image") + " \u2014 " + u.host + "]";
	i.replaceWith(p);
});</script>`))

// renderPage puts the article into the page template.
func renderPage(page storage.Page, article []byte, opt Options) ([]byte, error) {
	if strings.Contains(strings.ToLower(opt.Stylesheet), "</style") {
		return nil, errors.New(`stylesheet: must not contain "</style"`)
	}
	tmpl := defaultTemplate
	if opt.Template != "" {
		var err error
		if tmpl, err = loadTemplate(opt.Template); err != nil {
			return nil, err
		}
	}
	data, err := templateData(page, article, opt)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(len(article) + len(data.CSS) + 2048)
	if err := tmpl.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("template %s: %w", templateName(opt), err)
	}
	return buf.Bytes(), nil
}

// loadTemplate reads and parses a user template. The file is read every
// time, but parsed (and escaped by html/template, on its first execution)
// only when its path or text is new: publishing a target renders every
// page with the same template.
func loadTemplate(path string) (*template.Template, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	if t := userTemplates.find(path, src); t != nil {
		return t, nil
	}
	t, err := template.New(path).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", path, err)
	}
	userTemplates.add(path, src, t)
	return t, nil
}

// userTemplates holds the last parsed text of a few user templates; a
// parsed html/template is safe for concurrent use.
var userTemplates templateCache

// maxUserTemplates bounds templateCache (a program has one or two).
const maxUserTemplates = 16

type templateCache struct {
	mu sync.Mutex
	m  map[string]parsedTemplate // by path
}

type parsedTemplate struct {
	src string
	t   *template.Template
}

// find returns the template parsed from src at path, or nil.
func (c *templateCache) find(path string, src []byte) *template.Template {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.m[path]; ok && p.src == string(src) {
		return p.t
	}
	return nil
}

func (c *templateCache) add(path string, src []byte, t *template.Template) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxUserTemplates {
		c.m = map[string]parsedTemplate{}
	}
	c.m[path] = parsedTemplate{string(src), t}
}

func templateName(opt Options) string {
	if opt.Template != "" {
		return opt.Template
	}
	return "(default)"
}

// templateData fills TemplateData for page.
func templateData(page storage.Page, article []byte, opt Options) (TemplateData, error) {
	d := TemplateData{
		Lang:  storage.PageLang(page),
		Dir:   string(storage.PageDir(page)),
		Title: stripBidiControls(page.Title),
		// The article is not changed while the template runs: no copy.
		Body:   template.HTML(util.BytesToReadOnlyString(article)),
		CSS:    template.CSS(assets.PolicyCSS + opt.Stylesheet),
		Banner: stripBidiControls(opt.Banner),
	}
	if !page.LastUpdated.IsZero() {
		d.LastUpdated = numberingDate(page)
		d.LastUpdatedISO = page.LastUpdated.Format("2006-01-02")
	}
	if opt.LiveReload != "" {
		var b bytes.Buffer
		if err := liveReloadTemplate.Execute(&b, opt.LiveReload); err != nil {
			return d, fmt.Errorf("live reload script: %w", err)
		}
		d.LiveReload = opt.LiveReload
		d.LiveReloadScript = template.HTML(b.String())
	}
	return d, nil
}
