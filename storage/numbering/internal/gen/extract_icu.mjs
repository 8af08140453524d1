// Extracts the Umm al-Qura calendar of ICU (as shipped in Node.js, Intl
// "islamic-umalqura") for the years ICU covers with real data, 1300–1600 AH,
// into the text file the Go generator reads. Only needed to move to the data
// of a newer ICU; go generate does not run it. From storage/numbering:
//
//	node internal/gen/extract_icu.mjs > testdata/ummalqura.txt
const first = 1300, last = 1600;
const f = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", {
  timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric",
});
const parts = (ms) => {
  const p = {};
  for (const x of f.formatToParts(new Date(ms))) p[x.type] = x.value;
  return { y: parseInt(p.year, 10), m: parseInt(p.month, 10), d: parseInt(p.day, 10) };
};
const day = 86400000;
// start a little before 1 Muharram 1300 (12 November 1882)
let ms = Date.UTC(1882, 10, 1);
while (!(parts(ms).y === first && parts(ms).m === 1 && parts(ms).d === 1)) ms += day;
const years = [];
let cur = null;
for (;;) {
  const p = parts(ms);
  if (p.y > last) break;
  if (p.d === 1 && p.m === 1) {
    cur = { y: p.y, start: new Date(ms).toISOString().slice(0, 10), lens: [] };
    years.push(cur);
  }
  if (p.d === 1) cur.lens.push(0);
  cur.lens[cur.lens.length - 1]++;
  ms += day;
}
if (years.length !== last - first + 1) throw new Error(`got ${years.length} years`);
let out = `# Umm al-Qura calendar (Saudi Arabia), ${first}–${last} AH, as ICU ${process.versions.icu} gives it
# (Node.js ${process.version}, Intl "islamic-umalqura"; ICU's table in islamcal.cpp).
# One line per Hijri year: the year, the Gregorian date of 1 Muharram, the
# lengths of its 12 months. Made by internal/gen/extract_icu.mjs; read by
# internal/gen (go generate), which checks that each year starts where the
# one before ends.
`;
for (const y of years) {
  if (y.lens.length !== 12) throw new Error(`year ${y.y} has ${y.lens.length} months`);
  out += `${y.y} ${y.start} ${y.lens.join(" ")}\n`;
}
process.stdout.write(out);
