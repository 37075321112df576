// The analyst queries as SQL text, built from typed parameters. Every value passes through
// escape.ts; the SQL stays in the subset ClickHouse 18.16 and current releases both run
// (no query parameters, no DateTime64, `ANY LEFT JOIN` with explicit strictness).
import { sqlDateTime, sqlNumber, sqlString, sqlTimeZone } from './escape.js';
import type { MentionFilter, TimeRange } from './types.js';

/**
 * Reads the newest version of each mention. Measured against the argMax-per-id form on 1M rows
 * (`npm run bench -- store`): FINAL is 2–6x faster on both chdb and 18.16, so it stays.
 * The time series and summaries read whole rolled hours from the hourly rollup instead
 * (rollup.ts), and the rest from here.
 */
export const MENTIONS_FINAL = (db: string) => `${db}.mentions FINAL`;

export function rangeCondition(range: TimeRange, column = 'created_at'): string {
  return `${column} >= ${sqlDateTime(range.since)} AND ${column} < ${sqlDateTime(range.until)}`;
}

export function filterConditions(filter: MentionFilter | undefined): string[] {
  if (!filter) return [];
  const c: string[] = [];
  if (filter.brand !== undefined) c.push(`brand = ${sqlString(filter.brand)}`);
  if (filter.source !== undefined) c.push(`source = ${sqlString(filter.source)}`);
  if (filter.language !== undefined) c.push(`language = ${sqlString(filter.language)}`);
  if (filter.topic !== undefined) c.push(`has(topics, ${sqlString(filter.topic)})`);
  if (filter.failureCategory !== undefined) c.push(`failure_category = ${sqlString(filter.failureCategory)}`);
  if (filter.intent !== undefined) c.push(`intent = ${sqlString(filter.intent)}`);
  if (filter.sentiment !== undefined) c.push(`sentiment_label = ${sqlString(filter.sentiment)}`);
  if (filter.text !== undefined && filter.text !== '') c.push(`positionCaseInsensitiveUTF8(text, ${sqlString(filter.text)}) > 0`);
  if (filter.originalsOnly) c.push(`duplicate_of = ''`);
  return c;
}

export function where(range: TimeRange, filter?: MentionFilter, extra: string[] = []): string {
  return `WHERE ${[rangeCondition(range), ...filterConditions(filter), ...extra].join(' AND ')}`;
}

/** The counts every sentiment view shares; column names match SentimentCounts. */
export const SENTIMENT_COUNTS = `
  count() AS mentions,
  countIf(duplicate_of = '') AS voices,
  countIf(sentiment_label = 'negative') AS negative,
  countIf(sentiment_label = 'neutral') AS neutral,
  countIf(sentiment_label = 'positive') AS positive,
  countIf(sentiment_label = 'unscored') AS unscored,
  if(countIf(sentiment_label != 'unscored') = 0, 0, sumIf(sentiment_score, sentiment_label != 'unscored') / countIf(sentiment_label != 'unscored')) AS mean_sentiment,
  countIf(failure_demand = 1) AS failure_demand`;

/** The columns SENTIMENT_COUNTS and the bucket expressions read. */
const SENTIMENT_COLUMNS = 'created_at, duplicate_of, sentiment_label, sentiment_score, failure_demand';

/**
 * The newest versions in the range as two FINAL reads over its halves, UNION ALL'd. Exact:
 * rows that replace each other share the sorting key (brand, created_at, id), so they fall in
 * the same half. Why: 18.16 merges FINAL in one stream (one core); two halves run on both
 * cores. Measured on 1M mentions on 18.16 (medians of 9, interleaved): hourly series all brands
 * 250 → 172 ms, one brand 98 → 56 ms; four or eight slices were slower than two (2 cores), one
 * slice per brand 176 ms; top topics all brands 246 → 188 ms; later failure demand, top ideas
 * and mention pages (1.4–1.6x). Only where the dialect says so
 * (dialect.ts splitFinal): on current releases (chdb) the split is slower.
 */
export function finalInHalves(db: string, range: TimeRange, filter: MentionFilter | undefined, columns: string, split: boolean, extra: string[] = []): string {
  const sinceS = Math.floor(range.since.getTime() / 1000);
  const untilS = Math.floor(range.until.getTime() / 1000);
  if (!split || !(untilS - sinceS >= 2)) return `(SELECT ${columns} FROM ${MENTIONS_FINAL(db)} ${where(range, filter, extra)})`;
  const mid = new Date((sinceS + Math.floor((untilS - sinceS) / 2)) * 1000);
  const half = (r: TimeRange) => `SELECT ${columns} FROM ${MENTIONS_FINAL(db)} ${where(r, filter, extra)}`;
  return `(${half({ since: range.since, until: mid })} UNION ALL ${half({ since: mid, until: range.until })})`;
}

const DAY = 86_400;

/** Bucket start as unix seconds: UTC-aligned sub-day buckets, or local midnight for days. */
export function bucketExpression(intervalSeconds: number, timeZone = 'UTC', column = 'created_at'): string {
  if (!Number.isInteger(intervalSeconds) || intervalSeconds <= 0) throw new RangeError(`interval must be a whole number of seconds, got ${intervalSeconds}`);
  if (intervalSeconds === DAY) return `toUInt32(toStartOfDay(${column}, ${sqlTimeZone(timeZone)}))`;
  if (DAY % intervalSeconds !== 0) throw new RangeError(`interval must divide a day (e.g. 300, 3600, 21600) or be one day (86400), got ${intervalSeconds}s`);
  return `toUInt32(intDiv(toUInt32(${column}), ${sqlNumber(intervalSeconds)}) * ${sqlNumber(intervalSeconds)})`;
}

export function volumeSeriesSql(db: string, range: TimeRange, filter: MentionFilter | undefined, intervalSeconds: number, timeZone?: string, splitFinal = false): string {
  return `SELECT ${bucketExpression(intervalSeconds, timeZone)} AS bucket, ${SENTIMENT_COUNTS}
    FROM ${finalInHalves(db, range, filter, SENTIMENT_COLUMNS, splitFinal)}
    GROUP BY bucket ORDER BY bucket`;
}

export function summarySql(db: string, range: TimeRange, filter?: MentionFilter, splitFinal = false): string {
  return `SELECT ${SENTIMENT_COUNTS} FROM ${finalInHalves(db, range, filter, SENTIMENT_COLUMNS, splitFinal)}`;
}

export function topTopicsSql(db: string, range: TimeRange, filter: MentionFilter | undefined, limit: number, splitFinal = false): string {
  return `SELECT topic, count() AS mentions, countIf(sentiment_label = 'negative') AS negative, countIf(failure_demand = 1) AS failure_demand
    FROM ${finalInHalves(db, range, filter, 'topics, sentiment_label, failure_demand', splitFinal)} ARRAY JOIN arrayDistinct(topics) AS topic
    GROUP BY topic ORDER BY mentions DESC, topic ASC LIMIT ${sqlNumber(limit)}`;
}

/**
 * Demand counts original voices: an echo of a complaint is reach, not another contact. One scan
 * grouped by category gives both the totals (summed by the caller) and the categories.
 */
export function failureDemandSql(db: string, range: TimeRange, filter: MentionFilter | undefined, splitFinal = false): string {
  return `SELECT failure_category AS category, count() AS demand, countIf(failure_demand = 1) AS failure
    FROM ${finalInHalves(db, range, { ...filter, originalsOnly: true }, 'failure_category, failure_demand', splitFinal)}
    GROUP BY category`;
}

export const MENTION_COLUMNS = `id, source, brand, url, author_handle, author_followers, text, title, toUInt32(created_at) AS created_at_s,
  language, duplicate_of, sentiment_score, sentiment_label, topics, failure_demand, failure_category, intent, key_phrases,
  likes, reposts, replies, processing_version`;

export function topIdeasSql(db: string, range: TimeRange, filter: MentionFilter | undefined, limit: number, splitFinal = false): string {
  // Each original idea with the number of echoes it drew in the range.
  return `SELECT ${MENTION_COLUMNS}, echoes FROM ${finalInHalves(db, range, { ...filter, intent: 'idea', originalsOnly: true }, '*', splitFinal)} AS ideas
    ANY LEFT JOIN (
      SELECT duplicate_of AS id, count() AS echoes
      FROM ${finalInHalves(db, range, { brand: filter?.brand }, 'duplicate_of', splitFinal, [`duplicate_of != ''`])}
      GROUP BY duplicate_of
    ) AS echo_counts USING id
    ORDER BY echoes DESC, likes + reposts DESC, created_at_s DESC, id ASC LIMIT ${sqlNumber(limit)}`;
}

export interface MentionCursor {
  createdAt: number;
  id: string;
}

export function encodeCursor(c: MentionCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
}

/** Throws a RangeError a caller can show as "bad cursor". */
export function decodeCursor(text: string): MentionCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'number' && Number.isInteger(createdAt) && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through
  }
  throw new RangeError('invalid cursor: pass back the nextCursor of a previous page unchanged');
}

/**
 * Newest first, after the cursor's (created_at, id) when given: keyset pagination. On servers
 * that want it (dialect splitFinal), FINAL in halves, merged and ordered outside.
 */
export function mentionsSql(db: string, range: TimeRange, filter: MentionFilter | undefined, limit: number, cursor?: MentionCursor, columns = MENTION_COLUMNS, splitFinal = false): string {
  const after = cursor
    ? [`(toUInt32(created_at) < ${sqlNumber(cursor.createdAt)} OR (toUInt32(created_at) = ${sqlNumber(cursor.createdAt)} AND id < ${sqlString(cursor.id)}))`]
    : [];
  if (splitFinal) {
    return `SELECT * FROM ${finalInHalves(db, range, filter, columns, true, after)} ORDER BY created_at_s DESC, id DESC LIMIT ${sqlNumber(limit)}`;
  }
  return `SELECT ${columns} FROM ${MENTIONS_FINAL(db)} ${where(range, filter, after)}
    ORDER BY created_at DESC, id DESC LIMIT ${sqlNumber(limit)}`;
}

/** Everything a RawMention had, for reprocessing stored mentions. */
export const RAW_COLUMNS = `id, source, native_id, brand, query, url, author_id, author_handle, author_name, author_followers, text, title,
  toUInt32(created_at) AS created_at_s, toUInt32(fetched_at) AS fetched_at_s, thread_id, parent_id, repost_of,
  likes, reposts, replies, quotes, score, lang_hint`;

export function termCountsSql(db: string, range: TimeRange, filter: MentionFilter | undefined, limit: number): { total: string; terms: string } {
  const w = where(range, filter);
  return {
    total: `SELECT count() AS total FROM ${MENTIONS_FINAL(db)} ${w}`,
    terms: `SELECT term, count() AS count FROM ${MENTIONS_FINAL(db)} ARRAY JOIN key_phrases AS term ${w}
      GROUP BY term ORDER BY count DESC, term ASC LIMIT ${sqlNumber(limit)}`,
  };
}
