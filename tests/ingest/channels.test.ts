// Hacker News (Algolia), Mastodon and Bluesky connectors against a local server replaying their
// documented response shapes: pages, rate-limit headers, 429, 500, expired/refused credentials
// and malformed items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceOf } from '../../config/index.js';
import { createConnector, runPoll, SourceAuthError } from '../../ingest/index.js';
import type { Store } from '../../store/index.js';
import { BRANDS, T0, deadLetters, fixtureJson, newBus, openTestStore, publishedMentions, sourceConfig, startServer, testContext, type RecordedRequest, type Reply } from './helpers.js';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store.close());

describe('hacker news connector', () => {
  it('walks search_by_date down by time, maps stories and comments, backs off a 500, dead-letters a hit without objectID', async () => {
    let failed = false;
    const server = await startServer((req): Reply => {
      if (req.path !== '/api/v1/search_by_date') return { status: 404, body: {} };
      expect(req.query.get('tags')).toBe('(story,comment)');
      const filters = req.query.get('numericFilters') ?? '';
      if (!failed) {
        failed = true;
        return { status: 500, body: { message: 'internal error' } };
      }
      if (filters === '') return { body: fixtureJson('hn-page1.json') };
      if (filters === 'created_at_i<=1795521000') return { body: fixtureJson('hn-page2.json') };
      return { body: { hits: [], nbHits: 0, nbPages: 0, page: 0, hitsPerPage: 2 } };
    });
    try {
      const source = sourceConfig<SourceOf<'hackernews'>>({ kind: 'hackernews', id: 'hn', baseUrl: `${server.url}/api/v1`, brands: ['acme'], hitsPerPage: 2 });
      const connector = createConnector(source, BRANDS);
      const bus = newBus();
      const clock = testContext();
      const result = await runPoll(connector, { bus, store, ctx: clock.ctx });
      expect(result).toMatchObject({ pages: 2, published: 3, rejected: 1 });
      expect(clock.waits).toEqual([750]);
      expect(server.requests[1]!.query.get('query')).toBe('acme broadband');
      expect(server.requests[1]!.query.get('hitsPerPage')).toBe('2');

      const byId = new Map((await publishedMentions(bus)).map((m) => [m.id, m]));
      expect([...byId.keys()].sort()).toEqual(['hackernews:41999000', 'hackernews:42000001', 'hackernews:42000010']);
      expect(byId.get('hackernews:42000010')).toMatchObject({
        url: 'https://news.ycombinator.com/item?id=42000010',
        author: { id: 'patio11', handle: 'patio11' },
        text: 'Acme Broadband\'s support told me the outage was "planned".\n\nIt was not.',
        createdAt: '2026-11-24T11:55:00.000Z',
        parentId: 'hackernews:42000005',
        threadId: 'hackernews:42000001',
        brand: 'acme',
        query: 'acme broadband',
      });
      expect(byId.get('hackernews:42000010')!.title).toBeUndefined();
      expect(byId.get('hackernews:42000001')).toMatchObject({ title: 'Ask HN: Acme Broadband outage', text: 'Is anyone else seeing acme broadband drop every evening?', engagement: { score: 87, replies: 12 } });
      expect(byId.get('hackernews:41999000')!.text).toBe('Acme Broadband raises prices 9%');
      const dlq = await deadLetters(bus);
      expect(dlq).toHaveLength(1);
      expect(dlq[0]!.reason).toMatch(/objectID/);

      expect(JSON.parse((await store.getCursor('hn'))!).queries['acme:acme broadband']).toEqual({ since: 1795521300 });
      const before = server.requests.length;
      await runPoll(connector, { bus, store, ctx: clock.ctx });
      expect(server.requests[before]!.query.get('numericFilters')).toBe('created_at_i>=1795521300');
    } finally {
      await server.close();
    }
  });
});

describe('mastodon connector', () => {
  it('reads a hashtag timeline forwards with min_id and the Link header, waits out a 429, sends the access token', async () => {
    let throttled = false;
    const server = await startServer((req, { url }): Reply => {
      if (req.path !== '/api/v1/timelines/tag/acme') return { status: 404, body: { error: 'Record not found' } };
      if (req.headers.authorization !== 'Bearer masto-token') return { status: 401, body: { error: 'The access token is invalid' } };
      const limits = { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': new Date(T0 + 300_000).toISOString() };
      const minId = req.query.get('min_id');
      if (!minId) return { body: fixtureJson('mastodon-tag-page.json'), headers: { ...limits, link: `<${url}/api/v1/timelines/tag/acme?max_id=113500000000000001>; rel="next", <${url}/api/v1/timelines/tag/acme?min_id=113500000000000003>; rel="prev"` } };
      if (minId === '113500000000000003') {
        if (!throttled) {
          throttled = true;
          return { status: 429, body: { error: 'Too many requests' }, headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(T0 + 120_000).toISOString() } };
        }
        const newer = [
          { id: '113500000000000005', created_at: '2026-11-24T12:01:00.000Z', content: '<p>#acme fixed now, thanks</p>', language: 'en', account: { id: '78', username: 'bob', acct: 'bob', followers_count: 12 }, replies_count: 0, reblogs_count: 0, favourites_count: 0 },
          { id: '113500000000000004', created_at: '2026-11-24T12:00:30.000Z', content: '<p>still down #acme</p>', language: 'en', account: { id: '77', username: 'anna', acct: 'anna@chaos.social' }, replies_count: 0, reblogs_count: 0, favourites_count: 0 },
        ];
        return { body: newer, headers: { ...limits, link: `<${url}/api/v1/timelines/tag/acme?max_id=113500000000000004>; rel="next", <${url}/api/v1/timelines/tag/acme?min_id=113500000000000005>; rel="prev"` } };
      }
      return { body: [], headers: limits };
    });
    try {
      const host = new URL(server.url).host;
      const source = sourceConfig<SourceOf<'mastodon'>>({ kind: 'mastodon', id: 'masto', instances: [server.url], hashtags: ['acme'], accessTokenEnv: 'MASTO_TOKEN' });
      const connector = createConnector(source, BRANDS);
      const bus = newBus();
      const clock = testContext({ MASTO_TOKEN: 'masto-token' });
      const first = await runPoll(connector, { bus, store, ctx: clock.ctx });
      expect(first).toMatchObject({ pages: 1, published: 2, rejected: 1 });
      const byId = new Map((await publishedMentions(bus)).map((m) => [m.id, m]));
      expect(byId.get(`mastodon:${host}/113500000000000003`)).toMatchObject({
        url: 'https://chaos.social/@anna/113500000000000003',
        author: { id: 'anna@chaos.social', handle: '@anna@chaos.social', name: 'Anna', followers: 310 },
        text: 'Seit gestern kein Internet von #acme & keiner antwortet.',
        langHint: 'de',
        parentId: `mastodon:${host}/113500000000000001`,
        engagement: { likes: 4, reposts: 1, replies: 0 },
        brand: 'acme',
        query: '#acme',
      });
      expect(byId.get(`mastodon:${host}/113500000000000002`)).toMatchObject({ author: { id: `bob@${host}`, handle: `@bob@${host}` }, text: 'rant\n\n#acme broadband billing is a mess\ncharged twice' });
      expect((await deadLetters(bus))[0]!.reason).toMatch(/createdAt/);
      expect(JSON.parse((await store.getCursor('masto'))!).streams[`${host}#acme`]).toEqual({ minId: '113500000000000003' });

      const bus2 = newBus();
      const second = await runPoll(connector, { bus: bus2, store, ctx: clock.ctx });
      expect(clock.waits).toEqual([120_000]);
      expect(second).toMatchObject({ pages: 2, published: 2 });
      expect((await publishedMentions(bus2)).map((m) => m.nativeId).sort()).toEqual([`${host}/113500000000000004`, `${host}/113500000000000005`]);
      expect(server.requests.at(-1)!.query.get('min_id')).toBe('113500000000000005'); // followed rel="prev"
      expect(JSON.parse((await store.getCursor('masto'))!).streams[`${host}#acme`]).toEqual({ minId: '113500000000000005' });

      const refused = await runPoll(connector, { bus: newBus(), store, ctx: testContext({ MASTO_TOKEN: 'expired' }).ctx }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SourceAuthError);
      expect((refused as Error).message).toMatch(/MASTO_TOKEN/);
    } finally {
      await server.close();
    }
  });

  it('a bare hashtag must name a brand, else the config error says how to assign it', () => {
    const source = sourceConfig<SourceOf<'mastodon'>>({ kind: 'mastodon', id: 'm2', instances: ['https://mastodon.social'], hashtags: ['broadband'] });
    expect(() => createConnector(source, BRANDS)).toThrow(/hashtag 'broadband'.*\{ tag: broadband, brand: <brand id> \}/);
  });
});

describe('bluesky connector', () => {
  function bluesky() {
    let sessions = 0;
    let expiredOnce = false;
    const handler = (req: RecordedRequest): Reply => {
      if (req.path === '/xrpc/com.atproto.server.createSession') {
        const body = JSON.parse(req.body) as { identifier: string; password: string };
        if (body.identifier !== 'earshot.bsky.social' || body.password !== 'app-pass-word') return { status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } };
        sessions++;
        return { body: { accessJwt: `jwt-${sessions}`, refreshJwt: `refresh-${sessions}`, handle: 'earshot.bsky.social', did: 'did:plc:earshot', active: true } };
      }
      if (req.path !== '/xrpc/app.bsky.feed.searchPosts') return { status: 404, body: { error: 'MethodNotImplemented' } };
      if (!req.headers.authorization) return { status: 403, body: 'Forbidden' };
      if (!expiredOnce) {
        expiredOnce = true;
        return { status: 400, body: { error: 'ExpiredToken', message: 'Token has expired' } };
      }
      const limits = { 'ratelimit-limit': '3000', 'ratelimit-remaining': '2999', 'ratelimit-reset': String(Math.floor(T0 / 1000) + 300), 'ratelimit-policy': '3000;w=300' };
      if (req.query.get('q') !== 'acme broadband' || req.query.get('since')) return { body: { posts: [] }, headers: limits };
      if (req.query.get('cursor') === '25') return { body: fixtureJson('bluesky-search-page2.json'), headers: limits };
      return { body: fixtureJson('bluesky-search-page1.json'), headers: limits };
    };
    return { handler, sessions: () => sessions };
  }

  it('logs in with an app password, pages with the cursor, logs in again on ExpiredToken, maps posts and replies', async () => {
    const api = bluesky();
    const server = await startServer(api.handler);
    try {
      const source = sourceConfig<SourceOf<'bluesky'>>({ kind: 'bluesky', id: 'bsky', service: server.url, identifierEnv: 'BSKY_ID', appPasswordEnv: 'BSKY_APP_PASSWORD', brands: ['acme'] });
      const connector = createConnector(source, BRANDS);
      const bus = newBus();
      const clock = testContext({ BSKY_ID: 'earshot.bsky.social', BSKY_APP_PASSWORD: 'app-pass-word' });
      const result = await runPoll(connector, { bus, store, ctx: clock.ctx });
      expect(result).toMatchObject({ pages: 2, published: 3, rejected: 1 });
      expect(api.sessions()).toBe(2);
      const search = server.requests.filter((r) => r.path === '/xrpc/app.bsky.feed.searchPosts').at(-1)!;
      expect(search.headers.authorization).toBe('Bearer jwt-2');
      expect(Object.fromEntries(search.query)).toMatchObject({ q: 'acme broadband', sort: 'latest', cursor: '25' });

      const byId = new Map((await publishedMentions(bus)).map((m) => [m.id, m]));
      expect(byId.get('bluesky:at://did:plc:abc123/app.bsky.feed.post/3lbx7a2k4c22a')).toMatchObject({
        url: 'https://bsky.app/profile/jo.bsky.social/post/3lbx7a2k4c22a',
        author: { id: 'did:plc:abc123', handle: 'jo.bsky.social', name: 'Jo' },
        text: 'acme broadband has been down all morning 😤',
        engagement: { likes: 5, reposts: 2, replies: 1, quotes: 0 },
        langHint: 'en',
        brand: 'acme',
      });
      expect(byId.get('bluesky:at://did:plc:def456/app.bsky.feed.post/3lbx79zzzc22b')).toMatchObject({
        parentId: 'bluesky:at://did:plc:abc123/app.bsky.feed.post/3lbx7a2k4c22a',
        threadId: 'bluesky:at://did:plc:abc123/app.bsky.feed.post/3lbx7a2k4c22a',
      });
      expect(byId.get('bluesky:at://did:plc:ghi789/app.bsky.feed.post/3lbx6zzzzz22c')!.langHint).toBe('fr');
      expect((await deadLetters(bus))[0]!.reason).toMatch(/at:\/\/ URI/);

      // The next poll asks only for posts since the newest seen (the earlier of createdAt and indexedAt).
      await runPoll(connector, { bus, store, ctx: clock.ctx });
      expect(server.requests.at(-1)!.query.get('since')).toBe('2026-11-24T11:56:00.000Z');
    } finally {
      await server.close();
    }
  });

  it('without credentials a 403 from the public AppView says to configure an app password; a wrong one is refused', async () => {
    const server = await startServer(bluesky().handler);
    try {
      const anon = sourceConfig<SourceOf<'bluesky'>>({ kind: 'bluesky', id: 'bsky-anon', appView: server.url });
      const err = await runPoll(createConnector(anon, BRANDS), { bus: newBus(), store, ctx: testContext().ctx }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceAuthError);
      expect((err as Error).message).toMatch(/403.*identifierEnv and appPasswordEnv/);

      const wrong = sourceConfig<SourceOf<'bluesky'>>({ kind: 'bluesky', id: 'bsky-wrong', service: server.url, identifierEnv: 'BSKY_ID', appPasswordEnv: 'BSKY_APP_PASSWORD' });
      const err2 = await runPoll(createConnector(wrong, BRANDS), { bus: newBus(), store, ctx: testContext({ BSKY_ID: 'earshot.bsky.social', BSKY_APP_PASSWORD: 'nope' }).ctx }).catch((e: unknown) => e);
      expect(err2).toBeInstanceOf(SourceAuthError);
      expect((err2 as Error).message).toMatch(/BSKY_APP_PASSWORD/);
    } finally {
      await server.close();
    }
  });
});
