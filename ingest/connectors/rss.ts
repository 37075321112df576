// RSS/Atom/RDF/JSON feeds (blogs, review sites, status pages) and their comment feeds, parsed
// with feedsmith (maintained, typed, and it reads the wfw/slash/thr namespaces comment feeds
// use). Each feed is fetched with a conditional GET (ETag / Last-Modified → 304 costs nothing),
// and items whose guid was already seen are skipped, since feeds repeat their last N items on
// every fetch. A post's `wfw:commentRss` feed is watched for the most recent posts, its items
// becoming replies (parentId) to the post.
import { parseFeed } from 'feedsmith';
import type { SourceOf } from '../../config/index.js';
import type { RawMentionInput } from '../../messages/index.js';
import { compact, count, emptyPage, htmlToText, mapItem, readCursor } from '../common.js';
import { request, SourceRequestError, SourceUnavailableError } from '../http.js';
import type { Connector, IngestContext, Page } from '../types.js';

type RssConfig = SourceOf<'rss'>;

/** An item of any feed format, reduced to what a mention needs. */
export interface FeedItem {
  guid?: string;
  link?: string;
  title?: string;
  html?: string;
  author?: string;
  date?: string;
  commentRss?: string;
  inReplyTo?: string;
  comments?: number;
}

interface FetchState {
  etag?: string;
  lastModified?: string;
  /** Guids already published, newest last (bounded). */
  seen: string[];
}
interface CommentFeedState extends FetchState {
  /** Mention id of the post the comments reply to. */
  parent: string;
  brand: string;
  /** The configured feed the post came from. */
  feed: string;
  addedAt: string;
}
interface RssCursor {
  feeds: Record<string, FetchState>;
  comments: Record<string, CommentFeedState>;
}

const SEEN_LIMIT = 1_000;

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const text = (v: unknown): string | undefined => str(v) ?? (v && typeof v === 'object' ? str((v as Loose).value) : undefined);
const first = (v: unknown): Loose | undefined => (Array.isArray(v) && v[0] && typeof v[0] === 'object' ? (v[0] as Loose) : undefined);

/** Parses a feed body into its language and items, whatever the format. */
export function readFeed(body: string): { language?: string; items: { raw: unknown; item: FeedItem }[] } {
  const { format, feed } = parseFeed(body) as { format: string; feed: Loose };
  if (format === 'atom') {
    const entries = (feed.entries as Loose[] | undefined) ?? [];
    return {
      items: entries.map((e) => {
        const links = (e.links as Loose[] | undefined) ?? [];
        const alternate = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
        const thr = e.thr as Loose | undefined;
        return {
          raw: e,
          item: compact({
            guid: str(e.id),
            link: str(alternate?.href),
            title: text(e.title),
            html: text(e.content) ?? text(e.summary),
            author: str(first(e.authors)?.name) ?? str(first((e.dc as Loose | undefined)?.creators as unknown) as unknown),
            date: str(e.published) ?? str(e.updated),
            inReplyTo: str(first(thr?.inReplyTos)?.ref),
            commentRss: str(((e.wfw as Loose | undefined) ?? {}).commentRss),
            comments: count(((e.slash as Loose | undefined) ?? {}).comments),
          }),
        };
      }),
    };
  }
  if (format === 'json') {
    const items = (feed.items as Loose[] | undefined) ?? [];
    return {
      language: str(feed.language),
      items: items.map((i) => ({
        raw: i,
        item: compact({
          guid: str(i.id),
          link: str(i.url),
          title: str(i.title),
          html: str(i.content_html) ?? (str(i.content_text) ? escapeHtml(str(i.content_text)!) : undefined) ?? str(i.summary),
          author: str(first(i.authors)?.name) ?? str((i.author as Loose | undefined)?.name),
          date: str(i.date_published) ?? str(i.date_modified),
        }),
      })),
    };
  }
  // rss and rdf
  const items = (feed.items as Loose[] | undefined) ?? [];
  const channelDc = feed.dc as Loose | undefined;
  return {
    language: str(feed.language) ?? str(first(channelDc?.languages) as unknown),
    items: items.map((i) => {
      const dc = i.dc as Loose | undefined;
      return {
        raw: i,
        item: compact({
          guid: text(i.guid),
          link: str(i.link),
          title: str(i.title),
          html: str((i.content as Loose | undefined)?.encoded) ?? str(i.description),
          author: str((dc?.creators as string[] | undefined)?.[0]) ?? str(first(i.authors)?.name) ?? str(first(i.authors)?.email),
          date: str(i.pubDate) ?? str((dc?.dates as string[] | undefined)?.[0]) ?? str(dc?.date),
          commentRss: str((i.wfw as Loose | undefined)?.commentRss),
          inReplyTo: str(first((i.thr as Loose | undefined)?.inReplyTos)?.ref),
          comments: count((i.slash as Loose | undefined)?.comments),
        }),
      };
    }),
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** A global id for an item: its guid when that is a URI, else its link, else guid scoped by the feed. */
export function itemNativeId(item: FeedItem, feedUrl: string): string | undefined {
  if (item.guid && /^[a-z][a-z0-9+.-]*:/i.test(item.guid)) return item.guid;
  if (item.link) return item.link;
  if (item.guid) return `${feedUrl}#${item.guid}`;
  return undefined;
}

export function mapFeedItem(item: FeedItem, context: { feedUrl: string; brand: string; language?: string; parent?: string; fetchedAt: string }): RawMentionInput {
  const nativeId = itemNativeId(item, context.feedUrl);
  if (!nativeId) throw new Error('item has neither guid nor link');
  let createdAt = context.fetchedAt; // a feed item without a date is taken as new when first seen
  if (item.date) {
    const t = Date.parse(item.date);
    if (Number.isNaN(t)) throw new Error(`unreadable date '${item.date}'`);
    createdAt = new Date(t).toISOString();
  }
  const body = item.html ? htmlToText(item.html) : '';
  const host = new URL(context.feedUrl).host;
  const parent = context.parent ?? (item.inReplyTo ? `rss:${item.inReplyTo}` : undefined);
  return compact({
    id: `rss:${nativeId}`,
    source: 'rss',
    nativeId,
    url: item.link && /^https?:\/\//.test(item.link) ? item.link : undefined,
    author: { id: item.author ? `${host}/${item.author}` : host, handle: item.author ?? host },
    // Comment feed titles are boilerplate ("Comment on X by Y"); a comment is its body.
    title: context.parent ? undefined : item.title,
    text: body || item.title || '',
    createdAt,
    fetchedAt: context.fetchedAt,
    threadId: context.parent,
    parentId: parent,
    engagement: compact({ replies: item.comments }),
    langHint: context.language,
    brand: context.brand,
    query: context.feedUrl,
  });
}

export function createRssConnector(id: string, config: RssConfig): Connector {
  async function fetchFeed(ctx: IngestContext, url: string, state: FetchState): Promise<string | null> {
    const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5', 'user-agent': 'earshot-feed-reader/0.1 (+https://github.com/earshot)' };
    if (state.etag) headers['if-none-match'] = state.etag;
    if (state.lastModified) headers['if-modified-since'] = state.lastModified;
    const res = await request(ctx, { sourceId: id, url, headers, authHint: `whether ${url} needs credentials (feeds are normally public)`, passStatuses: [304] });
    if (res.status === 304) return null;
    const etag = res.headers.get('etag');
    const lastModified = res.headers.get('last-modified');
    if (etag) state.etag = etag;
    else delete state.etag;
    if (lastModified) state.lastModified = lastModified;
    else delete state.lastModified;
    return res.text;
  }

  /** One feed fetch as one page; null when the feed did not change. */
  async function feedPage(ctx: IngestContext, url: string, state: FetchState, brand: string, parent: string | undefined, onPost: (item: FeedItem, mentionId: string) => void): Promise<Page | null> {
    const page = emptyPage();
    let body: string | null;
    try {
      body = await fetchFeed(ctx, url, state);
    } catch (err) {
      // One broken feed must not starve the others: record it and go on.
      if (err instanceof SourceRequestError || err instanceof SourceUnavailableError) {
        ctx.log.warn({ source: id, feed: url, err: err.message }, 'feed fetch failed');
        return null;
      }
      throw err;
    }
    if (body === null) return null;
    let parsed: ReturnType<typeof readFeed>;
    try {
      parsed = readFeed(body);
    } catch (err) {
      page.rejects.push({ reason: `${url} is not a readable RSS/Atom/JSON feed: ${(err as Error).message}`, payload: body.slice(0, 100_000) });
      return page;
    }
    const seen = new Set(state.seen);
    const fetchedAt = ctx.now().toISOString();
    for (const { raw, item } of parsed.items) {
      const key = item.guid ?? item.link ?? `${item.title ?? ''}|${item.date ?? ''}`;
      if (seen.has(key)) continue;
      const before = page.mentions.length;
      mapItem(raw, () => mapFeedItem(item, { feedUrl: url, brand, language: parsed.language, parent, fetchedAt }), page);
      const made = page.mentions[before];
      if (made && made.id && !parent) onPost(item, made.id);
      seen.add(key);
      state.seen.push(key);
    }
    if (state.seen.length > SEEN_LIMIT) state.seen.splice(0, state.seen.length - SEEN_LIMIT);
    return page;
  }

  return {
    id,
    kind: 'rss',
    async *poll(saved: string | null, ctx: IngestContext): AsyncIterable<Page> {
      const cursor = readCursor<RssCursor>(ctx, id, saved, () => ({ feeds: {}, comments: {} }));
      cursor.feeds ??= {};
      cursor.comments ??= {};
      for (const feed of config.feeds) {
        const state: FetchState = cursor.feeds[feed.url] ?? { seen: [] };
        state.seen ??= [];
        const page = await feedPage(ctx, feed.url, state, feed.brand, undefined, (item, mentionId) => {
          if (!feed.comments || !item.commentRss || !/^https?:\/\//.test(item.commentRss)) return;
          cursor.comments[item.commentRss] ??= { parent: mentionId, brand: feed.brand, feed: feed.url, addedAt: ctx.now().toISOString(), seen: [] };
        });
        if (!page) continue;
        cursor.feeds[feed.url] = state;
        pruneCommentFeeds(cursor, feed.url, config.commentFeedsPerFeed);
        page.cursor = JSON.stringify(cursor);
        yield page;
      }
      for (const [url, state] of Object.entries(cursor.comments)) {
        const page = await feedPage(ctx, url, state, state.brand, state.parent, () => undefined);
        if (!page) continue;
        page.cursor = JSON.stringify(cursor);
        yield page;
      }
    },
  };
}

/** Keeps the comment feeds of the newest posts of one feed. */
function pruneCommentFeeds(cursor: RssCursor, feedUrl: string, keep: number): void {
  const mine = Object.entries(cursor.comments)
    .filter(([, s]) => s.feed === feedUrl)
    .sort((a, b) => (a[1].addedAt < b[1].addedAt ? 1 : -1));
  for (const [url] of mine.slice(keep)) delete cursor.comments[url];
}
