package numbering

import (
	"testing"
	"time"

	"github.com/qalam/policyeditor/storage"
)

func BenchmarkLabel(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Label(storage.NumberingOrdinal, storage.KindNumbered, i%40+1)
	}
}

func BenchmarkParseOrdinal(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ParseOrdinal("الحادي والعشرون: التعديلات على هذه السياسة")
	}
}

func BenchmarkParseDate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ParseDate("آخر تحديث: 26 أغسطس 2024")
	}
}

func BenchmarkFormatDateHijri(b *testing.B) {
	d := time.Date(2023, 7, 17, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		FormatDate(d, storage.DateHijri, "ar")
	}
}
