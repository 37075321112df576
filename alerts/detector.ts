// Spike detection over a regular series of interval counts. Pure: time comes from the samples
// (bucket starts in ms), never from the wall clock, so tests and backfills replay exactly.
//
// The baseline (SeasonalScorer), stated:
// - level: the mean of (a) the seasonal level, the median of comparable past intervals at the
//   same time of day on each of the last 7 days (±1 interval), averaged with the median at the
//   same time of week over the last 4 weeks once two weeks exist, and (b) the recent level, the
//   median of the last hour. Intervals that were part of a surge enter the history as their
//   expected value (for at most `cleanFor` intervals, after which a lasting new level is
//   accepted), so a surge does not raise its own baseline.
// - dispersion: counts are modelled as quasi-Poisson: z = (observed − λ) / (φ·√λ), with φ ≥ 1
//   read from the last week's Pearson residuals (r = (observed − λ)/√λ) so that their 99th
//   percentile maps to z = 2.576. Real mention counts are overdispersed and bursty (φ > 1); at
//   low volume φ → 1 and the Poisson floor √λ keeps a jump from 0 to 2 from looking huge.
// - low counts: the score is the smaller of that z and the z-equivalent of the exact Poisson
//   tail P(X ≥ observed | λ): both must agree that the interval is unusual.
// - negative share: the same with a binomial model: k negative of n, expected share p̂.
// Alerting (SpikeDetector): open when score ≥ threshold, the count ≥ minVolume and the cooldown
// since the previous alert's start has passed; resolve after `resolveAfter` consecutive intervals
// scoring below threshold × `resolveRatio` (hysteresis, so a surge hovering near the threshold
// does not flap).
import { logBinomialUpperTail, logPoissonUpperTail, mad, median, zFromLogUpperTail } from './stats.js';

export type SpikeMetric = 'count' | 'share';

export interface SeriesSample {
  /** Bucket start, ms since epoch. */
  t: number;
  /** The counted events (negative mentions or voices). */
  count: number;
  /** For the share metric: all mentions (or voices) in the bucket. */
  total?: number;
}

export interface Scored {
  t: number;
  /** Count, or share for the share metric. */
  observed: number;
  expected: number;
  score: number;
}

/** Scores one interval against what came before; `observe` then feeds it into the history. */
export interface Scorer {
  score(sample: SeriesSample): Scored;
  observe(sample: SeriesSample, scored: Scored, anomalous: boolean): void;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export interface SeasonalOptions {
  intervalMs: number;
  metric?: SpikeMetric;
  /** Intervals in the recent level (default: one hour). */
  recentIntervals?: number;
  /** Pearson residuals kept for the dispersion (default: one week). */
  dispersionIntervals?: number;
  /**
   * How φ is read from the residuals: 'tail' (default) scales so the 99th percentile of |r| maps
   * to z = 2.576, which calibrates to how bursty the channel really is; 'mad' is the classic
   * robust scale, which assumes Gaussian tails and on real mention counts alerts several times
   * more often (measured on the NAB tweet series as a whole: see eval/tasks/spikes.ts).
   */
  dispersion?: 'tail' | 'mad';
}

interface Cell {
  count: number;
  total: number;
}

export class SeasonalScorer implements Scorer {
  private readonly history = new Map<number, Cell>();
  private readonly recent: Cell[] = [];
  private readonly residuals: number[] = [];
  private readonly recentN: number;
  private readonly dispersionN: number;
  private readonly metric: SpikeMetric;
  private first: number | undefined;

  constructor(private readonly o: SeasonalOptions) {
    this.metric = o.metric ?? 'count';
    this.recentN = o.recentIntervals ?? Math.max(3, Math.round(3_600_000 / o.intervalMs));
    this.dispersionN = o.dispersionIntervals ?? Math.max(24, Math.round(WEEK_MS / o.intervalMs));
  }

  private comparables(t: number, lags: number[]): Cell[] {
    const out: Cell[] = [];
    for (const lag of lags)
      for (const k of [-1, 0, 1]) {
        const c = this.history.get(t - lag + k * this.o.intervalMs);
        if (c) out.push(c);
      }
    return out;
  }

  /** Expected level: count per interval, or share. NaN when there is no history yet. */
  private level(t: number): number {
    const daily = this.comparables(t, [1, 2, 3, 4, 5, 6, 7].map((d) => d * DAY_MS));
    const weekly = this.comparables(t, [1, 2, 3, 4].map((w) => w * WEEK_MS));
    const summarise = (cells: Cell[]) =>
      this.metric === 'count' ? median(cells.map((c) => c.count)) : cells.reduce((s, c) => s + c.count, 0) / Math.max(1, cells.reduce((s, c) => s + c.total, 0));
    let seasonal = Number.NaN;
    if (daily.length >= 3) seasonal = summarise(daily);
    if (weekly.length >= 6) seasonal = (seasonal + summarise(weekly)) / 2;
    const recent = this.recent.length >= 3 ? summarise(this.recent) : Number.NaN;
    if (Number.isNaN(seasonal)) return recent;
    if (Number.isNaN(recent)) return seasonal;
    return (seasonal + recent) / 2;
  }

  private phi = 1;
  private phiAge = Infinity;

  /** Recomputed hourly: sorting a week of residuals every interval is wasted work. */
  private dispersion(): number {
    if (this.residuals.length < 12) return 1;
    if (this.phiAge++ < this.recentN) return this.phi;
    this.phiAge = 0;
    if (this.o.dispersion === 'mad') this.phi = Math.max(1, 1.4826 * mad(this.residuals));
    else {
      const abs = this.residuals.map(Math.abs).sort((a, b) => a - b);
      this.phi = Math.max(1, abs[Math.floor(0.99 * (abs.length - 1))]! / 2.576);
    }
    return this.phi;
  }

  score(s: SeriesSample): Scored {
    this.first ??= s.t;
    const level = this.level(s.t);
    if (Number.isNaN(level)) return { t: s.t, observed: this.metric === 'count' ? s.count : share(s), expected: Number.NaN, score: 0 };
    const phi = this.dispersion();
    if (this.metric === 'count') {
      const lambda = Math.max(level, 0.1);
      const zRobust = (s.count - lambda) / (phi * Math.sqrt(lambda));
      const zTail = s.count > lambda ? zFromLogUpperTail(logPoissonUpperTail(s.count, lambda)) : zRobust;
      return { t: s.t, observed: s.count, expected: level, score: Math.min(zRobust, zTail) };
    }
    const n = s.total ?? 0;
    const p = Math.min(0.999, Math.max(0.001, level));
    if (n <= 0) return { t: s.t, observed: 0, expected: level, score: 0 };
    const zRobust = (s.count - n * p) / (phi * Math.sqrt(n * p * (1 - p)));
    const zTail = s.count > n * p ? zFromLogUpperTail(logBinomialUpperTail(s.count, n, p)) : zRobust;
    return { t: s.t, observed: s.count / n, expected: level, score: Math.min(zRobust, zTail) };
  }

  observe(s: SeriesSample, scored: Scored, anomalous: boolean): void {
    const total = s.total ?? 0;
    let cell: Cell = { count: s.count, total };
    if (!Number.isNaN(scored.expected)) {
      const p = Math.min(0.999, Math.max(0.001, scored.expected));
      const mean = this.metric === 'count' ? Math.max(scored.expected, 0.1) : total * p;
      const variance = this.metric === 'count' ? mean : mean * (1 - p);
      // Every residual, surges included, enters the dispersion: on bursty channels "unusual"
      // must mean unusual against last week's bursts too, not only against its quiet hours.
      if ((this.metric === 'count' || total > 0)) {
        this.residuals.push((s.count - mean) / Math.sqrt(variance));
        if (this.residuals.length > this.dispersionN) this.residuals.shift();
      }
      if (anomalous) cell = this.metric === 'count' ? { count: scored.expected, total } : { count: scored.expected * total, total };
    }
    this.history.set(s.t, cell);
    this.recent.push(cell);
    if (this.recent.length > this.recentN) this.recent.shift();
    // Keep four weeks and a day: enough for every lag above.
    const horizon = s.t - 4 * WEEK_MS - DAY_MS;
    if (this.history.size > (5 * WEEK_MS) / this.o.intervalMs) for (const k of this.history.keys()) if (k < horizon) this.history.delete(k);
  }
}

const share = (s: SeriesSample) => (s.total ? s.count / s.total : 0);

/** Reference scorer: mean and standard deviation of the last `window` raw values. */
export class RollingZScorer implements Scorer {
  private readonly values: number[] = [];
  constructor(private readonly window: number) {}
  score(s: SeriesSample): Scored {
    if (this.values.length < Math.min(this.window, 12)) return { t: s.t, observed: s.count, expected: Number.NaN, score: 0 };
    const mean = this.values.reduce((a, b) => a + b, 0) / this.values.length;
    const sd = Math.sqrt(this.values.reduce((a, b) => a + (b - mean) ** 2, 0) / (this.values.length - 1)) || 1;
    return { t: s.t, observed: s.count, expected: mean, score: (s.count - mean) / sd };
  }
  observe(s: SeriesSample): void {
    this.values.push(s.count);
    if (this.values.length > this.window) this.values.shift();
  }
}

/** Reference scorer: a fixed level; the score is observed / level, so `threshold` reads as "× the level". */
export class FixedThresholdScorer implements Scorer {
  constructor(private readonly level: number) {}
  score(s: SeriesSample): Scored {
    return { t: s.t, observed: s.count, expected: this.level, score: s.count / Math.max(this.level, 1e-9) };
  }
  observe(): void {}
}

export interface DetectorOptions {
  intervalMs: number;
  metric?: SpikeMetric;
  threshold: number;
  minVolume: number;
  cooldownMs: number;
  /** An open alert cools when the score falls below threshold × this (default 0.5). */
  resolveRatio?: number;
  /** Consecutive cool intervals that resolve an alert (default 2). */
  resolveAfter?: number;
  /** Surge intervals enter the baseline as expected values for at most this many (default: 2 hours). */
  cleanFor?: number;
  /** Default: a SeasonalScorer for this interval and metric. */
  scorer?: Scorer;
}

export interface SpikeEpisode {
  /** First surging bucket start, ms. */
  start: number;
  /** End of the last surging bucket (exclusive), ms; null while open. */
  end: number | null;
  /** Bucket end at which the resolve was confirmed; null while open. */
  resolvedAt: number | null;
  /** At the peak interval. */
  observed: number;
  expected: number;
  score: number;
  peakAt: number;
  /** Surging intervals so far. */
  intervals: number;
}

export type DetectorEvent = { kind: 'open' | 'resolve'; at: number; episode: SpikeEpisode };

export class SpikeDetector {
  readonly scorer: Scorer;
  private open: SpikeEpisode | null = null;
  private cool = 0;
  private lastStart = -Infinity;
  private lastT = -Infinity;
  readonly episodes: SpikeEpisode[] = [];
  private readonly resolveRatio: number;
  private readonly resolveAfter: number;
  private readonly cleanFor: number;

  constructor(private readonly o: DetectorOptions) {
    this.scorer = o.scorer ?? new SeasonalScorer({ intervalMs: o.intervalMs, metric: o.metric ?? 'count' });
    this.resolveRatio = o.resolveRatio ?? 0.5;
    this.resolveAfter = o.resolveAfter ?? 2;
    this.cleanFor = o.cleanFor ?? Math.round(7_200_000 / o.intervalMs);
  }

  /** Feeds the next interval (in time order) and returns what it opened or resolved. */
  push(sample: SeriesSample): { scored: Scored; events: DetectorEvent[] } {
    if (sample.t <= this.lastT) throw new RangeError(`samples must arrive in time order: got ${new Date(sample.t).toISOString()} after ${new Date(this.lastT).toISOString()}`);
    this.lastT = sample.t;
    const scored = this.scorer.score(sample);
    const events: DetectorEvent[] = [];
    const end = sample.t + this.o.intervalMs;
    let anomalous = false;
    if (this.open) {
      const hot = scored.score >= this.o.threshold * this.resolveRatio;
      if (hot) {
        this.cool = 0;
        this.open.intervals++;
        this.open.end = end;
        if (scored.score > this.open.score) Object.assign(this.open, { observed: scored.observed, expected: scored.expected, score: scored.score, peakAt: sample.t });
        anomalous = this.open.intervals <= this.cleanFor;
      } else if (++this.cool >= this.resolveAfter) {
        this.open.resolvedAt = end;
        events.push({ kind: 'resolve', at: end, episode: this.open });
        this.open = null;
      }
    } else if (scored.score >= this.o.threshold && sample.count >= this.o.minVolume && sample.t >= this.lastStart + this.o.cooldownMs) {
      this.open = { start: sample.t, end, resolvedAt: null, observed: scored.observed, expected: scored.expected, score: scored.score, peakAt: sample.t, intervals: 1 };
      this.lastStart = sample.t;
      this.cool = 0;
      this.episodes.push(this.open);
      events.push({ kind: 'open', at: end, episode: this.open });
      anomalous = true;
    } else if (scored.score >= this.o.threshold) {
      // Surging but muted (cooldown or low volume): still keep it out of the baseline.
      anomalous = true;
    }
    this.scorer.observe(sample, scored, anomalous);
    return { scored, events };
  }
}

/** Runs a detector over a whole series; returns every episode (the last may still be open). */
export function detectEpisodes(samples: readonly SeriesSample[], options: DetectorOptions): SpikeEpisode[] {
  const d = new SpikeDetector(options);
  for (const s of samples) d.push(s);
  return d.episodes;
}
