package bidi

import (
	"slices"
	"strconv"
	"testing"
)

// lineCase is a real line of a policy page with the levels and visual order
// worked out by hand from UAX #9 (the reasoning is in the comment of each
// case). Levels are written as one digit per character.
type lineCase struct {
	name   string
	text   string
	dir    Direction
	para   Level
	levels string
	order  []int // logical indices, left to right
}

func seq(from, to int) []int { // from..to inclusive, either direction
	var s []int
	for i := from; ; {
		s = append(s, i)
		if i == to {
			return s
		}
		if from < to {
			i++
		} else {
			i--
		}
	}
}

func cat(parts ...[]int) []int { return slices.Concat(parts...) }

var lineCases = []lineCase{
	{
		// AL AL AL AL AL WS EN EN EN WS AL AL AL: W2 turns the digits after
		// Arabic letters into AN, W3 AL into R, N1 the spaces (R…AN, AN…R)
		// into R; I2 lifts AN to 2. The number stays left-to-right inside.
		name: "number", text: "العدد 123 هنا", dir: RTL, para: 1,
		levels: "1111112221111",
		order:  cat(seq(12, 9), seq(6, 8), seq(5, 0)),
	},
	{
		// Same line, direction from its first strong letter (AL → RTL).
		name: "number auto", text: "العدد 123 هنا", dir: Auto, para: 1,
		levels: "1111112221111",
		order:  cat(seq(12, 9), seq(6, 8), seq(5, 0)),
	},
	{
		// N0: the parentheses (9, 26) hold only L, the opposite of the
		// embedding direction R; the strong context before them is R (قلم),
		// so both brackets become R. The dots between L letters become L.
		// Visually: ")www.qlmlearn.com(" at the left, mirrored by L4.
		name: "site", text: "منصة قلم (www.qlmlearn.com)", dir: RTL, para: 1,
		levels: "1111111111" + "2222222222222222" + "1",
		order:  cat([]int{26}, seq(10, 25), seq(9, 0)),
	},
	{
		// Digits after Arabic letters are AN (W2); the slashes (CS) between
		// AN and AN become AN (W4); the date reads left to right and the
		// final م (AL) goes to its left.
		name: "date", text: "آخر تحديث في 17/07/2023م", dir: RTL, para: 1,
		levels: "1111111111111" + "2222222222" + "1",
		order:  cat([]int{23}, seq(13, 22), seq(12, 0)),
	},
	{
		// Arabic-Indic digits are AN already; same result as the above.
		name: "date arabic-indic", text: "آخر تحديث في ١٧/٠٧/٢٠٢٣م", dir: RTL, para: 1,
		levels: "1111111111111" + "2222222222" + "1",
		order:  cat([]int{23}, seq(13, 22), seq(12, 0)),
	},
	{
		// The address is L with @ and . (ON, CS→ON) between L letters → L.
		// The space before it lies between R and L → embedding direction R;
		// the final " ." lies between L and eos (R) → R, so the period is
		// drawn at the far left, after the address in reading order.
		name: "email", text: "راسلنا على support@gmail.com .", dir: RTL, para: 1,
		levels: "11111111111" + "22222222222222222" + "11",
		order:  cat([]int{29, 28}, seq(11, 27), seq(10, 0)),
	},
	{
		// Latin word first in an RTL paragraph: the space between L and R
		// takes the embedding direction (R).
		name: "latin start", text: "Google تستخدم", dir: RTL, para: 1,
		levels: "222222" + "1111111",
		order:  cat(seq(12, 6), seq(0, 5)),
	},
	{
		// Same line with Auto: the first strong letter is L, so the
		// paragraph is LTR and only the Arabic word is reversed.
		name: "latin start auto", text: "Google تستخدم", dir: Auto, para: 0,
		levels: "0000000" + "111111",
		order:  cat(seq(0, 6), seq(12, 7)),
	},
	{
		name: "latin end", text: "تستخدم Google", dir: RTL, para: 1,
		levels: "1111111" + "222222",
		order:  cat(seq(7, 12), seq(6, 0)),
	},
	{
		// AN in an RTL paragraph: ١٢ at level 2, read left to right.
		name: "arabic-indic digits", text: "المادة ١٢ من", dir: RTL, para: 1,
		levels: "1111111" + "22" + "111",
		order:  cat(seq(11, 9), seq(7, 8), seq(6, 0)),
	},
	{
		// AN in an LTR paragraph: I2 puts it at 2, so it still reads left
		// to right; the space between L and AN takes e = L.
		name: "arabic-indic digits ltr", text: "Article ١٢", dir: LTR, para: 0,
		levels: "00000000" + "22",
		order:  seq(0, 9),
	},
	{
		// ؟ (U+061F) is AL, a strong R letter at the end of the question.
		name: "question mark", text: "Go؟", dir: RTL, para: 1,
		levels: "221",
		order:  []int{2, 0, 1},
	},
	{
		// ، (U+060C) is CS; between two Arabic words it becomes ON (W6)
		// and then R (N1).
		name: "arabic comma", text: "أولاً، ثانياً", dir: RTL, para: 1,
		levels: "1111111111111",
		order:  seq(12, 0),
	},
	{
		// Between a Latin word and a digit inside an RTL line: "Go، 2"
		// — ، and the space sit between L and EN→L (W7) → L.
		name: "arabic comma latin", text: "قال Go، 2", dir: RTL, para: 1,
		levels: "1111" + "22222",
		order:  cat(seq(4, 8), seq(3, 0)),
	},
}

func parseDigits(t *testing.T, s string) []Level {
	t.Helper()
	out := make([]Level, len(s))
	for i := range s {
		n, err := strconv.Atoi(s[i : i+1])
		if err != nil {
			t.Fatalf("bad level digits %q", s)
		}
		out[i] = Level(n)
	}
	return out
}

func TestProductLines(t *testing.T) {
	for _, tc := range lineCases {
		t.Run(tc.name, func(t *testing.T) {
			text := []rune(tc.text)
			p := New(text, tc.dir)
			if p.Level() != tc.para {
				t.Errorf("New(%q).Level() = %d, want %d", tc.text, p.Level(), tc.para)
			}
			want := parseDigits(t, tc.levels)
			if got := p.LineLevels(0, len(text)); !slices.Equal(got, want) {
				t.Errorf("LineLevels(%q) = %v, want %v", tc.text, got, want)
			}
			if got := p.VisualOrder(0, len(text)); !slices.Equal(got, tc.order) {
				t.Errorf("VisualOrder(%q) = %v, want %v", tc.text, got, tc.order)
			}
		})
	}
}
