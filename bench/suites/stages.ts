// The classify stage's cheap classifiers, one at a time, against wink-nlp sentiment in the same
// process: `npm run bench -- stages`. Each is timed over texts analysed beforehand, so the figure
// is the stage's own cost per text (µs) on top of the shared analysis. Texts: tweets and review
// snippets from shared/datasets when present (reading text is not training), else generated;
// all distinct, so the near-duplicate index does its full work (no exact-copy shortcut).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { loadConfig } from '../../config/index.js';
import { analyzeText, scoreSentiment } from '../../process/index.js';
import { NearDuplicateIndex } from '../../process/dedup.js';
import { createFailureDemandDetector } from '../../process/failure-demand.js';
import { createIntentClassifier } from '../../process/intent.js';
import { extractKeyPhrases } from '../../process/keyphrases.js';
import { matchKeys } from '../../process/phrases.js';
import { createTopicMatcher } from '../../process/topics.js';
import { datasetTexts, type BenchSuite } from '../suite.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function texts(): string[] {
  const out = datasetTexts();
  if (out.length) return [...new Set(out)];
  const subjects = ['my order', 'the app', 'your support team', 'the new update', 'checkout', 'the delivery'];
  const verbs = ['is great', 'keeps crashing', "hasn't arrived", 'is so slow', 'works fine', 'was refunded'];
  for (let i = 0; i < 5000; i++) out.push(`${subjects[i % 6]} ${verbs[(i / 6) % 6 | 0]} order ${i} @acme`);
  return out;
}

export const suite: BenchSuite = {
  name: 'stages',
  title: 'failure demand, intent, topics, key phrases, near-duplicates: µs per text, beside wink-nlp sentiment',
  async run() {
    const config = loadConfig(join(root, 'config', 'earshot.example.yaml'));
    const brandTerms = config.brands.flatMap((b) => [b.name, ...(b.aliases ?? [])]);
    const failureDemand = createFailureDemandDetector(config.classify.failureDemand, { brandTerms });
    const intent = createIntentClassifier(config.classify.intent, { brandTerms });
    const topics = createTopicMatcher(config.taxonomy.topics);
    const base = texts();
    const nlp = winkNLP(model);
    const its = nlp.its;

    const best = new Map<string, number>();
    const time = (name: string, fn: () => void) => {
      const started = performance.now();
      fn();
      const us = ((performance.now() - started) * 1000) / base.length;
      best.set(name, Math.min(best.get(name) ?? Infinity, us));
    };
    // Interleaved rounds, best of each (the machine is shared). Fresh analyses per round, so the
    // per-text caches (match keys, targets) start cold as they do for a new mention.
    for (let round = 0; round < 5; round++) {
      time('wink-nlp readDoc + its.sentiment (reference)', () => {
        for (const t of base) nlp.readDoc(t).out(its.sentiment);
      });
      const items = base.map((t) => {
        const a = analyzeText(t);
        return { a, sentiment: scoreSentiment(a, 'en') };
      });
      time('match keys (shared by the phrase stages)', () => {
        for (const { a } of items) matchKeys(a);
      });
      const demands: boolean[] = new Array(items.length);
      time('failure demand', () => {
        items.forEach(({ a, sentiment }, i) => (demands[i] = failureDemand(a, sentiment).failureDemand));
      });
      time('intent', () => {
        items.forEach(({ a, sentiment }, i) => intent(a, { sentiment, failureDemand: demands[i]! }));
      });
      time('topics', () => {
        for (const { a } of items) topics(a);
      });
      time('key phrases', () => {
        for (const { a } of items) extractKeyPhrases(a);
      });
      const index = new NearDuplicateIndex();
      const t0 = Date.UTC(2026, 0, 1);
      time('near-duplicates', () => {
        items.forEach(({ a }, i) => index.check(`b:${i}`, a, t0 + i * 1000));
      });
    }
    const reference = best.get('wink-nlp readDoc + its.sentiment (reference)')!;
    console.log(`${base.length.toLocaleString('en')} distinct texts; best of 5 interleaved rounds.\n`);
    console.log('| step | µs per text | share of wink sentiment time |');
    console.log('| --- | --- | --- |');
    let ours = 0;
    for (const [name, us] of best) {
      if (!name.includes('reference')) ours += us;
      console.log(`| ${name} | ${us.toFixed(2)} | ${(us / reference).toFixed(3)} |`);
    }
    console.log(`| all of the above but the reference | ${ours.toFixed(2)} | ${(ours / reference).toFixed(3)} |`);
  },
};
