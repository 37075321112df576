// Bluesky: `app.bsky.feed.searchPosts` (sort=latest) per brand query. Bluesky's public AppView
// mostly refuses unauthenticated post search (403), so with an app password the connector logs
// in (`com.atproto.server.createSession`) and searches through the user's PDS, which proxies to
// the AppView. A poll walks pages with the response `cursor` down to the `since` time of the last
// poll, saving its place after each page.
import type { BrandConfig, SourceOf } from '../../config/index.js';
import type { RawMentionInput } from '../../messages/index.js';
import { brandQueries, compact, count, emptyPage, mapItem, readCursor, requireEnv, type BrandQuery } from '../common.js';
import { RateGate, rateLimitHeaders, requestJson, SourceRequestError } from '../http.js';
import { SourceAuthError, type Connector, type IngestContext, type Page } from '../types.js';

type BlueskyConfig = SourceOf<'bluesky'>;

export interface BlueskyPostView {
  uri: string;
  cid?: string;
  author?: { did: string; handle?: string; displayName?: string };
  record?: { text?: string; createdAt?: string; langs?: string[]; reply?: { root?: { uri?: string }; parent?: { uri?: string } } };
  replyCount?: number;
  repostCount?: number;
  likeCount?: number;
  quoteCount?: number;
  indexedAt?: string;
}
interface SearchPostsOutput {
  cursor?: string;
  hitsTotal?: number;
  posts: BlueskyPostView[];
}

interface QueryState {
  /** ISO time of the newest post of the last completed walk (searchPosts `since` is inclusive). */
  since?: string;
  walk?: { cursor: string; since?: string; newest?: string };
}
interface BlueskyCursor {
  queries: Record<string, QueryState>;
}

/** The time search sorts and filters by: the earlier of createdAt and indexedAt (a post can claim any createdAt). */
function sortAt(post: BlueskyPostView): number | undefined {
  const times = [post?.record?.createdAt, post?.indexedAt].map((t) => (t ? Date.parse(t) : NaN)).filter((t) => !Number.isNaN(t));
  return times.length ? Math.min(...times) : undefined;
}

export function mapPost(post: BlueskyPostView, bq: BrandQuery, fetchedAt: string): RawMentionInput {
  if (typeof post?.uri !== 'string' || !post.uri.startsWith('at://')) throw new Error(`post uri ${JSON.stringify(post?.uri)} is not an at:// URI`);
  const rkey = post.uri.split('/').pop();
  const handle = post.author?.handle;
  const reply = post.record?.reply;
  return compact({
    id: `bluesky:${post.uri}`,
    source: 'bluesky',
    nativeId: post.uri,
    url: handle || post.author?.did ? `https://bsky.app/profile/${handle ?? post.author!.did}/post/${rkey}` : undefined,
    author: compact({ id: post.author?.did ?? '', handle: handle ?? '', name: post.author?.displayName || undefined }),
    text: post.record?.text ?? '',
    createdAt: post.record?.createdAt as string,
    fetchedAt,
    threadId: reply?.root?.uri ? `bluesky:${reply.root.uri}` : undefined,
    parentId: reply?.parent?.uri ? `bluesky:${reply.parent.uri}` : undefined,
    engagement: compact({ likes: count(post.likeCount), reposts: count(post.repostCount), replies: count(post.replyCount), quotes: count(post.quoteCount) }),
    langHint: post.record?.langs?.[0],
    brand: bq.brand,
    query: bq.query,
  });
}

export function createBlueskyConnector(id: string, config: BlueskyConfig, brands: readonly BrandConfig[]): Connector {
  const queries = brandQueries(brands, config.brands);
  const gate = new RateGate(id);
  const loginHint = config.identifierEnv ? `the handle in ${config.identifierEnv} and the app password in ${config.appPasswordEnv}` : 'identifierEnv and appPasswordEnv: Bluesky often refuses unauthenticated post search, so log in with an app password';
  let session: { accessJwt: string } | null = null;

  async function login(ctx: IngestContext): Promise<void> {
    const identifier = requireEnv(ctx, id, config.identifierEnv!, 'the Bluesky handle or DID');
    const password = requireEnv(ctx, id, config.appPasswordEnv!, 'the Bluesky app password');
    const res = await requestJson<{ accessJwt?: string }>(ctx, {
      sourceId: id,
      method: 'POST',
      url: `${config.service}/xrpc/com.atproto.server.createSession`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier, password }),
      authHint: loginHint,
      // createSession answers 401 AuthenticationRequired for a wrong password.
      passStatuses: [400],
    });
    if (res.status === 400 || !res.data?.accessJwt) throw new SourceAuthError(id, `Bluesky login failed (${res.text.slice(0, 200)}); check ${loginHint}`);
    session = { accessJwt: res.data.accessJwt };
  }

  async function searchPosts(ctx: IngestContext, params: URLSearchParams): Promise<SearchPostsOutput> {
    const authenticated = Boolean(config.identifierEnv);
    for (let relogged = false; ; relogged = true) {
      if (authenticated && !session) await login(ctx);
      const base = authenticated ? config.service : config.appView;
      const res = await requestJson<SearchPostsOutput & { error?: string; message?: string }>(ctx, {
        sourceId: id,
        url: `${base}/xrpc/app.bsky.feed.searchPosts?${params}`,
        headers: session ? { authorization: `Bearer ${session.accessJwt}` } : {},
        authHint: loginHint,
        gate,
        rateLimit: (h) => rateLimitHeaders.epochSeconds(h, 'ratelimit'),
        passStatuses: [400],
      });
      if (res.status === 400) {
        // An expired access token is a 400 ExpiredToken in XRPC: log in again, once.
        if (authenticated && !relogged && (res.data?.error === 'ExpiredToken' || res.data?.error === 'InvalidToken')) {
          session = null;
          continue;
        }
        throw new SourceRequestError(id, `searchPosts answered 400 ${res.data?.error ?? ''}: ${res.data?.message ?? res.text.slice(0, 200)}`, 400);
      }
      if (!Array.isArray(res.data?.posts)) throw new SourceRequestError(id, `searchPosts answered without posts[]: ${res.text.slice(0, 200)}`);
      return res.data;
    }
  }

  return {
    id,
    kind: 'bluesky',
    async *poll(saved: string | null, ctx: IngestContext): AsyncIterable<Page> {
      const cursor = readCursor<BlueskyCursor>(ctx, id, saved, () => ({ queries: {} }));
      for (const bq of queries) {
        const key = `${bq.brand}:${bq.query}`;
        const state: QueryState = cursor.queries[key] ?? {};
        for (let pages = 0; pages < config.maxPages; pages++) {
          const since = state.walk ? state.walk.since : state.since;
          const params = new URLSearchParams({ q: bq.query, sort: 'latest', limit: String(config.limit) });
          if (since) params.set('since', since);
          if (state.walk) params.set('cursor', state.walk.cursor);
          const out = await searchPosts(ctx, params);
          const page = emptyPage();
          const fetchedAt = ctx.now().toISOString();
          for (const post of out.posts) mapItem(post, (p: BlueskyPostView) => mapPost(p, bq, fetchedAt), page);
          const times = out.posts.map(sortAt).filter((t): t is number => t !== undefined);
          const newest = state.walk?.newest ?? (times.length ? new Date(Math.max(...times)).toISOString() : undefined);
          if (out.cursor && out.posts.length > 0) {
            state.walk = { cursor: out.cursor, since, newest };
            delete state.since;
          } else {
            delete state.walk;
            const top = newest ?? since;
            if (top) state.since = top;
          }
          cursor.queries[key] = JSON.parse(JSON.stringify(state)) as QueryState;
          page.cursor = JSON.stringify(cursor);
          yield page;
          if (!state.walk) break;
        }
      }
    },
  };
}
