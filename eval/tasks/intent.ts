// Intent (complaint, question, praise, idea, other) on eval/data/intent.jsonl: 210 lines written
// by hand by the earshot team for this purpose (not taken from any dataset or from the
// lexicons' phrase lists): varied phrasings of each intent, with traps such as "again" in praise,
// "should" in complaints, resolved chases, questions about faults. Lines whose complaint names a
// failure carry `category`, which also scores the failure-demand categories.
// Then the same per language on eval/data/intent-languages.jsonl: 100 lines, 20 each in es, de,
// fr, pt, it, written by hand before those languages' cues (and not tuned to: the cues'
// own checks are other sentences, in tests/process/languages.test.ts).
// Beside earshot, a sentiment-only reference: negative → complaint, positive → praise,
// "?" → question, else other (no idea class: that is what it cannot see).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAILURE_CATEGORIES, INTENTS, type FailureCategory, type Intent } from '../../messages/index.js';
import { createFailureDemandDetector } from '../../process/failure-demand.js';
import { createIntentExplainer } from '../../process/intent.js';
import { detectLanguage } from '../../process/language.js';
import { scoreSentiment } from '../../process/sentiment.js';
import { analyzeText } from '../../process/text.js';
import { table, type EvalTask } from '../task.js';

interface Line {
  text: string;
  intent: Intent;
  category?: FailureCategory;
  /** ISO 639-1, in intent-languages.jsonl. */
  language?: string;
}

export function loadIntentSet(file = 'intent.jsonl'): Line[] {
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', file);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const o = JSON.parse(l) as Line;
      if (!(INTENTS as readonly string[]).includes(o.intent)) throw new Error(`${path}:${i + 1}: unknown intent '${o.intent}'`);
      if (o.category && !(FAILURE_CATEGORIES as readonly string[]).includes(o.category)) throw new Error(`${path}:${i + 1}: unknown category '${o.category}'`);
      return o;
    });
}

function perClass<T extends string>(classes: readonly T[], gold: T[], predicted: T[]): (string | number)[][] {
  return classes.map((c) => {
    const tp = gold.filter((g, i) => g === c && predicted[i] === c).length;
    const p = predicted.filter((x) => x === c).length;
    const g = gold.filter((x) => x === c).length;
    const precision = p ? tp / p : 0;
    const recall = g ? tp / g : 0;
    return [c, g, precision, recall, precision + recall ? (2 * precision * recall) / (precision + recall) : 0];
  });
}

function confusion<T extends string>(classes: readonly T[], gold: T[], predicted: T[]): string {
  return table(
    ['gold \\ predicted', ...classes],
    classes.map((g) => [g, ...classes.map((p) => gold.filter((x, i) => x === g && predicted[i] === p).length)]),
  );
}

export const task: EvalTask = {
  name: 'intent',
  title: 'Intent with ideas (hand-written labelled set), and failure-demand categories on it',
  order: 31,
  async run() {
    const lines = loadIntentSet();
    // The set's lines are written about a brand called "acme", as config brands[].name would give it.
    const explain = createIntentExplainer({}, { brandTerms: ['acme'] });
    const detect = createFailureDemandDetector({}, { brandTerms: ['acme'] });
    const rows = lines.map((l) => {
      const a = analyzeText(l.text);
      const sentiment = scoreSentiment(a, 'en');
      // Cues of the detected language apply, as in the pipeline (English ones always).
      const language = detectLanguage(a).language;
      const demand = detect(a, sentiment, language);
      const decided = explain(a, { sentiment, failureDemand: demand.failureDemand, language });
      return { ...l, sentiment, demand, predicted: decided.intent, rule: decided.rule };
    });
    const gold = rows.map((r) => r.intent);
    const predicted = rows.map((r) => r.predicted);
    const reference = rows.map((r): Intent => (r.sentiment.label === 'negative' ? 'complaint' : r.text.includes('?') ? 'question' : r.sentiment.label === 'positive' ? 'praise' : 'other'));
    const acc = (p: Intent[]) => p.filter((x, i) => x === gold[i]).length / gold.length;
    console.log(`${rows.length} lines; accuracy: earshot ${acc(predicted).toFixed(3)}, sentiment-only reference ${acc(reference).toFixed(3)}\n`);
    const macro = (p: Intent[]) => perClass(INTENTS, gold, p).reduce((s, r) => s + (r[4] as number), 0) / INTENTS.length;
    console.log(`macro-F1: earshot ${macro(predicted).toFixed(3)}, reference ${macro(reference).toFixed(3)}\n`);
    console.log('earshot per class:\n');
    console.log(table(['intent', 'lines', 'precision', 'recall', 'F1'], perClass(INTENTS, gold, predicted)));
    console.log('\nearshot confusion:\n');
    console.log(confusion(INTENTS, gold, predicted));
    console.log('\nsentiment-only reference per class:\n');
    console.log(table(['intent', 'lines', 'precision', 'recall', 'F1'], perClass(INTENTS, gold, reference)));

    // Failure demand on the same lines: gold = the line names a failure category.
    const fdGold = rows.map((r) => r.category !== undefined);
    const fdPred = rows.map((r) => r.demand.failureDemand);
    const tp = fdGold.filter((g, i) => g && fdPred[i]).length;
    const precision = tp / Math.max(1, fdPred.filter(Boolean).length);
    const recall = tp / Math.max(1, fdGold.filter(Boolean).length);
    console.log(`\nfailure demand on these lines: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${((2 * precision * recall) / (precision + recall || 1)).toFixed(3)}`);
    const withCat = rows.filter((r) => r.category);
    const cats = [...FAILURE_CATEGORIES, 'none'] as const;
    console.log(`\ncategories (${withCat.length} lines with a gold category; exact-category accuracy ${(withCat.filter((r) => r.demand.category === r.category).length / withCat.length).toFixed(3)}):\n`);
    console.log(
      table(
        ['gold \\ predicted', ...cats],
        FAILURE_CATEGORIES.map((g) => [g, ...cats.map((p) => withCat.filter((r) => r.category === g && (r.demand.category ?? 'none') === p).length)]),
      ),
    );
    const rules = new Map<string, number>();
    for (const r of rows) rules.set(r.rule, (rules.get(r.rule) ?? 0) + 1);
    const wrong = rows.filter((r) => r.predicted !== r.intent);
    console.log(`\nmisclassified (${wrong.length}):\n`);
    console.log(table(['text', 'gold', 'predicted', 'rule'], wrong.map((r) => [r.text.replace(/\|/g, '/'), r.intent, r.predicted, r.rule])));
    console.log(`\ndeciding rule counts: ${[...rules].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    languagesSection();
  },
};

/** The other-language set: per language, as the pipeline runs (language detected, then scored in it). */
function languagesSection(): void {
  const explain = createIntentExplainer({}, { brandTerms: ['acme'] });
  const detect = createFailureDemandDetector({}, { brandTerms: ['acme'] });
  const rows = loadIntentSet('intent-languages.jsonl').map((l, i) => {
    if (!l.language) throw new Error(`eval/data/intent-languages.jsonl:${i + 1}: expected a "language"`);
    const a = analyzeText(l.text);
    const detected = detectLanguage(a).language;
    const sentiment = scoreSentiment(a, detected);
    const demand = detect(a, sentiment, detected);
    const decided = explain(a, { sentiment, failureDemand: demand.failureDemand, language: detected });
    const reference: Intent = sentiment.label === 'negative' ? 'complaint' : l.text.includes('?') ? 'question' : sentiment.label === 'positive' ? 'praise' : 'other';
    return { ...l, language: l.language, detected, sentiment, demand, predicted: decided.intent, rule: decided.rule, reference };
  });
  type Row = (typeof rows)[number];
  const ratio = (n: number, d: number) => (d ? n / d : Number.NaN);
  const summary = (name: string, rs: Row[]): (string | number)[] => {
    const ideasPredicted = rs.filter((r) => r.predicted === 'idea');
    const ideasGold = rs.filter((r) => r.intent === 'idea');
    const withCat = rs.filter((r) => r.category);
    const complaints = rs.filter((r) => r.intent === 'complaint');
    return [
      name,
      rs.length,
      ratio(rs.filter((r) => r.detected === r.language).length, rs.length),
      ratio(rs.filter((r) => r.predicted === r.intent).length, rs.length),
      ratio(rs.filter((r) => r.reference === r.intent).length, rs.length),
      ratio(ideasPredicted.filter((r) => r.intent === 'idea').length, ideasPredicted.length),
      ratio(ideasGold.filter((r) => r.predicted === 'idea').length, ideasGold.length),
      ratio(withCat.filter((r) => r.demand.category === r.category).length, withCat.length),
      rs.filter((r) => !r.category && r.demand.failureDemand).length,
      `${complaints.filter((r) => r.sentiment.label === 'positive').length}/${complaints.length}`,
    ];
  };
  const languages = [...new Set(rows.map((r) => r.language))];
  console.log(`\n### Other languages (eval/data/intent-languages.jsonl, ${rows.length} lines)\n`);
  console.log('Intent accuracy of earshot and of the sentiment-only reference; idea precision and recall; failure-demand category agreement on lines with a gold category; failure demand flagged on lines without one; complaints whose sentiment label is positive.\n');
  console.log(
    table(
      ['language', 'lines', 'language id', 'intent acc', 'reference acc', 'idea P', 'idea R', 'category agreement', 'FD on no-category lines', 'complaints scored positive'],
      [...languages.map((lang) => summary(lang, rows.filter((r) => r.language === lang))), summary('all', rows)],
    ),
  );
  const wrong = rows.filter((r) => r.predicted !== r.intent || (r.category ?? null) !== (r.demand.category ?? null));
  console.log(`\nmisclassified intent or category (${wrong.length}):\n`);
  console.log(
    table(
      ['language', 'text', 'gold', 'predicted', 'rule', 'gold category', 'category', 'sentiment'],
      wrong.map((r) => [r.language, r.text.replace(/\|/g, '/'), r.intent, r.predicted, r.rule, r.category ?? '-', r.demand.category ?? '-', r.sentiment.label]),
    ),
  );
}
