// X connector: the real twitter-api-v2 client against a local server replaying recorded
// recent-search pages, rate-limit headers, a 429, a 500, a 401 and a malformed tweet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceOf } from '../../config/index.js';
import { createConnector, runPoll, SourceAuthError } from '../../ingest/index.js';
import type { Store } from '../../store/index.js';
import { BRANDS, T0, deadLetters, fixtureJson, newBus, openTestStore, publishedMentions, sourceConfig, startServer, testContext, type FixtureServer, type RecordedRequest, type Reply } from './helpers.js';

const TOKEN1 = 'b26v89c19zqg8o3fpzbkk9q8pv3mjb0zhgv1nbbxs1xx9';
const TOKEN2 = 'b26v89c19zqg8o3fpzbkk9q8pv3mjb0zhgv1nbbxs1xx10';
const secs = (ms: number) => String(Math.floor(ms / 1000));

function limits(remaining: number, resetMs: number): Record<string, string> {
  return { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': secs(resetMs) };
}

/** Recent search as X serves it: three pages; page 1 spends the budget, page 2 first answers 429, page 3 first answers 500. */
function recentSearch(options: { errors: boolean }) {
  let throttled = false;
  let failed = false;
  return (req: RecordedRequest): Reply => {
    if (req.path !== '/2/tweets/search/recent') return { status: 404, body: { title: 'Not Found' } };
    if (req.headers.authorization !== 'Bearer test-bearer') return { status: 401, body: fixtureJson('x-error-401.json') };
    const token = req.query.get('next_token');
    if (req.query.get('since_id')) return { headers: limits(400, T0 + 900_000), body: { meta: { result_count: 0 } } };
    if (!token) return { headers: options.errors ? limits(0, T0 + 30_000) : limits(449, T0 + 900_000), body: fixtureJson('x-search-page1.json') };
    if (token === TOKEN1) {
      if (options.errors && !throttled) {
        throttled = true;
        return { status: 429, headers: limits(0, T0 + 90_000), body: fixtureJson('x-error-429.json') };
      }
      return { headers: limits(448, T0 + 900_000), body: fixtureJson('x-search-page2.json') };
    }
    if (token === TOKEN2) {
      if (options.errors && !failed) {
        failed = true;
        return { status: 500, body: { title: 'Internal Error' } };
      }
      return { headers: limits(447, T0 + 900_000), body: fixtureJson('x-search-page3.json') };
    }
    return { status: 400, body: { title: 'Invalid Request', detail: `unknown next_token ${token}` } };
  };
}

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store.close();
});

function xSource(id: string, server: FixtureServer): SourceOf<'x'> {
  return sourceConfig<SourceOf<'x'>>({ kind: 'x', id, baseUrl: server.url, brands: ['acme'], maxResults: 10 });
}

describe('x connector', () => {
  let server: FixtureServer;
  afterAll(async () => server?.close());

  it('walks all pages, waits out the spent budget, the 429 reset and a 500, maps tweets and dead-letters the malformed one', async () => {
    server = await startServer(recentSearch({ errors: true }));
    const bus = newBus();
    const clock = testContext({ X_BEARER_TOKEN: 'test-bearer' });
    const connector = createConnector(xSource('x-main', server), BRANDS);
    const result = await runPoll(connector, { bus, store, ctx: clock.ctx });

    expect(result).toMatchObject({ pages: 3, published: 5, rejected: 1 });
    // The spent budget (remaining 0) waits 30 s for its reset; the 429 waits for its announced reset
    // (90 s after T0, 60 s after the first wait); the 500 backs off 1 s with jitter 0.5 → 750 ms.
    expect(clock.waits).toEqual([30_000, 60_000, 750]);

    const first = server.requests[0]!;
    expect(first.query.get('query')).toBe('acme broadband');
    expect(first.query.get('max_results')).toBe('10');
    expect(first.query.get('expansions')).toContain('author_id');
    expect(first.query.get('tweet.fields')).toContain('public_metrics');
    expect(first.query.get('user.fields')).toContain('public_metrics');
    expect(first.query.get('since_id')).toBeNull();

    const mentions = await publishedMentions(bus);
    const byId = new Map(mentions.map((m) => [m.id, m]));
    expect([...byId.keys()].sort()).toEqual(['x:1861000000000000001', 'x:1861000000000000002', 'x:1861000000000000003', 'x:1861000000000000004', 'x:1861000000000000005']);
    expect(byId.get('x:1861000000000000005')).toMatchObject({
      source: 'x',
      nativeId: '1861000000000000005',
      url: 'https://x.com/samleeds/status/1861000000000000005',
      author: { id: '101', handle: 'samleeds', name: 'Sam Leeds', followers: 1520 },
      text: 'acme broadband down again in Leeds, third day running',
      createdAt: '2026-11-24T11:58:00.000Z',
      threadId: 'x:1861000000000000005',
      engagement: { likes: 17, reposts: 4, replies: 2, quotes: 1 },
      langHint: 'en',
      brand: 'acme',
      query: 'acme broadband',
    });
    expect(byId.get('x:1861000000000000004')).toMatchObject({ parentId: 'x:1860000000000000001', threadId: 'x:1860000000000000001' });
    expect(byId.get('x:1861000000000000003')!.repostOf).toBe('x:1860999999999999000');
    expect(byId.get('x:1861000000000000002')!.langHint).toBeUndefined(); // qme: emoji only, not a language
    expect(byId.get('x:1861000000000000001')!.langHint).toBe('fr');

    const dlq = await deadLetters(bus);
    expect(dlq).toHaveLength(1);
    expect(dlq[0]).toMatchObject({ stage: 'ingest:x-main', source: 'x-main' });
    expect(dlq[0]!.reason).toMatch(/createdAt/);
    expect(JSON.parse(dlq[0]!.payload)).toMatchObject({ id: '1861000000000000000' }); // the tweet as received

    const cursor = JSON.parse((await store.getCursor('x-main'))!);
    expect(cursor.queries['acme:acme broadband']).toEqual({ sinceId: '1861000000000000005' });

    // The next poll asks only for tweets newer than the newest one seen.
    const before = server.requests.length;
    const again = await runPoll(connector, { bus, store, ctx: clock.ctx });
    expect(again.published).toBe(0);
    expect(server.requests[before]!.query.get('since_id')).toBe('1861000000000000005');
    expect(server.requests[before]!.query.get('next_token')).toBeNull();
  });

  it('resumes mid-walk after a stop: the union of both runs has every tweet once', async () => {
    const s = await startServer(recentSearch({ errors: false }));
    try {
      const bus = newBus();
      const connector = createConnector(xSource('x-restart', s), BRANDS);
      const first = testContext({ X_BEARER_TOKEN: 'test-bearer' });
      let pages = 0;
      await expect(
        runPoll(connector, {
          bus,
          store,
          ctx: first.ctx,
          onPage: () => {
            if (++pages === 2) first.abort.abort(new Error('stopped after page 2'));
          },
        }),
      ).rejects.toThrow(/stopped after page 2/);
      expect(s.requests).toHaveLength(2);
      const saved = JSON.parse((await store.getCursor('x-restart'))!);
      expect(saved.queries['acme:acme broadband'].walk).toMatchObject({ nextToken: TOKEN2, newestId: '1861000000000000005' });

      const second = testContext({ X_BEARER_TOKEN: 'test-bearer' });
      const resumed = await runPoll(createConnector(xSource('x-restart', s), BRANDS), { bus, store, ctx: second.ctx });
      expect(resumed.pages).toBe(1);
      expect(s.requests[2]!.query.get('next_token')).toBe(TOKEN2);

      const ids = (await publishedMentions(bus)).map((m) => m.nativeId);
      expect(ids.length).toBe(new Set(ids).size);
      expect(ids.sort()).toEqual(['1861000000000000001', '1861000000000000002', '1861000000000000003', '1861000000000000004', '1861000000000000005']);
      expect(JSON.parse((await store.getCursor('x-restart'))!).queries['acme:acme broadband']).toEqual({ sinceId: '1861000000000000005' });
    } finally {
      await s.close();
    }
  });

  it('a 401 is a SourceAuthError naming the env var; nothing is published or saved', async () => {
    const s = await startServer(recentSearch({ errors: false }));
    try {
      const bus = newBus();
      const clock = testContext({ X_BEARER_TOKEN: 'wrong' });
      const err = await runPoll(createConnector(xSource('x-401', s), BRANDS), { bus, store, ctx: clock.ctx }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceAuthError);
      expect((err as Error).message).toMatch(/x-401.*401.*X_BEARER_TOKEN/);
      expect(clock.waits).toEqual([]); // no retrying a credentials problem
      expect(await store.getCursor('x-401')).toBeNull();
      expect(await publishedMentions(bus)).toEqual([]);

      const missing = await runPoll(createConnector(xSource('x-401', s), BRANDS), { bus, store, ctx: testContext({}).ctx }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(SourceAuthError);
      expect((missing as Error).message).toMatch(/export X_BEARER_TOKEN=/);
    } finally {
      await s.close();
    }
  });
});
