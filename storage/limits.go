package storage

import (
	"fmt"
	"strings"
)

// MaxSectionBytes is the largest section body the store accepts and a page
// can be rendered with. Goldmark has inputs that take super-linear time
// (195 KB of "[a](b" took 4.8 s), and publishing must not hang on one
// runaway paste.
const MaxSectionBytes = 256 << 10

// ErrSectionTooLarge is wrapped by the errors of ValidateSectionBody for a
// body over MaxSectionBytes (and, through ErrSectionTooComplex, for one
// over the complexity limits); errors.Is(err, ErrInvalid) is also true.
var ErrSectionTooLarge error = sectionError{"section too large", nil}

// ErrSectionTooComplex is wrapped for a body that would make the Markdown
// parser slow; errors.Is(err, ErrSectionTooLarge) is also true for it.
var ErrSectionTooComplex error = sectionError{"section too complex", ErrSectionTooLarge}

type sectionError struct {
	msg    string
	parent error
}

func (e sectionError) Error() string { return e.msg }
func (e sectionError) Is(target error) bool {
	return target == ErrInvalid || (e.parent != nil && target == e.parent)
}

// ValidateSectionBody is the one rule for what a section body may be: what
// the importer, the editor's saves and the store accept is exactly what a
// page can be rendered and published with. It refuses a body over
// MaxSectionBytes and one over the complexity limits below, with an error
// that says which limit and by how much.
func ValidateSectionBody(body string) error {
	if len(body) > MaxSectionBytes {
		return fmt.Errorf("%d bytes (limit %d): %w", len(body), MaxSectionBytes, ErrSectionTooLarge)
	}
	return checkComplexity(body)
}

// Goldmark's parser is quadratic on some inputs well under MaxSectionBytes:
// each unfinished inline link "[a](b" re-scans the rest of a whitespace-free
// run (64 KB of them took 3.8 s here, 256 KB over a minute), and so does
// each level of deep nesting on one line ("> > > …", "- - - …"). Render refuses such bodies
// up front, deterministically, instead of timing the parser.
const (
	// MaxLinkOpeners is the most "](" a section body may hold (links and
	// images); a policy section with more is not a policy section.
	MaxLinkOpeners = 500
	// MaxLinkScan bounds the bytes goldmark may re-scan for unfinished
	// link destinations: the sum, over every "](", of the distance to the
	// next white space (to the next line break after "](<").
	MaxLinkScan = 4 << 20
	// MaxNesting is the most block quote and list markers a line may
	// start with ("> > - 1. x" is 4): goldmark's block parser (and the
	// direction pass) slow down with the square of the depth.
	MaxNesting = 32
	// MaxBracketDepth is the deepest nesting of "[" a paragraph may reach:
	// goldmark looks every closing "]" up as a link label over all the
	// text since its "[", so "[[[…a…]]]" costs the square of the depth.
	MaxBracketDepth = 32
	// MaxRefDefRun is the most link reference definitions ("[a]: b") a
	// paragraph may start with: goldmark re-parses the rest of the
	// paragraph after each one.
	MaxRefDefRun = 64
)

// checkComplexity reports a body over the limits above.
func checkComplexity(body string) error {
	if n := strings.Count(body, "]("); n > MaxLinkOpeners {
		return fmt.Errorf("%d links or images (limit %d): %w", n, MaxLinkOpeners, ErrSectionTooComplex)
	}
	if n := linkScan(body); n > MaxLinkScan {
		return fmt.Errorf("links without spaces after them re-scan %d bytes (limit %d): %w", n, MaxLinkScan, ErrSectionTooComplex)
	}
	if d := bracketDepth(body); d > MaxBracketDepth {
		return fmt.Errorf("square brackets nested %d deep (limit %d): %w", d, MaxBracketDepth, ErrSectionTooComplex)
	}
	run := 0
	for line := range strings.Lines(body) {
		if d := nesting(line); d > MaxNesting {
			return fmt.Errorf("quotes or lists nested %d deep (limit %d): %w", d, MaxNesting, ErrSectionTooComplex)
		}
		if run = refDefRun(run, line); run > MaxRefDefRun {
			return fmt.Errorf("more than %d link reference definitions in a row: %w", MaxRefDefRun, ErrSectionTooComplex)
		}
	}
	return nil
}

// bracketDepth is the deepest nesting of unescaped "[" in body; a blank
// line (the end of a paragraph) closes every bracket. It runs on every
// section rendered: where no bracket is open it jumps to the next "["
// (most text has none), and only inside brackets does it look at every
// byte.
func bracketDepth(body string) int {
	depth, deepest, blank := 0, 0, true
	for i := 0; i < len(body); i++ {
		if depth == 0 {
			k := strings.IndexByte(body[i:], '[')
			if k < 0 {
				return deepest
			}
			// The backslashes just before it, from i on, escape it if
			// they are odd in number (each pair is an escaped one).
			j := i + k
			n := 0
			for j-n-1 >= i && body[j-n-1] == '\\' {
				n++
			}
			i, blank = j, false
			if n%2 == 1 {
				continue
			}
			depth, deepest = 1, max(deepest, 1)
			continue
		}
		switch c := body[i]; c {
		case '\\':
			i++
		case '[':
			depth++
			deepest = max(deepest, depth)
		case ']':
			depth = max(depth-1, 0)
		case '\n':
			if blank {
				depth = 0
			}
			blank = true
			continue
		case ' ', '\t', '\r':
			continue
		}
		blank = false
	}
	return deepest
}

// refDefRun is the length of the run of link reference definition lines
// ("[label]: …") ending at line, given the run before it.
func refDefRun(run int, line string) int {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || !strings.HasPrefix(t, "[") || !strings.Contains(t, "]:") {
		return 0
	}
	return run + 1
}

// nesting counts the block quote markers (>) and list markers (-, +, *,
// 1. or 1)) that line starts with; spaces between them are ignored.
func nesting(line string) int {
	d := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			d++
			i++
		case (c == '-' || c == '+' || c == '*') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			d++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 >= len(line) || (line[j] != '.' && line[j] != ')') || (line[j+1] != ' ' && line[j+1] != '\t') {
				return d
			}
			d++
			i = j + 2
		default:
			return d
		}
	}
	return d
}

// linkScan estimates the work of goldmark's link destination parser on
// body (see MaxLinkScan).
func linkScan(body string) int {
	total := 0
	for i := 0; ; {
		j := strings.Index(body[i:], "](")
		if j < 0 {
			return total
		}
		i += j + 2
		stop := " \t\r\n"
		if strings.HasPrefix(body[i:], "<") {
			stop = "\r\n"
		}
		k := strings.IndexAny(body[i:], stop)
		if k < 0 {
			k = len(body) - i
		}
		total += k
	}
}
