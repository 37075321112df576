// Three-class sentiment (negative / neutral / positive) on public labelled sets, earshot beside
// reference methods on the same rows in the same run. Nothing here is tuned to these sets: the
// neutral zone was calibrated on the airline tweets (see sentiment-calibrate.ts), which this
// task does not report.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { analyzeText, scoreSentiment } from '../../process/index.js';
import { dataset, table, type EvalTask } from '../task.js';

export type Polarity = 'negative' | 'neutral' | 'positive';
export const CLASSES: readonly Polarity[] = ['negative', 'neutral', 'positive'];
export interface Example {
  text: string;
  gold: Polarity;
}

/**
 * VADER snippet sets carry the mean of ≥20 human ratings on −4..+4; a mean within ±0.5 of zero
 * (raters split or indifferent) counts as neutral.
 */
export const VADER_SNIPPET_NEUTRAL = 0.5;

export function loadTweetEval(): Example[] | null {
  const textPath = dataset('sentiment', 'tweeteval', 'val_text.txt');
  const labelPath = dataset('sentiment', 'tweeteval', 'val_labels.txt');
  if (!textPath || !labelPath) return null;
  const texts = readFileSync(textPath, 'utf8').split('\n');
  const labels = readFileSync(labelPath, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return labels.map((l, i) => ({ text: texts[i] ?? '', gold: CLASSES[Number(l)]! }));
}

export function loadSentiment140(): Example[] | null {
  const path = dataset('sentiment', 'sentiment140', 'testdata.manual.2009.06.14.csv');
  if (!path) return null;
  const rows = parse(readFileSync(path, 'utf8'), { relax_quotes: true }) as string[][];
  const byPolarity: Record<string, Polarity> = { '0': 'negative', '2': 'neutral', '4': 'positive' };
  return rows.filter((r) => r[0]! in byPolarity).map((r) => ({ text: r[5] ?? '', gold: byPolarity[r[0]!]! }));
}

export function loadVaderSnippets(file: string): Example[] | null {
  const path = dataset('sentiment', 'vader_snippets', file);
  if (!path) return null;
  const out: Example[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const [, rating, ...rest] = line.split('\t');
    const r = Number(rating);
    if (rating === undefined || !Number.isFinite(r)) continue;
    out.push({ text: rest.join('\t'), gold: r <= -VADER_SNIPPET_NEUTRAL ? 'negative' : r >= VADER_SNIPPET_NEUTRAL ? 'positive' : 'neutral' });
  }
  return out;
}

export function loadAirline(): Example[] | null {
  const path = dataset('airline', 'Tweets.csv');
  if (!path) return null;
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, relax_quotes: true, relax_column_count: true }) as Record<string, string>[];
  return rows
    .filter((r) => r.airline_sentiment === 'negative' || r.airline_sentiment === 'neutral' || r.airline_sentiment === 'positive')
    .map((r) => ({ text: r.text ?? '', gold: r.airline_sentiment as Polarity }));
}

export interface Scores {
  macroF1: number;
  macroRecall: number;
  accuracy: number;
}

export function score(gold: readonly Polarity[], predicted: readonly Polarity[]): Scores {
  let correct = 0;
  let f1 = 0;
  let recall = 0;
  for (const c of CLASSES) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i] === c;
      const p = predicted[i] === c;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const prec = tp + fp ? tp / (tp + fp) : 0;
    const rec = tp + fn ? tp / (tp + fn) : 0;
    f1 += prec + rec ? (2 * prec * rec) / (prec + rec) : 0;
    recall += rec;
  }
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  return { macroF1: f1 / CLASSES.length, macroRecall: recall / CLASSES.length, accuracy: correct / gold.length };
}

export const byThreshold = (s: number, neg: number, pos: number): Polarity => (s <= neg ? 'negative' : s >= pos ? 'positive' : 'neutral');

/** The earshot scorer's compound score (English) for each text: the path the classifier takes. */
export function earshotScores(examples: readonly Example[]): number[] {
  return examples.map((e) => scoreSentiment(analyzeText(e.text), 'en').score);
}

// References, each as its authors document it.
const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } };
const AfinnSentiment = require('sentiment') as new () => { analyze(t: string): { score: number } };
const afinn = new AfinnSentiment();
const wink = winkNLP(model);

export const references: { name: string; predict(text: string): Polarity }[] = [
  // VADER's documented thresholds: compound ≥ 0.05 positive, ≤ −0.05 negative.
  { name: 'VADER (vader-sentiment, ±0.05)', predict: (t) => byThreshold(vader.SentimentIntensityAnalyzer.polarity_scores(t).compound, -0.05, 0.05) },
  // wink-nlp's document sentiment is −1..1; its sign is the label (0 neutral).
  { name: 'wink-nlp sentiment (sign)', predict: (t) => byThreshold(wink.readDoc(t).out(wink.its.sentiment) as unknown as number, -1e-9, 1e-9) },
  // AFINN-165 via `sentiment`: summed score's sign.
  { name: 'AFINN (sentiment npm, sign)', predict: (t) => byThreshold(afinn.analyze(t).score, -1e-9, 1e-9) },
];

export function sets(): { name: string; examples: Example[] }[] {
  const out: { name: string; examples: Example[] }[] = [];
  const add = (name: string, ex: Example[] | null) => ex && out.push({ name, examples: ex });
  add('TweetEval val', loadTweetEval());
  add('Sentiment140 test', loadSentiment140());
  add('VADER amazon', loadVaderSnippets('amazonReviewSnippets_GroundTruth.txt'));
  add('VADER movie', loadVaderSnippets('movieReviewSnippets_GroundTruth.txt'));
  add('VADER nyt', loadVaderSnippets('nytEditorialSnippets_GroundTruth.txt'));
  return out;
}

function majority(gold: readonly Polarity[]): Polarity {
  const counts = new Map<Polarity, number>();
  for (const g of gold) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

export const task: EvalTask = {
  name: 'sentiment',
  title: 'Sentiment, 3 classes: earshot vs VADER, wink-nlp, AFINN and majority class (same rows, same run)',
  order: 10,
  async run() {
    console.log(
      `Gold classes: TweetEval labels as given; Sentiment140 polarity 0/2/4; VADER snippets mean rating ≤ −${VADER_SNIPPET_NEUTRAL} negative, ≥ +${VADER_SNIPPET_NEUTRAL} positive, else neutral.`,
    );
    console.log('earshot scores every text as English (the classifier does so when the language is en or undetermined).\n');
    const summary: (string | number)[][] = [];
    for (const { name, examples } of sets()) {
      const gold = examples.map((e) => e.gold);
      const counts = CLASSES.map((c) => gold.filter((g) => g === c).length).join('/');
      const rows: (string | number)[][] = [];
      const es = earshotScores(examples);
      // The scorer's own labels (with its calibrated neutral zone) are what the pipeline stores.
      const labels = examples.map((e) => scoreSentiment(analyzeText(e.text), 'en').label as Polarity);
      const own = score(gold, labels);
      rows.push(['earshot', own.macroF1, own.macroRecall, own.accuracy]);
      const narrow = score(gold, es.map((s) => byThreshold(s, -0.05, 0.05)));
      rows.push(['earshot with VADER\'s ±0.05 zone (ablation)', narrow.macroF1, narrow.macroRecall, narrow.accuracy]);
      let vaderF1 = 0;
      for (const r of references) {
        const s = score(gold, examples.map((e) => r.predict(e.text)));
        if (r.name.startsWith('VADER')) vaderF1 = s.macroF1;
        rows.push([r.name, s.macroF1, s.macroRecall, s.accuracy]);
      }
      const m = majority(gold);
      const ms = score(gold, gold.map(() => m));
      rows.push([`majority class (${m})`, ms.macroF1, ms.macroRecall, ms.accuracy]);
      console.log(`### ${name} (${examples.length} rows; neg/neu/pos ${counts})\n`);
      console.log(table(['method', 'macro-F1', 'macro-recall', 'accuracy'], rows));
      console.log();
      summary.push([name, own.macroF1, vaderF1, (own.macroF1 - vaderF1) * 100]);
    }
    console.log('### Summary: earshot vs VADER, macro-F1\n');
    console.log(table(['set', 'earshot', 'VADER', 'Δ points'], summary, 3));
  },
};
