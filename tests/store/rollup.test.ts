// The hourly rollup on chdb: rolled hours are read from it (the plan needs no base-table part),
// and every view it serves answers as the base table alone does, across filters, bucket widths,
// time zones, unaligned ranges, replays and reprocessing. (The store contract runs the same
// kind of check on both engines with hand-written fixtures; server.test.ts compares chdb's and
// the server's answers after a refresh.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbEngine } from '../../store/chdb-engine.js';
import { ClickHouseStore } from '../../store/clickhouse-store.js';
import { bucketsAreWholeHours, planRollupRead, ROLLUP_MAX_CHANGED_HOURS } from '../../store/rollup.js';
import type { MentionFilter, TimeRange } from '../../store/index.js';
import { enriched } from './fixtures.js';
import { generateMentions, reprocess } from './generate.js';

const since = new Date('2026-09-01T00:00:00Z');
const range: TimeRange = { since, until: new Date('2026-09-04T00:00:00Z') };
const unaligned: TimeRange = { since: new Date('2026-09-01T05:17:00Z'), until: new Date('2026-09-03T20:45:30Z') };
const FILTERS: (MentionFilter | undefined)[] = [
  undefined,
  { brand: 'acme' },
  { topic: 'billing' },
  { brand: 'globex', topic: 'refunds' },
  { sentiment: 'negative' },
  { failureCategory: 'not_fixed' },
  { brand: 'acme', sentiment: 'positive', topic: 'app' },
];

describe('the hourly rollup (chdb)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-rollup-'));
  const store = new ClickHouseStore(new ChdbEngine(dir), 'earshot', 'embedded');
  const data = generateMentions({ seed: 7, count: 3000, since, days: 3, echoShare: 0.2 });
  const refresh = async () => {
    await new Promise((done) => setTimeout(done, 1100)); // rolls hours changed before this second
    return store.refreshRollup({ quietSeconds: 0 });
  };
  const plan = (r: TimeRange, filter?: MentionFilter) => planRollupRead(store.engine, store.db, r, filter);

  /** Every view the rollup serves, read through it and from the base table: must be equal. */
  async function expectSameAsBase(): Promise<void> {
    for (const filter of FILTERS) {
      for (const r of [range, unaligned]) {
        const q = { range: r, ...(filter ? { filter } : {}) };
        expect(await store.summary(q), JSON.stringify(q)).toEqual(await store.summary({ ...q, readFrom: 'base' }));
        expect(await store.topTopics({ ...q, limit: 20 }), JSON.stringify(q)).toEqual(await store.topTopics({ ...q, limit: 20, readFrom: 'base' }));
        for (const [intervalSeconds, timeZone] of [[3600, 'UTC'], [10_800, 'UTC'], [86_400, 'UTC'], [86_400, 'Europe/London'], [86_400, 'Asia/Kolkata']] as const) {
          const s = { ...q, intervalSeconds, timeZone };
          expect(await store.volumeSeries(s), JSON.stringify(s)).toEqual(await store.volumeSeries({ ...s, readFrom: 'base' }));
        }
      }
    }
  }

  beforeAll(async () => {
    await store.migrate();
    for (let i = 0; i < data.length; i += 500) await store.insertMentions(data.slice(i, i + 500));
  }, 60_000);
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves only whole hours: hour multiples that divide a day, and days in whole-hour zones', () => {
    const week = { since: new Date('2026-03-25T00:00:00Z'), until: new Date('2026-04-01T00:00:00Z') };
    expect(bucketsAreWholeHours(3600, 'UTC', week)).toBe(true);
    expect(bucketsAreWholeHours(21_600, 'UTC', week)).toBe(true);
    expect(bucketsAreWholeHours(300, 'UTC', week)).toBe(false);
    expect(bucketsAreWholeHours(7 * 3600, 'UTC', week)).toBe(false); // does not divide a day
    expect(bucketsAreWholeHours(86_400, 'Europe/London', week)).toBe(true); // across the DST change
    expect(bucketsAreWholeHours(86_400, 'Asia/Kolkata', week)).toBe(false); // +05:30
    expect(bucketsAreWholeHours(86_400, 'Australia/Adelaide', week)).toBe(false); // +10:30
  });

  it('before any refresh, every hour is changed: reads fall back to the base table', async () => {
    expect(await plan(range)).toBeNull(); // more changed hours than ROLLUP_MAX_CHANGED_HOURS
    expect(3 * 24 * 5).toBeGreaterThan(ROLLUP_MAX_CHANGED_HOURS);
    await expectSameAsBase();
  }, 60_000);

  it('after a refresh, aligned ranges read from the rollup alone, and every view matches the base table', async () => {
    const { hours } = await refresh();
    expect(hours).toBe(new Set(data.map((m) => `${m.raw.brand} ${m.raw.createdAt.slice(0, 13)}`)).size);
    expect(await plan(range)).toMatchObject({ baseWhere: null });
    expect(await plan(range, { brand: 'acme', topic: 'billing' })).toMatchObject({ baseWhere: null });
    expect((await plan(unaligned))?.baseWhere).toMatch(/created_at/); // the partial hours at both ends
    expect(await plan(range, { language: 'en' })).toBeNull(); // no such dimension in the rollup
    expect(await plan(range, { originalsOnly: true })).toBeNull();
    await expectSameAsBase();
  }, 60_000);

  it('a replay and a reprocessed tenth mark their hours changed; reads stay exact, and the next refresh rolls just those', async () => {
    const changed = data.filter((_, i) => i % 10 === 0).slice(0, 60);
    await store.insertMentions(data.slice(0, 200)); // replay
    await store.insertMentions(reprocess(changed));
    const p = await plan(range);
    expect(p?.baseWhere).toMatch(/created_at/);
    await expectSameAsBase();
    const { hours } = await refresh();
    const touched = new Set([...data.slice(0, 200), ...changed].map((m) => `${m.raw.brand} ${m.raw.createdAt.slice(0, 13)}`)).size;
    expect(hours).toBe(touched);
    expect(await plan(range)).toMatchObject({ baseWhere: null });
    await expectSameAsBase();
  }, 60_000);

  it('counts a topic once per mention, even when the classifier listed it twice', async () => {
    const twice = enriched({ nativeId: 'twice', brand: 'dupco', createdAt: '2026-09-02T10:00:00Z', classification: { topics: ['billing', 'billing', 'app'] } });
    await store.insertMentions([twice]);
    await refresh();
    const q = { range, filter: { brand: 'dupco', topic: 'billing' } };
    expect(await plan(q.range, q.filter)).toMatchObject({ baseWhere: null });
    expect((await store.summary(q)).mentions).toBe(1);
    expect((await store.summary({ range, filter: { brand: 'dupco' } })).mentions).toBe(1);
    expect((await store.topTopics({ range, filter: { brand: 'dupco' } })).map((t) => [t.topic, t.mentions])).toEqual([
      ['app', 1],
      ['billing', 1],
    ]);
  });
});
