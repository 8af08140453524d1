package publish

import "testing"

func BenchmarkRenderSeed(b *testing.B) {
	page := seedPage()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSeedFragment(b *testing.B) {
	page := seedPage()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{Fragment: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderLargestSection renders a section of MaxBodyBytes of the
// input that made goldmark slow ("[a](b" repeated), to see what the cap
// allows in the worst known case.
func BenchmarkRenderLargestSection(b *testing.B) {
	page := seedPage()
	body := make([]byte, 0, MaxBodyBytes)
	for len(body)+5 <= MaxBodyBytes {
		body = append(body, "[a](b"...)
	}
	page.Sections[0].Body = string(body)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(page, Options{Fragment: true}); err != nil {
			b.Fatal(err)
		}
	}
}
