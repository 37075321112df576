// `earshot query NAME`: the analyst queries from the terminal, as a table or JSON.
import type { Command } from 'commander';
import { formatTable, percent, type Cell } from '../format.js';
import { readConfig } from '../runtime.js';
import { parseTime } from '../time.js';
import { parseDuration } from '../../config/index.js';
import { FAILURE_CATEGORIES, INTENTS, SENTIMENT_LABELS, type FailureCategory, type Intent, type SentimentLabel } from '../../messages/index.js';
import type { MentionFilter, Store, TimeRange } from '../../store/index.js';

const QUERIES = ['summary', 'volume', 'topics', 'failure-demand', 'ideas', 'mentions', 'dead-letters', 'alerts'] as const;
type QueryName = (typeof QUERIES)[number];

interface QueryOptions {
  brand?: string;
  since: string;
  until: string;
  interval: string;
  tz: string;
  limit: string;
  cursor?: string;
  source?: string;
  language?: string;
  topic?: string;
  category?: string;
  intent?: string;
  sentiment?: string;
  text?: string;
  originals?: boolean;
  json?: boolean;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], label: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${label} must be one of ${allowed.join(', ')}; got '${value}'`);
  return value as T;
}

export function filterFromOptions(o: QueryOptions): MentionFilter {
  const f: MentionFilter = {};
  if (o.brand) f.brand = o.brand;
  if (o.source) f.source = o.source;
  if (o.language) f.language = o.language;
  if (o.topic) f.topic = o.topic;
  const category = oneOf<FailureCategory>(o.category, FAILURE_CATEGORIES, '--category');
  if (category) f.failureCategory = category;
  const intent = oneOf<Intent>(o.intent, INTENTS, '--intent');
  if (intent) f.intent = intent;
  const sentiment = oneOf<SentimentLabel>(o.sentiment, SENTIMENT_LABELS, '--sentiment');
  if (sentiment) f.sentiment = sentiment;
  if (o.text) f.text = o.text;
  if (o.originals) f.originalsOnly = true;
  return f;
}

type Rows = Record<string, Cell>[];

async function runQuery(store: Store, name: QueryName, o: QueryOptions, range: TimeRange): Promise<{ rows: Rows; json: unknown; footer?: string }> {
  const filter = filterFromOptions(o);
  const limit = Number.parseInt(o.limit, 10);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit must be a positive whole number; got '${o.limit}'`);
  switch (name) {
    case 'summary': {
      const s = await store.summary({ range, filter });
      const fd = await store.failureDemand({ range, filter });
      const rows: Rows = [
        { measure: 'mentions', value: s.mentions },
        { measure: 'voices (originals)', value: s.voices },
        { measure: 'negative', value: `${s.negative} (${percent(s.negative, s.mentions)})` },
        { measure: 'neutral', value: `${s.neutral} (${percent(s.neutral, s.mentions)})` },
        { measure: 'positive', value: `${s.positive} (${percent(s.positive, s.mentions)})` },
        { measure: 'unscored (other languages)', value: s.unscored },
        { measure: 'mean sentiment', value: s.meanSentiment },
        { measure: 'failure demand share', value: `${percent(fd.failureDemand, fd.demand)} of ${fd.demand} contacts` },
      ];
      return { rows, json: { ...s, failureDemand: fd } };
    }
    case 'volume': {
      const intervalSeconds = parseDuration(o.interval) / 1000;
      const points = await store.volumeSeries({ range, filter, intervalSeconds, timeZone: o.tz });
      return { rows: points.map((p) => ({ bucket: p.bucket, mentions: p.mentions, voices: p.voices, negative: p.negative, positive: p.positive, 'neg share': percent(p.negative, p.mentions), 'failure demand': p.failureDemand })), json: points };
    }
    case 'topics': {
      const topics = await store.topTopics({ range, filter, limit });
      return { rows: topics.map((t) => ({ topic: t.topic, mentions: t.mentions, negative: t.negative, 'failure demand': t.failureDemand })), json: topics };
    }
    case 'failure-demand': {
      const fd = await store.failureDemand({ range, filter });
      return {
        rows: fd.byCategory.map((c) => ({ category: c.category, mentions: c.mentions, share: percent(c.mentions, fd.failureDemand) })),
        json: fd,
        footer: `failure demand: ${fd.failureDemand} of ${fd.demand} contacts (${percent(fd.failureDemand, fd.demand)})`,
      };
    }
    case 'ideas': {
      const ideas = await store.topIdeas({ range, filter, limit });
      return { rows: ideas.map((i) => ({ echoes: i.echoes, brand: i.brand, source: i.source, text: i.text, url: i.url })), json: ideas };
    }
    case 'mentions': {
      const page = await store.mentions({ range, filter, limit, ...(o.cursor ? { cursor: o.cursor } : {}) });
      return {
        rows: page.rows.map((m) => ({ created: m.createdAt, source: m.source, sentiment: m.sentimentLabel, intent: m.intent, failure: m.failureCategory ?? '', text: m.text })),
        json: page,
        ...(page.nextCursor ? { footer: `next page: --cursor ${page.nextCursor}` } : {}),
      };
    }
    case 'dead-letters': {
      const letters = await store.deadLetters({ limit, since: range.since });
      return { rows: letters.map((l) => ({ at: l.at, stage: l.stage, reason: l.reason, payload: l.payload })), json: letters };
    }
    case 'alerts': {
      const alerts = await store.alerts({ range, limit, ...(o.brand ? { brand: o.brand } : {}) });
      return {
        rows: alerts.map((a) => ({ started: a.startedAt, brand: a.brand, rule: a.rule, status: a.status, observed: a.observed, expected: a.expected, score: a.score })),
        json: alerts,
      };
    }
  }
}

export function register(program: Command): void {
  program
    .command('query')
    .description(`run an analyst query: ${QUERIES.join(', ')}`)
    .argument('<name>', `one of ${QUERIES.join(', ')}`)
    .option('--brand <id>', 'only this brand')
    .option('--since <time>', 'start: ISO time, date, or a duration ago (24h, 7d)', '24h')
    .option('--until <time>', 'end (exclusive): ISO time, date, duration ago, or now', 'now')
    .option('--interval <duration>', 'bucket width for volume (5m, 1h, 1d)', '1h')
    .option('--tz <zone>', 'time zone for day buckets', 'UTC')
    .option('--limit <n>', 'rows to return', '20')
    .option('--cursor <cursor>', 'mentions: the next-page cursor printed by the previous page')
    .option('--source <source>', 'filter: source (x, reddit, …)')
    .option('--language <code>', 'filter: language (en, es, …)')
    .option('--topic <id>', 'filter: taxonomy topic id')
    .option('--category <name>', `filter: failure category (${FAILURE_CATEGORIES.join(', ')})`)
    .option('--intent <name>', `filter: intent (${INTENTS.join(', ')})`)
    .option('--sentiment <label>', `filter: sentiment (${SENTIMENT_LABELS.join(', ')})`)
    .option('--text <words>', 'filter: text contains (case-insensitive)')
    .option('--originals', 'filter: original voices only (no echoes)')
    .option('--json', 'print JSON instead of a table')
    .action(async (name: string, o: QueryOptions, command: Command) => {
      const query = oneOf<QueryName>(name, QUERIES, 'the query NAME')!;
      const { config } = readConfig(command);
      const range = { since: parseTime(o.since), until: parseTime(o.until) };
      if (range.since >= range.until) throw new Error(`--since (${range.since.toISOString()}) must be before --until (${range.until.toISOString()})`);
      const { openStore } = await import('../../store/index.js');
      const store = await openStore(config.store);
      try {
        await store.migrate();
        const result = await runQuery(store, query, o, range);
        if (o.json) console.log(JSON.stringify(result.json, null, 2));
        else {
          console.log(formatTable(result.rows));
          if (result.footer) console.log(result.footer);
        }
      } finally {
        await store.close();
      }
    });
}
