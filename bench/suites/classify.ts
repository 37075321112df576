// The classify stage against wink-nlp's own sentiment on the same texts, in one process:
//   npm run bench -- classify                    50,000 texts, throughput ratio stage / wink
//   npm run bench -- classify --texts=1000000    a long run through the stage alone, RSS sampled
//   (NODE_OPTIONS=--expose-gc for live-heap figures rather than garbage-inclusive ones)
// Texts are tweets and review snippets read from shared/datasets when present (reading text is
// not training), else generated; repeated to the requested count with a varying suffix so the
// near-duplicate index sees distinct texts.
//
// analyzeText memoises the tokens of each whitespace-separated chunk, so repeated texts are
// cheaper than new ones. Besides the repeated-text rounds, the suite therefore measures texts
// the stage has never met, from a cold start and in a warm process, against wink on the same
// texts. The per-stage table comes from a separate timed run (createClassifier's stageMs).
//
// Measured 2026-11-24 (2 shared cores, best of 3 interleaved rounds), µs/text in the stage:
//   repeated texts: analyzeText 8.6, detectLanguage 7.6, scoreSentiment 4.8 | failureDemand 4.9,
//   dedup 5.3, topics 0.8, intent 3.9, keyPhrases 1.4; whole stage 1.09× wink (was 0.48×).
//   new texts in a warm process: analyzeText ~30, detectLanguage ~8.5, scoreSentiment ~6 |
//   failureDemand ~6, dedup ~15, topics 1, intent ~5, keyPhrases 1.5; whole stage 0.55× wink.
//   1,000,000 texts (--texts=1000000, --expose-gc): live heap 186–201 MB, RSS 559–589 MB, flat.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { loadConfig } from '../../config/index.js';
import type { RawMention } from '../../messages/index.js';
import { analyzeText, createClassifier, detectLanguage, resetTextAnalysisCaches, scoreSentiment } from '../../process/index.js';
import { datasetTexts, type BenchSuite } from '../suite.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function baseTexts(): string[] {
  const out = datasetTexts();
  if (out.length) return out;
  const subjects = ['my order', 'the app', 'your support team', 'the new update', 'checkout', 'the delivery'];
  const verbs = ['is great', 'keeps crashing', "hasn't arrived", 'is so slow', 'works fine', 'was refunded'];
  const tails = ['', ' thanks!', ' #fail', ' 😡', ' :)', ' again...', ' @acme please help'];
  for (const s of subjects) for (const v of verbs) for (const t of tails) out.push(`${s} ${v}${t}`);
  return out;
}

function textAt(base: string[], i: number): string {
  const t = base[i % base.length]!;
  const round = Math.floor(i / base.length);
  return round ? `${t} (${round})` : t;
}

function rawMention(text: string, i: number): RawMention {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    schemaVersion: 1,
    id: `simulate:${i}`,
    source: 'simulate',
    nativeId: String(i),
    author: { id: `u${i % 5000}`, handle: `user${i % 5000}` },
    text,
    createdAt: at,
    fetchedAt: at,
    engagement: {},
    langHint: i % 3 === 0 ? 'en' : undefined,
    brand: 'acme',
    query: 'acme',
  } as RawMention;
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

const BATCH = 500;
const ROUNDS = 3;
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

export const suite: BenchSuite = {
  name: 'classify',
  title: 'classify stage vs wink-nlp sentiment alone (same texts, same process)',
  async run(args) {
    const count = Number(arg(args, '--texts') ?? 50_000);
    if (!Number.isInteger(count) || count <= 0) throw new Error(`--texts expects a positive integer, got ${arg(args, '--texts')}`);
    const config = loadConfig(join(root, 'config', 'earshot.example.yaml'));
    const base = baseTexts();

    if (count > 200_000) return longRun(config, base, count);

    const texts = Array.from({ length: count }, (_, i) => textAt(base, i));
    const raws = texts.map(rawMention);
    const nlp = winkNLP(model);
    const its = nlp.its;

    const runWink = () => {
      let s = 0;
      for (const t of texts) s += nlp.readDoc(t).out(its.sentiment) as unknown as number;
      return s;
    };
    const runPieces = () => {
      let s = 0;
      for (const t of texts) {
        const a = analyzeText(t);
        s += scoreSentiment(a, detectLanguage(a).language).score;
      }
      return s;
    };
    const runStage = () => {
      // A fresh classifier each round: its near-duplicate index starts empty, as in a new process.
      const classifier = createClassifier(config);
      let n = 0;
      for (let i = 0; i < raws.length; i += BATCH) n += classifier.classifyBatch(raws.slice(i, i + BATCH)).length;
      return n;
    };
    const timed = (fn: () => unknown, n = count) => {
      const started = performance.now();
      fn();
      return n / ((performance.now() - started) / 1000);
    };

    // Warm-up on a slice, then interleaved rounds; the best round of each counts (the machine is shared).
    const warm = texts.slice(0, 2_000);
    for (const t of warm) nlp.readDoc(t).out(its.sentiment);
    createClassifier(config).classifyBatch(raws.slice(0, 2_000));
    const best = { wink: 0, pieces: 0, stage: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      best.wink = Math.max(best.wink, timed(runWink));
      best.stage = Math.max(best.stage, timed(runStage));
      best.pieces = Math.max(best.pieces, timed(runPieces));
    }

    // First sight: texts the stage has never met. Cold: the memo emptied, as in a new process.
    // Warm: the memo filled by the other half of the distinct texts (odd vs even), as in a
    // process that has been running: its vocabulary known, these texts new.
    const distinct = Math.min(base.length, count);
    const cold = { texts: texts.slice(0, distinct), raws: raws.slice(0, distinct) };
    const odd = { texts: cold.texts.filter((_, i) => i % 2 === 1), raws: cold.raws.filter((_, i) => i % 2 === 1) };
    const even = cold.raws.filter((_, i) => i % 2 === 0);
    const first = { coldWink: 0, cold: 0, warmWink: 0, warm: 0 };
    const classifyAll = (classifier: ReturnType<typeof createClassifier>, list: RawMention[]) => {
      for (let i = 0; i < list.length; i += BATCH) classifier.classifyBatch(list.slice(i, i + BATCH));
    };
    const winkOn = (list: string[]) => () => {
      for (const t of list) nlp.readDoc(t).out(its.sentiment);
    };
    for (let round = 0; round < ROUNDS; round++) {
      first.coldWink = Math.max(first.coldWink, timed(winkOn(cold.texts), distinct));
      resetTextAnalysisCaches();
      const c1 = createClassifier(config);
      first.cold = Math.max(first.cold, timed(() => classifyAll(c1, cold.raws), distinct));
      first.warmWink = Math.max(first.warmWink, timed(winkOn(odd.texts), odd.texts.length));
      resetTextAnalysisCaches();
      const c2 = createClassifier(config);
      classifyAll(c2, even);
      first.warm = Math.max(first.warm, timed(() => classifyAll(c2, odd.raws), odd.texts.length));
    }

    // Where the time goes: one timed pass per round over all texts, the lowest per stage kept.
    const perStage: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const stageMs: Record<string, number> = {};
      const classifier = createClassifier(config, { stageMs });
      for (let i = 0; i < raws.length; i += BATCH) classifier.classifyBatch(raws.slice(i, i + BATCH));
      for (const [k, ms] of Object.entries(stageMs)) perStage[k] = Math.min(perStage[k] ?? Infinity, (ms * 1000) / count);
    }
    const winkMicros = 1e6 / best.wink;

    console.log(`${count.toLocaleString('en')} texts (${base.length.toLocaleString('en')} distinct bases), batches of ${BATCH}; best of ${ROUNDS} interleaved rounds.\n`);
    console.log('| run | texts/s | ratio to wink sentiment |');
    console.log('| --- | --- | --- |');
    console.log(`| wink-nlp readDoc + its.sentiment (reference) | ${Math.round(best.wink)} | 1.00× |`);
    console.log(`| classify stage: createClassifier().classifyBatch | ${Math.round(best.stage)} | ${(best.stage / best.wink).toFixed(2)}× |`);
    console.log(`| analyzeText + detectLanguage + scoreSentiment | ${Math.round(best.pieces)} | ${(best.pieces / best.wink).toFixed(2)}× |`);
    console.log(`| new texts, cold start: wink on the ${distinct.toLocaleString('en')} distinct texts | ${Math.round(first.coldWink)} | 1.00× |`);
    console.log(`| new texts, cold start: classify stage, memo emptied first | ${Math.round(first.cold)} | ${(first.cold / first.coldWink).toFixed(2)}× |`);
    console.log(`| new texts, warm process: wink on the odd half | ${Math.round(first.warmWink)} | 1.00× |`);
    console.log(`| new texts, warm process: classify stage on the odd half, memo filled by the even half | ${Math.round(first.warm)} | ${(first.warm / first.warmWink).toFixed(2)}× |`);
    console.log('\n| stage | µs/text | wink sentiment µs/text ÷ stage µs/text |');
    console.log('| --- | --- | --- |');
    let total = 0;
    for (const [k, us] of Object.entries(perStage)) {
      total += us;
      console.log(`| ${k} | ${us.toFixed(1)} | ${(winkMicros / us).toFixed(2)}× |`);
    }
    console.log(`| all (timed run; timing adds ~0.5 µs) | ${total.toFixed(1)} | ${(winkMicros / total).toFixed(2)}× |`);
    console.log(`\npeak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  },
};

/** Streams `count` mentions through one classifier, sampling RSS: memory should stay flat. */
function longRun(config: ReturnType<typeof loadConfig>, base: string[], count: number): void {
  const classifier = createClassifier(config);
  const samples: string[] = [];
  const every = Math.max(BATCH, Math.floor(count / 10 / BATCH) * BATCH);
  const started = performance.now();
  let batch: RawMention[] = [];
  let done = 0;
  for (let i = 0; i < count; i++) {
    batch.push(rawMention(textAt(base, i), i));
    if (batch.length === BATCH || i === count - 1) {
      done += classifier.classifyBatch(batch).length;
      batch = [];
      if (done % every === 0 || done === count) {
        global.gc?.(); // without --expose-gc the heap figure includes uncollected garbage
        const m = process.memoryUsage();
        samples.push(`| ${done.toLocaleString('en')} | ${mb(m.rss)} | ${mb(m.heapUsed)} |`);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${count.toLocaleString('en')} texts through one classifier in ${seconds.toFixed(1)} s (${Math.round(count / seconds)} texts/s)\n`);
  console.log('| texts done | RSS | heap used |');
  console.log('| --- | --- | --- |');
  for (const s of samples) console.log(s);
  console.log(`\npeak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  if (!global.gc) console.log('(heap figures include garbage: run with NODE_OPTIONS=--expose-gc for live-heap figures)');
}
