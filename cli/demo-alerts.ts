// The demo's second half: run the configured spike rules over the stored day, store the
// alerts, check them against the spikes that were injected, and write a digest per brand.
import type { EarshotConfig } from '../config/index.js';
import type { SpikeSpec } from '../ingest/simulate.js';
import type { AlertRecord, Store, TimeRange } from '../store/index.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DEFAULT_RULE = { id: 'negative-surge', metric: 'negative_count', interval: '5m', threshold: 4, minVolume: 10, cooldown: '1h' };

function writeOut(dir: string, name: string, text: string): string {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const file = join(abs, name);
  writeFileSync(file, text);
  return file;
}

function hhmm(d: Date): string {
  return d.toISOString().slice(11, 16);
}

export async function evaluateDemo(store: Store, config: EarshotConfig, range: TimeRange, injected: SpikeSpec[], outDir: string): Promise<string[]> {
  const { detectSpikes } = await import('../alerts/index.js');
  const { buildDigest, renderMarkdown, renderHtml } = await import('../digests/index.js');
  const { validateConfig } = await import('../config/index.js');
  const rules = config.alerts.rules.length ? config.alerts.rules : validateConfig({ brands: config.brands, alerts: { rules: [DEFAULT_RULE] } }).alerts.rules;
  const alerts: AlertRecord[] = await detectSpikes(store, { rules, brands: config.brands.map((b) => b.id) }, range, () => range.until.getTime());
  for (const a of alerts) await store.saveAlert(a);

  const lines: string[] = [`Negative spikes: ${alerts.length} alert${alerts.length === 1 ? '' : 's'} raised over the day`];
  for (const a of alerts) {
    const terms = (a.payload as { terms?: { term: string }[] } | null)?.terms?.slice(0, 5).map((t) => t.term) ?? [];
    lines.push(
      `  ALERT ${a.brand} ${hhmm(a.startedAt)}–${a.endedAt ? hhmm(a.endedAt) : 'open'} UTC: ${Math.round(a.observed)} negative vs ${a.expected.toFixed(1)} expected per ${rules.find((r) => r.id === a.rule)!.interval / 60_000} min (score ${a.score.toFixed(1)})${terms.length ? `; terms: ${terms.join(', ')}` : ''}`,
    );
  }
  for (const s of injected) {
    const end = s.atMs + (s.durationMs ?? 45 * 60_000);
    const hit = alerts.find((a) => a.brand === s.brand && a.startedAt.getTime() >= s.atMs - 30 * 60_000 && a.startedAt.getTime() < end);
    lines.push(
      hit
        ? `  injected spike ${s.brand} at ${hhmm(new Date(s.atMs))} UTC: seen (alert at ${hhmm(hit.startedAt)}, ${Math.round((hit.startedAt.getTime() - s.atMs) / 60_000)} min after it began)`
        : `  injected spike ${s.brand} at ${hhmm(new Date(s.atMs))} UTC: NOT seen by the configured rules`,
    );
  }

  lines.push('', 'Digests');
  const day = range.since.toISOString().slice(0, 10);
  for (const brand of config.brands) {
    const digest = await buildDigest(store, { brand: brand.id, brandName: brand.name, periodStart: range.since, periodEnd: range.until, timeZone: 'UTC' });
    const md = writeOut(outDir, `digest-${brand.id}-${day}.md`, renderMarkdown(digest));
    const html = writeOut(outDir, `digest-${brand.id}-${day}.html`, await renderHtml(digest));
    lines.push(`  ${brand.name}: ${md} (and ${html.replace(/.*\//, '')})`);
  }
  return lines;
}
