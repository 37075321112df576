// A digest's content for one brand and period, with the previous period for comparison.
import type { AlertRecord, FailureDemandSummary, SentimentCounts, Store, StoredMention } from '../store/index.js';

export interface DigestInput {
  brand: string;
  periodStart: Date;
  periodEnd: Date;
  timeZone?: string;
  /** The period's alerts; default: read from the store. */
  alerts?: AlertRecord[];
  /** Shown in the title (default: the brand id). */
  brandName?: string;
}

export interface DigestTopic {
  topic: string;
  mentions: number;
  negative: number;
  failureDemand: number;
  previous: number;
  /** Relative change against the previous period (Infinity when new). */
  change: number;
}

export interface DigestMention {
  id: string;
  url: string;
  author: string;
  text: string;
  sentiment: string;
  createdAt: string;
  reach: number;
  echoes?: number;
  category?: string | null;
}

export interface DigestAlert {
  id: string;
  rule: string;
  topic: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
  observed: number;
  expected: number;
  score: number;
  terms: string[];
}

export interface DigestSeriesPoint {
  bucket: string;
  negative: number;
  neutral: number;
  positive: number;
  meanSentiment: number;
  /** Failure demand among original voices in the bucket (0..1), null with no voices. */
  failureShare: number | null;
}

export interface Digest {
  brand: string;
  brandName: string;
  periodStart: string;
  periodEnd: string;
  timeZone: string;
  intervalSeconds: number;
  current: SentimentCounts;
  previous: SentimentCounts;
  series: DigestSeriesPoint[];
  topics: DigestTopic[];
  risingTopics: DigestTopic[];
  failureDemand: { current: FailureDemandSummary; previousShare: number; examples: DigestMention[] };
  ideas: DigestMention[];
  alerts: DigestAlert[];
  mentions: DigestMention[];
}

const reach = (m: StoredMention) => (m.authorFollowers ?? 0) + m.likes + 2 * m.reposts + m.replies;
const mention = (m: StoredMention, extra: Partial<DigestMention> = {}): DigestMention => ({
  id: m.id,
  url: m.url,
  author: m.authorHandle,
  text: m.text,
  sentiment: m.sentimentLabel,
  createdAt: m.createdAt.toISOString(),
  reach: reach(m),
  ...extra,
});

const change = (now: number, before: number) => (before === 0 ? (now === 0 ? 0 : Infinity) : (now - before) / before);

export async function buildDigest(store: Store, i: DigestInput): Promise<Digest> {
  const range = { since: i.periodStart, until: i.periodEnd };
  const length = i.periodEnd.getTime() - i.periodStart.getTime();
  if (!(length > 0)) throw new RangeError(`digest period must end after it starts: ${i.periodStart.toISOString()} → ${i.periodEnd.toISOString()}`);
  const previousRange = { since: new Date(i.periodStart.getTime() - length), until: i.periodStart };
  const brand = { brand: i.brand };
  const timeZone = i.timeZone ?? 'UTC';
  // Hourly points up to two days, daily (local midnights) beyond.
  const intervalSeconds = length <= 2 * 86_400_000 ? 3600 : 86_400;
  const [current, previous, series, originals, topics, prevTopics, fd, prevFd, ideas, negatives] = await Promise.all([
    store.summary({ range, filter: brand }),
    store.summary({ range: previousRange, filter: brand }),
    store.volumeSeries({ range, filter: brand, intervalSeconds, timeZone }),
    store.volumeSeries({ range, filter: { ...brand, originalsOnly: true }, intervalSeconds, timeZone }),
    store.topTopics({ range, filter: brand, limit: 10 }),
    store.topTopics({ range: previousRange, filter: brand, limit: 50 }),
    store.failureDemand({ range, filter: brand }),
    store.failureDemand({ range: previousRange, filter: brand }),
    store.topIdeas({ range, filter: brand, limit: 5 }),
    store.mentions({ range, filter: { ...brand, sentiment: 'negative', originalsOnly: true }, limit: 500 }),
  ]);
  const prev = new Map(prevTopics.map((t) => [t.topic, t.mentions]));
  const topicRows: DigestTopic[] = topics.map((t) => ({ ...t, previous: prev.get(t.topic) ?? 0, change: change(t.mentions, prev.get(t.topic) ?? 0) }));
  const rising = topicRows.filter((t) => t.mentions >= 3 && t.change > 0.25).sort((a, b) => b.change - a.change || b.mentions - a.mentions).slice(0, 5);
  const fdExamples: DigestMention[] = [];
  for (const c of fd.byCategory.slice(0, 4)) {
    const page = await store.mentions({ range, filter: { ...brand, originalsOnly: true, failureCategory: c.category as never }, limit: 50 });
    const best = [...page.rows].sort((a, b) => reach(b) - reach(a))[0];
    if (best) fdExamples.push(mention(best, { category: c.category }));
  }
  const origByBucket = new Map(originals.map((p) => [p.bucket.getTime(), p]));
  const alerts = i.alerts ?? (await store.alerts({ range, brand: i.brand, limit: 100 }));
  return {
    brand: i.brand,
    brandName: i.brandName ?? i.brand,
    periodStart: i.periodStart.toISOString(),
    periodEnd: i.periodEnd.toISOString(),
    timeZone,
    intervalSeconds,
    current,
    previous,
    series: series.map((p) => {
      const o = origByBucket.get(p.bucket.getTime());
      return {
        bucket: p.bucket.toISOString(),
        negative: p.negative,
        neutral: p.neutral,
        positive: p.positive,
        meanSentiment: p.meanSentiment,
        failureShare: o && o.mentions ? o.failureDemand / o.mentions : null,
      };
    }),
    topics: topicRows,
    risingTopics: rising,
    failureDemand: { current: fd, previousShare: prevFd.share, examples: fdExamples },
    ideas: ideas.map((m) => mention(m, { echoes: m.echoes })),
    alerts: alerts
      .filter((a) => a.brand === i.brand)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
      .map((a) => {
        const p = a.payload as { terms?: { term: string }[] } | null;
        return {
          id: a.id,
          rule: a.rule,
          topic: a.topic,
          status: a.status,
          startedAt: a.startedAt.toISOString(),
          endedAt: a.endedAt?.toISOString() ?? null,
          observed: a.observed,
          expected: a.expected,
          score: a.score,
          terms: (p?.terms ?? []).map((t) => t.term).slice(0, 5),
        };
      }),
    mentions: [...negatives.rows].sort((a, b) => reach(b) - reach(a) || a.id.localeCompare(b.id)).slice(0, 5).map((m) => mention(m)),
  };
}
