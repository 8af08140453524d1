package bidi

//go:generate go run ./internal/gen -ucd testdata/ucd -o tables.go

// Class is a Bidi_Class property value (UAX #9 Table 4). The zero value is L.
type Class uint8

// The Bidi_Class values, in the order of UAX #9 Table 4.
const (
	L   Class = iota // Left-to-right letter
	R                // Right-to-left letter (Hebrew, …)
	AL               // Arabic letter
	EN               // European number
	ES               // European separator (+ -)
	ET               // European terminator (# $ % …)
	AN               // Arabic number (Arabic-Indic digits)
	CS               // Common separator (, . / :)
	NSM              // Nonspacing mark
	BN               // Boundary neutral (ZWJ, controls, …)
	B                // Paragraph separator
	S                // Segment separator (tab)
	WS               // Whitespace
	ON               // Other neutral
	LRE              // Left-to-right embedding
	LRO              // Left-to-right override
	RLE              // Right-to-left embedding
	RLO              // Right-to-left override
	PDF              // Pop directional format
	LRI              // Left-to-right isolate
	RLI              // Right-to-left isolate
	FSI              // First strong isolate
	PDI              // Pop directional isolate
	numClasses
)

var classNames = [numClasses]string{
	"L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS",
	"ON", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI",
}

// String returns the short property value alias ("AL", "NSM", …), or
// "Class(n)" for a value outside the table.
func (c Class) String() string {
	if c < numClasses {
		return classNames[c]
	}
	return "Class(" + itoa(int(c)) + ")"
}

// ParseClass returns the Class whose short alias is s ("L", "AL", …).
// ok is false for an unknown name.
func ParseClass(s string) (c Class, ok bool) {
	for i, n := range classNames {
		if n == s {
			return Class(i), true
		}
	}
	return 0, false
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// classRange is a range of code points [Lo, Hi] sharing one class.
type classRange struct {
	Lo, Hi rune
	C      Class
}

// directLimit bounds the directly indexed part of the class table: Latin,
// Hebrew, Arabic, Syriac, Thaana, NKo and the Arabic supplements.
const directLimit = 0x900

var directClasses = func() (t [directLimit]Class) {
	for _, cr := range classRanges {
		for r := cr.Lo; r <= cr.Hi && r < directLimit; r++ {
			t[r] = cr.C
		}
	}
	return t
}()

// ClassOf returns the Bidi_Class of r per Unicode 15.0 DerivedBidiClass.txt,
// including the default R/AL/ET/BN values of unassigned code points.
// Runes outside 0..0x10FFFF (including negative ones) are L.
func ClassOf(r rune) Class {
	if uint32(r) < directLimit {
		return directClasses[r]
	}
	lo, hi := 0, len(classRanges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch cr := &classRanges[m]; {
		case r < cr.Lo:
			hi = m
		case r > cr.Hi:
			lo = m + 1
		default:
			return cr.C
		}
	}
	return L
}

// Class sets as bit masks, for the tests in the inner loops.
const (
	removedSet   = 1<<RLE | 1<<LRE | 1<<RLO | 1<<LRO | 1<<PDF | 1<<BN
	isolateSet   = 1<<LRI | 1<<RLI | 1<<FSI
	niSet        = 1<<B | 1<<S | 1<<WS | 1<<ON | isolateSet | 1<<PDI
	explicitSet  = removedSet&^(1<<BN) | isolateSet | 1<<PDI | 1<<B
	trailingSet  = 1<<WS | isolateSet | 1<<PDI | removedSet // L1 resets these at line end
	separatorSet = 1<<S | 1<<B
)

func in(set uint32, c Class) bool { return set>>c&1 != 0 }

// isRemovedByX9 reports whether rule X9 removes characters of class c.
func isRemovedByX9(c Class) bool { return in(removedSet, c) }

func isIsolateInitiator(c Class) bool { return in(isolateSet, c) }

// isNI reports whether c is a neutral or isolate formatting character (BD8/N1).
func isNI(c Class) bool { return in(niSet, c) }
