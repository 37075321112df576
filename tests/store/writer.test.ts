// The store writer: batching by size and by time on the real embedded store, isolation of a
// caller whose rows the engine rejects, and an outage of a real clickhouse-server in the middle
// of a bus-fed run (killed, restarted): exact counts, nothing dead-lettered, nothing
// acknowledged to the bus before the server had it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeTyped, EmbeddedBus, TransientError } from '../../bus/index.js';
import { EnrichedMention, TOPICS } from '../../messages/index.js';
import { ChdbEngine } from '../../store/chdb-engine.js';
import { ClickHouseStore } from '../../store/clickhouse-store.js';
import { createBatchWriter, createStoreWriter, openStore, sqlString, StoreUnavailableError } from '../../store/index.js';
import { ClickHouseProcess, findClickHouseServer } from './clickhouse-process.js';
import { enriched } from './fixtures.js';

function mentions(from: number, count: number, brand = 'acme'): EnrichedMention[] {
  const out: EnrichedMention[] = [];
  for (let i = from; i < from + count; i++) {
    out.push(enriched({ nativeId: String(i), brand, createdAt: new Date(Date.UTC(2026, 10, 24, 10) + i * 1000).toISOString() }));
  }
  return out;
}

describe('store writer on the embedded store', () => {
  let store: ClickHouseStore;
  beforeAll(async () => {
    store = new ClickHouseStore(new ChdbEngine(mkdtempSync(join(tmpdir(), 'earshot-writer-'))), 'earshot', 'embedded');
    await store.migrate();
  });
  afterAll(async () => store?.close());

  it('gathers many small writes into inserts of at most batchSize rows, and resolves each once its rows are in', async () => {
    const inserts: number[] = [];
    const writer = createStoreWriter(store, { batchSize: 1000, flushIntervalMs: 60_000, onInsert: (n) => inserts.push(n) });
    const before = (await store.counts()).mentions;
    // 20 callers of 100 rows: two full batches, no timer needed.
    const writes = Array.from({ length: 20 }, (_, k) => writer.write(mentions(10_000 + k * 100, 100)));
    await Promise.all(writes);
    expect(inserts).toEqual([1000, 1000]);
    expect((await store.counts()).mentions - before).toBe(2000);
    await writer.close();
  });

  it('flushes a small batch after flushIntervalMs, not before', async () => {
    const writer = createStoreWriter(store, { batchSize: 10_000, flushIntervalMs: 300 });
    const before = (await store.counts()).mentions;
    const started = performance.now();
    let resolved = false;
    const write = writer.write(mentions(20_000, 7)).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(resolved).toBe(false);
    expect(writer.pendingRows).toBe(7);
    await write;
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await store.counts()).mentions - before).toBe(7);
    await writer.close();
  });

  it('splits a caller larger than batchSize into several inserts', async () => {
    const inserts: number[] = [];
    const writer = createStoreWriter(store, { batchSize: 300, flushIntervalMs: 10, onInsert: (n) => inserts.push(n) });
    await writer.write(mentions(30_000, 700));
    expect(inserts).toEqual([300, 300, 100]);
    await writer.close();
  });

  it('a caller whose rows the engine rejects fails alone; the others are inserted', async () => {
    await store.engine.exec('CREATE TABLE IF NOT EXISTS earshot.writer_probe (n UInt32, s String) ENGINE = MergeTree ORDER BY n');
    const writer = createBatchWriter<Record<string, unknown>>((rows) => store.engine.insert('earshot.writer_probe', [...rows]), { batchSize: 100, flushIntervalMs: 20 });
    const good1 = writer.write([{ n: 1, s: 'a' }, { n: 2, s: 'b' }]);
    const bad = writer.write([{ n: 'not a number', s: 'c' }]);
    const good2 = writer.write([{ n: 3, s: 'd' }]);
    const results = await Promise.allSettled([good1, bad, good2]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // Not an outage: the bus must see a plain error (retry, then isolate and dead-letter), not TransientError.
    expect((results[1] as PromiseRejectedResult).reason).not.toBeInstanceOf(TransientError);
    const [row] = await store.engine.select<{ n: string }>('SELECT count() AS n FROM earshot.writer_probe');
    expect(Number(row!.n)).toBe(3);
    await writer.close();
  });

  it('refuses writes after close', async () => {
    const writer = createStoreWriter(store);
    await writer.close();
    await expect(writer.write(mentions(40_000, 1))).rejects.toThrow(/closed/);
  });
});

const serverBinary = findClickHouseServer();
if (!serverBinary) console.warn('tests/store/writer.test.ts: outage tests skipped because clickhouse-server is not on PATH (apt-get install clickhouse-server)');

describe.skipIf(!serverBinary)('store writer through a ClickHouse server outage', () => {
  let server: ClickHouseProcess;
  beforeAll(async () => {
    server = await ClickHouseProcess.create(serverBinary!);
    await server.start();
  }, 120_000);
  afterAll(async () => server?.destroy());

  it('gives callers a TransientError while the server is down, and succeeds once it is back', async () => {
    const store = await openStore({ kind: 'clickhouse', url: server.url, database: 'outage_direct', usernameEnv: 'CLICKHOUSE_USER', passwordEnv: 'CLICKHOUSE_PASSWORD', writer: { batchSize: 1, flushInterval: 1, maxRetryDelay: 1 } });
    await store.migrate();
    const retries: unknown[] = [];
    const writer = createStoreWriter(store, { batchSize: 100, flushIntervalMs: 10, initialRetryDelayMs: 20, maxRetryDelayMs: 50, maxAttempts: 3, onRetry: (e) => retries.push(e) });
    await server.kill();
    const err = await writer.write(mentions(0, 10)).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as Error).cause).toBeInstanceOf(StoreUnavailableError);
    expect(retries).toHaveLength(2);
    await server.start();
    await writer.write(mentions(0, 10));
    expect((await store.counts()).mentions).toBe(10);
    await writer.close();
    await store.close();
  }, 120_000);

  it('fed by the bus, loses and duplicates nothing when the server is killed mid-run and restarted', async () => {
    const store = await openStore({ kind: 'clickhouse', url: server.url, database: 'outage_bus', usernameEnv: 'CLICKHOUSE_USER', passwordEnv: 'CLICKHOUSE_PASSWORD', writer: { batchSize: 1, flushInterval: 1, maxRetryDelay: 1 } });
    await store.migrate();
    const bus = new EmbeddedBus({ partitions: 4, deadLetterTopic: TOPICS.deadLetter });
    await bus.ensureTopics(Object.values(TOPICS));
    const writer = createStoreWriter(store, { batchSize: 500, flushIntervalMs: 20, initialRetryDelayMs: 20, maxRetryDelayMs: 200, maxAttempts: 3 });
    const acknowledged = new Set<string>();
    let failedWrites = 0;
    const consumer = await consumeTyped(bus, {
      topic: TOPICS.enriched,
      group: 'writer-outage-test',
      stage: 'store',
      schema: EnrichedMention,
      maxBatchSize: 200,
      retryDelayMs: 50,
      maxRetryDelayMs: 300,
      handler: async (batch) => {
        try {
          await writer.write(batch.map((d) => d.value));
        } catch (err) {
          failedWrites++;
          throw err;
        }
        for (const d of batch) acknowledged.add(d.value.raw.id);
      },
    });
    const publish = (ms: EnrichedMention[]) => bus.publish(TOPICS.enriched, ms.map((m) => ({ key: m.raw.id, value: JSON.stringify(m) })));
    const lag = async () => (await bus.lag('writer-outage-test', TOPICS.enriched)).reduce((s, p) => s + p.lag, 0);
    const drained = async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while ((await lag()) > 0) {
        if (Date.now() > deadline) throw new Error(`bus still has ${await lag()} uncommitted messages after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const N = 6000;
    await publish(mentions(0, 2000));
    await drained(30_000);
    await server.kill();
    const acknowledgedBeforeOutage = new Set(acknowledged);
    // Published during the outage: must wait on the bus, not be acknowledged, not be dropped.
    await publish(mentions(2000, 2000));
    // Memory stays bounded while the server is down: the writer holds at most the batches the
    // consumer has in hand (one of 200 per partition), the rest waits on the bus.
    let mostHeld = 0;
    for (let t = 0; t < 15; t++) {
      await new Promise((r) => setTimeout(r, 100));
      mostHeld = Math.max(mostHeld, writer.pendingRows);
    }
    console.log(`most rows held by the writer during the outage: ${mostHeld}`);
    expect(mostHeld).toBeLessThanOrEqual(4 * 200);
    expect(await lag()).toBeGreaterThanOrEqual(2000);
    expect(acknowledged.size).toBe(acknowledgedBeforeOutage.size);
    expect(failedWrites).toBeGreaterThan(0);
    await server.start();
    // After the restart: the rest, plus a replay of 1,000 already-stored mentions.
    await publish(mentions(4000, N - 4000));
    await publish(mentions(500, 1000));
    await drained(60_000);

    const counts = await store.counts();
    expect(counts.mentions).toBe(N);
    expect(acknowledged.size).toBe(N);
    const [stored] = await store.select<{ n: string; ids: string }>(`SELECT count() AS n, uniqExact(id) AS ids FROM ${store.table('mentions')} FINAL`);
    expect(Number(stored!.ids)).toBe(N);
    // Everything acknowledged before the kill survived it.
    const survivors = await store.select<{ id: string }>(`SELECT id FROM ${store.table('mentions')} WHERE id IN (${[...acknowledgedBeforeOutage].map(sqlString).join(',')})`);
    expect(new Set(survivors.map((r) => r.id)).size).toBe(acknowledgedBeforeOutage.size);
    // An outage is not bad data: nothing was dead-lettered.
    expect((await bus.lag('nobody-read-the-dlq', TOPICS.deadLetter)).reduce((s, p) => s + p.lag, 0)).toBe(0);

    await consumer.stop();
    await writer.close();
    await bus.close();
    await store.close();
  }, 180_000);
});
