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
  });
}
