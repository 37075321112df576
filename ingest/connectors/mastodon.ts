// Mastodon: hashtag timelines (public on most instances) and, with an access token, full-text
// status search, on each configured instance. Timelines are read forwards with `min_id` (the
// page of statuses immediately newer than the cursor), following the Link header's rel="prev"
// URL, so every page saved moves the cursor up without leaving holes behind it.
import type { BrandConfig, SourceOf } from '../../config/index.js';
import type { RawMentionInput } from '../../messages/index.js';
import { brandQueries, compact, count, emptyPage, htmlToText, mapItem, maxNumericId, readCursor, requireEnv, type BrandQuery } from '../common.js';
import { RateGate, rateLimitHeaders, requestJson, SourceRequestError } from '../http.js';
import type { Connector, IngestContext, Page } from '../types.js';

type MastodonConfig = SourceOf<'mastodon'>;

export interface MastodonAccount {
  id: string;
  username?: string;
  acct?: string;
  display_name?: string;
  followers_count?: number;
  url?: string;
}
export interface MastodonStatus {
  id: string;
  uri?: string;
  url?: string | null;
  created_at?: string;
  account?: MastodonAccount;
  content?: string;
  spoiler_text?: string;
  in_reply_to_id?: string | null;
  reblog?: MastodonStatus | null;
  language?: string | null;
  replies_count?: number;
  reblogs_count?: number;
  favourites_count?: number;
  quotes_count?: number;
}

interface StreamState {
  /** Newest status id seen (timelines: read forwards from here). */
  minId?: string;
  /** A search walk in progress (search pages by offset). */
  walk?: { offset: number; minId?: string; newest?: string };
}
interface MastodonCursor {
  streams: Record<string, StreamState>;
}

interface Stream {
  key: string;
  instance: string;
  host: string;
  kind: 'tag' | 'search';
  tag?: string;
  bq: BrandQuery;
}

const isNumericId = (v: unknown): v is string => typeof v === 'string' && /^\d+$/.test(v);
const normalise = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Which brand a bare hashtag belongs to: the one whose id, name, alias or query it spells. */
export function brandForHashtag(tag: string, brands: readonly BrandConfig[]): string | undefined {
  const t = normalise(tag);
  const hit = brands.find((b) => [b.id, b.name, ...b.aliases, ...b.queries].some((n) => normalise(n) === t));
  if (hit) return hit.id;
  return brands.length === 1 ? brands[0]!.id : undefined;
}

export function mapStatus(status: MastodonStatus, host: string, bq: BrandQuery, fetchedAt: string): RawMentionInput {
  if (typeof status?.id !== 'string' || !status.id) throw new Error('status without id');
  const shown = status.reblog ?? status;
  const account = status.account;
  const acct = account?.acct ? (account.acct.includes('@') ? account.acct : `${account.acct}@${host}`) : '';
  const body = htmlToText(shown.content ?? '');
  const warning = shown.spoiler_text?.trim();
  return compact({
    id: `mastodon:${host}/${status.id}`,
    source: 'mastodon',
    nativeId: `${host}/${status.id}`,
    url: shown.url ?? shown.uri ?? undefined,
    author: compact({ id: acct || account?.id || '', handle: acct ? `@${acct}` : '', name: account?.display_name || undefined, followers: count(account?.followers_count) }),
    text: warning ? `${warning}\n\n${body}`.trim() : body,
    createdAt: status.created_at as string,
    fetchedAt,
    parentId: shown.in_reply_to_id ? `mastodon:${host}/${shown.in_reply_to_id}` : undefined,
    repostOf: status.reblog ? `mastodon:${host}/${status.reblog.id}` : undefined,
    engagement: compact({ likes: count(shown.favourites_count), reposts: count(shown.reblogs_count), replies: count(shown.replies_count), quotes: count(shown.quotes_count) }),
    langHint: shown.language ?? undefined,
    brand: bq.brand,
    query: bq.query,
  });
}

/** The URL of a Link header entry with the given rel (RFC 8288), as Mastodon writes them. */
export function linkRel(header: string | null, rel: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (m && new RegExp(`rel="?([^"]*\\s)?${rel}(\\s[^"]*)?"?`).test(m[2]!)) return m[1];
  }
  return undefined;
}

export function createMastodonConnector(id: string, config: MastodonConfig, brands: readonly BrandConfig[]): Connector {
  const scope = config.brands ? brands.filter((b) => config.brands!.includes(b.id)) : [...brands];
  const streams: Stream[] = [];
  for (const instance of config.instances) {
    const host = new URL(instance).host;
    for (const h of config.hashtags) {
      const tag = (typeof h === 'string' ? h : h.tag).replace(/^#/, '');
      const brand = typeof h === 'string' ? brandForHashtag(tag, scope) : h.brand;
      if (!brand) throw new Error(`${id}: hashtag '${tag}' does not spell any brand's id, name or alias; write it as { tag: ${tag}, brand: <brand id> }`);
      streams.push({ key: `${host}#${tag.toLowerCase()}`, instance, host, kind: 'tag', tag, bq: { brand, query: `#${tag}` } });
    }
    if (config.search) for (const bq of brandQueries(brands, config.brands)) streams.push({ key: `${host}?${bq.brand}:${bq.query}`, instance, host, kind: 'search', bq });
  }
  const gates = new Map(config.instances.map((i) => [new URL(i).host, new RateGate(id)]));

  async function get<T>(ctx: IngestContext, stream: Stream, url: string) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (config.accessTokenEnv) headers.authorization = `Bearer ${requireEnv(ctx, id, config.accessTokenEnv, 'the Mastodon access token')}`;
    return requestJson<T>(ctx, {
      sourceId: id,
      url,
      headers,
      authHint: config.accessTokenEnv
        ? `the access token in ${config.accessTokenEnv} (it needs the read:statuses scope on ${stream.host})`
        : `whether ${stream.host} serves hashtag timelines without login; if not, set accessTokenEnv to a variable holding an access token`,
      gate: gates.get(stream.host),
      rateLimit: (h) => rateLimitHeaders.isoTimestamp(h, 'x-ratelimit'),
    });
  }

  async function* tagTimeline(ctx: IngestContext, stream: Stream, state: StreamState, cursor: MastodonCursor): AsyncIterable<Page> {
    let url: string | undefined;
    {
      const u = new URL(`${stream.instance}/api/v1/timelines/tag/${encodeURIComponent(stream.tag!)}`);
      u.searchParams.set('limit', String(config.limit));
      if (state.minId) u.searchParams.set('min_id', state.minId);
      url = u.toString();
    }
    for (let pages = 0; pages < config.maxPages && url; pages++) {
      const res = await get<MastodonStatus[]>(ctx, stream, url);
      if (!Array.isArray(res.data)) throw new SourceRequestError(id, `${stream.host} tag timeline did not answer a list of statuses: ${res.text.slice(0, 200)}`);
      const page = emptyPage();
      const fetchedAt = ctx.now().toISOString();
      for (const s of res.data) mapItem(s, (x: MastodonStatus) => mapStatus(x, stream.host, stream.bq, fetchedAt), page);
      const firstRun = state.minId === undefined;
      state.minId = maxNumericId(res.data.map((s) => s?.id).filter(isNumericId), state.minId);
      cursor.streams[stream.key] = { ...state };
      page.cursor = JSON.stringify(cursor);
      yield page;
      // On a first run the newest page is where listening starts; older history is not fetched.
      if (firstRun || res.data.length === 0) break;
      const prev = linkRel(res.headers.get('link'), 'prev');
      if (prev) url = prev;
      else {
        const u = new URL(url);
        u.searchParams.delete('max_id');
        u.searchParams.set('min_id', state.minId!);
        url = u.toString();
      }
    }
  }

  async function* search(ctx: IngestContext, stream: Stream, state: StreamState, cursor: MastodonCursor): AsyncIterable<Page> {
    for (let pages = 0; pages < config.maxPages; pages++) {
      const minId = state.walk ? state.walk.minId : state.minId;
      const u = new URL(`${stream.instance}/api/v2/search`);
      u.searchParams.set('q', stream.bq.query);
      u.searchParams.set('type', 'statuses');
      u.searchParams.set('limit', String(config.limit));
      if (minId) u.searchParams.set('min_id', minId);
      if (state.walk) u.searchParams.set('offset', String(state.walk.offset));
      const res = await get<{ statuses?: MastodonStatus[] }>(ctx, stream, u.toString());
      const statuses = res.data?.statuses;
      if (!Array.isArray(statuses)) throw new SourceRequestError(id, `${stream.host} search did not answer { statuses: [...] }: ${res.text.slice(0, 200)}`);
      const page = emptyPage();
      const fetchedAt = ctx.now().toISOString();
      for (const s of statuses) mapItem(s, (x: MastodonStatus) => mapStatus(x, stream.host, stream.bq, fetchedAt), page);
      const newest = maxNumericId(statuses.map((s) => s?.id).filter(isNumericId), state.walk?.newest);
      if (statuses.length >= config.limit) {
        state.walk = { offset: (state.walk?.offset ?? 0) + statuses.length, minId, newest };
        delete state.minId;
      } else {
        delete state.walk;
        const top = newest ?? minId;
        if (top) state.minId = top;
      }
      cursor.streams[stream.key] = JSON.parse(JSON.stringify(state)) as StreamState;
      page.cursor = JSON.stringify(cursor);
      yield page;
      if (!state.walk) break;
    }
  }

  return {
    id,
    kind: 'mastodon',
    async *poll(saved: string | null, ctx: IngestContext): AsyncIterable<Page> {
      const cursor = readCursor<MastodonCursor>(ctx, id, saved, () => ({ streams: {} }));
      for (const stream of streams) {
        const state: StreamState = { ...(cursor.streams[stream.key] ?? {}) };
        yield* stream.kind === 'tag' ? tagTimeline(ctx, stream, state, cursor) : search(ctx, stream, state, cursor);
      }
    },
  };
}
