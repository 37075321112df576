// Near-duplicate detection on synthetic perturbations of real texts: airline tweets are the
// originals; copies are made at run time (retweet prefix, added URL/@mention/emoji, changed
// numbers, one or two words replaced, a word dropped, case changed). Recall: copies mapped to
// their original. False merges: distinct real tweets mapped onto another (an upper bound: the
// corpus itself holds some genuine copies). No labels are read.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { NearDuplicateIndex } from '../../process/dedup.js';
import { analyzeText } from '../../process/text.js';
import { dataset, table, type EvalTask } from '../task.js';

type Perturb = (text: string, rand: () => number, vocabulary: string[]) => string;

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const replaceWords = (n: number): Perturb => (text, rand, vocabulary) => {
  const words = text.split(' ');
  for (let k = 0; k < n; k++) {
    const candidates = words.map((w, i) => (/^[a-z]{3,}$/i.test(w) ? i : -1)).filter((i) => i >= 0);
    if (!candidates.length) break;
    words[candidates[Math.floor(rand() * candidates.length)]!] = vocabulary[Math.floor(rand() * vocabulary.length)]!;
  }
  return words.join(' ');
};

export const PERTURBATIONS: [string, Perturb][] = [
  ['retweet prefix', (t) => `RT @someone: ${t}`],
  ['URL, @mention, emoji added', (t, r) => `${t} https://t.co/${Math.floor(r() * 1e9).toString(36)} @friend${Math.floor(r() * 100)} 😡`],
  ['numbers changed', (t, r) => t.replace(/\d+/g, () => String(Math.floor(r() * 1000))) + ` #${Math.floor(r() * 100)}`],
  ['one word replaced', replaceWords(1)],
  ['two words replaced', replaceWords(2)],
  ['one word dropped', (t, r) => {
    const w = t.split(' ');
    w.splice(Math.floor(r() * w.length), 1);
    return w.join(' ');
  }],
  ['upper-cased, punctuation added', (t) => `${t.toUpperCase()}!!!`],
];

export const task: EvalTask = {
  name: 'dedup',
  title: 'Near-duplicates: synthetic copies of real tweets (recall) and distinct tweets (false merges)',
  order: 32,
  async run() {
    const path = dataset('airline', 'Tweets.csv');
    if (!path) return;
    const rows = parse(readFileSync(path, 'utf8'), { columns: true, relax_quotes: true }) as Record<string, string>[];
    const seen = new Set<string>();
    const originals: string[] = [];
    for (const r of rows) {
      const t = (r.text ?? '').trim();
      if (t.split(/\s+/).length >= 8 && !seen.has(t)) {
        seen.add(t);
        originals.push(t);
      }
      if (originals.length >= 3000) break;
    }
    const vocabulary = [...new Set(originals.flatMap((t) => t.toLowerCase().match(/\b[a-z]{4,}\b/g) ?? []))];
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    for (const threshold of [0.5, 0.6, 0.7]) {
      const index = new NearDuplicateIndex({ threshold });
      const rootOf: string[] = [];
      let falseMerges = 0;
      originals.forEach((text, i) => {
        const dup = index.check(`o:${i}`, analyzeText(text), t0 + i * 1000);
        if (dup) falseMerges++;
        rootOf.push(dup ?? `o:${i}`);
      });
      const rand = mulberry32(42);
      const results = PERTURBATIONS.map(([name, perturb], p) => {
        let found = 0;
        originals.forEach((text, i) => {
          const copy = perturb(text, rand, vocabulary);
          if (index.check(`c:${p}:${i}`, analyzeText(copy), t0 + (originals.length + i) * 1000) === rootOf[i]) found++;
        });
        return [name, originals.length, found / originals.length] as (string | number)[];
      });
      console.log(`\nthreshold ${threshold}: ${originals.length} distinct tweets (≥ 8 words); flagged as copies of another: ${falseMerges} (${((100 * falseMerges) / originals.length).toFixed(2)}%)\n`);
      console.log(table(['perturbation', 'copies', 'recall'], results));
    }
  },
};
