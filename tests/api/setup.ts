// An API over the REAL embedded store, filled with demo mentions plus a few hand-made records.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApi, type ApiOptions } from '../../api/index.js';
import type { StoreConfig } from '../../config/index.js';
import type { EnrichedMention } from '../../messages/index.js';
import { openStore, type Store } from '../../store/index.js';
import { enriched } from '../store/fixtures.js';
import { demoMentions } from './demo-data.js';

export const TOKEN = 'test-token-0123456789abcdef';
export const OTHER_TOKEN = 'other-token-0123456789abcdef';
/** The data ends here, and the API's clock is pinned to it. */
export const UNTIL = new Date('2026-03-10T00:00:00Z');
export const AUTH = { authorization: `Bearer ${TOKEN}` };

/** Text that CSV must quote: a quote, a comma, a line break, and a formula start. */
export const TRICKY_TEXT = '=HYPERLINK("x") said "hi", then\nleft; Acme';

export interface TestApi {
  app: FastifyInstance;
  store: Store;
  data: EnrichedMention[];
  close(): Promise<void>;
}

const WRITER = { batchSize: 1000, flushInterval: 1000, maxRetryDelay: 1000 };

/** The store the API tests run on: embedded by default; a ClickHouse server database when `serverUrl` is given. */
export function testStoreConfig(serverUrl?: string): StoreConfig {
  if (serverUrl) return { kind: 'clickhouse', url: serverUrl, database: 'earshot_api_test', usernameEnv: 'CLICKHOUSE_USER', passwordEnv: 'CLICKHOUSE_PASSWORD', writer: WRITER } as StoreConfig;
  return { kind: 'embedded', path: mkdtempSync(join(tmpdir(), 'earshot-api-')), writer: WRITER } as StoreConfig;
}

export async function openTestApi(options: Partial<ApiOptions> = {}, storeConfig: StoreConfig = testStoreConfig()): Promise<TestApi> {
  // Re-running on a server database is harmless: every insert is idempotent on its id.
  const store = await openStore(storeConfig);
  await store.migrate();
  const data = [
    ...demoMentions({ until: UNTIL, hours: 48, count: 2_000, spikeHours: 3 }),
    enriched({ nativeId: 'tricky', createdAt: '2026-03-09T12:00:00Z', text: TRICKY_TEXT, classification: { topics: ['support'], intent: 'question' } }),
    // A new word in the last two hours: the rising-terms signal.
    ...Array.from({ length: 25 }, (_, i) =>
      enriched({
        source: 'mastodon',
        nativeId: `outage-${i}`,
        createdAt: new Date(UNTIL.getTime() - (i + 1) * 240_000).toISOString(),
        text: `Acme outage, nothing loads (${i})`,
        classification: { topics: ['app'], intent: 'complaint', sentiment: { score: -0.6, label: 'negative' }, keyPhrases: ['outage'] },
      }),
    ),
  ];
  await store.insertMentions(data);
  await store.saveAlert({
    id: 'a1', rule: 'negative-spike', brand: 'acme', topic: 'billing', status: 'open', startedAt: new Date('2026-03-09T22:00:00Z'), endedAt: null,
    observed: 80, expected: 12, score: 6.1, payload: { terms: ['refund'] }, delivery: { slack: { state: 'sent', attempts: 1 } },
  });
  await store.saveAlert({
    id: 'a2', rule: 'negative-spike', brand: 'globex', topic: '', status: 'resolved', startedAt: new Date('2026-03-08T10:00:00Z'), endedAt: new Date('2026-03-08T12:00:00Z'),
    observed: 30, expected: 10, score: 3.2, payload: null, delivery: {},
  });
  await store.saveDigest({
    id: 'd1', digest: 'daily', brand: 'acme', periodStart: new Date('2026-03-08T00:00:00Z'), periodEnd: new Date('2026-03-09T00:00:00Z'),
    createdAt: new Date('2026-03-09T06:00:00Z'), markdown: '# Acme daily', html: '<h1>Acme daily</h1>', delivery: {},
  });
  const app = await buildApi({
    store,
    tokens: [TOKEN, OTHER_TOKEN],
    now: () => UNTIL,
    config: {
      brands: [
        { id: 'acme', name: 'Acme Corp', aliases: [], queries: [], exclude: [] },
        { id: 'globex', name: 'Globex', aliases: [], queries: [], exclude: [] },
        { id: 'initech', name: 'Initech', aliases: [], queries: [], exclude: [] },
      ],
      taxonomy: { topics: [{ id: 'billing', label: 'Billing', phrases: ['bill'], exclude: [] }] },
    },
    ...options,
  });
  return {
    app,
    store,
    data,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** The oracle: the same question answered over the fixture array in plain JS. */
export function inRange(data: EnrichedMention[], since: Date, until: Date): EnrichedMention[] {
  return data.filter((m) => {
    const t = Date.parse(m.raw.createdAt);
    return t >= since.getTime() && t < until.getTime();
  });
}

export const hoursBefore = (h: number) => new Date(UNTIL.getTime() - h * 3_600_000);
