// RSS/Atom connector against a local blog: a WordPress-style RSS 2.0 feed whose post links its
// comment feed (wfw:commentRss), an Atom feed with a thr:in-reply-to, a body that is not a
// feed, conditional GET (ETag → 304) and guid dedup when a feed repeats its items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceOf } from '../../config/index.js';
import { createConnector, runPoll } from '../../ingest/index.js';
import type { Store } from '../../store/index.js';
import { BRANDS, deadLetters, fixture, newBus, openTestStore, publishedMentions, sourceConfig, startServer, testContext, type RecordedRequest, type Reply } from './helpers.js';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store.close());

describe('rss connector', () => {
  it('reads posts and their comment feeds, skips unchanged feeds (304) and seen guids, dead-letters what it cannot read', async () => {
    let version = 1;
    const server = await startServer((req: RecordedRequest, { url }): Reply => {
      const xml = (name: string) => fixture(name).replaceAll('{{BASE}}', url);
      const conditional = (etag: string, body: string): Reply =>
        req.headers['if-none-match'] === etag ? { status: 304 } : { body, headers: { 'content-type': 'application/rss+xml; charset=UTF-8', etag, 'last-modified': 'Tue, 24 Nov 2026 11:00:00 GMT' } };
      if (req.path === '/feed/') {
        if (version === 1) return conditional('"v1"', xml('blog-feed.xml'));
        const added = `<item><title>Acme Broadband answers our questions</title><link>${url}/2026/11/acme-qa/</link><dc:creator>Helen Ward</dc:creator><pubDate>Tue, 24 Nov 2026 12:30:00 +0000</pubDate><guid isPermaLink="false">${url}/?p=102</guid><description><![CDATA[We asked Acme about the outages.]]></description></item>`;
        return conditional('"v2"', xml('blog-feed.xml').replace('<item>', `${added}<item>`));
      }
      if (req.path === '/2026/11/acme-review/feed/') return conditional('"c1"', xml('post-comments.xml'));
      if (req.path === '/atom.xml') return { body: fixture('atom-feed.xml'), headers: { 'content-type': 'application/atom+xml' } };
      if (req.path === '/broken.xml') return { body: '<html><body>Moved to our new site</body></html>', headers: { 'content-type': 'text/html' } };
      return { status: 404, body: 'not found' };
    });
    try {
      const feedUrl = `${server.url}/feed/`;
      const source = sourceConfig<SourceOf<'rss'>>({
        kind: 'rss',
        id: 'blogs',
        feeds: [
          { url: feedUrl, brand: 'acme' },
          { url: `${server.url}/atom.xml`, brand: 'acme', comments: false },
          { url: `${server.url}/broken.xml`, brand: 'globex' },
        ],
      });
      const connector = createConnector(source, BRANDS);
      const bus = newBus();
      const clock = testContext();
      const first = await runPoll(connector, { bus, store, ctx: clock.ctx });
      expect(first).toMatchObject({ published: 5, rejected: 2 });

      const byId = new Map((await publishedMentions(bus)).map((m) => [m.id, m]));
      const post = `rss:${server.url}/?p=101`;
      expect(byId.get(post)).toMatchObject({
        source: 'rss',
        url: `${server.url}/2026/11/acme-review/`,
        author: { id: `${new URL(server.url).host}/Helen Ward`, handle: 'Helen Ward' },
        title: 'Acme Broadband review: fast, when it works',
        text: 'Acme Broadband is fast, but three outages in a month is too many.\n\nSupport took two hours to answer.',
        createdAt: '2026-11-24T10:00:00.000Z',
        engagement: { replies: 2 },
        langHint: 'en-GB',
        brand: 'acme',
        query: feedUrl,
      });
      expect(byId.get(`rss:${server.url}/?p=101#comment-7`)).toMatchObject({ parentId: post, threadId: post, text: 'Same here, I’ve been waiting for a refund for weeks.', author: { handle: 'Raj' } });
      expect(byId.get(`rss:${server.url}/?p=101#comment-7`)!.title).toBeUndefined();
      expect(byId.get(`rss:${server.url}/?p=101#comment-6`)!.parentId).toBe(post);
      expect(byId.get('rss:tag:status.example.com,2026:entry-2')).toMatchObject({ parentId: 'rss:tag:status.example.com,2026:entry-1', text: 'Acme Broadband services are restored.', url: 'https://status.example.com/entries/2' });
      expect(byId.has(`rss:${server.url}/?p=100`)).toBe(true);
      const dlq = await deadLetters(bus);
      expect(dlq.map((d) => d.reason).sort()).toEqual([expect.stringMatching(/unreadable date 'the day before yesterday'/), expect.stringMatching(/broken\.xml is not a readable RSS\/Atom\/JSON feed/)]);

      // Second poll: the feeds answer 304 to their ETags, the Atom feed repeats its entry: nothing new.
      const bus2 = newBus();
      const before = server.requests.length;
      const second = await runPoll(connector, { bus: bus2, store, ctx: clock.ctx });
      const again = server.requests.slice(before);
      expect(again.find((r) => r.path === '/feed/')!.headers['if-none-match']).toBe('"v1"');
      expect(again.find((r) => r.path === '/2026/11/acme-review/feed/')!.headers['if-none-match']).toBe('"c1"');
      expect(second.published).toBe(0);

      // Third poll: the feed changed; only its new item is published, not the ones it repeats.
      version = 2;
      const bus3 = newBus();
      const third = await runPoll(connector, { bus: bus3, store, ctx: clock.ctx });
      expect(third.published).toBe(1);
      expect((await publishedMentions(bus3))[0]!.id).toBe(`rss:${server.url}/?p=102`);
    } finally {
      await server.close();
    }
  });
});
