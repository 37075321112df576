// The calibration behind the sentiment scorer's neutral zone (NEUTRAL_ZONE in
// process/lexicons/sentiment-rules.ts): macro-F1 over a grid of zones on the airline tweets,
// a development set that `npm run eval -- sentiment` does not report. Run on demand:
//   npm run eval -- sentiment-calibrate
import { byThreshold, CLASSES, earshotScores, loadAirline, score } from './sentiment.js';
import { table, type EvalTask } from '../task.js';

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
    const scores = earshotScores(examples);
    const rows: (string | number)[][] = [];
    let best = { f1: -1, neg: 0, pos: 0 };
    for (let neg = 0.05; neg <= 0.61; neg += 0.05) {
      for (let pos = 0.05; pos <= 0.61; pos += 0.05) {
        const s = score(gold, scores.map((x) => byThreshold(x, -neg, pos)));
        if (s.macroF1 > best.f1) best = { f1: s.macroF1, neg, pos };
        if (Math.abs(neg - pos) < 1e-9) rows.push([`±${neg.toFixed(2)}`, s.macroF1, s.macroRecall, s.accuracy]);
      }
    }
    console.log(table(['symmetric zone', 'macro-F1', 'macro-recall', 'accuracy'], rows, 4));
    console.log(`\nbest zone on the grid: negative ≤ −${best.neg.toFixed(2)}, positive ≥ ${best.pos.toFixed(2)} (macro-F1 ${best.f1.toFixed(3)})`);
  },
};
