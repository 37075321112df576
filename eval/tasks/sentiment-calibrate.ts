// The calibration behind the sentiment scorer's neutral zone (NEUTRAL_ZONE in
// process/lexicons/sentiment-rules.ts): macro-F1 over a grid of zones on the airline tweets,
// a development set that `npm run eval -- sentiment` does not report. The zone depends on how
// many tokens carry sentiment (one, or several). Run on demand:
//   npm run eval -- sentiment-calibrate
import { analyzeText, sentimentEvidence, type SentimentEvidence } from '../../process/index.js';
import { CLASSES, loadAirline, score, type Polarity } from './sentiment.js';
import { table, type EvalTask } from '../task.js';

const labelWith = (e: SentimentEvidence, single: number, several: number): Polarity => {
  const z = e.positiveCount + e.negativeCount > 1 ? several : single;
  return e.compound <= -z ? 'negative' : e.compound >= z ? 'positive' : 'neutral';
};

export const task: EvalTask = {
  name: 'sentiment-calibrate',
  title: 'Sentiment neutral zone calibration on the airline tweets (development set, not reported elsewhere)',
  order: 11,
  onlyWhenAsked: true,
  async run() {
    const examples = loadAirline();
    if (!examples) return;
    const gold = examples.map((e) => e.gold);
    console.log(`${examples.length} tweets; neg/neu/pos ${CLASSES.map((c) => gold.filter((g) => g === c).length).join('/')}\n`);
    const evidence = examples.map((e) => sentimentEvidence(analyzeText(e.text), 'en')!);
    const rows: (string | number)[][] = [];
    let best = { f1: -1, single: 0, several: 0 };
    // Integer steps: float accumulation would skip grid points.
    for (let a = 2; a <= 9; a++) {
      for (let b = 1; b <= 6; b++) {
        const single = a * 0.05;
        const several = b * 0.05;
        const s = score(gold, evidence.map((e) => labelWith(e, single, several)));
        if (s.macroF1 > best.f1) best = { f1: s.macroF1, single, several };
        if (a === b) rows.push([`±${single.toFixed(2)} (same for any number of cues)`, s.macroF1, s.macroRecall, s.accuracy]);
      }
    }
    console.log(table(['zone', 'macro-F1', 'macro-recall', 'accuracy'], rows, 4));
    console.log(`\nbest on the grid: ±${best.single.toFixed(2)} when one token carries sentiment, ±${best.several.toFixed(2)} when several do (macro-F1 ${best.f1.toFixed(4)})`);
  },
};

