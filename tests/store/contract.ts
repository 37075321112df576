// The store contract: the same fixtures and the same expected answers for every Store
// implementation. The embedded store runs it always; the ClickHouse server store runs it where
// CLICKHOUSE_URL names a server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { enriched } from './fixtures.js';

const day = { since: new Date('2026-11-24T00:00:00Z'), until: new Date('2026-11-25T00:00:00Z') };

function dayFixtures() {
  return [
    enriched({
      nativeId: '1',
      createdAt: '2026-11-24T10:01:00Z',
      text: 'Still waiting for my refund, third week now',
      classification: { sentiment: { score: -0.7, label: 'negative' }, topics: ['billing', 'refunds'], failureDemand: true, failureCategory: 'chasing_progress', intent: 'complaint', keyPhrases: ['refund'] },
    }),
    enriched({ nativeId: '2', createdAt: '2026-11-24T10:07:00Z', text: 'You should add dark mode', classification: { intent: 'idea', topics: ['app'], keyPhrases: ['dark mode'], sentiment: { score: 0.2, label: 'positive' } } }),
    enriched({ nativeId: '3', createdAt: '2026-11-24T10:08:00Z', text: 'RT You should add dark mode', classification: { intent: 'idea', duplicateOf: 'x:2', keyPhrases: ['dark mode'] } }),
    enriched({ nativeId: '4', createdAt: '2026-11-24T23:59:59Z', brand: 'globex', classification: { sentiment: { score: -0.2, label: 'negative' }, topics: ['billing'], failureDemand: true, failureCategory: 'repeat_contact', intent: 'complaint' } }),
    enriched({ nativeId: '5', createdAt: '2026-11-25T00:00:00Z', text: 'next day, outside the range' }),
  ];
}

/** Runs the contract on the store `open` returns; `skip` (a reason) skips it visibly. */
export function storeContract(name: string, open: () => Promise<Store>, skip?: string): void {
  describe.skipIf(Boolean(skip))(`store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
      await store.migrate();
      await store.insertMentions(dayFixtures());
    });
    afterAll(async () => store?.close());

    it('migrates once: a second migrate applies nothing', async () => {
      expect(await store.migrate()).toEqual([]);
    });

    it('re-inserting the same batch leaves the same counts', async () => {
      const before = await store.counts();
      await store.insertMentions(dayFixtures());
      expect(await store.counts()).toEqual(before);
      expect(before.mentions).toBe(5);
    });

    it('keeps the newest processing version of a mention', async () => {
      const reprocessed = enriched({
        nativeId: '1',
        createdAt: '2026-11-24T10:01:00Z',
        text: 'Still waiting for my refund, third week now',
        processingVersion: 2,
        classification: { sentiment: { score: -0.9, label: 'negative' }, topics: ['refunds'], failureDemand: true, failureCategory: 'cancellation_refund', intent: 'complaint', keyPhrases: ['refund'] },
      });
      const older = enriched({ nativeId: '1', createdAt: '2026-11-24T10:01:00Z', processingVersion: 1, processedAt: '2026-11-30T00:00:00Z' });
      await store.insertMentions([reprocessed]);
      await store.insertMentions([older]); // arrives late, but is an older processing version
      const page = await store.mentions({ range: day, limit: 10, filter: { brand: 'acme', text: 'third week' } });
      expect(page.rows).toHaveLength(1);
      expect(page.rows[0]!.processingVersion).toBe(2);
      expect(page.rows[0]!.failureCategory).toBe('cancellation_refund');
    });

    it('summarises sentiment, voices and failure demand for a brand', async () => {
      const s = await store.summary({ range: day, filter: { brand: 'acme' } });
      expect(s).toMatchObject({ mentions: 3, voices: 2, negative: 1, positive: 1, neutral: 1, failureDemand: 1 });
    });

    it('buckets volume by interval, filling silent buckets with zeros', async () => {
      const points = await store.volumeSeries({
        range: { since: new Date('2026-11-24T10:00:00Z'), until: new Date('2026-11-24T10:15:00Z') },
        intervalSeconds: 300,
        filter: { brand: 'acme' },
      });
      expect(points.map((p) => [p.bucket.toISOString(), p.mentions])).toEqual([
        ['2026-11-24T10:00:00.000Z', 1],
        ['2026-11-24T10:05:00.000Z', 2],
        ['2026-11-24T10:10:00.000Z', 0],
      ]);
    });

    it('buckets days at midnight in the requested time zone', async () => {
      const points = await store.volumeSeries({ range: day, intervalSeconds: 86_400, timeZone: 'America/New_York' });
      // 10:01Z–10:08Z fall on the New York day starting 05:00Z; 23:59:59Z too (18:59 local).
      expect(points.map((p) => [p.bucket.toISOString(), p.mentions])).toEqual([['2026-11-24T05:00:00.000Z', 4]]);
    });

    it('ranks topics and counts failure demand by category over original voices', async () => {
      const topics = await store.topTopics({ range: day });
      expect(topics.map((t) => [t.topic, t.mentions])).toEqual([
        ['billing', 1],
        ['refunds', 1],
        ['app', 1],
      ].sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0]))));
      const fd = await store.failureDemand({ range: day });
      expect(fd.demand).toBe(3);
      expect(fd.failureDemand).toBe(2);
      expect(fd.share).toBeCloseTo(2 / 3);
      expect(fd.byCategory.map((c) => c.category).sort()).toEqual(['cancellation_refund', 'repeat_contact']);
    });

    it('lists ideas with their echo counts', async () => {
      const ideas = await store.topIdeas({ range: day, filter: { brand: 'acme' } });
      expect(ideas.map((i) => [i.id, i.echoes])).toEqual([['x:2', 1]]);
    });

    it('pages through mentions newest first without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.mentions({ range: day, limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(['x:4', 'x:3', 'x:2', 'x:1']);
    });

    it('returns empty results, not errors, for an empty range', async () => {
      const empty = { since: new Date('2020-01-01T00:00:00Z'), until: new Date('2020-01-02T00:00:00Z') };
      expect((await store.summary({ range: empty })).mentions).toBe(0);
      expect(await store.topTopics({ range: empty })).toEqual([]);
      expect(await store.topIdeas({ range: empty })).toEqual([]);
      expect((await store.mentions({ range: empty, limit: 5 })).rows).toEqual([]);
      expect((await store.failureDemand({ range: empty })).share).toBe(0);
    });

    it('counts key phrases for emerging-term statistics', async () => {
      const t = await store.termCounts({ range: day, filter: { brand: 'acme' } });
      expect(t.total).toBe(3);
      expect(t.terms).toContainEqual({ term: 'dark mode', count: 2 });
    });

    it('keeps the latest cursor per source', async () => {
      await store.saveCursor('x:acme', 'first');
      await store.saveCursor('x:acme', 'second');
      expect(await store.getCursor('x:acme')).toBe('second');
      expect(await store.getCursor('never-saved')).toBeNull();
    });

    it('stores dead letters with their reason and payload', async () => {
      await store.insertDeadLetters([{ stage: 'replay', reason: 'text: text is empty', payload: '{"text":""}', at: '2026-11-24T12:00:00Z', source: 'file' }]);
      const letters = await store.deadLetters({ limit: 5 });
      expect(letters[0]).toMatchObject({ stage: 'replay', reason: 'text: text is empty', payload: '{"text":""}', source: 'file' });
    });

    it('keeps the latest state of an alert and of a digest', async () => {
      const base = { id: 'alert-1', rule: 'surge', brand: 'acme', topic: '', startedAt: new Date('2026-11-24T10:00:00Z'), endedAt: null, observed: 40, expected: 5, score: 7, payload: { terms: ['refund'] } };
      await store.saveAlert({ ...base, status: 'open', delivery: {}, version: 1 });
      await store.saveAlert({ ...base, status: 'resolved', endedAt: new Date('2026-11-24T11:00:00Z'), delivery: { console: { state: 'sent' } }, version: 2 });
      const [alert] = await store.alerts({ brand: 'acme' });
      expect(alert).toMatchObject({ id: 'alert-1', status: 'resolved', delivery: { console: { state: 'sent' } }, payload: { terms: ['refund'] } });
      expect(alert!.endedAt?.toISOString()).toBe('2026-11-24T11:00:00.000Z');
      await store.saveDigest({ id: 'daily:acme:2026-11-24', digest: 'daily', brand: 'acme', periodStart: day.since, periodEnd: day.until, createdAt: new Date('2026-11-25T08:00:00Z'), markdown: '# Acme', html: '<h1>Acme</h1>', delivery: {} });
      const [digest] = await store.digests({ brand: 'acme' });
      expect(digest).toMatchObject({ id: 'daily:acme:2026-11-24', markdown: '# Acme', periodStart: day.since });
    });

    it('lists brands with their mention counts, in a range and overall', async () => {
      expect(await store.brands(day)).toEqual([
        { brand: 'acme', mentions: 3 },
        { brand: 'globex', mentions: 1 },
      ]);
      expect((await store.brands()).find((b) => b.brand === 'acme')?.mentions).toBe(4);
    });

    it('filters alerts by status and range, and dead letters by time', async () => {
      expect(await store.alerts({ status: 'open' })).toEqual([]);
      expect((await store.alerts({ status: 'resolved', range: day })).map((a) => a.id)).toEqual(['alert-1']);
      expect(await store.alerts({ range: { since: new Date('2020-01-01T00:00:00Z'), until: new Date('2020-01-02T00:00:00Z') } })).toEqual([]);
      expect(await store.deadLetters({ since: new Date('2026-11-24T12:00:01Z') })).toEqual([]);
      expect(await store.deadLetters({ since: new Date('2026-11-24T12:00:00Z') })).toHaveLength(1);
    });

    it('runs analyst SQL read-only: reads work, writes and DDL are refused', async () => {
      const [row] = await store.select<{ n: string }>(`SELECT count() AS n FROM ${store.table('mentions')} FINAL`, { readonly: true });
      expect(Number(row!.n)).toBe((await store.counts()).mentions);
      await expect(store.select(`INSERT INTO ${store.table('dead_letters')} (stage) VALUES ('x')`, { readonly: true })).rejects.toThrow();
      await expect(store.select(`DROP TABLE ${store.table('mentions')}`, { readonly: true })).rejects.toThrow();
      expect((await store.counts()).mentions).toBe(Number(row!.n));
    });

    describe('late-arriving mentions', () => {
      const range = { since: new Date('2026-12-01T00:00:00Z'), until: new Date('2026-12-02T00:00:00Z') };
      const at = (n: string, createdAt: string) => enriched({ nativeId: `late-${n}`, brand: 'lateco', createdAt, processedAt: '2026-12-03T00:00:00Z' });

      it('count in the bucket and page position of their own time, not of their arrival', async () => {
        await store.insertMentions([at('a', '2026-12-01T10:00:00Z'), at('b', '2026-12-01T10:30:00Z'), at('c', '2026-12-01T11:00:00Z')]);
        const hourly = () => store.volumeSeries({ range: { since: new Date('2026-12-01T09:00:00Z'), until: new Date('2026-12-01T12:00:00Z') }, intervalSeconds: 3600, filter: { brand: 'lateco' } });
        expect((await hourly()).map((p) => p.mentions)).toEqual([0, 2, 1]);
        // Arrive after the later ones (a backfill, a slow source).
        await store.insertMentions([at('d', '2026-12-01T10:15:00Z')]);
        await store.insertMentions([at('e', '2026-12-01T09:59:59Z')]);
        expect((await hourly()).map((p) => p.mentions)).toEqual([1, 3, 1]);
        expect((await store.summary({ range, filter: { brand: 'lateco' } })).mentions).toBe(5);
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.mentions({ range, limit: 2, filter: { brand: 'lateco' }, ...(cursor ? { cursor } : {}) });
          ids.push(...page.rows.map((r) => r.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(ids).toEqual(['x:late-c', 'x:late-b', 'x:late-d', 'x:late-a', 'x:late-e']);
      });
    });

    describe('reprocessing', () => {
      const range = { since: new Date('2026-12-02T00:00:00Z'), until: new Date('2026-12-03T00:00:00Z') };
      const filter = { brand: 'reproco' };
      const m = (nativeId: string, processingVersion: number, processedAt: string, classification: Parameters<typeof enriched>[0]['classification']) =>
        enriched({ nativeId, brand: 'reproco', createdAt: '2026-12-02T08:00:00Z', processingVersion, processedAt, ...(classification ? { classification } : {}) });

      it('a new version replaces the old in every view: counts, topics, terms, failure demand, series', async () => {
        await store.insertMentions([
          m('r1', 1, '2026-12-02T09:00:00Z', { sentiment: { score: -0.8, label: 'negative' }, topics: ['billing'], keyPhrases: ['late fee'], failureDemand: true, failureCategory: 'repeat_contact', intent: 'complaint' }),
        ]);
        expect(await store.summary({ range, filter })).toMatchObject({ mentions: 1, negative: 1, positive: 0, failureDemand: 1 });
        await store.insertMentions([m('r1', 2, '2026-12-02T10:00:00Z', { sentiment: { score: 0.6, label: 'positive' }, topics: ['app'], keyPhrases: ['new app'], intent: 'praise' })]);
        const s = await store.summary({ range, filter });
        expect(s).toMatchObject({ mentions: 1, negative: 0, positive: 1, failureDemand: 0 });
        expect(s.meanSentiment).toBeCloseTo(0.6, 5);
        expect((await store.topTopics({ range, filter })).map((t) => t.topic)).toEqual(['app']);
        expect((await store.termCounts({ range, filter })).terms).toEqual([{ term: 'new app', count: 1 }]);
        expect((await store.failureDemand({ range, filter })).failureDemand).toBe(0);
        const series = await store.volumeSeries({ range, intervalSeconds: 86_400, filter });
        expect(series.map((p) => [p.mentions, p.negative, p.positive])).toEqual([[1, 0, 1]]);
      });

      it('within one batch the highest version wins, whatever the order', async () => {
        await store.insertMentions([
          m('r2', 3, '2026-12-02T12:00:00Z', { sentiment: { score: -0.5, label: 'negative' }, intent: 'complaint' }),
          m('r2', 1, '2026-12-02T13:00:00Z', { sentiment: { score: 0.5, label: 'positive' } }),
          m('r2', 2, '2026-12-02T14:00:00Z', { sentiment: { score: 0, label: 'neutral' } }),
        ]);
        const page = await store.mentions({ range, limit: 10, filter: { ...filter, intent: 'complaint' } });
        expect(page.rows.map((r) => [r.id, r.processingVersion, r.sentimentLabel])).toEqual([['x:r2', 3, 'negative']]);
      });

      it('for the same processing version, the later processing time wins', async () => {
        await store.insertMentions([m('r3', 1, '2026-12-02T15:00:00Z', { topics: ['later'] })]);
        await store.insertMentions([m('r3', 1, '2026-12-02T14:00:00Z', { topics: ['earlier'] })]);
        const rows = (await store.mentions({ range, limit: 10, filter: { ...filter, topic: 'later' } })).rows;
        expect(rows.map((r) => r.id)).toEqual(['x:r3']);
        expect((await store.mentions({ range, limit: 10, filter: { ...filter, topic: 'earlier' } })).rows).toEqual([]);
      });

      it('re-marking a mention as an echo moves it out of voices and into the echo count of its original', async () => {
        await store.insertMentions([
          m('idea', 1, '2026-12-02T09:00:00Z', { intent: 'idea' }),
          m('echo', 1, '2026-12-02T09:00:00Z', { intent: 'idea' }),
        ]);
        const before = await store.summary({ range, filter });
        expect((await store.topIdeas({ range, filter })).map((i) => [i.id, i.echoes])).toEqual([
          ['x:echo', 0],
          ['x:idea', 0],
        ]);
        await store.insertMentions([m('echo', 2, '2026-12-02T16:00:00Z', { intent: 'idea', duplicateOf: 'x:idea' })]);
        const after = await store.summary({ range, filter });
        expect(after.mentions).toBe(before.mentions);
        expect(after.voices).toBe(before.voices - 1);
        expect((await store.topIdeas({ range, filter })).map((i) => [i.id, i.echoes])).toEqual([['x:idea', 1]]);
      });

      it('replaying every version again changes nothing', async () => {
        const before = await store.summary({ range, filter });
        const counts = await store.counts();
        await store.insertMentions([
          m('r1', 1, '2026-12-02T09:00:00Z', { sentiment: { score: -0.8, label: 'negative' }, topics: ['billing'] }),
          m('r2', 1, '2026-12-02T13:00:00Z', { sentiment: { score: 0.5, label: 'positive' } }),
          m('echo', 1, '2026-12-02T09:00:00Z', { intent: 'idea' }),
        ]);
        expect(await store.summary({ range, filter })).toEqual(before);
        expect(await store.counts()).toEqual(counts);
      });
    });

    describe('the hourly rollup', () => {
      // Its own brand and days, so the other tests' data does not move these counts; the
      // refreshes roll every changed hour, so later tests read through the rollup too.
      const range = { since: new Date('2026-12-10T00:00:00Z'), until: new Date('2026-12-12T00:00:00Z') };
      const filter = { brand: 'rollco' };
      const r = (nativeId: string, createdAt: string, processingVersion: number, classification: Parameters<typeof enriched>[0]['classification']) =>
        enriched({ nativeId, brand: 'rollco', createdAt, processingVersion, processedAt: `2026-12-2${processingVersion}T00:00:00Z`, ...(classification ? { classification } : {}) });
      const first = [
        r('h1', '2026-12-10T09:10:00Z', 1, { sentiment: { score: -0.6, label: 'negative' }, topics: ['billing', 'refunds'], failureDemand: true, failureCategory: 'chasing_progress' }),
        r('h2', '2026-12-10T09:50:00Z', 1, { sentiment: { score: 0.4, label: 'positive' }, topics: ['app'] }),
        r('h3', '2026-12-10T11:00:00Z', 1, { sentiment: { score: -0.2, label: 'negative' }, duplicateOf: 'x:h1' }),
        r('h4', '2026-12-11T23:30:00Z', 1, { sentiment: { score: 0, label: 'unscored' }, topics: ['billing'] }),
        r('h5', '2026-12-11T08:00:00Z', 1, { sentiment: { score: -0.3, label: 'negative' } }),
      ];
      // The views the rollup serves, through it ('auto') and from the base table: they must agree.
      const views = (readFrom: 'auto' | 'base') =>
        Promise.all([
          store.summary({ range, filter, readFrom }),
          store.summary({ range: { since: new Date('2026-12-10T09:30:00Z'), until: new Date('2026-12-11T23:45:00Z') }, filter, readFrom }),
          store.volumeSeries({ range, intervalSeconds: 3600, filter, readFrom }),
          store.volumeSeries({ range, intervalSeconds: 86_400, timeZone: 'America/New_York', filter, readFrom }),
          store.volumeSeries({ range, intervalSeconds: 21_600, filter: { ...filter, topic: 'billing' }, readFrom }),
          store.summary({ range, filter: { ...filter, sentiment: 'negative' }, readFrom }),
          store.summary({ range, filter: { ...filter, failureCategory: 'chasing_progress' }, readFrom }),
          store.topTopics({ range, filter, readFrom }),
          // A day whose only negative mention turns positive has no negative day bucket at all.
          store.volumeSeries({ range, intervalSeconds: 86_400, filter: { ...filter, sentiment: 'negative' }, readFrom }),
        ]);
      // Rolls only hours changed before this second: wait for the next one, as a quiet period of 0.
      const refresh = async () => {
        await new Promise((done) => setTimeout(done, 1100));
        return store.refreshRollup({ quietSeconds: 0 });
      };

      it('answers as the base table before and after a refresh, and a second refresh has nothing to do', async () => {
        await store.insertMentions(first);
        const truth = await views('base');
        expect(truth[0]).toMatchObject({ mentions: 5, voices: 4, negative: 3, positive: 1, unscored: 1, failureDemand: 1 });
        expect(await views('auto')).toEqual(truth);
        expect((await refresh()).hours).toBeGreaterThanOrEqual(3);
        expect(await views('auto')).toEqual(truth);
        expect((await store.refreshRollup({ quietSeconds: 0 })).hours).toBe(0);
      });

      it('stays exact when rolled hours are replayed and reprocessed, before and after the next refresh', async () => {
        await store.insertMentions(first); // a replay
        await store.insertMentions([
          r('h1', '2026-12-10T09:10:00Z', 2, { sentiment: { score: 0.5, label: 'positive' }, topics: ['app'] }), // moves label, topics, failure demand
          r('h5', '2026-12-11T08:00:00Z', 2, { sentiment: { score: 0.3, label: 'positive' } }), // the day's only negative
        ]);
        const truth = await views('base');
        expect(truth[0]).toMatchObject({ mentions: 5, negative: 1, positive: 3, failureDemand: 0 });
        expect(await views('auto')).toEqual(truth);
        expect((await refresh()).hours).toBeGreaterThanOrEqual(1);
        expect(await views('auto')).toEqual(truth);
      });
    });

    describe('day buckets in time zones', () => {
      const tz = (nativeId: string, createdAt: string) => enriched({ nativeId: `tz-${nativeId}`, brand: 'tzco', createdAt });
      beforeAll(async () => {
        await store.insertMentions([
          // Europe/London goes from GMT to BST at 2026-03-29 01:00Z: that local day has 23 hours.
          tz('l1', '2026-03-28T23:30:00Z'), // 28 Mar 23:30 GMT
          tz('l2', '2026-03-29T00:30:00Z'), // 29 Mar 00:30 GMT
          tz('l3', '2026-03-29T22:59:59Z'), // 29 Mar 23:59:59 BST
          tz('l4', '2026-03-29T23:00:00Z'), // 30 Mar 00:00 BST
          // Asia/Kolkata is UTC+05:30: its midnight is 18:30Z.
          tz('k1', '2026-04-01T18:29:59Z'), // 1 Apr 23:59:59 IST
          tz('k2', '2026-04-01T18:30:00Z'), // 2 Apr 00:00 IST
        ]);
      });
      const days = async (timeZone: string, since: string, until: string) =>
        (await store.volumeSeries({ range: { since: new Date(since), until: new Date(until) }, intervalSeconds: 86_400, timeZone, filter: { brand: 'tzco' } })).map((p) => [
          p.bucket.toISOString(),
          p.mentions,
        ]);

      it('follows a DST change (Europe/London, spring forward)', async () => {
        expect(await days('Europe/London', '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
          ['2026-03-28T00:00:00.000Z', 1],
          ['2026-03-29T00:00:00.000Z', 2],
          ['2026-03-29T23:00:00.000Z', 1],
        ]);
      });

      it('follows a half-hour offset (Asia/Kolkata)', async () => {
        expect(await days('Asia/Kolkata', '2026-04-01T00:00:00Z', '2026-04-03T00:00:00Z')).toEqual([
          ['2026-03-31T18:30:00.000Z', 1],
          ['2026-04-01T18:30:00.000Z', 1],
        ]);
      });

      it('defaults to UTC days', async () => {
        expect(await days('UTC', '2026-04-01T00:00:00Z', '2026-04-03T00:00:00Z')).toEqual([
          ['2026-04-01T00:00:00.000Z', 2],
        ]);
      });

      it('refuses an unknown or hostile time zone with a clear error, before any SQL', async () => {
        for (const timeZone of ['Mars/Olympus_Mons', "UTC')) FROM system.one --", "UTC'; DROP TABLE mentions; --"]) {
          await expect(store.volumeSeries({ range: day, intervalSeconds: 86_400, timeZone })).rejects.toThrow(/unknown time zone .* expected an IANA name/);
        }
      });
    });

    describe('hostile query parameters', () => {
      const range = { since: new Date('2026-12-05T00:00:00Z'), until: new Date('2026-12-06T00:00:00Z') };
      const INJECTIONS = [
        "'; DROP TABLE mentions; --",
        "' OR 1=1 --",
        "x' OR '1'='1",
        "\\' OR 1=1 --",
        'ends with a backslash\\',
        "a') UNION ALL SELECT 1 --",
        '\\x27 OR 1 --',
        'tab\tnew\nline\0nul',
        "' AND sleep(3) --",
        '{brand:String}',
        '`brand` OR 1',
        '/* c */ 1',
      ];
      beforeAll(async () => {
        await store.insertMentions(
          INJECTIONS.map((s, k) =>
            enriched({
              nativeId: `inj-${k}-${s}`,
              brand: s,
              createdAt: `2026-12-05T1${k % 10}:00:00Z`,
              text: `said ${s} loudly`,
              raw: { langHint: s },
              classification: { language: s, topics: [s], keyPhrases: [s], intent: 'idea' },
            }),
          ),
        );
      });

      it('match their literal value, exactly, in every filter field', async () => {
        const texts = INJECTIONS.map((s) => `said ${s} loudly`.toLowerCase());
        for (const [k, s] of INJECTIONS.entries()) {
          const mine = [`x:inj-${k}-${s}`];
          for (const field of ['brand', 'language', 'topic'] as const) {
            const page = await store.mentions({ range, limit: 50, filter: { [field]: s } });
            expect(page.rows.map((r) => r.id), `${field} = ${JSON.stringify(s)}`).toEqual(mine);
            expect((await store.summary({ range, filter: { [field]: s } })).mentions).toBe(1);
          }
          const containing = INJECTIONS.filter((_, j) => texts[j]!.includes(s.toLowerCase())).length;
          expect((await store.summary({ range, filter: { text: s } })).mentions, `text ~ ${JSON.stringify(s)}`).toBe(containing);
          // Stored nowhere: must match nothing, and not fail.
          for (const field of ['source', 'failureCategory', 'intent', 'sentiment'] as const) {
            const filter = { [field]: s } as Record<string, string>;
            expect((await store.summary({ range, filter })).mentions, `${field} = ${JSON.stringify(s)}`).toBe(0);
          }
        }
      });

      it('change nothing in the other queries either, and leave every table in place', async () => {
        const before = await store.counts();
        for (const s of INJECTIONS) {
          const filter = { brand: s, text: s, topic: s };
          expect((await store.topTopics({ range, filter })).map((t) => [t.topic, t.mentions])).toEqual([[s, 1]]);
          expect((await store.termCounts({ range, filter })).terms).toEqual([{ term: s, count: 1 }]);
          expect((await store.topIdeas({ range, filter })).map((i) => i.brand)).toEqual([s]);
          expect((await store.failureDemand({ range, filter })).demand).toBe(1);
          expect((await store.volumeSeries({ range, intervalSeconds: 86_400, filter })).map((p) => p.mentions)).toEqual([1]);
          expect(await store.alerts({ brand: s })).toEqual([]);
          expect(await store.digests({ brand: s })).toEqual([]);
          expect(await store.getCursor(s)).toBeNull();
          await store.saveCursor(s, s);
          expect(await store.getCursor(s)).toBe(s);
        }
        expect(await store.counts()).toEqual(before);
        expect((await store.brands(range)).map((b) => b.brand).sort()).toEqual([...INJECTIONS].sort());
      });

      it('in a cursor, page exactly as a plain one would; a forged cursor is a clear error', async () => {
        const all = (await store.mentions({ range, limit: 100 })).rows.map((r) => r.id);
        expect(all).toHaveLength(INJECTIONS.length);
        for (const s of INJECTIONS) {
          // Later than every row in range, with a hostile id: every row is "older", nothing else changes.
          const cursor = Buffer.from(JSON.stringify([4_000_000_000, s])).toString('base64url');
          expect((await store.mentions({ range, limit: 100, cursor })).rows.map((r) => r.id)).toEqual(all);
        }
        for (const cursor of ["' OR 1=1 --", Buffer.from('["1 OR 1=1", "x"]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
          await expect(store.mentions({ range, limit: 10, cursor })).rejects.toThrow(/invalid cursor/);
        }
      });
    });

    // Last: it adds a mention, which would shift the counts earlier cases assert.
    it('gives back stored mentions as the raw mentions they came from, for reprocessing', async () => {
      const full = enriched({
        source: 'reddit',
        nativeId: 't1_raw1',
        createdAt: '2026-11-24T09:30:00Z',
        text: 'raw round trip',
        raw: {
          url: 'https://reddit.com/r/x/comments/abc/_/raw1',
          title: 'A title',
          threadId: 'reddit:t3_abc',
          parentId: 'reddit:t3_abc',
          langHint: 'en',
          author: { id: 't2_u', handle: 'u', name: 'User', followers: 12 },
          engagement: { likes: 3, replies: 1, score: -2 },
          fetchedAt: '2026-11-24T09:31:00Z',
          query: 'acme broadband',
        },
      });
      await store.insertMentions([full]);
      const page = await store.rawMentions({ range: day, limit: 50, filter: { source: 'reddit' } });
      expect(page.rows).toHaveLength(1);
      expect(page.rows[0]).toEqual({ ...full.raw, engagement: { likes: 3, reposts: 0, replies: 1, quotes: 0, score: -2 } });
      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const p = await store.rawMentions({ range: day, limit: 2, ...(cursor ? { cursor } : {}) });
        all.push(...p.rows.map((r) => r.id));
        cursor = p.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(all).size).toBe(all.length);
      expect(all).toContain('reddit:t1_raw1');
    });
  });
}
