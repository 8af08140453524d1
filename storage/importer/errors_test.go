package importer

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestImportBadInput(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		want    error
		message []string // substrings of the error message
	}{
		{"empty.txt", nil, ErrEmpty, []string{"empty.txt", "empty input", "no content"}},
		{"blank.txt", []byte(" \n\t\r\n  \u00a0\u200b\n"), ErrEmpty, []string{"blank.txt", "only whitespace"}},
		{"blank.html", []byte("\uFEFF   \n"), ErrEmpty, []string{"only whitespace"}},
		{"photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary, []string{"photo.txt", "binary", "NUL byte at offset 8 (line 3, column 1)"}},
		{"doc.txt", []byte("سياسة\nالخصوصية \x00 x"), ErrBinary, []string{"offset 28 (line 2, column 10)"}},
		{"latin1.txt", []byte("Privacy\nCaf\xe9 policy"), ErrInvalidUTF8, []string{"latin1.txt", "not valid UTF-8", "0xE9", "offset 11 (line 2, column 4)", "save the file as UTF-8"}},
		{"cut.txt", []byte("سياسة \xd8"), ErrInvalidUTF8, []string{"offset 11 (line 1, column 7)"}},
		{"big.txt", bytes.Repeat([]byte("سياسة "), MaxInputBytes/11+1), ErrTooLarge, []string{"big.txt", "over the limit of 2097152 bytes (2 MiB)"}},
	}
	for _, tt := range tests {
		res, err := Import(tt.name, tt.data)
		if !errors.Is(err, tt.want) {
			t.Errorf("Import(%s) error = %v, want %v", tt.name, err, tt.want)
			continue
		}
		var ie *InputError
		if !errors.As(err, &ie) || ie.Name != tt.name {
			t.Errorf("Import(%s) error %T is not an *InputError naming the file", tt.name, err)
		}
		for _, m := range tt.message {
			if !strings.Contains(err.Error(), m) {
				t.Errorf("Import(%s) error %q does not say %q", tt.name, err, m)
			}
		}
		if res.Page.Title != "" || len(res.Page.Sections) != 0 || res.Format != "" || len(res.LeftOut) != 0 {
			t.Errorf("Import(%s) returned a page with the error: %+v", tt.name, res)
		}
	}
}

func TestImportAtTheCap(t *testing.T) {
	data := []byte(strings.Repeat("x", MaxInputBytes-1) + "\n")
	if _, err := Import("cap.txt", data); err != nil {
		t.Errorf("Import of exactly MaxInputBytes: %v", err)
	}
}

func TestImportUTF16(t *testing.T) {
	// "سياسة الخصوصية\n\nأولاً: المقدمة\n\nنص." in UTF-16LE with BOM, as Windows Notepad saves it
	src := "سياسة الخصوصية\n\nأولاً: المقدمة\n\nنص."
	data := []byte{0xFF, 0xFE}
	for _, r := range src {
		data = append(data, byte(r), byte(r>>8))
	}
	res, err := Import("notepad.txt", data)
	if err != nil {
		t.Fatalf("Import(UTF-16) error: %v", err)
	}
	if res.Page.Title != "سياسة الخصوصية" || len(res.Page.Sections) != 1 || res.Page.Sections[0].Heading != "المقدمة" {
		t.Errorf("Import(UTF-16) = %+v", res.Page)
	}
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "UTF-16") {
		t.Errorf("Warnings = %q, want the conversion mentioned", res.Warnings)
	}
}
