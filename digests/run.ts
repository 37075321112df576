// A scheduled digest run: for each brand, build, render, store and deliver once, even with
// several schedulers (deterministic id + claim, as for alerts).
import { deliver, isDelivered, withLease, type DeliverOptions, type LeaseOptions, type OutboundMessage, type Sink } from '../alerts/index.js';
import type { DigestConfig } from '../config/index.js';
import type { DigestRecord, Store } from '../store/index.js';
import { buildDigest } from './build.js';
import { renderHtml, renderMarkdown } from './render.js';

/** The period a run at `fireAt` covers: the `period` ending at the fire time (to the minute). */
export function digestPeriod(fireAt: Date, periodMs: number): { periodStart: Date; periodEnd: Date } {
  const end = Math.floor(fireAt.getTime() / 60_000) * 60_000;
  return { periodStart: new Date(end - periodMs), periodEnd: new Date(end) };
}

export const digestId = (digest: string, brand: string, periodEnd: Date) => `${digest}:${brand}:${periodEnd.toISOString().replace('.000Z', 'Z')}`;

export function digestMessage(rec: DigestRecord, formats: readonly string[]): OutboundMessage {
  const base = rec.id.replace(/[^a-zA-Z0-9_-]+/g, '_');
  const subject = `[earshot] ${rec.brand} digest ${rec.periodStart.toISOString().slice(0, 10)} → ${rec.periodEnd.toISOString().slice(0, 10)}`;
  return {
    key: `${rec.id}#digest`,
    kind: 'digest',
    subject,
    text: rec.markdown,
    ...(formats.includes('html') ? { html: rec.html } : {}),
    slack: { text: subject, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: rec.markdown.slice(0, 2900) } }] },
    json: { digest: { id: rec.id, brand: rec.brand, periodStart: rec.periodStart.toISOString(), periodEnd: rec.periodEnd.toISOString(), markdown: rec.markdown } },
    files: [
      ...(formats.includes('markdown') ? [{ name: `digest-${base}.md`, content: rec.markdown }] : []),
      ...(formats.includes('html') ? [{ name: `digest-${base}.html`, content: rec.html }] : []),
    ],
  };
}

export interface DigestRunOptions extends DeliverOptions {
  lease: LeaseOptions;
  brandNames?: Record<string, string>;
}

/** Builds and delivers the digest for each brand; returns the digest ids it delivered now. */
export async function runDigest(store: Store, cfg: DigestConfig, brands: readonly string[], sinks: ReadonlyMap<string, Sink>, fireAt: Date, o: DigestRunOptions): Promise<string[]> {
  const { periodStart, periodEnd } = digestPeriod(fireAt, cfg.period);
  const done: string[] = [];
  for (const brand of cfg.brands ?? brands) {
    const id = digestId(cfg.id, brand, periodEnd);
    const find = async () => (await store.digests({ brand, limit: 200 })).find((d) => d.id === id);
    const before = await find();
    if (before && isDelivered(before.delivery, cfg.sinks, 'digest')) continue;
    await withLease(store, `digest:${id}`, o.lease, async () => {
      let rec = await find();
      if (rec && isDelivered(rec.delivery, cfg.sinks, 'digest')) return;
      if (!rec) {
        const digest = await buildDigest(store, { brand, periodStart, periodEnd, timeZone: cfg.timezone, ...(o.brandNames?.[brand] ? { brandName: o.brandNames[brand] } : {}) });
        rec = { id, digest: cfg.id, brand, periodStart, periodEnd, createdAt: new Date(), markdown: renderMarkdown(digest), html: cfg.formats.includes('html') ? await renderHtml(digest) : '', delivery: {} };
        await store.saveDigest({ ...rec, version: Date.now() });
      }
      const delivery = await deliver(digestMessage(rec, cfg.formats), cfg.sinks, sinks, rec.delivery, 'digest', o);
      await store.saveDigest({ ...rec, delivery, version: Math.max(Date.now(), (rec.version ?? 0) + 1) });
      if (isDelivered(delivery, cfg.sinks, 'digest')) done.push(id);
    });
  }
  return done;
}
