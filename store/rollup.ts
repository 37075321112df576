// The hourly rollup behind the time series: counts per brand, hour, sentiment label, failure
// category and topic (tables in schema.ts, 0003_rollup).
//
// Why it is not a plain materialized view summing inserts: an MV sees inserts, not
// replacements. A replayed batch, a mention fetched twice, or a reprocessed mention would count
// under its old label and its new one (measured: reprocessing 5% of 1M mentions overcounted
// negatives by 4.7%). So the MV records only which hours changed (mention_changes), and an
// hour's rollup is recomputed from the base table read with FINAL once the hour has been quiet
// for a while (`refreshRollup`, run every minute by the store stage's process). Reads take the
// rollup for hours rolled after their last change and the base table for the rest (the live
// hour, hours just replayed or reprocessed, partial hours at the range's edges): every answer is
// exact at every moment; the rollup only makes it cheaper.
import type { Engine } from './engine.js';
import { sqlDateTime, sqlNumber, sqlString } from './escape.js';
import { filterConditions } from './queries.js';
import type { MentionFilter, TimeRange } from './types.js';

const HOUR = 3600;

/**
 * More changed hours than this in a read's range and it reads the base table alone: a long list
 * of ranges costs more than FINAL over the whole range. Reached after a backfill or a
 * reprocess, until the next refresh.
 */
export const ROLLUP_MAX_CHANGED_HOURS = 240;

/** Hours per INSERT … SELECT when rolling: bounds each statement's memory. */
const HOURS_PER_ROLL = 500;

/** A run of whole hours [from, to) of one brand, as unix seconds. */
interface HourRun {
  brand: string;
  from: number;
  to: number;
}

const ROLLUP_DIMENSIONS = new Set(['brand', 'sentiment', 'failureCategory', 'topic']);

/**
 * The rollup's answer to a filter: its WHERE conditions and which counts to sum (a topic
 * filter sums the t_* counts of that topic's rows), or null where it has no such dimension.
 */
function rollupConditions(filter: MentionFilter | undefined): { conditions: string[]; counts: '' | 't_' } | null {
  const f = filter ?? {};
  // Allowed by name, so a filter field added later reads the base table until the rollup has it.
  for (const [key, value] of Object.entries(f)) {
    const unset = value === undefined || (key === 'text' && value === '') || (key === 'originalsOnly' && value === false);
    if (!unset && !ROLLUP_DIMENSIONS.has(key)) return null;
  }
  const c: string[] = [];
  if (f.brand !== undefined) c.push(`brand = ${sqlString(f.brand)}`);
  if (f.sentiment !== undefined) c.push(`sentiment_label = ${sqlString(f.sentiment)}`);
  if (f.failureCategory !== undefined) c.push(`failure_category = ${sqlString(f.failureCategory)}`);
  if (f.topic !== undefined) c.push(`topic = ${sqlString(f.topic)}`);
  return { conditions: c, counts: f.topic !== undefined ? 't_' : '' };
}

const at = (seconds: number) => sqlDateTime(new Date(seconds * 1000));

function runsCondition(runs: readonly HourRun[], column: string): string {
  return runs.map((r) => `(brand = ${sqlString(r.brand)} AND ${column} >= ${at(r.from)} AND ${column} < ${at(r.to)})`).join(' OR ');
}

/** Consecutive hours of a brand merged into runs, so conditions stay short. */
function toRuns(hours: readonly { brand: string; hour: number }[]): HourRun[] {
  const sorted = [...hours].sort((a, b) => (a.brand < b.brand ? -1 : a.brand > b.brand ? 1 : a.hour - b.hour));
  const runs: HourRun[] = [];
  for (const h of sorted) {
    const last = runs.at(-1);
    if (last && last.brand === h.brand && last.to === h.hour) last.to += HOUR;
    else runs.push({ brand: h.brand, from: h.hour, to: h.hour + HOUR });
  }
  return runs;
}

/**
 * Hours whose last change is not older than their last roll (never-rolled hours included), in
 * [since, until) when given, oldest first. `changedBefore` keeps hours changed since then out.
 */
async function changedHours(
  engine: Engine,
  db: string,
  o: { since?: number; until?: number; brand?: string; changedBefore?: number; limit: number },
): Promise<{ brand: string; hour: number }[]> {
  const c: string[] = [];
  if (o.since !== undefined) c.push(`hour >= ${at(o.since)}`);
  if (o.until !== undefined) c.push(`hour < ${at(o.until)}`);
  if (o.brand !== undefined) c.push(`brand = ${sqlString(o.brand)}`);
  const w = c.length ? `WHERE ${c.join(' AND ')}` : '';
  const rows = await engine.select<{ brand: string; hour_s: number | string }>(
    `SELECT brand, toUInt32(hour) AS hour_s FROM (
        SELECT brand, hour, max(changed_at) AS changed FROM ${db}.mention_changes ${w} GROUP BY brand, hour
      ) AS changes ANY LEFT JOIN (
        SELECT brand, hour, max(rolled_at) AS rolled FROM ${db}.mention_rollup_hours ${w} GROUP BY brand, hour
      ) AS rolls USING (brand, hour)
      WHERE changed >= rolled${o.changedBefore !== undefined ? ` AND changed < ${at(o.changedBefore)}` : ''}
      ORDER BY hour, brand LIMIT ${sqlNumber(o.limit)}`,
  );
  return rows.map((r) => ({ brand: String(r.brand), hour: Number(r.hour_s) }));
}

/** Where a read takes its rows: the rollup's WHERE, and the base table's for what the rollup cannot answer. */
export interface RollupRead {
  rollupWhere: string;
  /** '' sums the counts that take each mention once; 't_' those of a topic's rows. */
  counts: '' | 't_';
  /** null when the rollup covers the whole range. */
  baseWhere: string | null;
}

/**
 * Plans a read of [since, until) through the rollup, or returns null where it cannot serve it
 * (a filter it has no dimension for, a range shorter than an hour, too many changed hours).
 */
export async function planRollupRead(engine: Engine, db: string, range: TimeRange, filter: MentionFilter | undefined): Promise<RollupRead | null> {
  const served = rollupConditions(filter);
  if (!served) return null;
  const sinceS = Math.floor(range.since.getTime() / 1000);
  const untilS = Math.floor(range.until.getTime() / 1000);
  const from = Math.ceil(sinceS / HOUR) * HOUR;
  const to = Math.floor(untilS / HOUR) * HOUR;
  if (to <= from) return null;
  const changed = await changedHours(engine, db, { since: from, until: to, ...(filter?.brand !== undefined ? { brand: filter.brand } : {}), limit: ROLLUP_MAX_CHANGED_HOURS + 1 });
  if (changed.length > ROLLUP_MAX_CHANGED_HOURS) return null;
  const runs = toRuns(changed);
  const rollupWhere = [`hour >= ${at(from)}`, `hour < ${at(to)}`, ...served.conditions, ...(runs.length ? [`NOT (${runsCondition(runs, 'hour')})`] : [])].join(' AND ');
  // The base table answers the partial hours at the edges and the changed hours.
  const base: string[] = [];
  if (sinceS < from) base.push(`(created_at >= ${at(sinceS)} AND created_at < ${at(from)})`);
  if (to < untilS) base.push(`(created_at >= ${at(to)} AND created_at < ${at(untilS)})`);
  if (runs.length) base.push(runsCondition(runs, 'created_at'));
  const baseWhere = base.length ? [`(${base.join(' OR ')})`, ...filterConditions(filter)].join(' AND ') : null;
  return { rollupWhere, counts: served.counts, baseWhere };
}

/**
 * Sentiment counts from the rollup and from the base table, in the same columns and types
 * (UNION ALL on 18.16 needs both). Named c_*: 18.16 resolves an alias that shadows a column
 * (`sum(mentions) AS mentions`) inside the next expression as the aggregate.
 */
const rollupCounts = (p: '' | 't_') => `toUInt64(sum(${p}mentions)) AS c_mentions, toUInt64(sum(${p}voices)) AS c_voices,
  toUInt64(sumIf(${p}mentions, sentiment_label = 'negative')) AS c_negative, toUInt64(sumIf(${p}mentions, sentiment_label = 'neutral')) AS c_neutral,
  toUInt64(sumIf(${p}mentions, sentiment_label = 'positive')) AS c_positive, toUInt64(sumIf(${p}mentions, sentiment_label = 'unscored')) AS c_unscored,
  toFloat64(sumIf(${p}sentiment_sum, sentiment_label != 'unscored')) AS c_scored_sum, toUInt64(sumIf(${p}mentions, sentiment_label != 'unscored')) AS c_scored,
  toUInt64(sum(${p}failure_demand)) AS c_failure_demand`;
const BASE_COUNTS = `toUInt64(count()) AS c_mentions, toUInt64(countIf(duplicate_of = '')) AS c_voices,
  toUInt64(countIf(sentiment_label = 'negative')) AS c_negative, toUInt64(countIf(sentiment_label = 'neutral')) AS c_neutral,
  toUInt64(countIf(sentiment_label = 'positive')) AS c_positive, toUInt64(countIf(sentiment_label = 'unscored')) AS c_unscored,
  toFloat64(sumIf(sentiment_score, sentiment_label != 'unscored')) AS c_scored_sum, toUInt64(countIf(sentiment_label != 'unscored')) AS c_scored,
  toUInt64(countIf(failure_demand = 1)) AS c_failure_demand`;

/** SentimentCounts per bucket through a plan; `bucketOf(column)` is the bucket expression over `hour` or `created_at`. */
export function rollupCountsSql(db: string, plan: RollupRead, bucketOf: (column: string) => string): string {
  const parts = [`SELECT ${bucketOf('hour')} AS c_bucket, ${rollupCounts(plan.counts)} FROM ${db}.mention_rollup FINAL WHERE ${plan.rollupWhere} GROUP BY c_bucket`];
  if (plan.baseWhere) parts.push(`SELECT ${bucketOf('created_at')} AS c_bucket, ${BASE_COUNTS} FROM ${db}.mentions FINAL WHERE ${plan.baseWhere} GROUP BY c_bucket`);
  return `SELECT c_bucket AS bucket, sum(c_mentions) AS mentions, sum(c_voices) AS voices, sum(c_negative) AS negative, sum(c_neutral) AS neutral,
      sum(c_positive) AS positive, sum(c_unscored) AS unscored, if(sum(c_scored) = 0, 0, sum(c_scored_sum) / sum(c_scored)) AS mean_sentiment,
      sum(c_failure_demand) AS failure_demand
    FROM (${parts.join(' UNION ALL ')}) GROUP BY c_bucket HAVING mentions > 0 ORDER BY c_bucket`;
}

/** Topics ranked by mentions through a plan (a plan made without a topic filter: with one, co-occurring topics need the base table). */
export function rollupTopTopicsSql(db: string, plan: RollupRead, limit: number): string {
  const parts = [
    `SELECT topic AS c_topic, toUInt64(sum(t_mentions)) AS c_mentions, toUInt64(sumIf(t_mentions, sentiment_label = 'negative')) AS c_negative,
      toUInt64(sum(t_failure_demand)) AS c_failure_demand
    FROM ${db}.mention_rollup FINAL WHERE ${plan.rollupWhere} AND topic != '' GROUP BY c_topic`,
  ];
  if (plan.baseWhere) {
    parts.push(`SELECT topic AS c_topic, toUInt64(count()) AS c_mentions, toUInt64(countIf(sentiment_label = 'negative')) AS c_negative,
      toUInt64(countIf(failure_demand = 1)) AS c_failure_demand
    FROM ${db}.mentions FINAL ARRAY JOIN arrayDistinct(topics) AS topic WHERE ${plan.baseWhere} GROUP BY c_topic`);
  }
  return `SELECT c_topic AS topic, sum(c_mentions) AS mentions, sum(c_negative) AS negative, sum(c_failure_demand) AS failure_demand
    FROM (${parts.join(' UNION ALL ')}) GROUP BY c_topic HAVING mentions > 0 ORDER BY mentions DESC, topic ASC LIMIT ${sqlNumber(limit)}`;
}

export interface RollupRefreshOptions {
  /** Roll only hours unchanged for this long (default 60 s): the live hour is read from the base table until it settles. */
  quietSeconds?: number;
  /** Most hours rolled in one call (default 5,000); the rest wait for the next call. */
  maxHours?: number;
}

/**
 * Rolls the hours changed since their last roll and quiet for `quietSeconds`. Exact because an
 * hour's rows are recomputed from the base table with FINAL, and `rolled_at` is set
 * `quietSeconds` before the roll began: an insert whose view fired earlier than that but whose
 * rows were not yet visible to the roll (an insert slower than `quietSeconds`) would still mark
 * its hour changed after this roll, so the hour is read from the base table and rolled again.
 */
export async function refreshRollup(engine: Engine, db: string, options: RollupRefreshOptions = {}): Promise<{ hours: number }> {
  const quiet = Math.max(0, Math.floor(options.quietSeconds ?? 60));
  const [clock] = await engine.select<{ now_s: number | string }>('SELECT toUInt32(now()) AS now_s');
  const rolledAt = Number(clock?.now_s) - quiet;
  const hours = await changedHours(engine, db, { changedBefore: rolledAt, limit: options.maxHours ?? 5_000 });
  for (let i = 0; i < hours.length; i += HOURS_PER_ROLL) {
    const runs = toRuns(hours.slice(i, i + HOURS_PER_ROLL));
    const topics = `if(empty(topics), [''], arrayDistinct(topics))`;
    const rolled = `toDateTime(${sqlNumber(rolledAt)}, 'UTC')`;
    // New counts from the base table, plus a zero for every key the hour had before, so a key
    // whose mentions all moved (reprocessed to another label) reads 0, not its old count.
    await engine.exec(`INSERT INTO ${db}.mention_rollup (brand, hour, sentiment_label, failure_category, topic,
        mentions, voices, failure_demand, sentiment_sum, t_mentions, t_voices, t_failure_demand, t_sentiment_sum, rolled_at)
      SELECT brand, hour, sentiment_label, failure_category, topic, sum(m), sum(v), sum(f), sum(s), sum(tm), sum(tv), sum(tf), sum(ts), ${rolled}
      FROM (
        SELECT brand, toStartOfHour(created_at) AS hour, sentiment_label, failure_category, topic,
          toUInt64(topic_index = 1) AS m, toUInt64(topic_index = 1 AND duplicate_of = '') AS v, toUInt64(topic_index = 1 AND failure_demand = 1) AS f,
          if(topic_index = 1, toFloat64(sentiment_score), toFloat64(0)) AS s,
          toUInt64(1) AS tm, toUInt64(duplicate_of = '') AS tv, toUInt64(failure_demand = 1) AS tf, toFloat64(sentiment_score) AS ts
        FROM ${db}.mentions FINAL ARRAY JOIN ${topics} AS topic, arrayEnumerate(${topics}) AS topic_index
        WHERE ${runsCondition(runs, 'created_at')}
        UNION ALL
        SELECT brand, hour, sentiment_label, failure_category, topic, toUInt64(0), toUInt64(0), toUInt64(0), toFloat64(0), toUInt64(0), toUInt64(0), toUInt64(0), toFloat64(0)
        FROM ${db}.mention_rollup FINAL WHERE (${runsCondition(runs, 'hour')}) AND t_mentions > 0
      ) GROUP BY brand, hour, sentiment_label, failure_category, topic`);
    // Last: a roll cut short before this leaves its hours marked changed, read from the base table.
    await engine.exec(`INSERT INTO ${db}.mention_rollup_hours (brand, hour, rolled_at)
      SELECT brand, hour, ${rolled} FROM ${db}.mention_changes WHERE ${runsCondition(runs, 'hour')} GROUP BY brand, hour`);
  }
  return { hours: hours.length };
}

/** Refreshes the rollup now and then every `everyMs` (default a minute); the stop function resolves once a refresh in flight is done. */
export function startRollupRefresh(
  store: { refreshRollup(options?: RollupRefreshOptions): Promise<{ hours: number }> },
  options: RollupRefreshOptions & { everyMs?: number; onError?: (err: unknown) => void; onRefreshed?: (r: { hours: number }) => void } = {},
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    // A slow refresh (after a backfill) is not stacked on itself.
    running ??= store
      .refreshRollup(options)
      .then(
        (r) => options.onRefreshed?.(r),
        (err) => options.onError?.(err),
      )
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, options.everyMs ?? 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Offset from UTC in minutes of `timeZone` at `date`. */
const formats = new Map<string, Intl.DateTimeFormat>();
function offsetMinutes(timeZone: string, date: Date): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * Whether buckets of `intervalSeconds` (in `timeZone` for day buckets) are unions of whole UTC
 * hours over the range, so the hourly rollup can fill them: hour multiples that divide a day,
 * or days in a zone whose offset stays a whole number of hours (not Asia/Kolkata's +5:30).
 */
export function bucketsAreWholeHours(intervalSeconds: number, timeZone: string, range: TimeRange): boolean {
  if (intervalSeconds % HOUR !== 0) return false;
  if (intervalSeconds !== 86_400) return 86_400 % intervalSeconds === 0;
  if (timeZone === 'UTC') return true;
  // Offsets change at most a few times a year: sampling every 6 hours (and the end) sees each one.
  for (let t = range.since.getTime(); ; t = Math.min(t + 6 * HOUR * 1000, range.until.getTime())) {
    if (offsetMinutes(timeZone, new Date(t)) % 60 !== 0) return false;
    if (t >= range.until.getTime()) return true;
  }
}
