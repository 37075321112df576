// `npm run bench -- api [--mentions=N] [--runs=N] [--only=embedded|server]`: p50/p95 latency of the main API endpoints over a
// million stored mentions, on the embedded store (and on a ClickHouse server where
// CLICKHOUSE_URL is set, in a database of its own). Each endpoint is also timed as the bare
// store call behind it, in the same process: the ratio is what the HTTP layer (validation,
// auth, serialisation) costs on top of the query.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi } from '../../api/index.js';
import type { StoreConfig } from '../../config/index.js';
import { openStore, type Store } from '../../store/index.js';
import { demoMentions } from '../../tests/api/demo-data.js';
import { percentile, type BenchSuite } from '../suite.js';

const TOKEN = 'bench-token-0123456789abcdef';
const DAY = 86_400_000;

async function fill(store: Store, total: number, until: Date): Promise<number> {
  const chunk = 100_000;
  const started = performance.now();
  for (let i = 0; i < total; i += chunk) {
    const n = Math.min(chunk, total - i);
    // 30 days of data; each chunk its own seed and ids, the last one with a negative surge.
    await store.insertMentions(demoMentions({ until, hours: 30 * 24, count: n, seed: 1_000 + i, startId: i, spikeHours: i + n >= total ? 3 : 0 }));
    process.stdout.write(`\r  inserted ${(i + n).toLocaleString()} / ${total.toLocaleString()}`);
  }
  process.stdout.write('\n');
  return (performance.now() - started) / 1000;
}

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn(); // warm-up: caches, JIT, first-touch of parts
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

async function runOn(label: string, config: StoreConfig, total: number, runs: number): Promise<void> {
  const store = await openStore(config);
  try {
    await store.migrate();
    const until = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const existing = (await store.counts()).mentions;
    if (existing !== total) {
      const seconds = await fill(store, total, until);
      console.log(`  ${label}: stored ${total.toLocaleString()} mentions in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString()}/s)`);
    }
    const app = await buildApi({ store, tokens: [TOKEN], now: () => until });
    const week = { since: new Date(until.getTime() - 7 * DAY), until };
    const month = { since: new Date(until.getTime() - 30 * DAY), until };
    const firstPage = await store.mentions({ range: week, filter: { brand: 'acme' }, limit: 50 });
    const cursor = firstPage.nextCursor ?? '';
    const cases: [string, string, () => Promise<unknown>][] = [
      ['brands', '/v1/brands', () => store.brands()],
      ['summary 7d acme', '/v1/summary?brand=acme', () => store.summary({ range: week, filter: { brand: 'acme' } })],
      ['series 7d 1h acme', '/v1/series?brand=acme&interval=1h', () => store.volumeSeries({ range: week, filter: { brand: 'acme' }, intervalSeconds: 3600 })],
      ['series 30d 1d topic', '/v1/series?since=30d&interval=1d&topic=billing', () => store.volumeSeries({ range: month, filter: { topic: 'billing' }, intervalSeconds: 86_400, timeZone: 'UTC' })],
      ['topics 7d', '/v1/topics?brand=acme', () => store.topTopics({ range: week, filter: { brand: 'acme' }, limit: 20 })],
      ['rising topics 24h', '/v1/topics/rising?brand=acme&since=24h', async () => {
        const day = { since: new Date(until.getTime() - DAY), until };
        const before = { since: new Date(until.getTime() - 2 * DAY), until: day.since };
        const f = { brand: 'acme' };
        await Promise.all([
          store.topTopics({ range: day, filter: f, limit: 500 }),
          store.topTopics({ range: before, filter: f, limit: 500 }),
          store.summary({ range: day, filter: f }),
          store.summary({ range: before, filter: f }),
          store.termCounts({ range: day, filter: f, limit: 300 }),
          store.termCounts({ range: before, filter: f, limit: 2_000 }),
        ]);
      }],
      ['failure demand 7d', '/v1/failure-demand?brand=acme', () => store.failureDemand({ range: week, filter: { brand: 'acme' } })],
      ['ideas 7d', '/v1/ideas?brand=acme', () => store.topIdeas({ range: week, filter: { brand: 'acme' }, limit: 20 })],
      ['mentions page 1', '/v1/mentions?brand=acme', () => store.mentions({ range: week, filter: { brand: 'acme' }, limit: 50 })],
      ['mentions page 2', `/v1/mentions?brand=acme&cursor=${cursor}`, () => store.mentions({ range: week, filter: { brand: 'acme' }, limit: 50, cursor })],
      ['mentions text search 30d', '/v1/mentions?since=30d&q=refund', () => store.mentions({ range: month, filter: { text: 'refund' }, limit: 50 })],
      ['mentions JSON 1000', '/v1/mentions?brand=acme&limit=1000', () => store.mentions({ range: week, filter: { brand: 'acme' }, limit: 1000 })],
      ['mentions CSV 1000', '/v1/mentions?brand=acme&limit=1000&format=csv', () => store.mentions({ range: week, filter: { brand: 'acme' }, limit: 1000 })],
    ];
    console.log(`\n  ${label}, ${total.toLocaleString()} mentions, ${runs} runs each (ms)\n`);
    console.log('  | endpoint | API p50 | API p95 | store p50 | API ÷ store (p50) |');
    console.log('  | --- | ---: | ---: | ---: | ---: |');
    for (const [name, url, direct] of cases) {
      const api = await timeIt(async () => {
        const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      }, runs);
      const bare = await timeIt(direct, runs);
      const p50 = percentile(api, 50);
      console.log(`  | ${name} | ${p50.toFixed(1)} | ${percentile(api, 95).toFixed(1)} | ${percentile(bare, 50).toFixed(1)} | ${(p50 / percentile(bare, 50)).toFixed(2)} |`);
    }
    const sql = await timeIt(async () => {
      const r = await app.inject({ method: 'POST', url: '/v1/sql', headers: { authorization: `Bearer ${TOKEN}` }, payload: { sql: `SELECT brand, count() AS n FROM ${store.table('mentions')} FINAL GROUP BY brand` } });
      if (r.statusCode !== 200) throw new Error(`/v1/sql: ${r.statusCode} ${r.body.slice(0, 200)}`);
    }, runs);
    console.log(`  | POST /v1/sql (count by brand, FINAL) | ${percentile(sql, 50).toFixed(1)} | ${percentile(sql, 95).toFixed(1)} | – | – |`);
    await app.close();
  } finally {
    await store.close();
  }
}

export const suite: BenchSuite = {
  name: 'api',
  title: 'API endpoint latency (p50/p95) over a million stored mentions',
  async run(args) {
    const total = Number(args.find((a) => a.startsWith('--mentions='))?.split('=')[1] ?? 1_000_000);
    const runs = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 20);
    const only = args.find((a) => a.startsWith('--only='))?.split('=')[1]; // embedded | server
    if (only !== 'server') {
      const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-api-'));
      try {
        await runOn('embedded (chdb)', { kind: 'embedded', path: dir, writer: { batchSize: 1000, flushInterval: 1000, maxRetryDelay: 1000 } } as StoreConfig, total, runs);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    if (only === 'embedded') return;
    const url = process.env.CLICKHOUSE_URL;
    if (!url) {
      console.log('\n  ClickHouse server: skipped (set CLICKHOUSE_URL to run the same endpoints on a server store)');
      return;
    }
    // A database of its own: the bench never touches earshot's data. Kept between runs, so a
    // second run skips the million inserts when the count matches.
    await runOn(`ClickHouse server at ${url}`, { kind: 'clickhouse', url, database: 'earshot_bench_api' } as StoreConfig, total, runs);
  },
};
