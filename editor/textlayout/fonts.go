package textlayout

import (
	"bytes"
	"fmt"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"github.com/qalam/policyeditor/assets"
)

// FaceID names one of the bundled faces in a Fonts set.
type FaceID uint8

// The bundled faces. Arabic has no italic: italic Arabic text uses the
// upright Naskh face of the same weight.
const (
	ArabicRegular FaceID = iota
	ArabicBold
	LatinRegular
	LatinBold
	LatinItalic
	LatinBoldItalic
	numFaces
)

var faceNames = [numFaces]string{
	"NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold",
	"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic",
}

// String returns the font file name of the face ("NotoSans-Bold").
func (id FaceID) String() string {
	if id < numFaces {
		return faceNames[id]
	}
	return fmt.Sprintf("FaceID(%d)", uint8(id))
}

// Fonts is the parsed set of bundled fonts. The parsed *font.Font values
// are immutable and shared; every layout or drawing goroutine gets its own
// *font.Face wrappers (which carry unsynchronised glyph caches) and its own
// HarfBuzz shaper from an internal pool.
type Fonts struct {
	fonts [numFaces]*font.Font
	pool  sync.Pool // of *worker
	words wordCache
	masks maskCache
}

// worker is the per-goroutine shaping state: a HarfBuzz shaper (not safe
// for concurrent use) and faces whose caches only it touches.
type worker struct {
	fonts  *Fonts
	faces  [numFaces]*font.Face
	shaper shaping.HarfbuzzShaper
	seg    segmenter.Segmenter
	buf    []runeInfo
	words  [][2]int
	tmp    []shaping.Glyph
	// faceMemo caches faceFor; faces never change, so entries stay valid.
	faceMemo [512]faceMemo
}

var (
	defaultOnce  sync.Once
	defaultFonts *Fonts
	errDefault   error
)

// DefaultFonts returns the bundled Noto Naskh Arabic and Noto Sans faces,
// parsed once. It panics if the embedded font files do not parse, which is
// a build defect rather than a runtime condition.
func DefaultFonts() *Fonts {
	defaultOnce.Do(func() {
		defaultFonts, errDefault = ParseFonts(map[FaceID][]byte{
			ArabicRegular:   assets.ArabicRegular,
			ArabicBold:      assets.ArabicBold,
			LatinRegular:    assets.LatinRegular,
			LatinBold:       assets.LatinBold,
			LatinItalic:     assets.LatinItalic,
			LatinBoldItalic: assets.LatinBoldItalic,
		})
	})
	if errDefault != nil {
		panic(errDefault)
	}
	return defaultFonts
}

// ParseFonts parses one font file per FaceID; all six faces are required.
// It returns an error naming the face that is missing or does not parse.
func ParseFonts(files map[FaceID][]byte) (*Fonts, error) {
	fs := &Fonts{}
	for id := FaceID(0); id < numFaces; id++ {
		data, ok := files[id]
		if !ok {
			return nil, fmt.Errorf("parse fonts: %v: missing", id)
		}
		face, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("parse fonts: %v: %w", id, err)
		}
		fs.fonts[id] = face.Font
	}
	fs.pool.New = func() any {
		w := &worker{fonts: fs}
		for id, f := range fs.fonts {
			w.faces[id] = font.NewFace(f)
		}
		return w
	}
	return fs, nil
}

func (fs *Fonts) get() *worker  { return fs.pool.Get().(*worker) }
func (fs *Fonts) put(w *worker) { fs.pool.Put(w) }

// styleFaces returns the Arabic and Latin faces for a style.
func styleFaces(st Style) (arabic, latin FaceID) {
	arabic, latin = ArabicRegular, LatinRegular
	if st.Bold {
		arabic, latin = ArabicBold, LatinBold
	}
	if st.Italic && !st.Mono {
		latin += LatinItalic - LatinRegular
	}
	return arabic, latin
}

// faceFor picks the face for rune r whose resolved script is sc: the
// script's preferred face when it has a glyph for r, else the other one,
// else the preferred face (which shows .notdef).
func (w *worker) faceFor(r rune, sc language.Script, st Style) FaceID {
	arabic, latin := styleFaces(st)
	pref := sc == language.Arabic
	m := &w.faceMemo[uint32(r)%uint32(len(w.faceMemo))]
	if m.ok && m.r == r && m.arabic == arabic && m.latin == latin && m.preferArabic == pref {
		return m.face
	}
	f := w.resolveFace(r, arabic, latin, pref)
	*m = faceMemo{r: r, arabic: arabic, latin: latin, preferArabic: pref, ok: true, face: f}
	return f
}

// faceMemo remembers the face chosen for a rune (direct-mapped by rune).
type faceMemo struct {
	r             rune
	arabic, latin FaceID
	preferArabic  bool
	ok            bool
	face          FaceID
}

func (w *worker) resolveFace(r rune, arabic, latin FaceID, preferArabic bool) FaceID {
	first, second := latin, arabic
	if preferArabic {
		first, second = arabic, latin
	}
	if w.has(first, r) {
		return first
	}
	if w.has(second, r) {
		return second
	}
	for id := FaceID(0); id < numFaces; id++ {
		if w.has(id, r) {
			return id
		}
	}
	return first
}

// Covers reports whether one of the bundled faces has a glyph for r, so
// that text made of such runes never shows a missing-glyph box.
func (fs *Fonts) Covers(r rune) bool {
	w := fs.get()
	defer fs.put(w)
	for id := FaceID(0); id < numFaces; id++ {
		if w.has(id, r) {
			return true
		}
	}
	return false
}

func (w *worker) has(id FaceID, r rune) bool {
	_, ok := w.faces[id].NominalGlyph(r)
	return ok
}

// attachesToPrevious reports whether r must stay in the face of the rune
// before it: combining marks, joiners, variation selectors and format
// controls (bidi marks) never start a new font run.
func attachesToPrevious(r rune) bool {
	if r < 0x300 || r >= 0x621 && r <= 0x64A {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF)
}
