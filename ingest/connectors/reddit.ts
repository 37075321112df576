// Reddit through its OAuth API (app-only token, client credentials) with plain fetch.
// Reddit's search finds posts, not comments, so comments come from the configured subreddits'
// new-comments listing, kept when they contain a brand query. Listings are newest first and paged
// with `after` (a fullname); a poll walks down to the newest item of the last poll (the anchor),
// saving its place after each page, and only then moves the anchor up.
import type { BrandConfig, SourceOf } from '../../config/index.js';
import type { RawMentionInput } from '../../messages/index.js';
import { brandQueries, compact, count, emptyPage, mapItem, matchesQuery, readCursor, requireEnv, type BrandQuery } from '../common.js';
import { RateGate, rateLimitHeaders, requestJson, SourceRequestError } from '../http.js';
import { SourceAuthError, type Connector, type IngestContext, type Page } from '../types.js';

type RedditConfig = SourceOf<'reddit'>;

interface Thing {
  kind: string;
  data: Record<string, unknown>;
}
interface Listing {
  kind: 'Listing';
  data: { children: Thing[]; after: string | null; before: string | null };
}

interface Anchor {
  name: string;
  /** created_utc, seconds. */
  created: number;
}
interface StreamState {
  anchor?: Anchor;
  walk?: { after: string; anchor?: Anchor; newest?: Anchor };
}
interface RedditCursor {
  streams: Record<string, StreamState>;
}

interface Stream {
  key: string;
  path: string;
  params: Record<string, string>;
  /** Search streams belong to one brand query; the comments stream matches each comment against all. */
  bq?: BrandQuery;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function isoFromEpochSeconds(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`created_utc is ${JSON.stringify(v)}, expected epoch seconds`);
  return new Date(v * 1000).toISOString();
}

function permalink(d: Record<string, unknown>): string | undefined {
  const p = str(d.permalink);
  return p ? `https://www.reddit.com${p}` : undefined;
}

export function mapRedditThing(thing: Thing, bq: BrandQuery, fetchedAt: string): RawMentionInput {
  const d = thing.data;
  const name = str(d.name) ?? (str(d.id) ? `${thing.kind}_${d.id as string}` : undefined);
  if (!name) throw new Error(`${thing.kind} without name or id`);
  const author = compact({ id: str(d.author_fullname) ?? str(d.author) ?? '[unknown]', handle: str(d.author) ?? '' });
  const base = {
    id: `reddit:${name}`,
    source: 'reddit' as const,
    nativeId: name,
    url: permalink(d),
    author,
    createdAt: isoFromEpochSeconds(d.created_utc),
    fetchedAt,
    brand: bq.brand,
    query: bq.query,
  };
  if (thing.kind === 't1') {
    return compact({
      ...base,
      text: typeof d.body === 'string' ? d.body : '',
      threadId: str(d.link_id) ? `reddit:${d.link_id as string}` : undefined,
      parentId: str(d.parent_id) ? `reddit:${d.parent_id as string}` : undefined,
      engagement: compact({ score: typeof d.score === 'number' ? Math.trunc(d.score) : undefined }),
    });
  }
  if (thing.kind !== 't3') throw new Error(`unexpected listing item kind '${thing.kind}', expected t3 (post) or t1 (comment)`);
  const title = str(d.title);
  const body = str(d.selftext)?.trim();
  const crosspost = str(d.crosspost_parent);
  return compact({
    ...base,
    title,
    // A link post has no body: its title is what was said.
    text: body || title || '',
    threadId: `reddit:${name}`,
    repostOf: crosspost ? `reddit:${crosspost}` : undefined,
    engagement: compact({ score: typeof d.score === 'number' ? Math.trunc(d.score) : undefined, replies: count(d.num_comments) }),
  });
}

export function createRedditConnector(id: string, config: RedditConfig, brands: readonly BrandConfig[]): Connector {
  const queries = brandQueries(brands, config.brands);
  const gate = new RateGate(id);
  const authHint = `the Reddit app credentials in ${config.clientIdEnv} and ${config.clientSecretEnv} (a "script" or "web" app from https://www.reddit.com/prefs/apps)`;
  let token: { value: string; expiresAt: number } | null = null;

  const streams: Stream[] = [];
  const subs = config.subreddits.join('+');
  for (const bq of queries) {
    const common = { q: bq.query, sort: 'new', type: 'link', limit: String(config.limit), raw_json: '1' };
    if (config.searchAll) streams.push({ key: `all:${bq.brand}:${bq.query}`, path: '/search', params: common, bq });
    if (subs) streams.push({ key: `subs:${bq.brand}:${bq.query}`, path: `/r/${subs}/search`, params: { ...common, restrict_sr: '1' }, bq });
  }
  if (subs && config.comments) streams.push({ key: 'comments', path: `/r/${subs}/comments`, params: { limit: String(config.limit), raw_json: '1' } });

  async function accessToken(ctx: IngestContext, force: boolean): Promise<string> {
    const now = ctx.now().getTime();
    // Refresh a minute early so a token never expires mid-request.
    if (token && !force && token.expiresAt - 60_000 > now) return token.value;
    const clientId = requireEnv(ctx, id, config.clientIdEnv, 'the Reddit client id');
    const secret = requireEnv(ctx, id, config.clientSecretEnv, 'the Reddit client secret');
    const res = await requestJson<{ access_token?: string; expires_in?: number; error?: string }>(ctx, {
      sourceId: id,
      method: 'POST',
      url: `${config.authUrl}/api/v1/access_token`,
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'user-agent': config.userAgent,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      authHint,
    });
    if (!res.data?.access_token) throw new SourceAuthError(id, `Reddit gave no access token (${res.data?.error ?? 'empty answer'}); check ${authHint}`);
    token = { value: res.data.access_token, expiresAt: ctx.now().getTime() + (res.data.expires_in ?? 3600) * 1000 };
    ctx.log.debug({ source: id, expiresIn: res.data.expires_in }, 'reddit access token obtained');
    return token.value;
  }

  async function listing(ctx: IngestContext, stream: Stream, after: string | undefined): Promise<Listing> {
    const url = new URL(`${config.baseUrl}${stream.path}`);
    for (const [k, v] of Object.entries(stream.params)) url.searchParams.set(k, v);
    if (after) url.searchParams.set('after', after);
    for (let refreshed = false; ; refreshed = true) {
      const bearer = await accessToken(ctx, refreshed);
      const res = await requestJson<Listing>(ctx, {
        sourceId: id,
        url: url.toString(),
        headers: { authorization: `bearer ${bearer}`, 'user-agent': config.userAgent },
        authHint,
        gate,
        rateLimit: (h) => rateLimitHeaders.secondsFromNow(h, 'x-ratelimit', ctx.now()),
        // A 401 usually means the token expired early: fetch a new one once.
        passStatuses: refreshed ? [] : [401],
      });
      if (res.status === 401) continue;
      if (res.data?.kind !== 'Listing' || !Array.isArray(res.data.data?.children)) throw new SourceRequestError(id, `${stream.path} did not answer a Listing: ${res.text.slice(0, 200)}`);
      return res.data;
    }
  }

  return {
    id,
    kind: 'reddit',
    async *poll(saved: string | null, ctx: IngestContext): AsyncIterable<Page> {
      const cursor = readCursor<RedditCursor>(ctx, id, saved, () => ({ streams: {} }));
      for (const stream of streams) {
        const state: StreamState = cursor.streams[stream.key] ?? {};
        for (let pages = 0; pages < config.maxPages; pages++) {
          const anchor = state.walk ? state.walk.anchor : state.anchor;
          const list = await listing(ctx, stream, state.walk?.after);
          const page = emptyPage();
          const fetchedAt = ctx.now().toISOString();
          let reachedAnchor = false;
          let newest = state.walk?.newest;
          for (const child of list.data.children) {
            const name = typeof child?.data?.name === 'string' ? child.data.name : undefined;
            const created = typeof child?.data?.created_utc === 'number' ? child.data.created_utc : undefined;
            if (anchor && (name === anchor.name || (created !== undefined && created < anchor.created))) {
              reachedAnchor = true;
              break;
            }
            if (!newest && name && created !== undefined) newest = { name, created };
            const bq = stream.bq ?? queries.find((q) => typeof child?.data?.body === 'string' && matchesQuery(child.data.body, q.query));
            if (!bq) continue; // a comment about something else
            mapItem(child, (t: Thing) => mapRedditThing(t, bq, fetchedAt), page);
          }
          const after = list.data.after;
          if (!reachedAnchor && after) {
            state.walk = { after, anchor, newest };
            delete state.anchor;
          } else {
            delete state.walk;
            const top = newest ?? anchor;
            if (top) state.anchor = top;
          }
          cursor.streams[stream.key] = JSON.parse(JSON.stringify(state)) as StreamState;
          page.cursor = JSON.stringify(cursor);
          yield page;
          if (!state.walk) break;
        }
      }
    },
  };
}
