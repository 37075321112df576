// Generated mentions for parity tests and the store benchmark: deterministic (seeded), shaped
// like real traffic (a few brands, skewed topics, echoes of earlier mentions, reprocessing).
// Built as plain objects, not through zod: the benchmark makes a million of them.
import { FAILURE_CATEGORIES, INTENTS, SOURCES, type EnrichedMention, type SentimentLabel } from '../../messages/index.js';
import { prng as random } from '../support/prng.js';

export { prng as random } from '../support/prng.js';

export const BRANDS = ['acme', 'globex', 'initech', 'umbrella', 'hooli'];
const TOPICS = ['billing', 'refunds', 'app', 'delivery', 'support', 'pricing', 'login', 'outage', 'returns', 'quality', 'staff', 'website'];
const TERMS = Array.from({ length: 60 }, (_, i) => `term ${i}`);
const WORDS = ['refund', 'waiting', 'great', 'app', 'crash', 'love', 'slow', 'order', 'still', 'why', 'thanks', 'broken', 'again', 'idea', 'please'];

export interface GenerateOptions {
  seed: number;
  count: number;
  /** First mention's index (ids are `x:g<index>`), so chunks of one data set do not collide. */
  offset?: number;
  since: Date;
  days: number;
  /** Share of mentions that are echoes of an earlier one. */
  echoShare?: number;
}

export function generateMentions(o: GenerateOptions): EnrichedMention[] {
  const rnd = random(o.seed + (o.offset ?? 0));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() ** 1.6 * xs.length)]!; // skewed to the front
  const span = o.days * 86_400_000;
  const out: EnrichedMention[] = [];
  for (let k = 0; k < o.count; k++) {
    const i = (o.offset ?? 0) + k;
    const source = SOURCES[i % SOURCES.length]!;
    const createdAt = new Date(o.since.getTime() + Math.floor(rnd() * span / 1000) * 1000).toISOString();
    const r = rnd();
    const label: SentimentLabel = r < 0.3 ? 'negative' : r < 0.7 ? 'neutral' : r < 0.95 ? 'positive' : 'unscored';
    const score = label === 'negative' ? -0.1 - rnd() * 0.9 : label === 'positive' ? 0.1 + rnd() * 0.9 : 0;
    const failureDemand = label === 'negative' && rnd() < 0.6;
    const topics = [...new Set(Array.from({ length: Math.floor(rnd() * 3) }, () => pick(TOPICS)))];
    const keyPhrases = [...new Set(Array.from({ length: Math.floor(rnd() * 4) }, () => pick(TERMS)))];
    const echo = i > 10 && rnd() < (o.echoShare ?? 0.1);
    out.push({
      schemaVersion: 1,
      raw: {
        schemaVersion: 1,
        id: `${source}:g${i}`,
        source,
        nativeId: `g${i}`,
        url: `https://example.com/${source}/${i}`,
        author: { id: `a${i % 9973}`, handle: `user${i % 9973}`, followers: (i * 7919) % 100_000 },
        text: Array.from({ length: 6 + Math.floor(rnd() * 20) }, () => pick(WORDS)).join(' '),
        createdAt,
        fetchedAt: createdAt,
        engagement: { likes: Math.floor(rnd() * 50), reposts: Math.floor(rnd() * 10), replies: Math.floor(rnd() * 5) },
        brand: pick(BRANDS),
        query: 'q',
      },
      language: rnd() < 0.9 ? 'en' : 'de',
      languageConfidence: 0.9,
      duplicateOf: echo ? `${SOURCES[(i - 7) % SOURCES.length]}:g${i - 7}` : null,
      sentiment: { score, label },
      topics,
      failureDemand,
      failureCategory: failureDemand ? pick(FAILURE_CATEGORIES) : null,
      intent: failureDemand ? 'complaint' : pick(INTENTS),
      keyPhrases,
      processingVersion: 1,
      processedAt: createdAt,
    });
  }
  return out;
}

/** The same mentions, reclassified by a newer processing version (labels flipped). */
export function reprocess(mentions: readonly EnrichedMention[], processingVersion = 2): EnrichedMention[] {
  return mentions.map((m) => ({
    ...m,
    sentiment: m.sentiment.label === 'negative' ? { score: 0.4, label: 'positive' as const } : { score: -0.4, label: 'negative' as const },
    topics: [...m.topics, 'reprocessed'],
    failureDemand: !m.failureDemand,
    failureCategory: m.failureDemand ? null : 'not_fixed',
    processingVersion,
  }));
}
