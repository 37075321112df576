// Hacker News through the Algolia HN Search API (`search_by_date`: newest first, stories and
// comments). Rather than page numbers, which shift as new items arrive, a poll walks down by
// time: each page asks for items at or before the oldest one of the previous page, down to the
// newest item of the last poll. Items on a boundary second are read twice (deduplicated by id
// downstream), never skipped.
import type { BrandConfig, SourceOf } from '../../config/index.js';
import type { RawMentionInput } from '../../messages/index.js';
import { brandQueries, compact, count, emptyPage, htmlToText, mapItem, readCursor, type BrandQuery } from '../common.js';
import { requestJson, SourceRequestError } from '../http.js';
import type { Connector, IngestContext, Page } from '../types.js';

type HackerNewsConfig = SourceOf<'hackernews'>;

export interface AlgoliaHit {
  objectID: string;
  author?: string;
  created_at?: string;
  created_at_i?: number;
  title?: string | null;
  url?: string | null;
  story_text?: string | null;
  comment_text?: string | null;
  points?: number | null;
  num_comments?: number | null;
  story_id?: number | null;
  parent_id?: number | null;
  story_title?: string | null;
  _tags?: string[];
}
interface AlgoliaResponse {
  hits: AlgoliaHit[];
  nbHits?: number;
  page?: number;
  nbPages?: number;
  hitsPerPage?: number;
}

interface QueryState {
  /** created_at_i of the newest item of the last completed walk. */
  since?: number;
  walk?: { until: number; strict: boolean; since?: number; newest?: number };
}
interface HackerNewsCursor {
  queries: Record<string, QueryState>;
}

export function mapHit(hit: AlgoliaHit, bq: BrandQuery, fetchedAt: string): RawMentionInput {
  if (typeof hit.objectID !== 'string' || !hit.objectID) throw new Error('hit without objectID');
  const isComment = hit._tags?.includes('comment') ?? hit.comment_text != null;
  const createdAt = hit.created_at ?? (typeof hit.created_at_i === 'number' ? new Date(hit.created_at_i * 1000).toISOString() : undefined);
  const base = {
    id: `hackernews:${hit.objectID}`,
    source: 'hackernews' as const,
    nativeId: hit.objectID,
    url: `https://news.ycombinator.com/item?id=${hit.objectID}`,
    author: { id: hit.author ?? '', handle: hit.author ?? '' },
    createdAt: createdAt as string,
    fetchedAt,
    brand: bq.brand,
    query: bq.query,
  };
  if (isComment) {
    return compact({
      ...base,
      text: htmlToText(hit.comment_text ?? ''),
      threadId: hit.story_id != null ? `hackernews:${hit.story_id}` : undefined,
      parentId: hit.parent_id != null ? `hackernews:${hit.parent_id}` : undefined,
      engagement: compact({ score: typeof hit.points === 'number' ? hit.points : undefined }),
    });
  }
  const title = hit.title ?? undefined;
  const body = hit.story_text ? htmlToText(hit.story_text) : '';
  return compact({
    ...base,
    title,
    text: body || title || '',
    threadId: `hackernews:${hit.objectID}`,
    engagement: compact({ score: typeof hit.points === 'number' ? hit.points : undefined, replies: count(hit.num_comments) }),
  });
}

export function createHackerNewsConnector(id: string, config: HackerNewsConfig, brands: readonly BrandConfig[]): Connector {
  const queries = brandQueries(brands, config.brands);
  return {
    id,
    kind: 'hackernews',
    async *poll(saved: string | null, ctx: IngestContext): AsyncIterable<Page> {
      const cursor = readCursor<HackerNewsCursor>(ctx, id, saved, () => ({ queries: {} }));
      for (const bq of queries) {
        const key = `${bq.brand}:${bq.query}`;
        const state: QueryState = cursor.queries[key] ?? {};
        for (let pages = 0; pages < config.maxPages; pages++) {
          const since = state.walk ? state.walk.since : state.since;
          const filters: string[] = [];
          if (since !== undefined) filters.push(`created_at_i>=${since}`);
          if (state.walk) filters.push(`created_at_i${state.walk.strict ? '<' : '<='}${state.walk.until}`);
          const url = new URL(`${config.baseUrl}/search_by_date`);
          url.searchParams.set('query', bq.query);
          url.searchParams.set('tags', config.tags);
          url.searchParams.set('hitsPerPage', String(config.hitsPerPage));
          if (filters.length) url.searchParams.set('numericFilters', filters.join(','));
          const res = await requestJson<AlgoliaResponse>(ctx, { sourceId: id, url: url.toString(), authHint: 'the baseUrl (HN Search needs no credentials)' });
          if (!Array.isArray(res.data?.hits)) throw new SourceRequestError(id, `search_by_date answered without hits[]: ${res.text.slice(0, 200)}`);
          const hits = res.data.hits;
          const page = emptyPage();
          const fetchedAt = ctx.now().toISOString();
          for (const hit of hits) mapItem(hit, (h: AlgoliaHit) => mapHit(h, bq, fetchedAt), page);
          const times = hits.map((h) => h.created_at_i).filter((t): t is number => typeof t === 'number');
          const newest = state.walk?.newest ?? (times.length ? Math.max(...times) : undefined);
          const more = (res.data.nbPages ?? 1) > 1 && times.length > 0;
          if (more) {
            const oldest = Math.min(...times);
            // A full page within one second would repeat forever with <=; step past it.
            const strict = state.walk !== undefined && oldest >= state.walk.until;
            state.walk = { until: oldest, strict, since, newest };
            delete state.since;
          } else {
            delete state.walk;
            const top = newest ?? since;
            if (top !== undefined) state.since = top;
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
