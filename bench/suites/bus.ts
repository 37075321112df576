// `npm run bench -- bus`: messages per second through publish → consume → commit, at batch
// sizes 1, 100 and 1,000 (the batch size is both the publish call's size and the consumer's
// maxBatchSize). The embedded bus is reported as a ratio against a plain in-memory queue (array
// push / splice with the same batching and an awaited handler) run in the same process, with
// absolute figures for context. Kafka runs too where KAFKA_BROKERS points at a reachable broker.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus, type Bus, type OutgoingMessage } from '../../bus/index.js';
import type { BenchSuite } from '../suite.js';

const BATCH_SIZES = [1, 100, 1_000];
const REPEATS = 3;

/** About the size of a serialised RawMention. */
const PAYLOAD = JSON.stringify({ text: 'x'.repeat(400), author: { id: '1234567890', handle: 'someone' }, brand: 'acme', source: 'x' });

function messages(count: number, tag: string): OutgoingMessage[] {
  return Array.from({ length: count }, (_, i) => ({ key: `${tag}:${i}`, value: PAYLOAD }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The reference: the same batching through a plain array, handler awaited per batch; repeated
 * for at least `minMs` so a fast reference is not a few-millisecond (noisy) measurement.
 */
async function referenceRate(total: number, batch: number, minMs = 300): Promise<number> {
  const input = messages(total, 'ref');
  let handled = 0;
  let rounds = 0;
  const handler = async (b: OutgoingMessage[]) => void (handled += b.length);
  const start = performance.now();
  do {
    const queue: OutgoingMessage[] = [];
    for (let i = 0; i < total; i += batch) {
      for (const m of input.slice(i, i + batch)) queue.push(m);
      while (queue.length) await handler(queue.splice(0, batch));
    }
    rounds++;
  } while (performance.now() - start < minMs);
  const ms = performance.now() - start;
  if (handled !== total * rounds) throw new Error(`reference handled ${handled} of ${total * rounds}`);
  return (handled * 1000) / ms;
}

/** Publishes `total` messages in `batch`-sized calls and waits until a group committed them all. */
async function busRate(bus: Bus, topic: string, total: number, batch: number, timeoutMs: number): Promise<number> {
  await bus.ensureTopics([topic]);
  const group = `bench-${randomUUID().slice(0, 8)}`;
  let handled = 0;
  const consumer = await bus.consume({ topic, group, stage: 'bench', maxBatchSize: batch, handler: async (b) => void (handled += b.length) });
  const input = messages(total, topic);
  const start = performance.now();
  for (let i = 0; i < total; i += batch) await bus.publish(topic, input.slice(i, i + batch));
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (handled >= total) {
      const lag = (await bus.lag(group, topic)).reduce((s, l) => s + l.lag, 0);
      if (lag === 0) break;
    }
    if (Date.now() > until) throw new Error(`bench: ${handled} of ${total} messages handled on ${topic} after ${timeoutMs}ms`);
    await new Promise((r) => setImmediate(r));
  }
  const ms = performance.now() - start;
  await consumer.stop();
  return (total * 1000) / ms;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function kafkaBus(): Promise<Bus | string> {
  const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
  if (!brokers?.length) return 'KAFKA_BROKERS is not set';
  const { KafkaBus } = await import('../../bus/kafka.js');
  const { validateConfig } = await import('../../config/index.js');
  const config = validateConfig({ brands: [{ id: 'bench', name: 'Bench' }], bus: { kind: 'kafka', brokers, topicPrefix: `earshot-bench-${randomUUID().slice(0, 8)}.`, partitions: 4, logLevel: 'nothing' } });
  if (config.bus.kind !== 'kafka') throw new Error('expected a kafka bus config');
  const bus = new KafkaBus(config.bus);
  try {
    await Promise.race([bus.ensureTopics(['reachable']), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 10s')), 10_000))]);
    return bus;
  } catch (err) {
    await bus.close().catch(() => {});
    return `the broker at ${brokers.join(',')} is not reachable (${(err as Error).message})`;
  }
}

export const suite: BenchSuite = {
  name: 'bus',
  title: 'messages/s through publish → consume → commit, embedded bus (vs a plain array queue) and Kafka',
  async run() {
    console.log(`median of ${REPEATS} runs; ratio = embedded bus rate / plain array queue rate (same process)\n`);
    console.log('durable = embedded bus with its on-disk log (logDir, no fsync)\n');
    console.log('| batch | messages | array queue msg/s | embedded msg/s | embedded / array | durable msg/s | durable / embedded |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    // Warm-up: the first runs in a process pay for JIT compilation.
    await referenceRate(10_000, 100, 100);
    const warm = new EmbeddedBus({ partitions: 4 });
    await busRate(warm, 'warm-up', 20_000, 100, 60_000);
    await warm.close();
    for (const batch of BATCH_SIZES) {
      const total = batch === 1 ? 30_000 : 300_000;
      const ref: number[] = [];
      const emb: number[] = [];
      const dur: number[] = [];
      for (let r = 0; r < REPEATS; r++) {
        ref.push(await referenceRate(total, batch));
        const bus = new EmbeddedBus({ partitions: 4 });
        emb.push(await busRate(bus, `bench-${batch}-${r}`, total, batch, 120_000));
        await bus.close();
        const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-bus-'));
        const durable = new EmbeddedBus({ partitions: 4, logDir: dir });
        dur.push(await busRate(durable, `bench-${batch}-${r}`, total, batch, 300_000));
        await durable.close();
        rmSync(dir, { recursive: true, force: true });
      }
      console.log(`| ${batch} | ${fmt(total)} | ${fmt(median(ref))} | ${fmt(median(emb))} | ${(median(emb) / median(ref)).toFixed(4)} | ${fmt(median(dur))} | ${(median(dur) / median(emb)).toFixed(4)} |`);
    }

    const kafka = await kafkaBus();
    if (typeof kafka === 'string') {
      console.log(`\nkafka: SKIPPED, ${kafka} (e.g. \`docker compose up -d kafka\` then KAFKA_BROKERS=localhost:9094 npm run bench -- bus)`);
      return;
    }
    try {
      console.log('\n| batch | messages | kafka msg/s | kafka / embedded |');
      console.log('| ---: | ---: | ---: | ---: |');
      for (const batch of BATCH_SIZES) {
        const total = batch === 1 ? 2_000 : 20_000;
        const embedded = new EmbeddedBus({ partitions: 4 });
        const emb = await busRate(embedded, `ref-${batch}`, total, batch, 120_000);
        await embedded.close();
        const rate = await busRate(kafka, `bench-${batch}`, total, batch, 300_000);
        console.log(`| ${batch} | ${fmt(total)} | ${fmt(rate)} | ${(rate / emb).toFixed(4)} |`);
      }
    } finally {
      await kafka.close();
    }
  },
};
