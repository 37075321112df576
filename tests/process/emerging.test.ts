import { describe, expect, it } from 'vitest';
import { logLikelihood, risingTerms } from '../../process/emerging.js';

describe('Dunning log-likelihood', () => {
  it('is zero when the rates are equal', () => {
    expect(logLikelihood(10, 1000, 100, 10_000)).toBeCloseTo(0, 10);
  });
  it('matches a hand-computed 2×2 value', () => {
    // a=30 of 1000 vs b=20 of 1000: G² = 2 Σ O ln(O/E), E = 25 / 975 per cell.
    const expected = 2 * (30 * Math.log(30 / 25) + 20 * Math.log(20 / 25) + 970 * Math.log(970 / 975) + 980 * Math.log(980 / 975));
    expect(logLikelihood(30, 1000, 20, 1000)).toBeCloseTo(expected, 9);
  });
  it('grows with the evidence for the same ratio', () => {
    expect(logLikelihood(40, 2000, 20, 2000)).toBeGreaterThan(logLikelihood(20, 1000, 10, 1000));
  });
});

describe('rising terms', () => {
  const baseline = [
    { term: 'refund', count: 100 },
    { term: 'delivery', count: 200 },
    { term: 'outage', count: 5 },
  ];
  it('finds a term that surged and ignores steady ones', () => {
    const window = [
      { term: 'refund', count: 10 },
      { term: 'delivery', count: 20 },
      { term: 'outage', count: 40 },
    ];
    const rising = risingTerms(window, 1000, baseline, 10_000);
    expect(rising.map((r) => r.term)).toEqual(['outage']);
    expect(rising[0]!.observed).toBe(40);
    expect(rising[0]!.expected).toBeCloseTo((1000 * 5.5) / 10_000.5, 6);
    expect(rising[0]!.score).toBeGreaterThan(10.83);
  });

  it('a new term needs minCount occurrences', () => {
    const window = [{ term: 'strike', count: 4 }];
    expect(risingTerms(window, 1000, baseline, 10_000)).toEqual([]);
    expect(risingTerms(window, 1000, baseline, 10_000, { minCount: 3 }).map((r) => r.term)).toEqual(['strike']);
  });

  it('does not report falling terms', () => {
    const window = [{ term: 'delivery', count: 5 }];
    expect(risingTerms(window, 1000, baseline, 10_000, { minCount: 1, minScore: 0 })).toEqual([]);
  });

  it('a small rise is not significant', () => {
    // 12 observed where 10 are expected: G² ≈ 0.4, far below 10.83.
    expect(risingTerms([{ term: 'refund', count: 12 }], 1000, baseline, 10_000)).toEqual([]);
  });

  it('orders by score and applies the limit', () => {
    const window = [
      { term: 'outage', count: 40 },
      { term: 'strike', count: 80 },
      { term: 'flood', count: 20 },
    ];
    const rising = risingTerms(window, 1000, baseline, 10_000, { limit: 2 });
    expect(rising.map((r) => r.term)).toEqual(['strike', 'outage']);
  });

  it('empty window or baseline gives nothing', () => {
    expect(risingTerms([], 0, baseline, 10_000)).toEqual([]);
    expect(risingTerms([{ term: 'x', count: 50 }], 100, [], 0)).toEqual([]);
  });
});
