// `npm run bench -- store [--rows=1000000] [--batch=50000] [--runs=10] [--only=chdb|server]`: batched insert rate and the analyst
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
 * What a materialized-view rollup (brand, hour, sentiment label) would buy and cost, measured
 * rather than shipped. To stay exact under replays it must count distinct ids (uniqExact
 * states, as large as the ids themselves); an MV sees inserts, not replacements, so after
 * reprocessing a mention counts under its old label and its new one. Filled here by INSERT …
 * SELECT from the base table, which is what the MV would have accumulated from the same inserts.
 */
async function rollupPrototype(t: Target, rows: number, batch: number, runs: number, r: Record<string, number>): Promise<void> {
  const { engine, db } = t.store;
  const rollup = `${db}.rollup_prototype`;
  await engine.exec(`DROP TABLE IF EXISTS ${rollup}`);
  await engine.exec(`CREATE TABLE ${rollup} (brand String, hour DateTime('UTC'), sentiment_label String,
      ids AggregateFunction(uniqExact, String), rows AggregateFunction(count))
    ENGINE = AggregatingMergeTree PARTITION BY toYYYYMM(hour) ORDER BY (brand, hour, sentiment_label)`);
  const fill = (where: string) =>
    engine.exec(`INSERT INTO ${rollup} SELECT brand, toStartOfHour(created_at) AS hour, sentiment_label, uniqExactState(id), countState()
      FROM ${db}.mentions ${where} GROUP BY brand, hour, sentiment_label`);
  await fill('');
  const where = `hour >= ${sqlDateTime(SINCE)} AND hour < ${sqlDateTime(UNTIL)}`;
  const exact = await latency(() => engine.select(`SELECT hour, sentiment_label, uniqExactMerge(ids) AS n FROM ${rollup} WHERE ${where} GROUP BY hour, sentiment_label ORDER BY hour`), runs);
  const counted = await latency(() => engine.select(`SELECT hour, sentiment_label, countMerge(rows) AS n FROM ${rollup} WHERE ${where} GROUP BY hour, sentiment_label ORDER BY hour`), runs);
  r['rollup series, uniqExact (replay-exact)'] = exact.p50;
  r['rollup series, count (not replay-exact)'] = counted.p50;
  console.log(`  ${'rollup series, uniqExact (replay-exact)'.padEnd(42)} p50 ${exact.p50.toFixed(1).padStart(7)} ms   p95 ${exact.p95.toFixed(1).padStart(7)} ms`);
  console.log(`  ${'rollup series, count (not replay-exact)'.padEnd(42)} p50 ${counted.p50.toFixed(1).padStart(7)} ms   p95 ${counted.p95.toFixed(1).padStart(7)} ms`);
  // Reprocess 5% with flipped labels; the rollup takes the new rows as an MV would.
  const before = Date.now();
  const changed = Math.floor(rows / 20);
  // Regenerated with the load's chunking, so they are the same mentions (same brand and time).
  for (let offset = 0; offset < changed; offset += batch) {
    const chunk = generateMentions({ seed: 1, count: Math.min(batch, rows - offset), offset, since: SINCE, days: DAYS });
    await t.store.insertMentions(reprocess(chunk.slice(0, changed - offset)));
  }
  await fill(`WHERE processing_version = 2`);
  const [truth] = await engine.select<{ n: string }>(`SELECT countIf(sentiment_label = 'negative') AS n FROM ${db}.mentions FINAL`);
  const [rolled] = await engine.select<{ n: string }>(`SELECT uniqExactMerge(ids) AS n FROM ${rollup} WHERE sentiment_label = 'negative'`);
  const wrong = Number(rolled!.n) - Number(truth!.n);
  console.log(`  after reprocessing ${changed.toLocaleString('en')} mentions (${((Date.now() - before) / 1000).toFixed(1)} s): negatives ${Number(truth!.n).toLocaleString('en')} exact (FINAL) vs ${Number(rolled!.n).toLocaleString('en')} from the rollup (${((100 * wrong) / Number(truth!.n)).toFixed(1)}% over)`);
  await engine.exec(`DROP TABLE ${rollup}`);
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
      const engine = new ServerEngine({ url, username: process.env.CLICKHOUSE_USER || 'default', password: process.env.CLICKHOUSE_PASSWORD ?? '' });
      targets.push({
        name: `server ${(await engineVersion(engine)).text}`,
        store: new ClickHouseStore(engine, db, 'clickhouse'),
        cleanup: async () => {
          await engine.exec(`DROP DATABASE IF EXISTS ${db}`);
          await engine.close();
        },
      });
    } else {
      console.log('(server figures skipped: CLICKHOUSE_URL is unset)');
    }

    const results: Record<string, Record<string, number>> = {};
    console.log(`${rows.toLocaleString('en')} mentions over ${DAYS} days, ${5} brands; inserts in batches of ${batch.toLocaleString('en')}; latency p50/p95 of ${runs} runs\n`);
    for (const t of targets) {
      const r: Record<string, number> = (results[t.name] = {});
      await t.store.migrate();
      const ins = await timeInserts(t.store, rows, batch);
      r.insert = ins.rowsPerSecond;
      console.log(`${t.name}: insert ${Math.round(ins.rowsPerSecond).toLocaleString('en')} rows/s (${ins.seconds.toFixed(1)} s busy)`);
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
      if (!args.includes('--no-rollup')) await rollupPrototype(t, rows, batch, runs, r);
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
