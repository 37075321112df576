// The worker and the scheduler: pages published before their cursor is saved, invalid
// mentions dead-lettered with their headers, a real per-second cron schedule that never runs
// two polls of one source at once, a credentials failure that stops one source while the others
// carry on, and the per-source status saved for `earshot sources list`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAD_LETTER_HEADERS } from '../../bus/index.js';
import { validateConfig } from '../../config/index.js';
import { readSourceStatus, runPoll, SourceAuthError, startIngestScheduler, type Connector, type Page } from '../../ingest/index.js';
import { TOPICS } from '../../messages/index.js';
import type { Store } from '../../store/index.js';
import { BRANDS, newBus, openTestStore, publishedMentions, readTopic, startServer, testContext } from './helpers.js';

const silent = pino({ level: 'silent' });
let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store.close());

const mention = (id: string) => ({ id: `webhook:${id}`, source: 'webhook' as const, nativeId: id, author: { id: 'a', handle: 'a' }, text: `about acme ${id}`, createdAt: '2026-11-24T10:00:00Z', fetchedAt: '2026-11-24T10:00:01Z', brand: 'acme' });

describe('runPoll', () => {
  it('publishes valid mentions keyed by id, dead-letters invalid ones with reason, stage and source, then saves the cursor', async () => {
    const connector: Connector = {
      id: 'unit',
      kind: 'webhook',
      async *poll(cursor) {
        expect(cursor).toBeNull();
        const page: Page = { mentions: [mention('a'), { ...mention('b'), text: '' }, mention('a')], rejects: [{ reason: 'item had no id', payload: '{"x":1}' }], cursor: 'after-page-1' };
        yield page;
      },
    };
    const bus = newBus();
    const result = await runPoll(connector, { bus, store, ctx: testContext().ctx });
    expect(result).toEqual({ pages: 1, published: 1, rejected: 2, cursor: 'after-page-1' });
    const raw = await readTopic(bus, TOPICS.raw);
    expect(raw.map((m) => m.key)).toEqual(['webhook:a']);
    const dlq = await readTopic(bus, TOPICS.deadLetter);
    expect(dlq.map((m) => m.headers[DEAD_LETTER_HEADERS.reason]).sort()).toEqual(['item had no id', 'text: text is empty']);
    expect(dlq.every((m) => m.headers[DEAD_LETTER_HEADERS.stage] === 'ingest:unit' && m.headers[DEAD_LETTER_HEADERS.source] === 'unit' && m.headers[DEAD_LETTER_HEADERS.at])).toBe(true);
    expect(await store.getCursor('unit')).toBe('after-page-1');
  });

  it('does not save the cursor of a page that failed to publish', async () => {
    const bus = newBus();
    await bus.close();
    const connector: Connector = { id: 'unit-closed', kind: 'webhook', async *poll() { yield { mentions: [mention('c')], rejects: [], cursor: 'never' }; } };
    await expect(runPoll(connector, { bus, store, ctx: testContext().ctx })).rejects.toThrow(/closed/);
    expect(await store.getCursor('unit-closed')).toBeNull();
  });
});

describe('startIngestScheduler', () => {
  it('polls on a real per-second schedule without overlap; a refused source stops, the others carry on; status is saved', async () => {
    let active = 0;
    let maxActive = 0;
    let slowPolls = 0;
    let lockedPolls = 0;
    let flakyPolls = 0;
    const slow: Connector = {
      id: 'slow',
      kind: 'simulate',
      async *poll(_cursor, ctx) {
        active++;
        maxActive = Math.max(maxActive, active);
        slowPolls++;
        try {
          await ctx.sleep(1_600, ctx.signal); // longer than the 1 s schedule
          yield { mentions: [mention(`slow-${slowPolls}`)], rejects: [], cursor: String(slowPolls) };
        } finally {
          active--;
        }
      },
    };
    const locked: Connector = {
      id: 'locked',
      kind: 'x',
      // eslint-disable-next-line require-yield
      async *poll() {
        lockedPolls++;
        throw new SourceAuthError('locked', 'X answered 401; check the bearer token in X_BEARER_TOKEN');
      },
    };
    const flaky: Connector = {
      id: 'flaky',
      kind: 'hackernews',
      async *poll() {
        flakyPolls++;
        if (flakyPolls === 1) throw new Error('hn.algolia.com: gave up after 5 attempts: 503');
        yield { mentions: [mention(`flaky-${flakyPolls}`)], rejects: [], cursor: String(flakyPolls) };
      },
    };
    const every = '* * * * * *';
    const config = validateConfig({
      brands: BRANDS,
      sources: ['slow', 'locked', 'flaky'].map((id) => ({ kind: 'simulate', id, schedule: every })),
    });
    const bus = newBus();
    const scheduler = await startIngestScheduler({ config, bus, store, log: silent, connectors: [slow, locked, flaky], maxJitterMs: 100 });
    await new Promise((r) => setTimeout(r, 4_300));
    const status = new Map(scheduler.status().map((s) => [s.id, s]));
    await scheduler.stop();
    const pollsAtStop = slowPolls;
    await new Promise((r) => setTimeout(r, 1_200));

    expect(maxActive).toBe(1);
    expect(slowPolls).toBeGreaterThanOrEqual(2);
    expect(status.get('slow')!.skippedTicks).toBeGreaterThanOrEqual(1);
    expect(slowPolls).toBe(pollsAtStop); // nothing runs after stop()
    expect(lockedPolls).toBe(1);
    expect(status.get('locked')).toMatchObject({ state: 'stopped', lastError: expect.stringMatching(/X_BEARER_TOKEN/) });
    expect(flakyPolls).toBeGreaterThanOrEqual(2);
    expect(status.get('flaky')).toMatchObject({ consecutiveFailures: 0, lastError: expect.stringMatching(/503/) });
    expect(status.get('flaky')!.published).toBeGreaterThanOrEqual(1);

    const saved = await readSourceStatus(store, 'locked');
    expect(saved).toMatchObject({ id: 'locked', state: 'stopped', polls: 1 });
    expect((await readSourceStatus(store, 'flaky'))!.lastSuccessAt).toBeDefined();
    const ids = (await publishedMentions(bus)).map((m) => m.nativeId);
    expect(ids).toContain('slow-1');
    expect(ids).toContain('flaky-2');
  }, 15_000);

  it('builds connectors from config: a polled API source, a file imported once, a webhook listening, the simulator', async () => {
    const api = await startServer(() => ({ body: { hits: [{ objectID: '1', author: 'a', created_at: '2026-11-24T10:00:00Z', created_at_i: 1795514400, title: 'Acme Broadband is down', _tags: ['story'] }], nbPages: 1 } }));
    const dir = mkdtempSync(join(tmpdir(), 'earshot-sched-'));
    writeFileSync(join(dir, 'in.jsonl'), JSON.stringify(mention('from-file')) + '\n');
    try {
      const config = validateConfig({
        brands: BRANDS,
        sources: [
          { kind: 'simulate', id: 'simulator', schedule: '0 0 1 1 *', mentionsPerDay: 20_000 },
          { kind: 'hackernews', id: 'hn', baseUrl: api.url, brands: ['acme'], schedule: '0 0 1 1 *' },
          { kind: 'file', id: 'import', path: join(dir, 'in.jsonl') },
          { kind: 'webhook', id: 'crm', port: 0, secretEnv: 'CRM_SECRET' },
          { kind: 'x', id: 'x-off', enabled: false },
        ],
      });
      const bus = newBus();
      const scheduler = await startIngestScheduler({ config, bus, store, log: silent, env: { CRM_SECRET: 's3cret' }, pollOnStart: false });
      try {
        expect(scheduler.status().map((s) => s.id).sort()).toEqual(['crm', 'hn', 'import', 'simulator']);
        const crm = scheduler.status().find((s) => s.id === 'crm')!;
        expect(crm).toMatchObject({ state: 'listening', listening: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/ingest\/webhook$/) });
        expect((await scheduler.pollNow('hn')).lastPoll).toMatchObject({ published: 1 });
        const sim = await scheduler.pollNow('simulator');
        expect(sim.lastPoll!.published).toBeGreaterThan(0);
        expect(sim.lastPoll!.rejected).toBe(0);
        await scheduler.pollNow('import'); // already run once at start; the cursor makes this a no-op
        const ids = (await publishedMentions(bus)).map((m) => m.id);
        expect(ids.filter((id) => id === 'webhook:from-file')).toHaveLength(1);
        expect(ids).toContain('hackernews:1');
        await expect(scheduler.pollNow('nope')).rejects.toThrow(/no source 'nope'/);
      } finally {
        await scheduler.stop();
      }
    } finally {
      await api.close();
    }
  });
});
