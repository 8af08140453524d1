package storage

// EncodedSnapshot is a PublishRecord's Snapshot encoded ahead of the
// store's write: the revision content and hash that a revision of it
// stores (RevisionContentAndHash) and the page as an intent record holds
// it (EncodeIntentRecord). A caller with cores to spare makes it while
// they would idle, so that a store does not encode the page again while it
// holds its one writer (PublishAll encodes each page on the goroutine that
// rendered it). A store uses it only for the record whose Snapshot is the
// page it was made of (the same pointer) and encodes the Snapshot itself
// otherwise, so a record stores the same bytes either way.
type EncodedSnapshot struct {
	of      *Page
	content string // RevisionContent(*of)
	hash    string // ContentHash(*of)
	intent  []byte // *of as EncodeIntentRecord writes it
}

// EncodeSnapshot encodes *p, which must not change afterwards. It returns
// nil for a page that JSON cannot hold (a time outside years 0–9999): the
// store then encodes it and reports the error.
func EncodeSnapshot(p *Page) *EncodedSnapshot {
	w := jsonWriter{escapeHTML: true, b: make([]byte, 0, encodedSize(*p))}
	w.page(*p)
	if w.err != nil {
		return nil
	}
	content, hash := RevisionContentAndHash(*p)
	return &EncodedSnapshot{of: p, content: text(content), hash: hash, intent: w.b}
}

// encoded returns r.Encoded if it was made of r.Snapshot, else nil.
func (r PublishRecord) encoded() *EncodedSnapshot {
	if e := r.Encoded; e != nil && r.Snapshot != nil && e.of == r.Snapshot {
		return e
	}
	return nil
}

// SnapshotContent returns RevisionContentAndHash(*r.Snapshot), the
// content as a string, from r.Encoded when it was made of r.Snapshot.
// r.Snapshot must not be nil.
func (r PublishRecord) SnapshotContent() (content, hash string) {
	if e := r.encoded(); e != nil {
		return e.content, e.hash
	}
	c, hash := RevisionContentAndHash(*r.Snapshot)
	return text(c), hash
}

// encodedSize is about the length of p as EncodeIntentRecord writes it.
func encodedSize(p Page) int {
	n := 0
	for _, s := range p.Sections {
		n += len(s.Heading) + len(s.Body) + 250
	}
	return 1000 + n + n/16
}
