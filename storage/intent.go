package storage

import (
	"encoding/json"
	"fmt"
)

// EncodeIntentRecord is the text both stores keep of a pending
// publication's record: its JSON (as json.Marshal writes it), with the
// publication's body left out (the store keeps the hash; the live file
// holds the bytes).
func EncodeIntentRecord(rec PublishRecord) (string, error) {
	w := jsonWriter{escapeHTML: true}
	switch e := rec.encoded(); {
	case e != nil:
		w.b = make([]byte, 0, 1200+len(e.intent))
	case rec.Snapshot != nil:
		w.b = make([]byte, 0, 200+encodedSize(*rec.Snapshot))
	}
	w.publishRecord(rec)
	if w.err != nil {
		return "", fmt.Errorf("encode the pending publication's record: json: %w", w.err)
	}
	return text(w.b), nil
}

// publishRecord appends rec as json.Marshal does, without the
// publication's body.
func (w *jsonWriter) publishRecord(rec PublishRecord) {
	w.raw(`{"PageID":`)
	w.id(rec.PageID)
	w.raw(`,"Update":`)
	w.pageUpdate(rec.Update)
	w.raw(`,"Revision":`)
	w.boolean(rec.Revision)
	w.raw(`,"RevisionNote":`)
	w.str(rec.RevisionNote)
	w.raw(`,"Publication":`)
	if p := rec.Publication; p == nil {
		w.raw("null")
	} else {
		w.raw(`{"ID":`)
		w.num(p.ID)
		w.raw(`,"Number":`)
		w.num(int64(p.Number))
		w.raw(`,"PageID":`)
		w.id(p.PageID)
		w.raw(`,"Slug":`)
		w.str(p.Slug)
		w.raw(`,"TargetName":`)
		w.str(p.TargetName)
		w.raw(`,"RevisionID":`)
		w.id(p.RevisionID)
		w.raw(`,"Hash":`)
		w.str(p.Hash)
		w.raw(`,"Author":`)
		w.str(p.Author)
		w.raw(`,"Note":`)
		w.str(p.Note)
		w.raw(`,"At":`)
		w.stamp(p.At)
		w.raw(`,"Body":null}`)
	}
	if rec.Snapshot != nil {
		w.raw(`,"Snapshot":`)
		if e := rec.encoded(); e != nil {
			w.b = append(w.b, e.intent...)
		} else {
			w.page(*rec.Snapshot)
		}
	}
	w.raw("}")
}

// pageUpdate appends u as json.Marshal does (null for a field left alone).
func (w *jsonWriter) pageUpdate(u PageUpdate) {
	strs := []struct {
		name string
		v    *string
	}{{"Slug", u.Slug}, {"Title", u.Title}, {"Lang", u.Lang},
		{"Dir", (*string)(u.Dir)}, {"Numbering", (*string)(u.Numbering)}, {"DateStyle", (*string)(u.DateStyle)}}
	w.raw("{")
	for i, f := range strs {
		w.field(i == 0, f.name)
		w.optStr(f.v)
	}
	w.raw(`,"LastUpdated":`)
	if u.LastUpdated == nil {
		w.raw("null")
	} else {
		w.stamp(*u.LastUpdated)
	}
	w.raw(`,"Status":`)
	w.optStr((*string)(u.Status))
	w.raw("}")
}

func (w *jsonWriter) optStr(s *string) {
	if s == nil {
		w.raw("null")
	} else {
		w.str(*s)
	}
}

// page appends p as json.Marshal does.
func (w *jsonWriter) page(p Page) {
	w.raw(`{"ID":`)
	w.id(p.ID)
	w.raw(`,"Slug":`)
	w.str(p.Slug)
	w.raw(`,"Title":`)
	w.str(p.Title)
	w.raw(`,"Lang":`)
	w.str(p.Lang)
	w.raw(`,"Dir":`)
	w.str(string(p.Dir))
	w.raw(`,"Numbering":`)
	w.str(string(p.Numbering))
	w.raw(`,"DateStyle":`)
	w.str(string(p.DateStyle))
	w.raw(`,"LastUpdated":`)
	w.stamp(p.LastUpdated)
	w.raw(`,"Status":`)
	w.str(string(p.Status))
	w.raw(`,"CreatedAt":`)
	w.stamp(p.CreatedAt)
	w.raw(`,"UpdatedAt":`)
	w.stamp(p.UpdatedAt)
	w.raw(`,"TrashedAt":`)
	w.stamp(p.TrashedAt)
	w.raw(`,"Sections":`)
	if p.Sections == nil {
		w.raw("null")
	} else {
		w.raw("[")
		for i, s := range p.Sections {
			if i > 0 {
				w.raw(",")
			}
			w.section(s)
		}
		w.raw("]")
	}
	w.raw(`,"SectionCount":`)
	w.num(int64(p.SectionCount))
	w.raw("}")
}

// section appends s as json.Marshal does.
func (w *jsonWriter) section(s Section) {
	w.raw(`{"ID":`)
	w.id(s.ID)
	w.raw(`,"PageID":`)
	w.id(s.PageID)
	w.raw(`,"Position":`)
	w.num(int64(s.Position))
	w.raw(`,"Kind":`)
	w.str(string(s.Kind))
	w.raw(`,"Heading":`)
	w.str(s.Heading)
	w.raw(`,"Body":`)
	w.str(s.Body)
	w.raw(`,"UpdatedAt":`)
	w.stamp(s.UpdatedAt)
	w.raw(`,"Version":`)
	w.num(s.Version)
	w.raw("}")
}

// DecodeIntentRecord reads back what EncodeIntentRecord wrote for intent
// id. A record that does not decode, or has no publication, is ErrInvalid.
func DecodeIntentRecord(id int64, record string) (PublishRecord, error) {
	var rec PublishRecord
	if err := json.Unmarshal([]byte(record), &rec); err != nil || rec.Publication == nil {
		return rec, fmt.Errorf("pending publication %d: bad record: %w", id, ErrInvalid)
	}
	rec.Publication.Body = nil
	return rec, nil
}
