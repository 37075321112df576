import { describe, expect, it } from 'vitest';
import { SpikeDetector, detectEpisodes, logPoissonUpperTail, zFromLogUpperTail, type SeriesSample } from '../../alerts/index.js';
import { prng } from './fixtures.js';

const STEP = 300_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');

/** Poisson counts around a day-shaped mean; `bump(i)` adds a surge. */
function series(days: number, base: number, bump: (i: number) => number = () => 0, seed = 1): SeriesSample[] {
  const rand = prng(seed);
  const out: SeriesSample[] = [];
  for (let i = 0; i < (days * 86_400_000) / STEP; i++) {
    const hour = ((i * STEP) / 3_600_000) % 24;
    const mean = base * (0.4 + 0.6 * Math.max(0, Math.sin(((hour - 6) / 18) * Math.PI)));
    let k = 0;
    for (let p = rand(), l = Math.exp(-mean); p > l; p *= rand()) k++;
    out.push({ t: T0 + i * STEP, count: k + bump(i) });
  }
  return out;
}

const at = (day: number, hour: number) => (day * 86_400_000 + hour * 3_600_000) / STEP;
const opts = { intervalMs: STEP, threshold: 4, minVolume: 10, cooldownMs: 3_600_000 };

describe('spike detector', () => {
  it('stays quiet on a week of ordinary daily rhythm', () => {
    expect(detectEpisodes(series(7, 20), opts)).toEqual([]);
  });

  it('opens on a surge at its first interval and resolves when it ends', () => {
    const start = at(6, 14);
    const s = series(7, 8, (i) => (i >= start && i < start + 6 ? 40 : 0));
    const [e, ...rest] = detectEpisodes(s, opts);
    expect(rest).toEqual([]);
    expect(e!.start).toBe(s[start]!.t);
    expect(e!.end).toBe(s[start + 5]!.t + STEP);
    expect(e!.resolvedAt).toBe(s[start + 7]!.t + STEP); // two cool intervals confirm the end
    expect(e!.observed).toBeGreaterThan(40);
    expect(e!.expected).toBeLessThan(12);
  });

  it('emits open and resolve events as intervals arrive', () => {
    const start = at(3, 12);
    const d = new SpikeDetector(opts);
    const events: string[] = [];
    for (const s of series(4, 8, (i) => (i >= start && i < start + 3 ? 50 : 0))) for (const e of d.push(s).events) events.push(`${e.kind}@${(e.at - T0) / STEP}`);
    expect(events).toEqual([`open@${start + 1}`, `resolve@${start + 5}`]);
  });

  it('keeps quiet during the cooldown, then alerts again', () => {
    const a = at(5, 10);
    const b = a + 8; // 40 minutes later: inside the 1h cooldown
    const c = a + 30; // 2.5 hours later: after it
    const s = series(6, 8, (i) => ((i >= a && i < a + 2) || (i >= b && i < b + 2) || (i >= c && i < c + 2) ? 45 : 0));
    expect(detectEpisodes(s, opts).map((e) => (e.start - T0) / STEP)).toEqual([a, c]);
  });

  it('needs the minimum volume: a jump from 0 to 3 at night is not a spike', () => {
    const i = at(3, 3);
    const s = series(4, 0.2, (j) => (j === i ? 3 : 0));
    expect(detectEpisodes(s, opts)).toEqual([]);
    expect(detectEpisodes(s, { ...opts, minVolume: 1, threshold: 3 }).map((e) => (e.start - T0) / STEP)).toContain(i);
  });

  it('does not raise its own baseline: a 90-minute surge stays one open alert', () => {
    const start = at(4, 12);
    const s = series(5, 8, (i) => (i >= start && i < start + 18 ? 40 : 0));
    const episodes = detectEpisodes(s, opts);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]!.intervals).toBe(18);
  });

  it('scores the negative share with a binomial model', () => {
    const rand = prng(3);
    const s: SeriesSample[] = [];
    for (let i = 0; i < at(3, 0); i++) {
      const total = 40 + Math.floor(rand() * 10);
      let neg = 0;
      for (let k = 0; k < total; k++) if (rand() < (i >= at(2, 15) && i < at(2, 15) + 3 ? 0.7 : 0.2)) neg++;
      s.push({ t: T0 + i * STEP, count: neg, total });
    }
    const e = detectEpisodes(s, { ...opts, metric: 'share' });
    expect(e.map((x) => (x.start - T0) / STEP)).toEqual([at(2, 15)]);
    expect(e[0]!.observed).toBeGreaterThan(0.5);
    expect(e[0]!.expected).toBeCloseTo(0.2, 1);
  });

  it('turns exact Poisson tails into z-scores', () => {
    expect(zFromLogUpperTail(Math.log(0.5))).toBeCloseTo(0, 2);
    expect(zFromLogUpperTail(Math.log(0.02275))).toBeCloseTo(2, 2);
    // P(X ≥ 10 | λ = 2) ≈ 4.65e-5
    expect(Math.exp(logPoissonUpperTail(10, 2))).toBeCloseTo(4.65e-5, 6);
    expect(zFromLogUpperTail(logPoissonUpperTail(5000, 10))).toBeGreaterThan(50);
  });

  it('refuses samples out of time order', () => {
    const d = new SpikeDetector(opts);
    d.push({ t: T0, count: 1 });
    expect(() => d.push({ t: T0, count: 1 })).toThrow(/time order/);
  });
});
