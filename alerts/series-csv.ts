// Reading a `timestamp,value` series (a header row, then one row per interval) for the
// `earshot spikes` command and the spike evaluation.
import { parse } from 'csv-parse/sync';
import type { SeriesSample } from './detector.js';

/** `2015-02-26 21:42:53` (read as UTC), ISO-8601, or unix seconds. */
export function parseTimestamp(text: string): number {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s.replace(' ', 'T')}Z` : s;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`expected a timestamp such as 2015-02-26 21:42:53 or 2026-11-24T13:30:00Z, got '${text}'`);
  return t;
}

export function parseSeriesCsv(text: string, source = 'input'): SeriesSample[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const samples = rows.map((r, i) => {
    const ts = r.timestamp ?? r.time ?? r.t;
    const value = Number(r.value ?? r.count);
    if (ts === undefined || !Number.isFinite(value)) throw new Error(`${source}: row ${i + 2}: expected columns timestamp,value with a number value`);
    return { t: parseTimestamp(ts), count: value };
  });
  samples.sort((a, b) => a.t - b.t);
  return samples.filter((s, i) => i === 0 || s.t !== samples[i - 1]!.t);
}

/** The series' step: the median gap between consecutive samples. */
export function inferInterval(samples: readonly SeriesSample[]): number {
  const gaps = samples.slice(1).map((s, i) => s.t - samples[i]!.t).sort((a, b) => a - b);
  const g = gaps[gaps.length >> 1];
  if (!g) throw new Error('a series needs at least two samples to infer its interval');
  return g;
}
