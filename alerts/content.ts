// What an alert says: the numbers, what people are saying (emerging terms, topics, failure
// demand), three representative voices, and a ready query to dig in.
import type { MentionFilter, Store, StoredMention, TimeRange } from '../store/index.js';
import { emergingTerms, type EmergingTerm } from './terms.js';

export interface AlertExample {
  id: string;
  url: string;
  author: string;
  followers: number | null;
  reach: number;
  text: string;
  createdAt: string;
}

export interface AlertContent {
  brand: string;
  topic: string | null;
  rule: string;
  metric: 'negative_count' | 'negative_share';
  window: { since: string; until: string };
  observed: number;
  expected: number;
  score: number;
  terms: EmergingTerm[];
  topics: { topic: string; mentions: number; negative: number }[];
  failureDemand: { share: number; categories: { category: string; mentions: number }[] };
  examples: AlertExample[];
  query: { cli: string; sql: string };
}

/** Reach of a mention: its author's audience plus the engagement it drew. */
export const reach = (m: StoredMention) => (m.authorFollowers ?? 0) + m.likes + 2 * m.reposts + m.replies;

export interface ContentInput {
  store: Store;
  rule: string;
  metric: AlertContent['metric'];
  brand: string;
  topic: string | null;
  window: TimeRange;
  observed: number;
  expected: number;
  score: number;
  /** Baseline window for emerging terms (default: the day before the spike). */
  baseline?: TimeRange;
}

export async function buildAlertContent(i: ContentInput): Promise<AlertContent> {
  const { store, window } = i;
  const negative: MentionFilter = { brand: i.brand, sentiment: 'negative', ...(i.topic ? { topic: i.topic } : {}) };
  const baseline = i.baseline ?? { since: new Date(window.since.getTime() - 86_400_000), until: window.since };
  const [inWindow, inBaseline, topics, fd, page] = await Promise.all([
    store.termCounts({ range: window, filter: negative, limit: 300 }),
    store.termCounts({ range: baseline, filter: negative, limit: 2000 }),
    store.topTopics({ range: window, filter: negative, limit: 5 }),
    store.failureDemand({ range: window, filter: negative }),
    store.mentions({ range: window, filter: { ...negative, originalsOnly: true }, limit: 200 }),
  ]);
  const examples = [...page.rows]
    .sort((a, b) => reach(b) - reach(a) || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((m) => ({ id: m.id, url: m.url, author: m.authorHandle, followers: m.authorFollowers, reach: reach(m), text: m.text, createdAt: m.createdAt.toISOString() }));
  const since = window.since.toISOString();
  const until = window.until.toISOString();
  const topicArg = i.topic ? ` --topic ${i.topic}` : '';
  const topicSql = i.topic ? ` AND has(topics, '${i.topic.replace(/'/g, "\\'")}')` : '';
  return {
    brand: i.brand,
    topic: i.topic,
    rule: i.rule,
    metric: i.metric,
    window: { since, until },
    observed: i.observed,
    expected: i.expected,
    score: i.score,
    terms: emergingTerms(inWindow.terms, inWindow.total, inBaseline.terms, inBaseline.total),
    topics: topics.map((t) => ({ topic: t.topic, mentions: t.mentions, negative: t.negative })),
    failureDemand: { share: fd.share, categories: fd.byCategory.slice(0, 4).map((c) => ({ category: c.category, mentions: c.mentions })) },
    examples,
    query: {
      cli: `earshot query mentions --brand ${i.brand}${topicArg} --sentiment negative --since ${since} --until ${until}`,
      sql: `SELECT created_at, author_handle, url, text FROM ${store.table('mentions')} FINAL WHERE brand = '${i.brand.replace(/'/g, "\\'")}' AND sentiment_label = 'negative'${topicSql} AND created_at >= toDateTime('${since.slice(0, 19).replace('T', ' ')}', 'UTC') AND created_at < toDateTime('${until.slice(0, 19).replace('T', ' ')}', 'UTC') ORDER BY created_at`,
    },
  };
}
