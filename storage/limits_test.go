package storage

import (
	"strings"
	"testing"
)

// oldBracketDepth is bracketDepth as it was, byte by byte: the oracle of
// the one that jumps between brackets.
func oldBracketDepth(body string) int {
	depth, deepest, blank := 0, 0, true
	for i := 0; i < len(body); i++ {
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

var bracketCases = []string{
	"", "x", "[", "[[", "[[x]", "\\[", "\\\\[", "\\\\\\[[", "[\\]]", "[x\n\n[", "[x\n \n[", "[x\n\t\r\n[[",
	"[[[\n\n]]]", "]]][[", "a[b[c]d[e[f]]]", "\\", "[\\", "x\\\n\n[", "[\\\n\n[", "\\\\\\\\[", "نص [رابط](url) و[آخر]",
	strings.Repeat("[", 40) + strings.Repeat("]", 40), strings.Repeat("\\[", 30), strings.Repeat("[\n\n", 20),
}

func TestBracketDepthAsBefore(t *testing.T) {
	for _, s := range bracketCases {
		if got, want := bracketDepth(s), oldBracketDepth(s); got != want {
			t.Errorf("bracketDepth(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzBracketDepth(f *testing.F) {
	for _, s := range bracketCases {
		f.Add([]byte(s))
	}
	pieces := []string{"[", "]", "\\", "\n", " ", "\t", "\r", "x", "ب", "\n\n", "\\[", "\\\\"}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Odd length: the bytes are the text; even: each byte picks a piece.
		s := string(data)
		if len(data)%2 == 0 {
			var b strings.Builder
			for _, c := range data {
				b.WriteString(pieces[int(c)%len(pieces)])
			}
			s = b.String()
		}
		if got, want := bracketDepth(s), oldBracketDepth(s); got != want {
			t.Fatalf("bracketDepth(%q) = %d, want %d", s, got, want)
		}
	})
}

func BenchmarkBracketDepth(b *testing.B) {
	para := strings.Repeat("تلتزم منصة قلم بحماية خصوصية المستخدمين وفق الأنظمة، ولا نشارك بياناتك. ", 20)
	for _, c := range []struct{ name, body string }{
		{"no-brackets", strings.Repeat(para+"\n\n", 8)},
		{"links", strings.Repeat(para+"[رابط](https://example.com) "+para+"\n\n", 8)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				bracketDepth(c.body)
			}
		})
		b.Run(c.name+"-old", func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				oldBracketDepth(c.body)
			}
		})
	}
}
