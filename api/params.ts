// Query-string schemas shared by the /v1 routes (JSON Schema: fastify validates with them and
// @fastify/swagger documents them), and their translation into store queries.
import { FAILURE_CATEGORIES, INTENTS, SENTIMENT_LABELS, SOURCES } from '../messages/index.js';
import type { MentionFilter, TimeRange } from '../store/index.js';

/** A 400 naming the parameter at fault; the error handler turns it into the response. */
export class ParameterError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`parameter '${parameter}' ${message}`);
    this.name = 'ParameterError';
  }
}

const ID = '^[a-z0-9][a-z0-9_-]*$';
// An ISO-8601 date or date-time (zone optional: UTC if absent), or a look-back like 24h / 7d.
const TIME = '^(\\d{1,4}[mhdw]|\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?)$';

export const timeProperties = {
  since: {
    type: 'string',
    pattern: TIME,
    maxLength: 40,
    description: 'Start (inclusive): an ISO-8601 date or date-time (UTC when no zone is given), or a look-back from now such as 24h, 7d, 4w. Default: 7d.',
  },
  until: {
    type: 'string',
    pattern: TIME,
    maxLength: 40,
    description: 'End (exclusive): same forms as `since`. Default: now.',
  },
} as const;

export const filterProperties = {
  brand: { type: 'string', minLength: 1, maxLength: 100, description: 'Brand id from the config.' },
  source: { type: 'string', enum: [...SOURCES], description: 'Channel the mention came from.' },
  language: { type: 'string', pattern: '^([a-z]{2,3}|und)$', description: 'ISO 639-1 language code (`und`: undetermined).' },
  topic: { type: 'string', pattern: ID, maxLength: 100, description: 'Taxonomy topic id.' },
  failureCategory: { type: 'string', enum: [...FAILURE_CATEGORIES], description: 'Failure-demand category.' },
  intent: { type: 'string', enum: [...INTENTS], description: 'What the author wants.' },
  sentiment: { type: 'string', enum: [...SENTIMENT_LABELS], description: 'Sentiment label.' },
  q: { type: 'string', minLength: 1, maxLength: 200, description: 'Case-insensitive substring of the mention text.' },
  originalsOnly: { type: 'boolean', description: 'Only original voices: leave out reposts and near-duplicate echoes.' },
} as const;

export const formatProperty = {
  format: { type: 'string', enum: ['json', 'csv'], description: 'Response format; `Accept: text/csv` also selects CSV.' },
} as const;

export const limitProperty = (max: number, fallback: number, what: string) =>
  ({ limit: { type: 'integer', minimum: 1, maximum: max, default: fallback, description: `How many ${what} to return (at most ${max}).` } }) as const;

/** A closed query-string schema: unknown parameters are a 400 rather than silently ignored. */
export function querySchema(properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', additionalProperties: false, properties, required } as const;
}

export interface TimeQuery {
  since?: string;
  until?: string;
}

export interface FilterQuery {
  brand?: string;
  source?: string;
  language?: string;
  topic?: string;
  failureCategory?: string;
  intent?: string;
  sentiment?: string;
  q?: string;
  originalsOnly?: boolean;
}

const LOOKBACK = /^(\d{1,4})([mhdw])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export function parseTime(name: string, text: string, now: Date): Date {
  const back = LOOKBACK.exec(text);
  if (back) return new Date(now.getTime() - Number(back[1]) * UNIT_MS[back[2] as keyof typeof UNIT_MS]);
  // No zone given: UTC, so a URL means the same thing wherever it is opened.
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(withZone.replace(' ', 'T'));
  if (Number.isNaN(ms)) throw new ParameterError(name, `is not a valid date or date-time: '${text}' (expected e.g. 2026-03-01, 2026-03-01T12:00:00Z or 24h)`);
  return new Date(ms);
}

export const DEFAULT_LOOKBACK_MS = 7 * UNIT_MS.d;
/** The longest range a query may cover: ten years keeps bucket arithmetic and scans sane. */
const MAX_RANGE_MS = 3_660 * UNIT_MS.d;

export function timeRange(query: TimeQuery, now: Date): TimeRange {
  const until = query.until ? parseTime('until', query.until, now) : now;
  const since = query.since ? parseTime('since', query.since, now) : new Date(until.getTime() - DEFAULT_LOOKBACK_MS);
  if (since.getTime() >= until.getTime()) {
    throw new ParameterError('since', `must be before until (got since=${since.toISOString()}, until=${until.toISOString()})`);
  }
  if (until.getTime() - since.getTime() > MAX_RANGE_MS) throw new ParameterError('since', 'makes the range longer than ten years: narrow it');
  return { since, until };
}

export function mentionFilter(query: FilterQuery): MentionFilter {
  const f: MentionFilter = {};
  if (query.brand !== undefined) f.brand = query.brand;
  if (query.source !== undefined) f.source = query.source;
  if (query.language !== undefined) f.language = query.language;
  if (query.topic !== undefined) f.topic = query.topic;
  if (query.failureCategory !== undefined) f.failureCategory = query.failureCategory as MentionFilter['failureCategory'];
  if (query.intent !== undefined) f.intent = query.intent as MentionFilter['intent'];
  if (query.sentiment !== undefined) f.sentiment = query.sentiment as MentionFilter['sentiment'];
  if (query.q !== undefined) f.text = query.q;
  if (query.originalsOnly) f.originalsOnly = true;
  return f;
}

/** Bucket widths the series endpoint offers (each divides a day, or is one day). */
export const INTERVALS = { '5m': 300, '15m': 900, '30m': 1_800, '1h': 3_600, '3h': 10_800, '6h': 21_600, '12h': 43_200, '1d': 86_400 } as const;
export type IntervalName = keyof typeof INTERVALS;
export const MAX_BUCKETS = 5_000;

/** An interval that gives a readable chart for the range: hours up to three days, else days. */
export function defaultInterval(range: TimeRange): IntervalName {
  return range.until.getTime() - range.since.getTime() <= 3 * UNIT_MS.d ? '1h' : '1d';
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
