// Emerging terms: which terms are used significantly more in a recent window than a baseline
// predicts. Statistic: Dunning's log-likelihood ratio G² on the 2×2 table
// (term, other terms) × (window, baseline) — well behaved for the small counts of rare terms,
// unlike χ² (Dunning, "Accurate methods for the statistics of surprise and coincidence", 1993).
// G² is asymptotically χ² with 1 degree of freedom: 10.83 ≈ p < 0.001, 15.13 ≈ p < 0.0001.

export interface TermCount {
  term: string;
  count: number;
}

export interface RisingTerm {
  term: string;
  observed: number;
  /** Window count the baseline rate predicts (the baseline's share, add-0.5 smoothed, times the window total). */
  expected: number;
  /** G²; only terms above expectation are returned. */
  score: number;
}

export interface RisingTermsOptions {
  /** A term needs at least this many window occurrences (default 5): a rare word doubling is noise. */
  minCount?: number;
  /** At most this many terms, highest score first (default 20). */
  limit?: number;
  /** Critical value of G² (default 10.83, p < 0.001 for one test). */
  minScore?: number;
}

const xlogx = (x: number, n: number) => (x > 0 ? x * Math.log(x / n) : 0);

/** Dunning G² for a term seen a times in a window of n1 tokens and b times in a baseline of n2. */
export function logLikelihood(a: number, n1: number, b: number, n2: number): number {
  const c = n1 - a;
  const d = n2 - b;
  const n = n1 + n2;
  // G² = 2 Σ O ln(O/E), written with row/column totals to avoid computing E per cell.
  const g =
    xlogx(a, 1) + xlogx(b, 1) + xlogx(c, 1) + xlogx(d, 1) -
    xlogx(a + b, 1) - xlogx(c + d, 1) - xlogx(n1, 1) - xlogx(n2, 1) + xlogx(n, 1);
  return Math.max(0, 2 * g);
}

export function risingTerms(
  window: TermCount[],
  windowTotal: number,
  baseline: TermCount[],
  baselineTotal: number,
  options: RisingTermsOptions = {},
): RisingTerm[] {
  const minCount = options.minCount ?? 5;
  const limit = options.limit ?? 20;
  const minScore = options.minScore ?? 10.83;
  if (!(windowTotal > 0)) return [];
  const base = new Map<string, number>();
  for (const t of baseline) base.set(t.term, (base.get(t.term) ?? 0) + t.count);
  const totals = new Map<string, number>();
  for (const t of window) totals.set(t.term, (totals.get(t.term) ?? 0) + t.count);

  const out: RisingTerm[] = [];
  for (const [term, observed] of totals) {
    if (observed < minCount) continue;
    const b = base.get(term) ?? 0;
    // Without a baseline every term is new: nothing to compare against, so nothing is "rising".
    if (!(baselineTotal > 0)) continue;
    const expected = (windowTotal * (b + 0.5)) / (baselineTotal + 0.5);
    if (observed <= expected) continue;
    const score = logLikelihood(observed, windowTotal, b, baselineTotal);
    if (score >= minScore) out.push({ term, observed, expected, score });
  }
  out.sort((x, y) => y.score - x.score || y.observed - x.observed || (x.term < y.term ? -1 : 1));
  return out.slice(0, limit);
}
