// Varied, deterministic mentions for API tests, the dashboard browser test and the API benchmark.
// Built as plain EnrichedMention objects (no schema parse), so a million of them take seconds.
import type { EnrichedMention, FailureCategory, Intent, SentimentLabel, Source } from '../../messages/index.js';
import { prng } from '../support/prng.js';

export const DEMO_BRANDS = ['acme', 'globex'] as const;
export const DEMO_TOPICS = ['billing', 'delivery', 'app', 'support', 'pricing'] as const;
const SOURCES_USED: Source[] = ['x', 'reddit', 'hackernews', 'mastodon', 'bluesky'];
const LANGUAGES = ['en', 'en', 'en', 'de', 'fr'];

export { prng } from '../support/prng.js';

const TEXTS: Record<Intent, string[]> = {
  complaint: ['still waiting for my refund from {b}', '{b} app crashed again after the update', 'third time I contact {b} support about this', 'charged twice by {b}, not happy', 'parcel lost, {b} delivery is a mess'],
  question: ['does {b} ship to Norway?', 'how do I change my {b} plan?', 'any update on my {b} order?', 'is the {b} app down for anyone else?'],
  praise: ['love the new {b} app design', '{b} support sorted it in five minutes, great', 'fast delivery from {b} today', 'the {b} pricing change is fair'],
  idea: ['{b} should add dark mode to the app', 'I wish {b} had a family plan', 'please let us pay {b} with invoices', '{b} could offer a student discount'],
  other: ['saw a {b} ad on the train', '{b} is trending again', 'reading about {b} results'],
};

const FAILURE_BY_TOPIC: Record<string, FailureCategory> = {
  billing: 'cancellation_refund',
  delivery: 'chasing_progress',
  app: 'not_fixed',
  support: 'repeat_contact',
  pricing: 'wrong_information',
};

export interface DemoOptions {
  /** End of the data (exclusive); mentions fall in [until − hours, until). */
  until: Date;
  hours?: number;
  count: number;
  seed?: number;
  /** First native id number, so several calls do not collide. */
  startId?: number;
  /** Adds a negative billing surge for acme in the last `spikeHours` hours. */
  spikeHours?: number;
}

export function demoMentions(o: DemoOptions): EnrichedMention[] {
  const rand = prng(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const hours = o.hours ?? 24;
  const end = o.until.getTime();
  const span = hours * 3_600_000;
  const out: EnrichedMention[] = [];
  // Echoes repeat an earlier mention of the same brand.
  const originals: Record<string, string[]> = { acme: [], globex: [] };
  const spikeFrom = o.spikeHours ? end - o.spikeHours * 3_600_000 : Infinity;
  for (let i = 0; i < o.count; i++) {
    const n = (o.startId ?? 0) + i;
    const brand = rand() < 0.6 ? DEMO_BRANDS[0] : DEMO_BRANDS[1];
    // Daily rhythm: more mentions in the afternoon.
    let t = end - Math.floor(rand() * span);
    if (rand() < 0.3) t = end - Math.floor(rand() * rand() * span);
    const createdAt = new Date(Math.floor(t / 1000) * 1000);
    const spiking = brand === 'acme' && createdAt.getTime() >= spikeFrom && rand() < 0.6;
    const intent: Intent = spiking ? 'complaint' : pick(['complaint', 'complaint', 'question', 'praise', 'idea', 'other'] as const);
    const topicCount = rand() < 0.2 ? 0 : rand() < 0.8 ? 1 : 2;
    const topics = spiking ? ['billing'] : [...new Set(Array.from({ length: topicCount }, () => pick(DEMO_TOPICS)))];
    const failure = intent === 'complaint' && topics.length > 0 && rand() < 0.7;
    const label: SentimentLabel = intent === 'complaint' ? (rand() < 0.85 ? 'negative' : 'neutral') : intent === 'praise' ? 'positive' : rand() < 0.05 ? 'unscored' : rand() < 0.7 ? 'neutral' : pick(['positive', 'negative'] as const);
    const score = label === 'negative' ? -0.2 - rand() * 0.8 : label === 'positive' ? 0.2 + rand() * 0.8 : label === 'neutral' ? rand() * 0.2 - 0.1 : 0;
    const source = pick(SOURCES_USED);
    const nativeId = `d${n}`;
    const id = `${source}:${nativeId}`;
    const earlier = originals[brand]!;
    const echo = earlier.length > 0 && rand() < 0.1 ? pick(earlier) : null;
    if (!echo && earlier.length < 5_000) earlier.push(id);
    const text = pick(TEXTS[intent]).replace('{b}', brand === 'acme' ? 'Acme' : 'Globex');
    const iso = createdAt.toISOString();
    out.push({
      schemaVersion: 1,
      raw: {
        schemaVersion: 1,
        id,
        source,
        nativeId,
        url: `https://example.com/${source}/${nativeId}`,
        author: { id: `a${n % 997}`, handle: `user${n % 997}`, followers: (n * 37) % 5000 },
        text,
        createdAt: iso,
        fetchedAt: iso,
        engagement: { likes: Math.floor(rand() * 50), reposts: Math.floor(rand() * 10), replies: Math.floor(rand() * 5) },
        brand,
        query: brand,
      },
      language: pick(LANGUAGES),
      languageConfidence: 0.9,
      duplicateOf: echo,
      sentiment: { score: Math.round(score * 1000) / 1000, label },
      topics,
      failureDemand: failure,
      failureCategory: failure ? FAILURE_BY_TOPIC[topics[0]!]! : null,
      intent,
      keyPhrases: text
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => w.length > 4)
        .slice(0, 3),
      processingVersion: 1,
      processedAt: iso,
    });
  }
  return out;
}
