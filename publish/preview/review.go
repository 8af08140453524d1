package preview

import (
	"errors"
	"net/http"

	"github.com/qalam/policyeditor/publish/snapshot"
	"github.com/qalam/policyeditor/storage"
)

// serveReview serves the review snapshot of a page (banner, what changed
// since the last publication, inlined fonts, no script) when the store
// also satisfies snapshot.Store, as *sqlite.DB does; otherwise 404.
func (s *Server) serveReview(w http.ResponseWriter, r *http.Request, slug string) {
	store, ok := s.store.(snapshot.Store)
	if !ok {
		http.NotFound(w, r)
		return
	}
	out, _, err := snapshot.Build(r.Context(), store, slug, snapshot.Options{
		Target: s.opts.ReviewTarget, Publish: s.opts.Publish, Render: snapshot.RenderFunc(s.renderFor(r.Context()))})
	if r.Context().Err() != nil {
		return // the browser gave up
	}
	if errors.Is(err, storage.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.fail(w, "review", err)
		return
	}
	s.writeHTML(w, r, out, nil) // the snapshot has no script
}
