// Emerging terms in a spike: key phrases over-represented in the spike window against a
// baseline window. process/emerging.ts will own this statistic (risingTerms); until it lands
// this is the one place to switch over.
import type { TermCount } from '../store/index.js';

export interface EmergingTerm {
  term: string;
  /** Mentions with the term in the spike window. */
  count: number;
  /** Mentions with the term in the baseline window. */
  baseline: number;
  /** Dunning's log-likelihood G² (higher: more surprising); only rising terms are returned. */
  score: number;
}

const xlogx = (x: number) => (x > 0 ? x * Math.log(x) : 0);

/** G² of a 2×2 table: term in window / in baseline against the rest of each. */
function logLikelihood(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  return 2 * (xlogx(a) + xlogx(b) + xlogx(c) + xlogx(d) + xlogx(n) - xlogx(a + b) - xlogx(c + d) - xlogx(a + c) - xlogx(b + d));
}

export function emergingTerms(window: TermCount[], windowTotal: number, baseline: TermCount[], baselineTotal: number, limit = 8): EmergingTerm[] {
  const base = new Map(baseline.map((t) => [t.term, t.count]));
  const out: EmergingTerm[] = [];
  for (const t of window) {
    const b = base.get(t.term) ?? 0;
    // Rising only: the term's rate in the window must exceed its (add-one smoothed) baseline rate.
    if (t.count < 2 || t.count / Math.max(1, windowTotal) <= (b + 1) / Math.max(1, baselineTotal + 1)) continue;
    const score = logLikelihood(t.count, b, Math.max(0, windowTotal - t.count), Math.max(0, baselineTotal - b));
    out.push({ term: t.term, count: t.count, baseline: b, score });
  }
  return out.sort((x, y) => y.score - x.score || x.term.localeCompare(y.term)).slice(0, limit);
}
