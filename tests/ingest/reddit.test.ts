// Reddit connector over fetch against a local server speaking Reddit's OAuth API: the app-only
// token, search Listings paged by `after`, the new-comments listing, X-Ratelimit headers, a 429,
// an expired token (401 → refresh) and a malformed post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceOf } from '../../config/index.js';
import { createConnector, runPoll, SourceAuthError } from '../../ingest/index.js';
import type { Store } from '../../store/index.js';
import { BRANDS, deadLetters, fixtureJson, newBus, openTestStore, publishedMentions, sourceConfig, startServer, testContext, type RecordedRequest, type Reply } from './helpers.js';

const UA = 'linux:earshot-test:v0.1.0 (by /u/earshot_dev)';
const ENV = { REDDIT_CLIENT_ID: 'client-id', REDDIT_CLIENT_SECRET: 'client-secret' };
const empty = { kind: 'Listing', data: { after: null, before: null, children: [] } };
const ok = (body: unknown, remaining = '590.0', reset = '300'): Reply => ({ body, headers: { 'x-ratelimit-used': '10', 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': reset } });

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store.close());

function redditApi() {
  let tokens = 0;
  let expiredOnce = false;
  let throttledOnce = false;
  let secondPoll = false;
  const handler = (req: RecordedRequest): Reply => {
    if (req.headers['user-agent'] !== UA) return { status: 429, body: { message: 'Too Many Requests', error: 429 } };
    if (req.path === '/api/v1/access_token') {
      const basic = Buffer.from('client-id:client-secret').toString('base64');
      if (req.method !== 'POST' || req.headers.authorization !== `Basic ${basic}` || new URLSearchParams(req.body).get('grant_type') !== 'client_credentials') return { status: 401, body: { message: 'Unauthorized', error: 401 } };
      tokens++;
      return { body: { ...fixtureJson<object>('reddit-token.json'), access_token: `token-${tokens}` } };
    }
    if (!/^bearer token-\d$/.test(String(req.headers.authorization))) return { status: 401, body: { message: 'Unauthorized', error: 401 } };
    const q = req.query.get('q');
    if (req.path === '/search' && q === 'acme broadband') {
      if (secondPoll) {
        const page = fixtureJson<{ data: { children: unknown[]; after: string | null } }>('reddit-search-page1.json');
        page.data.children.unshift({ kind: 't3', data: { id: '1h2c3d6', name: 't3_1h2c3d6', title: 'Acme Broadband fixed it', selftext: 'Back online, thanks', author: 'throwaway_mcr', author_fullname: 't2_abc123', created_utc: 1764586000.0, score: 3, num_comments: 0, permalink: '/r/broadband/comments/1h2c3d6/x/' } });
        return ok(page);
      }
      // The first page spends the window's budget: the next request must wait for the reset.
      if (!req.query.get('after')) return ok(fixtureJson('reddit-search-page1.json'), '0.0', '45');
      if (req.query.get('after') === 't3_1h2c3d4') return ok(fixtureJson('reddit-search-page2.json'));
    }
    if (req.path === '/r/broadband/search') {
      if (req.query.get('restrict_sr') !== '1') return { status: 400, body: {} };
      if (!expiredOnce) {
        expiredOnce = true; // the token expired early
        return { status: 401, body: { message: 'Unauthorized', error: 401 } };
      }
      return ok(empty);
    }
    if (req.path === '/search') return ok(empty);
    if (req.path === '/r/broadband/comments') {
      if (!throttledOnce) {
        throttledOnce = true;
        return { status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' }, body: { message: 'Too Many Requests', error: 429 } };
      }
      return ok(secondPoll ? empty : fixtureJson('reddit-comments.json'));
    }
    return { status: 404, body: { message: 'Not Found', error: 404 } };
  };
  return { handler, tokens: () => tokens, startSecondPoll: () => (secondPoll = true) };
}

describe('reddit connector', () => {
  it('gets an app-only token, searches posts and scans comments, honours the rate-limit headers, refreshes an expired token', async () => {
    const api = redditApi();
    const server = await startServer(api.handler);
    try {
      const source = sourceConfig<SourceOf<'reddit'>>({ kind: 'reddit', id: 'reddit-main', userAgent: UA, subreddits: ['broadband'], authUrl: server.url, baseUrl: server.url });
      const connector = createConnector(source, BRANDS);
      const bus = newBus();
      const clock = testContext(ENV);
      const result = await runPoll(connector, { bus, store, ctx: clock.ctx });

      // 45 s: the budget spent by page 1; 30 s: the 429's announced reset.
      expect(clock.waits).toEqual([45_000, 30_000]);
      expect(api.tokens()).toBe(2); // the 401 fetched a fresh token once
      expect(result.rejected).toBe(1);
      const search = server.requests.find((r) => r.path === '/search')!;
      expect(Object.fromEntries(search.query)).toMatchObject({ q: 'acme broadband', sort: 'new', type: 'link', raw_json: '1' });

      const mentions = await publishedMentions(bus);
      const byId = new Map(mentions.map((m) => [m.id, m]));
      expect([...byId.keys()].sort()).toEqual(['reddit:t1_m1a2b3c', 'reddit:t1_m1a2b3e', 'reddit:t3_1h2c3d3', 'reddit:t3_1h2c3d4', 'reddit:t3_1h2c3d5']);
      expect(byId.get('reddit:t3_1h2c3d5')).toMatchObject({
        nativeId: 't3_1h2c3d5',
        url: 'https://www.reddit.com/r/broadband/comments/1h2c3d5/acme_broadband_outage_in_manchester/',
        author: { id: 't2_abc123', handle: 'throwaway_mcr' },
        title: 'Acme Broadband outage in Manchester?',
        text: 'Anyone else with acme broadband down since 6am? Router shows red light.',
        createdAt: new Date(1764585000 * 1000).toISOString(),
        engagement: { score: 42, replies: 17 },
        threadId: 'reddit:t3_1h2c3d5',
        brand: 'acme',
        query: 'acme broadband',
      });
      expect(byId.get('reddit:t3_1h2c3d4')!.text).toBe('Acme Broadband price rise letter'); // a link post: its title is what was said
      expect(byId.get('reddit:t1_m1a2b3c')).toMatchObject({ parentId: 'reddit:t3_1h2c3d5', threadId: 'reddit:t3_1h2c3d5', brand: 'acme', engagement: { score: 9 } });
      expect(byId.get('reddit:t1_m1a2b3e')).toMatchObject({ brand: 'globex', query: 'globex', parentId: 'reddit:t1_m1a2b30' });
      const dlq = await deadLetters(bus);
      expect(dlq).toHaveLength(1);
      expect(dlq[0]!.reason).toMatch(/created_utc/);
      expect(JSON.parse(dlq[0]!.payload).data.id).toBe('1h2c3d2');

      // Next poll: only what is newer than the anchor, without paging past it.
      api.startSecondPoll();
      const before = server.requests.length;
      const bus2 = newBus();
      const again = await runPoll(connector, { bus: bus2, store, ctx: clock.ctx });
      expect(again.published).toBe(1);
      expect((await publishedMentions(bus2))[0]!.id).toBe('reddit:t3_1h2c3d6');
      expect(server.requests.slice(before).some((r) => r.query.get('after'))).toBe(false);
      expect(server.requests.slice(before).some((r) => r.path === '/api/v1/access_token')).toBe(false); // the token is still valid

      // A day later the token (expires_in 86400) is renewed before it is used, not after a 401.
      clock.advance(86_400_000);
      const tokensBefore = api.tokens();
      const beforeDay = server.requests.length;
      await runPoll(connector, { bus: newBus(), store, ctx: clock.ctx });
      expect(api.tokens()).toBe(tokensBefore + 1);
      expect(server.requests[beforeDay]!.path).toBe('/api/v1/access_token');
    } finally {
      await server.close();
    }
  });

  it('refused client credentials stop the source with the env vars to fix', async () => {
    const server = await startServer(redditApi().handler);
    try {
      const source = sourceConfig<SourceOf<'reddit'>>({ kind: 'reddit', id: 'reddit-bad', userAgent: UA, authUrl: server.url, baseUrl: server.url });
      const err = await runPoll(createConnector(source, BRANDS), { bus: newBus(), store, ctx: testContext({ REDDIT_CLIENT_ID: 'x', REDDIT_CLIENT_SECRET: 'y' }).ctx }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceAuthError);
      expect((err as Error).message).toMatch(/REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET/);
    } finally {
      await server.close();
    }
  });
});
