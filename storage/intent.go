package storage

import (
	"encoding/json"
	"fmt"
)

// EncodeIntentRecord is the text both stores keep of a pending
// publication's record: its JSON, with the publication's body left out
// (the store keeps the hash; the live file holds the bytes).
func EncodeIntentRecord(rec PublishRecord) (string, error) {
	if rec.Publication != nil {
		meta := *rec.Publication
		meta.Body = nil
		rec.Publication = &meta
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return "", fmt.Errorf("encode the pending publication's record: %w", err)
	}
	return string(b), nil
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
