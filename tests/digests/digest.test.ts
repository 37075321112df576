// Digests and the scheduler against the real embedded store.
import cron from 'node-cron';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSinks, detectSpikes, tryClaim } from '../../alerts/index.js';
import { validateConfig } from '../../config/index.js';
import { buildDigest, digestPeriod, renderHtml, renderMarkdown, startScheduler } from '../../digests/index.js';
import { openStore, type Store } from '../../store/index.js';
import { mentionStream } from '../alerts/fixtures.js';

const DAY = { since: new Date('2026-11-23T00:00:00Z'), until: new Date('2026-11-24T00:00:00Z') };

describe('digests', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: 'embedded', path: mkdtempSync(join(tmpdir(), 'earshot-digests-')) } as never);
    await store.migrate();
    await store.insertMentions(
      mentionStream({ since: new Date('2026-11-22T00:00:00Z'), until: DAY.until, surge: { since: new Date('2026-11-23T14:00:00Z'), until: new Date('2026-11-23T14:40:00Z'), negativePerInterval: 25 } }),
    );
    const cfg = validateConfig({ brands: [{ id: 'acme', name: 'Acme' }], alerts: { rules: [{ id: 'negative-surge' }] } });
    for (const a of await detectSpikes(store, { rules: cfg.alerts.rules, brands: ['acme'] }, DAY, () => DAY.until.getTime())) await store.saveAlert(a);
  });
  afterAll(async () => store?.close());

  it('builds the period with its comparison, topics, failure demand, ideas and the alert', async () => {
    const d = await buildDigest(store, { brand: 'acme', periodStart: DAY.since, periodEnd: DAY.until, timeZone: 'Europe/London' });
    expect(d.current.mentions).toBeGreaterThan(d.previous.mentions);
    expect(d.alerts).toHaveLength(1);
    expect(d.alerts[0]!.startedAt).toBe('2026-11-23T14:00:00.000Z');
    expect(d.risingTopics.map((t) => t.topic)).toContain('connectivity');
    expect(d.failureDemand.current.byCategory[0]!.category).toBe('service_failure');
    expect(d.failureDemand.examples[0]!.category).toBe('service_failure');
    expect(d.ideas[0]!.text).toContain('dark mode');
    expect(d.series).toHaveLength(24);
    expect(d.series[14]!.negative).toBeGreaterThan(3 * d.series[10]!.negative);
  });

  it('renders Markdown and HTML that name the spike, with SVG charts', async () => {
    const d = await buildDigest(store, { brand: 'acme', brandName: 'Acme Broadband', periodStart: DAY.since, periodEnd: DAY.until, timeZone: 'Europe/London' });
    const md = renderMarkdown(d);
    expect(md).toMatch(/^# Acme Broadband: digest 23 Nov 2026, 00:00/);
    expect(md).toMatch(/Negative spike from 23 Nov 2026, 14:00 to 23 Nov 2026, 14:\d\d: \d+ negative vs/);
    expect(md).toContain('terms: outage');
    const html = await renderHtml(d);
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('alert 14:00');
    expect(html).toContain('Negative spike from 23 Nov 2026, 14:00');
    expect(html).not.toMatch(/<script/);
  });

  it('computes digest periods and cron matches in the configured time zone', () => {
    expect(digestPeriod(new Date('2026-07-06T07:00:00.450Z'), 86_400_000)).toEqual({ periodStart: new Date('2026-07-05T07:00:00Z'), periodEnd: new Date('2026-07-06T07:00:00Z') });
    const daily = cron.createTask('0 8 * * *', () => {}, { timezone: 'Europe/London' });
    expect(daily.match(new Date('2026-07-06T07:00:00Z'))).toBe(true); // 08:00 BST
    expect(daily.match(new Date('2026-12-07T08:00:00Z'))).toBe(true); // 08:00 GMT
    expect(daily.match(new Date('2026-12-07T07:00:00Z'))).toBe(false);
    const weekly = cron.createTask('0 8 * * 1', () => {}, { timezone: 'Europe/London' });
    expect(weekly.match(new Date('2026-12-07T08:00:00Z'))).toBe(true); // a Monday
    expect(weekly.match(new Date('2026-12-08T08:00:00Z'))).toBe(false);
    void daily.destroy();
    void weekly.destroy();
  });

  it('lets only one of two claimers win a lease, and frees it on release', async () => {
    const clock = () => Date.parse('2026-11-24T09:00:00Z');
    const [a, b] = await Promise.all([tryClaim(store, 'digest:x', { owner: 'a', clock, settleMs: 30 }), tryClaim(store, 'digest:x', { owner: 'b', clock: () => clock() + 5, settleMs: 30 })]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(a?.owner ?? b?.owner).toBe('a'); // the older claim wins
    expect(await tryClaim(store, 'digest:x', { owner: 'c', clock, settleMs: 0 })).toBeNull(); // still held
  });

  it('runs a real short schedule: two schedulers deliver each digest once', async () => {
    const out = mkdtempSync(join(tmpdir(), 'earshot-digest-out-'));
    const config = validateConfig({
      brands: [{ id: 'acme', name: 'Acme' }],
      sinks: [{ id: 'files', kind: 'file', dir: out }],
      digests: [{ id: 'tick', schedule: '*/1 * * * * *', period: '1d', formats: ['markdown', 'html'], sinks: ['files'] }],
    });
    const sinks = createSinks(config.sinks);
    const a = await startScheduler({ store, config, sinks, owner: 'one', settleMs: 50 });
    const b = await startScheduler({ store, config, sinks, owner: 'two', settleMs: 50 });
    await new Promise((r) => setTimeout(r, 2500));
    await Promise.all([a.stop(), b.stop()]);
    const digests = (await store.digests({ brand: 'acme' })).filter((d) => d.digest === 'tick');
    expect(digests.length).toBeGreaterThanOrEqual(1); // one per minute the run spanned
    expect(digests.length).toBeLessThanOrEqual(2);
    for (const d of digests) expect(d.delivery['files#digest']).toMatchObject({ state: 'delivered', attempts: 1 });
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2 * digests.length);
    expect(readFileSync(join(out, files.find((f) => f.endsWith('.html'))!), 'utf8')).toContain('<svg');
  });
});
