// The store contract: what the rest of earshot may ask of the analytical store. Both
// implementations (embedded chdb, ClickHouse server) run the same SQL behind it.
import type { DeadLetter, EnrichedMention, FailureCategory, Intent, RawMention, SentimentLabel } from '../messages/index.js';
import type { SelectOptions } from './engine.js';

export interface TimeRange {
  /** Inclusive. */
  since: Date;
  /** Exclusive. */
  until: Date;
}

export interface MentionFilter {
  brand?: string;
  source?: string;
  language?: string;
  topic?: string;
  failureCategory?: FailureCategory;
  intent?: Intent;
  sentiment?: SentimentLabel;
  /** Case-insensitive substring of the text. */
  text?: string;
  /** Only original voices (no retweets or near-duplicate echoes). */
  originalsOnly?: boolean;
}

export interface RangeQuery {
  range: TimeRange;
  filter?: MentionFilter;
  /**
   * 'base' reads the mentions table alone, skipping the hourly rollup (for checks and
   * benchmarks): the answers are the same, only the cost differs. Default 'auto'.
   */
  readFrom?: 'auto' | 'base';
}

export interface SeriesQuery extends RangeQuery {
  /** Bucket width in seconds: a divisor of a day (300, 3600, …) or exactly one day. */
  intervalSeconds: number;
  /** Time zone for day buckets (IANA). Sub-day buckets are aligned to UTC. */
  timeZone?: string;
}

export interface SentimentCounts {
  mentions: number;
  /** Mentions that are not echoes of an earlier one: distinct voices. */
  voices: number;
  negative: number;
  neutral: number;
  positive: number;
  unscored: number;
  /** Mean sentiment score over scored mentions (0 when none). */
  meanSentiment: number;
  failureDemand: number;
}

export interface SeriesPoint extends SentimentCounts {
  /** Bucket start. */
  bucket: Date;
}

export interface TopicRow {
  topic: string;
  mentions: number;
  negative: number;
  failureDemand: number;
}

export interface FailureDemandSummary {
  /** Original voices in range (demand counts contacts, not their echoes). */
  demand: number;
  failureDemand: number;
  /** failureDemand / demand (0 when no demand). */
  share: number;
  byCategory: { category: string; mentions: number; share: number }[];
}

/** A stored mention as analysts see it (flat, like the table). */
export interface StoredMention {
  id: string;
  source: string;
  brand: string;
  url: string;
  authorHandle: string;
  authorFollowers: number | null;
  text: string;
  title: string;
  createdAt: Date;
  language: string;
  duplicateOf: string | null;
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
  topics: string[];
  failureDemand: boolean;
  failureCategory: string | null;
  intent: string;
  keyPhrases: string[];
  likes: number;
  reposts: number;
  replies: number;
  processingVersion: number;
}

export interface IdeaRow extends StoredMention {
  /** Near-duplicates and reposts of this idea in range: how many others said it too. */
  echoes: number;
}

export interface MentionPage {
  rows: StoredMention[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface MentionsQuery extends RangeQuery {
  limit: number;
  cursor?: string;
}

export interface TermCount {
  term: string;
  count: number;
}

export type AlertStatus = 'open' | 'resolved';

export interface AlertRecord {
  id: string;
  rule: string;
  brand: string;
  topic: string;
  status: AlertStatus;
  startedAt: Date;
  endedAt: Date | null;
  observed: number;
  expected: number;
  score: number;
  /** The alert's content (terms, examples, query), JSON. */
  payload: unknown;
  /** Per-sink delivery state, JSON (`{ sinkId: { state, attempts, error? } }`). */
  delivery: Record<string, unknown>;
  /** Monotonic per id; the highest wins. Default: now in ms. */
  version?: number;
}

export interface DigestRecord {
  id: string;
  digest: string;
  brand: string;
  periodStart: Date;
  periodEnd: Date;
  createdAt: Date;
  markdown: string;
  html: string;
  delivery: Record<string, unknown>;
  version?: number;
}

/**
 * One process's claim on a unit of work (an alert or digest to deliver). Claims are appended,
 * never updated in place: the winner is decided by reading them back (see alerts/lease.ts).
 */
export interface LeaseClaim {
  key: string;
  owner: string;
  /** Ms since epoch, from the claimer's clock. */
  claimedAt: number;
  /** Ms since epoch; a release rewrites the claim with expiresAt ≤ now. */
  expiresAt: number;
}

export interface StoreCounts {
  mentions: number;
  deadLetters: number;
}

export interface Store {
  readonly kind: 'embedded' | 'clickhouse';
  /** Applies pending schema migrations; returns the ids applied now. */
  migrate(): Promise<string[]>;
  /** Idempotent on mention id: inserting a batch twice leaves the same counts. */
  insertMentions(mentions: readonly EnrichedMention[]): Promise<void>;
  insertDeadLetters(letters: readonly DeadLetter[]): Promise<void>;
  /**
   * Brings the hourly rollup up to date for hours unchanged for `quietSeconds` (default 60);
   * returns how many hours it rolled. Reads are exact either way; rolled hours read faster.
   */
  refreshRollup(options?: { quietSeconds?: number; maxHours?: number }): Promise<{ hours: number }>;

  // Analyst queries.
  brands(range?: TimeRange): Promise<{ brand: string; mentions: number }[]>;
  summary(query: RangeQuery): Promise<SentimentCounts>;
  volumeSeries(query: SeriesQuery): Promise<SeriesPoint[]>;
  topTopics(query: RangeQuery & { limit?: number }): Promise<TopicRow[]>;
  failureDemand(query: RangeQuery): Promise<FailureDemandSummary>;
  topIdeas(query: RangeQuery & { limit?: number }): Promise<IdeaRow[]>;
  mentions(query: MentionsQuery): Promise<MentionPage>;
  /** Stored mentions as the RawMentions they came from (newest first, paged), for reprocessing. */
  rawMentions(query: MentionsQuery): Promise<{ rows: RawMention[]; nextCursor: string | null }>;
  /** Key-phrase counts, for emerging-term statistics. */
  termCounts(query: RangeQuery & { limit?: number }): Promise<{ total: number; terms: TermCount[] }>;
  deadLetters(query?: { limit?: number; since?: Date }): Promise<DeadLetter[]>;
  counts(): Promise<StoreCounts>;

  // Ingest cursors.
  getCursor(sourceId: string): Promise<string | null>;
  saveCursor(sourceId: string, cursor: string): Promise<void>;

  // Alerts and digests.
  saveAlert(alert: AlertRecord): Promise<void>;
  alerts(query?: { range?: TimeRange; brand?: string; status?: AlertStatus; limit?: number }): Promise<AlertRecord[]>;
  saveDigest(digest: DigestRecord): Promise<void>;
  digests(query?: { brand?: string; limit?: number }): Promise<DigestRecord[]>;

  // Leases: claims on delivery work shared by several scheduler processes.
  /** Appends a claim, or rewrites the same (key, owner, claimedAt) claim's expiry (a release). */
  saveLease(claim: LeaseClaim): Promise<void>;
  /** Every claim on `key` whose expiry is after `at` (ms), oldest first. */
  leases(key: string, at: number): Promise<LeaseClaim[]>;

  /** Read-only SQL for analysts (`SELECT` only; refused otherwise by the engine's readonly mode). */
  select<T = Record<string, unknown>>(sql: string, options?: SelectOptions): Promise<T[]>;
  /** Qualified table name (`earshot.mentions`) for analyst SQL. */
  table(name: 'mentions' | 'dead_letters' | 'alerts' | 'digests'): string;
  close(): Promise<void>;
}
