// `npm run bench -- store [--rows=1000000] [--batch=50000] [--runs=10] [--only=chdb|server] [--no-rollup] [--no-insert-reference]`:
// batched insert rate (on the server also as JSONEachRow, the earlier way, for reference) and the analyst
// queries' latency over generated mentions, on chdb and (where CLICKHOUSE_URL is set) on the
// server; plus the two ways of reading the newest version of each mention (FINAL vs argMax).
// Ratios are to chdb in the same process; goals: >= 200,000 rows/s into the server, the time
// series over 1M mentions under 200 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChdbEngine } from '../../store/chdb-engine.js';
import { engineVersion } from '../../store/engine.js';
import { ClickHouseStore } from '../../store/clickhouse-store.js';
import { sqlDateTime, sqlString } from '../../store/escape.js';
import { ServerEngine } from '../../store/server-engine.js';
import type { Store } from '../../store/types.js';
import { generateMentions, reprocess } from '../../tests/store/generate.js';
import { percentile, type BenchSuite } from '../suite.js';

const arg = (args: string[], name: string, fallback: number) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
};

const SINCE = new Date('2026-10-01T00:00:00Z');
const DAYS = 30;
const UNTIL = new Date(SINCE.getTime() + DAYS * 86_400_000);

interface Target {
  name: string;
  store: ClickHouseStore;
  cleanup: () => Promise<void>;
  /** Server only: a store in its own database whose engine inserts JSONEachRow, the earlier way (the insert reference). */
  jsonReference?: () => Promise<{ store: ClickHouseStore; cleanup: () => Promise<void> }>;
}

async function timeInserts(store: Store, rows: number, batch: number): Promise<{ rowsPerSecond: number; seconds: number }> {
  let busy = 0;
  for (let offset = 0; offset < rows; offset += batch) {
    // Generated outside the timed part: the figure is the store's, not the generator's.
    const chunk = generateMentions({ seed: 1, count: Math.min(batch, rows - offset), offset, since: SINCE, days: DAYS });
    const started = performance.now();
    await store.insertMentions(chunk);
    busy += performance.now() - started;
  }
  return { rowsPerSecond: rows / (busy / 1000), seconds: busy / 1000 };
}

async function latency(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  await fn(); // warm caches once
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The hourly series for one brand, reading the newest version with argMax instead of FINAL. */
function argMaxSeriesSql(db: string, brand: string | undefined): string {
  const where = `created_at >= ${sqlDateTime(SINCE)} AND created_at < ${sqlDateTime(UNTIL)}${brand ? ` AND brand = ${sqlString(brand)}` : ''}`;
  return `SELECT intDiv(toUInt32(created), 3600) * 3600 AS bucket,
      count() AS mentions, countIf(duplicate_of = '') AS voices,
      countIf(sentiment_label = 'negative') AS negative, countIf(sentiment_label = 'neutral') AS neutral,
      countIf(sentiment_label = 'positive') AS positive, countIf(sentiment_label = 'unscored') AS unscored,
      if(countIf(sentiment_label != 'unscored') = 0, 0, sumIf(sentiment_score, sentiment_label != 'unscored') / countIf(sentiment_label != 'unscored')) AS mean_sentiment,
      countIf(failure_demand = 1) AS failure_demand
    FROM (
      SELECT id, any(created_at) AS created, argMax(duplicate_of, version) AS duplicate_of, argMax(sentiment_label, version) AS sentiment_label,
        argMax(sentiment_score, version) AS sentiment_score, argMax(failure_demand, version) AS failure_demand
      FROM ${db}.mentions WHERE ${where} GROUP BY id
    ) GROUP BY bucket ORDER BY bucket`;
}

/**
 * The hourly rollup (store/rollup.ts): how long a full refresh takes, the time series read
 * through it against the base table alone (readFrom: 'base'), and after reprocessing 5% of the
 * mentions (every hour changed, so reads fall back to the base table until the next refresh),
 * with the answers checked equal.
 */
async function rollupFigures(t: Target, rows: number, batch: number, runs: number, r: Record<string, number>): Promise<void> {
  const print = (name: string, ms: number, p95?: number) =>
    console.log(`  ${name.padEnd(42)} p50 ${ms.toFixed(1).padStart(7)} ms${p95 === undefined ? '' : `   p95 ${p95.toFixed(1).padStart(7)} ms`}`);
  const refresh = async (label: string) => {
    await new Promise((done) => setTimeout(done, 1100)); // the refresh rolls hours changed before this second
    const started = performance.now();
    const { hours } = await t.store.refreshRollup({ quietSeconds: 0 });
    const ms = performance.now() - started;
    r[label] = ms;
    console.log(`  ${label.padEnd(42)} ${hours.toLocaleString('en')} hours in ${(ms / 1000).toFixed(2)} s`);
  };
  const range = { since: SINCE, until: UNTIL };
  const series = {
    'rollup: series hourly, all brands': (readFrom: 'auto' | 'base') => t.store.volumeSeries({ range, intervalSeconds: 3600, readFrom }),
    'rollup: series hourly, one brand': (readFrom: 'auto' | 'base') => t.store.volumeSeries({ range, intervalSeconds: 3600, filter: { brand: 'acme' }, readFrom }),
    'rollup: series daily London, one topic': (readFrom: 'auto' | 'base') =>
      t.store.volumeSeries({ range, intervalSeconds: 86_400, timeZone: 'Europe/London', filter: { topic: 'billing' }, readFrom }),
    'rollup: summary, one brand': (readFrom: 'auto' | 'base') => t.store.summary({ range, filter: { brand: 'acme' }, readFrom }),
  };
  const compare = async (when: string) => {
    for (const [name, read] of Object.entries(series)) {
      const through = await latency(() => read('auto'), runs);
      const base = await latency(() => read('base'), runs);
      r[`${name} (${when})`] = through.p50;
      print(`${name} (${when})`, through.p50, through.p95);
      console.log(`    ${'base table alone'.padEnd(40)} p50 ${base.p50.toFixed(1).padStart(7)} ms   ratio ${(base.p50 / through.p50).toFixed(1)}x faster through the rollup`);
      const [a, b] = [JSON.stringify(await read('auto')), JSON.stringify(await read('base'))];
      if (a !== b) console.log(`    !! answers differ from the base table's (${when})`);
    }
  };
  await refresh('rollup: refresh after the load');
  await compare('rolled');
  const changed = Math.floor(rows / 20);
  for (let offset = 0; offset < changed; offset += batch) {
    const chunk = generateMentions({ seed: 1, count: Math.min(batch, rows - offset), offset, since: SINCE, days: DAYS });
    await t.store.insertMentions(reprocess(chunk.slice(0, changed - offset)));
  }
  console.log(`  reprocessed ${changed.toLocaleString('en')} mentions: every hour changed, reads fall back to the base table until the next refresh`);
  await compare('changed');
  await refresh('rollup: refresh after reprocessing 5%');
  await compare('re-rolled');
}

export const suite: BenchSuite = {
  name: 'store',
  title: 'store: batched inserts (rows/s) and analyst query latency over generated mentions, chdb and server',
  async run(args) {
    const rows = arg(args, 'rows', 1_000_000);
    const batch = arg(args, 'batch', 50_000);
    const runs = arg(args, 'runs', 10);
    const only = args.find((a) => a.startsWith('--only='))?.slice(7); // chdb | server
    const targets: Target[] = [];
    if (only !== 'server') {
      const chdbDir = mkdtempSync(join(tmpdir(), 'earshot-bench-store-'));
      const chdb = new ClickHouseStore(new ChdbEngine(chdbDir), 'earshot', 'embedded');
      targets.push({
        name: 'chdb',
        store: chdb,
        cleanup: async () => {
          await chdb.close();
          rmSync(chdbDir, { recursive: true, force: true });
        },
      });
    }
    const url = process.env.CLICKHOUSE_URL;
    if (url && only !== 'chdb') {
      const db = `earshot_bench_${Date.now()}`;
      const credentials = { username: process.env.CLICKHOUSE_USER || 'default', password: process.env.CLICKHOUSE_PASSWORD ?? '' };
      const engine = new ServerEngine({ url, ...credentials });
      targets.push({
        name: `server ${(await engineVersion(engine)).text}`,
        store: new ClickHouseStore(engine, db, 'clickhouse'),
        cleanup: async () => {
          await engine.exec(`DROP DATABASE IF EXISTS ${db}`);
          await engine.close();
        },
        jsonReference: async () => {
          const jsonEngine = new ServerEngine({ url, ...credentials, insertFormat: 'JSONEachRow' });
          const jsonDb = `${db}_json`;
          return {
            store: new ClickHouseStore(jsonEngine, jsonDb, 'clickhouse'),
            cleanup: async () => {
              await jsonEngine.exec(`DROP DATABASE IF EXISTS ${jsonDb}`);
              await jsonEngine.close();
            },
          };
        },
      });
    } else {
      console.log('(server figures skipped: CLICKHOUSE_URL is unset)');
    }

    const results: Record<string, Record<string, number>> = {};
    console.log(`${rows.toLocaleString('en')} mentions over ${DAYS} days, ${5} brands; inserts in batches of ${batch.toLocaleString('en')}; latency p50/p95 of ${runs} runs\n`);
    for (const t of targets) {
      const r: Record<string, number> = (results[t.name] = {});
      let jsonRowsPerSecond: number | undefined;
      if (t.jsonReference && !args.includes('--no-insert-reference')) {
        // The same rows inserted as JSONEachRow into a second database (RowBinary's reference),
        // first and dropped before the timed RowBinary run, so neither waits on the other's merges.
        const reference = await t.jsonReference();
        try {
          await reference.store.migrate();
          const json = await timeInserts(reference.store, rows, batch);
          jsonRowsPerSecond = json.rowsPerSecond;
        } finally {
          await reference.cleanup();
        }
      }
      await t.store.migrate();
      const ins = await timeInserts(t.store, rows, batch);
      r.insert = ins.rowsPerSecond;
      console.log(`${t.name}: insert ${Math.round(ins.rowsPerSecond).toLocaleString('en')} rows/s (${ins.seconds.toFixed(1)} s busy)`);
      if (jsonRowsPerSecond !== undefined) {
        r['insert as JSONEachRow (reference)'] = jsonRowsPerSecond;
        console.log(
          `  insert as JSONEachRow (reference, run first): ${Math.round(jsonRowsPerSecond).toLocaleString('en')} rows/s; RowBinary ${(ins.rowsPerSecond / jsonRowsPerSecond).toFixed(2)}x`,
        );
      }
      const range = { since: SINCE, until: UNTIL };
      const week = { since: new Date(UNTIL.getTime() - 7 * 86_400_000), until: UNTIL };
      const queries: [string, () => Promise<unknown>][] = [
        ['series hourly, all brands, 30 d (1M rows)', () => t.store.volumeSeries({ range, intervalSeconds: 3600 })],
        ['series hourly, one brand, 30 d', () => t.store.volumeSeries({ range, intervalSeconds: 3600, filter: { brand: 'acme' } })],
        ['series 5 min, one brand, 7 d', () => t.store.volumeSeries({ range: week, intervalSeconds: 300, filter: { brand: 'acme' } })],
        ['series daily, Europe/London, all', () => t.store.volumeSeries({ range, intervalSeconds: 86_400, timeZone: 'Europe/London' })],
        ['summary, one brand, 30 d', () => t.store.summary({ range, filter: { brand: 'acme' } })],
        ['top topics, all, 30 d', () => t.store.topTopics({ range, limit: 10 })],
        ['failure demand, one brand', () => t.store.failureDemand({ range, filter: { brand: 'acme' } })],
        ['top ideas, one brand', () => t.store.topIdeas({ range, filter: { brand: 'acme' } })],
        ['term counts, one brand, 7 d', () => t.store.termCounts({ range: week, filter: { brand: 'acme' } })],
        ['mentions page, text search', () => t.store.mentions({ range, limit: 50, filter: { brand: 'acme', text: 'refund' } })],
        ['counts (FINAL over all)', () => t.store.counts()],
        ['series hourly, all brands, argMax form', () => t.store.engine.select(argMaxSeriesSql(t.store.db, undefined))],
        ['series hourly, one brand, argMax form', () => t.store.engine.select(argMaxSeriesSql(t.store.db, 'acme'))],
      ];
      for (const [name, fn] of queries) {
        const l = await latency(fn, runs);
        r[name] = l.p50;
        console.log(`  ${name.padEnd(42)} p50 ${l.p50.toFixed(1).padStart(7)} ms   p95 ${l.p95.toFixed(1).padStart(7)} ms`);
      }
      const finalAll = r['series hourly, all brands, 30 d (1M rows)']!;
      const argMaxAll = r['series hourly, all brands, argMax form']!;
      const finalOne = r['series hourly, one brand, 30 d']!;
      const argMaxOne = r['series hourly, one brand, argMax form']!;
      console.log(`  FINAL vs argMax (time argMax / time FINAL): all brands ${(argMaxAll / finalAll).toFixed(2)}x, one brand ${(argMaxOne / finalOne).toFixed(2)}x`);
      console.log(`  goal: time series over ${rows.toLocaleString('en')} mentions < 200 ms: ${finalAll < 200 ? 'met' : 'NOT met'} (${finalAll.toFixed(0)} ms)`);
      if (!args.includes('--no-rollup')) await rollupFigures(t, rows, batch, runs, r);
      console.log('');
    }
    const names = Object.keys(results);
    if (names.length === 2) {
      const [a, b] = names as [string, string];
      console.log(`ratios ${b} / ${a}:`);
      for (const k of Object.keys(results[a]!)) {
        const ratio = results[b]![k]! / results[a]![k]!;
        console.log(`  ${k.padEnd(42)} ${ratio.toFixed(2)}x ${k === 'insert' ? '(rows/s)' : '(latency)'}`);
      }
      console.log(`  goal: >= 200,000 rows/s into the server: ${results[b]!.insert! >= 200_000 ? 'met' : 'NOT met'}`);
    }
    for (const t of targets) await t.cleanup();
  },
};
