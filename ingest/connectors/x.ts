// X (Twitter): v2 recent search through twitter-api-v2, one search per brand query.
// Recent search returns newest first, paged by `next_token`; `since_id` bounds it below. A poll
// walks the pages from the newest down to the last poll's newest tweet, saving after each page
// where it is ({next_token, since_id, newest}), so a restart resumes mid-walk, and only when the
// walk is complete does the newest tweet become the next `since_id`. No gaps, at most re-reads.
import { Agent as HttpAgent } from 'node:http';
import { ApiRequestError, ApiResponseError, TwitterApi, type TweetV2, type UserV2 } from 'twitter-api-v2';
import type { BrandConfig, SourceOf } from '../../config/index.js';
import type { RawMentionInput } from '../../messages/index.js';
import { brandQueries, compact, count, emptyPage, mapItem, readCursor, requireEnv, type BrandQuery } from '../common.js';
import { RateGate, RetryableError, SourceRequestError, withRetry } from '../http.js';
import { SourceAuthError, type Connector, type IngestContext, type Page } from '../types.js';

type XConfig = SourceOf<'x'>;

interface QueryState {
  /** The newest tweet id of the last completed walk. */
  sinceId?: string;
  /** A walk in progress. */
  walk?: { nextToken: string; sinceId?: string; newestId?: string };
}
interface XCursor {
  queries: Record<string, QueryState>;
}

const TWEET_FIELDS = 'created_at,author_id,conversation_id,referenced_tweets,public_metrics,lang';
const USER_FIELDS = 'username,name,public_metrics';
const EXPANSIONS = 'author_id';
/** X's language codes for "no linguistic content" (und, zxx) and its special q* codes (hashtags only, media only, …). */
const NOT_A_LANGUAGE = /^(und|zxx|q[a-z]{2})$/;

export function mapTweet(tweet: TweetV2, author: UserV2 | undefined, bq: BrandQuery, fetchedAt: string): RawMentionInput {
  const handle = author?.username ?? '';
  const refs = tweet.referenced_tweets ?? [];
  const repliedTo = refs.find((r) => r.type === 'replied_to');
  const retweeted = refs.find((r) => r.type === 'retweeted');
  const m = tweet.public_metrics;
  return compact({
    id: `x:${tweet.id}`,
    source: 'x',
    nativeId: tweet.id,
    url: handle ? `https://x.com/${handle}/status/${tweet.id}` : `https://x.com/i/web/status/${tweet.id}`,
    author: compact({ id: tweet.author_id ?? author?.id ?? '', handle, name: author?.name, followers: count(author?.public_metrics?.followers_count) }),
    text: tweet.text,
    createdAt: tweet.created_at as string,
    fetchedAt,
    threadId: tweet.conversation_id ? `x:${tweet.conversation_id}` : undefined,
    parentId: repliedTo ? `x:${repliedTo.id}` : undefined,
    repostOf: retweeted ? `x:${retweeted.id}` : undefined,
    engagement: compact({ likes: count(m?.like_count), reposts: count(m?.retweet_count), replies: count(m?.reply_count), quotes: count(m?.quote_count) }),
    langHint: tweet.lang && !NOT_A_LANGUAGE.test(tweet.lang) ? tweet.lang : undefined,
    brand: bq.brand,
    query: bq.query,
  });
}

/** twitter-api-v2's errors in the retry policy's terms. */
function classify(err: unknown, config: XConfig, sourceId: string): unknown {
  if (err instanceof ApiResponseError) {
    const detail = (err.data as { detail?: string; title?: string } | undefined)?.detail ?? err.data?.title ?? err.message;
    if (err.code === 401 || err.code === 403) return new SourceAuthError(sourceId, `X answered ${err.code} (${detail}); check the bearer token in ${config.bearerTokenEnv} and that the app has access to recent search`);
    if (err.code === 429) return new RetryableError('X answered 429', { rateLimited: true, waitUntil: err.rateLimit?.reset ? err.rateLimit.reset * 1000 : undefined });
    if (err.code >= 500) return new RetryableError(`X answered ${err.code}: ${detail}`);
    return new SourceRequestError(sourceId, `X answered ${err.code}: ${detail}`, err.code);
  }
  if (err instanceof ApiRequestError) return new RetryableError(`network error talking to X: ${err.requestError?.message ?? err.message}`, { cause: err });
  return err;
}

export function createXConnector(id: string, config: XConfig, brands: readonly BrandConfig[]): Connector {
  const queries = brandQueries(brands, config.brands);
  const gate = new RateGate(id);
  return {
    id,
    kind: 'x',
    async *poll(saved: string | null, ctx: IngestContext): AsyncIterable<Page> {
      const token = requireEnv(ctx, id, config.bearerTokenEnv, 'the X API bearer token');
      // twitter-api-v2 sends through node:https; a plain-http base URL (a local server) needs an http agent.
      const client = new TwitterApi(token, config.baseUrl.startsWith('http:') ? { httpAgent: new HttpAgent() } : {});
      const v2 = client.readOnly.v2;
      // The documented way to target another host is the client's request prefix.
      (v2 as unknown as { setPrefix(prefix: string): void }).setPrefix(`${config.baseUrl}/2/`);
      const cursor = readCursor<XCursor>(ctx, id, saved, () => ({ queries: {} }));
      for (const bq of queries) {
        const key = `${bq.brand}:${bq.query}`;
        const state: QueryState = cursor.queries[key] ?? {};
        const q = config.queryFilter ? `${bq.query} ${config.queryFilter}` : bq.query;
        for (let pages = 0; pages < config.maxPages; pages++) {
          const sinceId = state.walk ? state.walk.sinceId : state.sinceId;
          const params: Record<string, string | number> = { max_results: config.maxResults, expansions: EXPANSIONS, 'tweet.fields': TWEET_FIELDS, 'user.fields': USER_FIELDS };
          if (sinceId) params.since_id = sinceId;
          if (state.walk) params.next_token = state.walk.nextToken;
          const result = await withRetry(ctx, id, `X recent search '${q}'`, async () => {
            await gate.wait(ctx);
            try {
              const r = await v2.search(q, params);
              gate.update(r.rateLimit?.remaining, r.rateLimit?.reset ? r.rateLimit.reset * 1000 : undefined);
              return r;
            } catch (err) {
              if (err instanceof ApiResponseError && err.rateLimit) gate.update(err.rateLimit.remaining, err.rateLimit.reset * 1000);
              throw classify(err, config, id);
            }
          });
          const page = emptyPage();
          const fetchedAt = ctx.now().toISOString();
          for (const tweet of result.tweets) mapItem(tweet, (t: TweetV2) => mapTweet(t, result.includes.author(t), bq, fetchedAt), page);
          const meta = result.meta ?? {};
          const newestId = state.walk?.newestId ?? meta.newest_id ?? undefined;
          if (meta.next_token) {
            state.walk = { nextToken: meta.next_token, sinceId, newestId };
            delete state.sinceId;
          } else {
            delete state.walk;
            state.sinceId = newestId ?? sinceId;
          }
          cursor.queries[key] = compactState(state);
          page.cursor = JSON.stringify(cursor);
          yield page;
          if (!state.walk) break;
        }
      }
    },
  };
}

function compactState(state: QueryState): QueryState {
  return JSON.parse(JSON.stringify(state)) as QueryState;
}
