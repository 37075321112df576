// The two message shapes that flow through earshot, defined once.
//
//   sources ─► RawMention ─► [mentions.raw] ─► process ─► EnrichedMention ─► [mentions.enriched] ─► store
//
// Every message carries `schemaVersion`; a consumer accepts the versions it knows and
// dead-letters the rest with a reason, so a newer producer never silently corrupts an older
// consumer's output.
import { z } from 'zod';

export const SOURCES = ['x', 'reddit', 'hackernews', 'mastodon', 'bluesky', 'rss', 'webhook', 'file', 'simulate'] as const;
export const Source = z.enum(SOURCES);
export type Source = z.infer<typeof Source>;

/** ISO-8601 timestamp with an offset or `Z`; normalised to UTC `...Z` on parse. */
export const Timestamp = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO-8601 timestamp such as 2026-11-24T13:30:00Z',
  })
  .transform((s) => new Date(s).toISOString());

const count = z.number().int().nonnegative();

export const Author = z.object({
  id: z.string().min(1),
  handle: z.string(),
  name: z.string().optional(),
  followers: count.optional(),
});
export type Author = z.infer<typeof Author>;

export const Engagement = z.object({
  likes: count.optional(),
  reposts: count.optional(),
  replies: count.optional(),
  quotes: count.optional(),
  /** Reddit/HN score (upvotes minus downvotes); may be negative. */
  score: z.number().int().optional(),
});
export type Engagement = z.infer<typeof Engagement>;

export const RAW_SCHEMA_VERSION = 1;

export const RawMention = z
  .object({
    schemaVersion: z.literal(RAW_SCHEMA_VERSION).default(RAW_SCHEMA_VERSION),
    /** `source:nativeId`: the idempotency key the store deduplicates on. */
    id: z.string().min(3),
    source: Source,
    nativeId: z.string().min(1),
    url: z.string().url().optional(),
    author: Author,
    text: z.string().min(1, 'text is empty'),
    /** Title of a post/story where the channel has one (Reddit, HN, RSS). */
    title: z.string().optional(),
    createdAt: Timestamp,
    fetchedAt: Timestamp,
    /** Root of the conversation (tweet conversation_id, reddit link id, HN story id). */
    threadId: z.string().optional(),
    /** What this mention replies to, as a mention id (`source:nativeId`). */
    parentId: z.string().optional(),
    /** Set when the mention is a repost/retweet of another mention id. */
    repostOf: z.string().optional(),
    engagement: Engagement.default({}),
    /** Language as the channel reported it (BCP-47 or ISO 639-1), if it did. */
    langHint: z.string().optional(),
    /** The configured brand id this mention was found for. */
    brand: z.string().min(1),
    /** The query (or feed/webhook name) that matched it. */
    query: z.string().default(''),
  })
  .refine((m) => m.id === `${m.source}:${m.nativeId}`, {
    message: 'id must be `source:nativeId`',
    path: ['id'],
  });
export type RawMention = z.infer<typeof RawMention>;
/** What a producer hands in: defaults (schemaVersion, engagement, query) may be omitted. */
export type RawMentionInput = z.input<typeof RawMention>;

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive', 'unscored'] as const;
export const SentimentLabel = z.enum(SENTIMENT_LABELS);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

/**
 * Failure demand: demand caused by a failure to do something, or do it right, the first time
 * (John Seddon's term). Everything else is value demand.
 */
export const FAILURE_CATEGORIES = [
  'chasing_progress', // "still waiting for my refund", "any update on my order?"
  'repeat_contact', // "third time I've called", "I've emailed twice"
  'not_fixed', // "still broken", "crashed again", "the fix didn't work"
  'wrong_information', // "you told me X, now Y", "the website says… but"
  'cancellation_refund', // "can't cancel", "charged after cancelling", "refund refused"
  'service_failure', // "flight cancelled", "parcel lost", "outage": the service itself failed
] as const;
export const FailureCategory = z.enum(FAILURE_CATEGORIES);
export type FailureCategory = z.infer<typeof FailureCategory>;

export const INTENTS = ['complaint', 'question', 'praise', 'idea', 'other'] as const;
export const Intent = z.enum(INTENTS);
export type Intent = z.infer<typeof Intent>;

export const ENRICHED_SCHEMA_VERSION = 1;

export const Classification = z.object({
  /** ISO 639-1 code, or `und` when undetermined. */
  language: z.string().min(2),
  languageConfidence: z.number().min(0).max(1),
  /** Id of the earlier mention this one repeats (retweet, copy-paste), or null for an original voice. */
  duplicateOf: z.string().nullable(),
  sentiment: z.object({
    /** -1 (very negative) … +1 (very positive); 0 when unscored. */
    score: z.number().min(-1).max(1),
    label: SentimentLabel,
  }),
  /** Taxonomy topic ids from config. */
  topics: z.array(z.string()),
  failureDemand: z.boolean(),
  failureCategory: FailureCategory.nullable(),
  intent: Intent,
  keyPhrases: z.array(z.string()),
});
export type Classification = z.infer<typeof Classification>;

export const EnrichedMention = z.object({
  schemaVersion: z.literal(ENRICHED_SCHEMA_VERSION).default(ENRICHED_SCHEMA_VERSION),
  raw: RawMention,
  ...Classification.shape,
  /** Version of the classifiers that produced this record; the store keeps the highest. */
  processingVersion: z.number().int().positive(),
  processedAt: Timestamp,
});
export type EnrichedMention = z.infer<typeof EnrichedMention>;

/** Builds the canonical mention id. */
export function mentionId(source: Source, nativeId: string): string {
  return `${source}:${nativeId}`;
}
