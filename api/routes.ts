// The /v1 routes: read-only views over the store for analysts and the dashboard. Every value a
// client sends is validated by the route schema, then reaches SQL only through the store's
// typed queries (which escape it); `POST /v1/sql` is the one door for free-form reads.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { risingTerms } from '../process/index.js';
import type { MentionFilter, SeriesPoint, Store, StoredMention, TimeRange } from '../store/index.js';
import { toCsv, wantsCsv, type Cell } from './csv.js';
import {
  defaultInterval,
  filterProperties,
  formatProperty,
  INTERVALS,
  isTimeZone,
  limitProperty,
  MAX_BUCKETS,
  mentionFilter,
  ParameterError,
  querySchema,
  timeProperties,
  timeRange,
  type FilterQuery,
  type IntervalName,
  type TimeQuery,
} from './params.js';
import * as S from './schemas.js';
import { checkAnalystSql } from './sql-guard.js';

export interface RouteContext {
  store: Store;
  now: () => Date;
  brandNames: Map<string, string>;
  topicLabels: Map<string, string>;
  sql: { maxRows: number; maxSeconds: number };
}

type Query = TimeQuery & FilterQuery & { format?: 'json' | 'csv'; limit?: number };

/** Sends `json`, or `table` as CSV when the client asked for CSV. */
function send(request: FastifyRequest, reply: FastifyReply, json: unknown, table: () => { rows: Record<string, Cell>[]; columns: readonly string[] }) {
  if (wantsCsv(request)) {
    const { rows, columns } = table();
    return reply.type('text/csv; charset=utf-8').send(toCsv(rows, columns));
  }
  return reply.send(json);
}

const scoredShare = (c: { negative: number; neutral: number; positive: number }) => {
  const scored = c.negative + c.neutral + c.positive;
  return scored ? c.negative / scored : 0;
};

const MENTION_COLUMNS = [
  'id', 'createdAt', 'source', 'brand', 'url', 'authorHandle', 'authorFollowers', 'title', 'text', 'language', 'duplicateOf',
  'sentimentLabel', 'sentimentScore', 'topics', 'failureDemand', 'failureCategory', 'intent', 'keyPhrases', 'likes', 'reposts', 'replies', 'processingVersion',
] as const;

const mentionCells = (m: StoredMention) => m as unknown as Record<string, Cell>;

const rangeAndFilter = { ...timeProperties, ...filterProperties, ...formatProperty };

export function registerRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;
  const parse = (q: Query): { range: TimeRange; filter: MentionFilter } => ({ range: timeRange(q, ctx.now()), filter: mentionFilter(q) });
  const topicLabel = (id: string) => ctx.topicLabels.get(id) ?? id;

  app.get(
    '/v1/brands',
    {
      schema: {
        summary: 'Brands with mention counts',
        description: 'Every configured brand, plus any other brand found in the store, with its mention count in the range (all time when no range is given).',
        tags: ['mentions'],
        querystring: querySchema({ ...timeProperties, ...formatProperty }),
        response: S.responses(S.object({ brands: { type: 'array', items: S.object({ brand: { type: 'string' }, name: { type: 'string' }, mentions: { type: 'integer' } }) } }), 'Brands'),
      },
    },
    async (request, reply) => {
      const q = request.query as Query;
      const range = q.since || q.until ? timeRange(q, ctx.now()) : undefined;
      const counted = new Map((await store.brands(range)).map((b) => [b.brand, b.mentions]));
      const ids = [...new Set([...ctx.brandNames.keys(), ...counted.keys()])].sort();
      const brands = ids.map((brand) => ({ brand, name: ctx.brandNames.get(brand) ?? brand, mentions: counted.get(brand) ?? 0 }));
      return send(request, reply, { brands }, () => ({ rows: brands, columns: ['brand', 'name', 'mentions'] }));
    },
  );

  app.get(
    '/v1/summary',
    {
      schema: {
        summary: 'Totals for a range',
        description: 'Mention, voice and sentiment counts, mean sentiment and failure demand over the range and filters.',
        tags: ['series'],
        querystring: querySchema(rangeAndFilter),
        response: S.responses(S.object({ since: { type: 'string', format: 'date-time' }, until: { type: 'string', format: 'date-time' }, ...S.sentimentCounts }), 'Totals'),
      },
    },
    async (request, reply) => {
      const { range, filter } = parse(request.query as Query);
      const counts = await store.summary({ range, filter });
      const body = { since: range.since, until: range.until, ...counts, negativeShare: scoredShare(counts) };
      return send(request, reply, body, () => ({ rows: [body], columns: Object.keys(body) }));
    },
  );

  const seriesColumns = ['bucket', ...Object.keys(S.sentimentCounts)];
  app.get(
    '/v1/series',
    {
      schema: {
        summary: 'Volume and sentiment over time',
        description:
          'Counts per time bucket: volume (mentions, voices), sentiment (counts per label, mean score, negative share) and failure demand. ' +
          'Sub-day buckets are UTC-aligned and empty ones are returned as zeros; day buckets start at midnight in `tz`.',
        tags: ['series'],
        querystring: querySchema({
          ...rangeAndFilter,
          interval: { type: 'string', enum: Object.keys(INTERVALS), description: 'Bucket width. Default: 1h for ranges up to 3 days, else 1d.' },
          tz: { type: 'string', maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+\\-/]*$', default: 'UTC', description: 'IANA time zone for day buckets, e.g. Europe/Berlin.' },
        }),
        response: S.responses(
          S.object({
            interval: { type: 'string' },
            intervalSeconds: { type: 'integer' },
            since: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date-time' },
            points: { type: 'array', items: S.object({ bucket: { type: 'string', format: 'date-time' }, ...S.sentimentCounts }) },
          }),
          'Series',
        ),
      },
    },
    async (request, reply) => {
      const q = request.query as Query & { interval?: IntervalName; tz: string };
      const { range, filter } = parse(q);
      if (!isTimeZone(q.tz)) throw new ParameterError('tz', `is not a known IANA time zone: '${q.tz}' (expected e.g. UTC or Europe/Berlin)`);
      const interval = q.interval ?? defaultInterval(range);
      const seconds = INTERVALS[interval];
      const buckets = Math.ceil((range.until.getTime() - range.since.getTime()) / 1000 / seconds);
      if (buckets > MAX_BUCKETS) throw new ParameterError('interval', `gives ${buckets} buckets over this range; at most ${MAX_BUCKETS}: choose a wider interval or a shorter range`);
      const points = (await store.volumeSeries({ range, filter, intervalSeconds: seconds, timeZone: q.tz })).map((p: SeriesPoint) => ({ ...p, negativeShare: scoredShare(p) }));
      return send(request, reply, { interval, intervalSeconds: seconds, since: range.since, until: range.until, points }, () => ({ rows: points, columns: seriesColumns }));
    },
  );

  app.get(
    '/v1/topics',
    {
      schema: {
        summary: 'Top topics',
        description: 'Taxonomy topics by mention count in the range.',
        tags: ['topics'],
        querystring: querySchema({ ...rangeAndFilter, ...limitProperty(200, 20, 'topics') }),
        response: S.responses(S.object({ topics: { type: 'array', items: S.topic } }), 'Topics'),
      },
    },
    async (request, reply) => {
      const q = request.query as Query;
      const { range, filter } = parse(q);
      const topics = (await store.topTopics({ range, filter, limit: q.limit })).map((t) => ({ ...t, label: topicLabel(t.topic), negativeShare: t.mentions ? t.negative / t.mentions : 0 }));
      return send(request, reply, { topics }, () => ({ rows: topics, columns: ['topic', 'label', 'mentions', 'negative', 'negativeShare', 'failureDemand'] }));
    },
  );

  app.get(
    '/v1/topics/rising',
    {
      schema: {
        summary: 'Rising topics and terms',
        description:
          'Topics whose volume in the range is above what the equally long range before it predicts (scaled by the change in overall volume). ' +
          'Sorted by score; only topics with at least `minMentions` mentions in the range. Empty when the previous range holds no mentions (no baseline). ' +
          '`terms` lists key phrases rising the same way, scored with Dunning\'s log-likelihood G². CSV has the topics.',
        tags: ['topics'],
        querystring: querySchema({
          ...rangeAndFilter,
          ...limitProperty(100, 10, 'rising topics'),
          minMentions: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 3, description: 'Least mentions in the range for a topic to count as rising.' },
        }),
        response: S.responses(
          S.object({
            since: { type: 'string', format: 'date-time' },
            until: { type: 'string', format: 'date-time' },
            baselineSince: { type: 'string', format: 'date-time' },
            total: { type: 'integer' },
            baselineTotal: { type: 'integer' },
            topics: { type: 'array', items: S.risingTopic },
            terms: { type: 'array', items: S.risingTerm, description: 'Key phrases used significantly more than in the previous range (Dunning G², p < 0.001).' },
          }),
          'Rising topics and terms',
        ),
      },
    },
    async (request, reply) => {
      const q = request.query as Query & { minMentions: number };
      const { range, filter } = parse(q);
      const span = range.until.getTime() - range.since.getTime();
      const baseline: TimeRange = { since: new Date(range.since.getTime() - span), until: range.since };
      const [now, before, total, baselineTotal, windowTerms, baselineTerms] = await Promise.all([
        store.topTopics({ range, filter, limit: 500 }),
        store.topTopics({ range: baseline, filter, limit: 500 }),
        store.summary({ range, filter }),
        store.summary({ range: baseline, filter }),
        store.termCounts({ range, filter, limit: 300 }),
        store.termCounts({ range: baseline, filter, limit: 2_000 }),
      ]);
      // Key phrases: Dunning's G² against the previous range (process/emerging.ts, shared with alerts).
      const terms = risingTerms(windowTerms.terms, windowTerms.total, baselineTerms.terms, baselineTerms.total, { limit: q.limit, minCount: q.minMentions });
      const previous = new Map(before.map((t) => [t.topic, t.mentions]));
      const scale = baselineTotal.mentions ? total.mentions / baselineTotal.mentions : 1;
      // Without any mentions before the range there is no baseline: nothing can be called rising.
      const topics = (baselineTotal.mentions === 0 ? [] : now)
        .filter((t) => t.mentions >= q.minMentions)
        .map((t) => {
          const prev = previous.get(t.topic) ?? 0;
          const expected = prev * scale;
          return { topic: t.topic, label: topicLabel(t.topic), mentions: t.mentions, previous: prev, expected, score: (t.mentions - expected) / Math.sqrt(expected + 1) };
        })
        .filter((t) => t.score > 0)
        .sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic))
        .slice(0, q.limit);
      const body = { since: range.since, until: range.until, baselineSince: baseline.since, total: total.mentions, baselineTotal: baselineTotal.mentions, topics, terms };
      return send(request, reply, body, () => ({ rows: topics, columns: ['topic', 'label', 'mentions', 'previous', 'expected', 'score'] }));
    },
  );

  app.get(
    '/v1/failure-demand',
    {
      schema: {
        summary: 'Failure demand by category',
        description: 'Failure demand among original voices (echoes are reach, not demand): its share of all demand and its breakdown by category. CSV has one row per category.',
        tags: ['failure demand'],
        querystring: querySchema(rangeAndFilter),
        response: S.responses(
          S.object({
            demand: { type: 'integer' },
            failureDemand: { type: 'integer' },
            share: { type: 'number' },
            byCategory: { type: 'array', items: S.object({ category: { type: 'string' }, mentions: { type: 'integer' }, share: { type: 'number' } }) },
          }),
          'Failure demand',
        ),
      },
    },
    async (request, reply) => {
      const { range, filter } = parse(request.query as Query);
      const fd = await store.failureDemand({ range, filter });
      return send(request, reply, fd, () => ({ rows: fd.byCategory, columns: ['category', 'mentions', 'share'] }));
    },
  );

  app.get(
    '/v1/ideas',
    {
      schema: {
        summary: 'Top ideas',
        description: 'Original mentions with intent "idea" (suggestions, wishes), most echoed first.',
        tags: ['mentions'],
        querystring: querySchema({ ...rangeAndFilter, ...limitProperty(500, 20, 'ideas') }),
        response: S.responses(S.object({ ideas: { type: 'array', items: S.idea } }), 'Ideas'),
      },
    },
    async (request, reply) => {
      const q = request.query as Query;
      const { range, filter } = parse(q);
      const ideas = await store.topIdeas({ range, filter, limit: q.limit });
      return send(request, reply, { ideas }, () => ({ rows: ideas.map(mentionCells), columns: ['echoes', ...MENTION_COLUMNS] }));
    },
  );

  app.get(
    '/v1/mentions',
    {
      schema: {
        summary: 'Mentions, newest first',
        description:
          'Stored mentions matching the filters, newest first, a page at a time. Pass `nextCursor` back as `cursor` for the next (older) page; ' +
          'in CSV it comes in the `X-Next-Cursor` header.',
        tags: ['mentions'],
        querystring: querySchema({
          ...rangeAndFilter,
          ...limitProperty(1000, 50, 'mentions per page'),
          cursor: { type: 'string', minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor from the previous page.' },
        }),
        response: S.responses(S.object({ mentions: { type: 'array', items: S.mention }, nextCursor: { type: ['string', 'null'] } }), 'A page of mentions'),
      },
    },
    async (request, reply) => {
      const q = request.query as Query & { cursor?: string };
      const { range, filter } = parse(q);
      let page;
      try {
        page = await store.mentions({ range, filter, limit: q.limit ?? 50, ...(q.cursor ? { cursor: q.cursor } : {}) });
      } catch (err) {
        if (err instanceof RangeError && /cursor/.test(err.message)) throw new ParameterError('cursor', `is not valid: ${err.message}`);
        throw err;
      }
      if (page.nextCursor) reply.header('X-Next-Cursor', page.nextCursor);
      return send(request, reply, { mentions: page.rows, nextCursor: page.nextCursor }, () => ({ rows: page.rows.map(mentionCells), columns: MENTION_COLUMNS }));
    },
  );

  app.get(
    '/v1/alerts',
    {
      schema: {
        summary: 'Spike alerts',
        description: 'Alerts, newest first. With `since` or `until`, only alerts that started in that range.',
        tags: ['alerts'],
        querystring: querySchema({
          ...timeProperties,
          ...formatProperty,
          brand: filterProperties.brand,
          status: { type: 'string', enum: ['open', 'resolved'] },
          ...limitProperty(1000, 100, 'alerts'),
        }),
        response: S.responses(S.object({ alerts: { type: 'array', items: S.alert } }), 'Alerts'),
      },
    },
    async (request, reply) => {
      const q = request.query as Query & { status?: 'open' | 'resolved' };
      const range = q.since || q.until ? timeRange(q, ctx.now()) : undefined;
      const alerts = await store.alerts({ ...(range ? { range } : {}), ...(q.brand !== undefined ? { brand: q.brand } : {}), ...(q.status ? { status: q.status } : {}), limit: q.limit });
      const rows = alerts.map((a) => ({ ...a, payload: JSON.stringify(a.payload), delivery: JSON.stringify(a.delivery) }));
      return send(request, reply, { alerts }, () => ({
        rows,
        columns: ['id', 'rule', 'brand', 'topic', 'status', 'startedAt', 'endedAt', 'observed', 'expected', 'score', 'payload', 'delivery'],
      }));
    },
  );

  app.get(
    '/v1/digests',
    {
      schema: {
        summary: 'Written digests',
        description: 'Digests, newest first, with their Markdown and HTML.',
        tags: ['digests'],
        querystring: querySchema({ ...formatProperty, brand: filterProperties.brand, ...limitProperty(200, 20, 'digests') }),
        response: S.responses(S.object({ digests: { type: 'array', items: S.digest } }), 'Digests'),
      },
    },
    async (request, reply) => {
      const q = request.query as Query;
      const digests = await store.digests({ ...(q.brand !== undefined ? { brand: q.brand } : {}), limit: q.limit });
      const rows = digests.map((d) => ({ ...d, delivery: JSON.stringify(d.delivery) }));
      return send(request, reply, { digests }, () => ({ rows, columns: ['id', 'digest', 'brand', 'periodStart', 'periodEnd', 'createdAt', 'markdown', 'html', 'delivery'] }));
    },
  );

  app.post(
    '/v1/sql',
    {
      schema: {
        summary: 'Read-only SQL',
        description:
          'Runs one SELECT (or WITH … SELECT) on the store with readonly = 1, a time limit and a row limit. Writes, DDL, several statements, ' +
          'SETTINGS, FORMAT and INTO OUTFILE are refused with a reason. Tables: earshot.mentions (read it with FINAL), earshot.alerts, earshot.digests, earshot.dead_letters. ' +
          '64-bit integers come back as strings in JSON.',
        tags: ['sql'],
        querystring: querySchema(formatProperty),
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['sql'],
          properties: {
            sql: { type: 'string', minLength: 1, maxLength: 100_000, description: 'One SELECT statement.' },
            maxRows: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'Refuse results longer than this (capped by the server setting).' },
            timeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 3_600, description: 'Stop the query after this long (capped by the server setting).' },
          },
        },
        response: {
          ...S.responses(S.object({ columns: { type: 'array', items: { type: 'string' } }, rows: { type: 'array', items: { type: 'object', additionalProperties: true } }, rowCount: { type: 'integer' } }), 'Rows'),
          403: { description: 'The engine refused a write or a settings change (readonly).', content: { 'application/json': { schema: S.errorResponse } } },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { sql: string; maxRows?: number; timeoutSeconds?: number };
      const check = checkAnalystSql(body.sql);
      if (!check.ok) throw new ParameterError('sql', `was refused: ${check.reason}`);
      const maxRows = Math.min(body.maxRows ?? ctx.sql.maxRows, ctx.sql.maxRows);
      const maxSeconds = Math.min(body.timeoutSeconds ?? ctx.sql.maxSeconds, ctx.sql.maxSeconds);
      let rows: Record<string, unknown>[];
      try {
        rows = await store.select(check.sql, { readonly: true, maxExecutionSeconds: maxSeconds, maxResultRows: maxRows });
      } catch (err) {
        throw sqlError(err, maxRows, maxSeconds);
      }
      const columns = rows[0] ? Object.keys(rows[0]) : [];
      return send(request, reply, { columns, rows, rowCount: rows.length }, () => ({
        rows: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, sqlCell(v)]))),
        columns,
      }));
    },
  );
}

function sqlCell(v: unknown): Cell {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** An engine failure on analyst SQL, as a client error that says why. */
export class SqlRefusedError extends Error {
  readonly parameter = 'sql';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'SqlRefusedError';
  }
}

function sqlError(err: unknown, maxRows: number, maxSeconds: number): Error {
  const message = err instanceof Error ? err.message : String(err);
  if ((err as { transient?: boolean })?.transient === true && !/Code: (159|164|396)\b/.test(message)) return err as Error;
  const code = Number(/\bCode: (\d+)/.exec(message)?.[1] ?? NaN);
  const detail = message.split('\n')[0]!.replace(/^.*?DB::Exception: /, '').slice(0, 500);
  if (code === 164) return new SqlRefusedError(403, `the query was refused in readonly mode: only reads are allowed (${detail})`);
  if (code === 159) return new SqlRefusedError(400, `the query ran longer than the time limit of ${maxSeconds}s: narrow it, or aggregate before reading`);
  if (code === 396) return new SqlRefusedError(400, `the result has more than ${maxRows} rows: add a LIMIT or aggregate`);
  if (Number.isFinite(code)) return new SqlRefusedError(400, `the query failed: ${detail}`);
  return err instanceof Error ? err : new Error(message);
}
