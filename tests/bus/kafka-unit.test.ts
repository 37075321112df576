// The Kafka bus without a broker: config mapping, header and lag arithmetic, and the eachBatch
// logic (chunking, commit-after-success, heartbeats during retries, rebalance and stop handling)
// driven with a stand-in for kafkajs's eachBatch payload. What needs a broker is in kafka.test.ts.
import { describe, expect, it } from 'vitest';
import type { Batch } from 'kafkajs';
import { KafkaBus, KafkaBusConsumer, TopicNames, chunk, computeLag, decodeHeaders, kafkaClientConfig, type BatchPayload } from '../../bus/kafka.js';
import { TransientError, type BusMessage, type ConsumeOptions } from '../../bus/index.js';
import { kafkaBusConfig } from './kafka-fixtures.js';

describe('kafka client config', () => {
  it('maps brokers, client id and ssl, with defaults from the config schema', () => {
    const config = kafkaBusConfig({ brokers: ['k1:9092', 'k2:9092'], ssl: true });
    expect(config.topicPrefix).toBe('earshot.');
    expect(config.sessionTimeout).toBe(30_000);
    expect(config.heartbeatInterval).toBe(3_000);
    const client = kafkaClientConfig(config, {});
    expect(client.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(client.clientId).toBe('earshot');
    expect(client.ssl).toBe(true);
    expect(client.sasl).toBeUndefined();
  });

  it('reads SASL credentials from the named environment variables only', () => {
    const config = kafkaBusConfig({ sasl: { mechanism: 'scram-sha-512', usernameEnv: 'K_USER', passwordEnv: 'K_PASS' } });
    expect(kafkaClientConfig(config, { K_USER: 'u', K_PASS: 'p' }).sasl).toEqual({ mechanism: 'scram-sha-512', username: 'u', password: 'p' });
    expect(() => kafkaClientConfig(config, { K_USER: 'u' })).toThrow(/K_PASS is not set/);
  });

  it('rejects a secret written into the config instead of an env var name', () => {
    expect(() => kafkaBusConfig({ sasl: { mechanism: 'plain', passwordEnv: 'hunter2' } })).toThrow(/environment variable/);
  });
});

describe('kafka bus without a broker', () => {
  it('says which brokers it could not reach, in bounded time', async () => {
    const bus = new KafkaBus(kafkaBusConfig({ brokers: ['127.0.0.1:1'] }));
    const t0 = performance.now();
    await expect(bus.consume({ topic: 't', group: 'g', stage: 'test', handler: async () => {} })).rejects.toThrow(/cannot reach Kafka at 127\.0\.0\.1:1 \(bus\.brokers/);
    expect(performance.now() - t0).toBeLessThan(25_000);
    await bus.close();
  });
});

describe('kafka bus pieces', () => {
  it('maps logical topics to prefixed ones and back', () => {
    const names = new TopicNames('prod.');
    expect(names.physical('mentions.raw')).toBe('prod.mentions.raw');
    expect(names.logical('prod.mentions.raw')).toBe('mentions.raw');
    expect(names.logical('other.topic')).toBe('other.topic');
    expect(new TopicNames('').logical('mentions.raw')).toBe('mentions.raw');
  });

  it('decodes Kafka headers to strings, a repeated header keeping its last value', () => {
    expect(decodeHeaders({ a: Buffer.from('é-utf8'), b: 'plain', c: [Buffer.from('first'), Buffer.from('last')], d: undefined })).toEqual({ a: 'é-utf8', b: 'plain', c: 'last' });
    expect(decodeHeaders(undefined)).toEqual({});
  });

  it('computes lag from end offsets and committed offsets', () => {
    const ends = [
      { partition: 1, high: '50', low: '0' },
      { partition: 0, high: '100', low: '40' },
      { partition: 2, high: '7', low: '7' },
      { partition: 3, high: '9007199254740999', low: '9007199254740990' },
    ];
    const committed = [
      { partition: 0, offset: '-1' }, // never committed: everything retained is owed
      { partition: 1, offset: '20' },
      { partition: 3, offset: '9007199254740995' }, // beyond 2^53: BigInt arithmetic
    ];
    expect(computeLag('t', ends, committed)).toEqual([
      { topic: 't', partition: 0, lag: 60 },
      { topic: 't', partition: 1, lag: 30 },
      { topic: 't', partition: 2, lag: 0 },
      { topic: 't', partition: 3, lag: 4 },
    ]);
    // A commit older than the retained range counts from the low mark, never negative.
    expect(computeLag('t', [{ partition: 0, high: '10', low: '8' }], [{ partition: 0, offset: '3' }])[0]!.lag).toBe(2);
    expect(computeLag('t', [{ partition: 0, high: '10', low: '0' }], [{ partition: 0, offset: '10' }])[0]!.lag).toBe(0);
  });

  it('chunks in order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
});

// ---- eachBatch without a broker -------------------------------------------------------------

interface Recorded {
  events: string[];
  commits: { topic: string; partition: number; offset: string }[];
  heartbeats: number;
}

function fakeBatch(topic: string, partition: number, first: number, count: number): Batch {
  const messages = Array.from({ length: count }, (_, i) => ({
    offset: String(first + i),
    key: Buffer.from(`k${i}`),
    value: Buffer.from(`v${first + i}`),
    headers: { origin: Buffer.from('test') },
    timestamp: '0',
    attributes: 0,
  }));
  return { topic, partition, messages } as unknown as Batch;
}

/** A stand-in for kafkajs's eachBatch payload that records what the consumer does with it. */
function fakePayload(batch: Batch, rec: Recorded, heartbeat: () => Promise<void> = async () => {}): BatchPayload {
  return {
    batch,
    heartbeat: async () => {
      rec.heartbeats++;
      await heartbeat();
    },
    resolveOffset: (offset) => void rec.events.push(`resolve ${offset}`),
    commitOffsetsIfNecessary: async (offsets) => {
      for (const t of offsets!.topics) for (const p of t.partitions) {
        rec.commits.push({ topic: t.topic, partition: p.partition, offset: p.offset });
        rec.events.push(`commit ${p.offset}`);
      }
    },
    isRunning: () => true,
    isStale: () => false,
  };
}

const fakeKafkaConsumer = () => {
  const calls = { disconnect: 0 };
  const consumer = {
    on: () => () => {},
    events: { CRASH: 'consumer.crash' },
    connect: async () => {},
    subscribe: async () => {},
    run: async () => {},
    disconnect: async () => void calls.disconnect++,
  } as unknown as ConstructorParameters<typeof KafkaBusConsumer>[1];
  return { consumer, calls };
};

function makeConsumer(options: Partial<ConsumeOptions> & Pick<ConsumeOptions, 'handler'>, bus: Record<string, unknown> = {}) {
  const kafkaBus = new KafkaBus(kafkaBusConfig({ topicPrefix: 'pre.', heartbeatInterval: '200ms', ...bus }));
  const { consumer: kc, calls } = fakeKafkaConsumer();
  const consumer = new KafkaBusConsumer(kafkaBus, kc, { topic: 'mentions.raw', group: 'g', stage: 'test', retryDelayMs: 1, ...options });
  return { consumer, calls, kafkaBus };
}

describe('kafka consumer eachBatch (no broker)', () => {
  it('hands chunks of maxBatchSize in order with logical topic names, committing each only after its handler resolved', async () => {
    const rec: Recorded = { events: [], commits: [], heartbeats: 0 };
    const seen: BusMessage[][] = [];
    const { consumer } = makeConsumer({
      maxBatchSize: 5,
      handler: async (batch) => {
        rec.events.push(`handled ${batch[0]!.offset}-${batch.at(-1)!.offset}`);
        seen.push(batch);
      },
    });
    await consumer.eachBatch(fakePayload(fakeBatch('pre.mentions.raw', 3, 100, 12), rec));
    expect(rec.events).toEqual(['handled 100-104', 'resolve 104', 'commit 105', 'handled 105-109', 'resolve 109', 'commit 110', 'handled 110-111', 'resolve 111', 'commit 112']);
    expect(rec.commits.every((c) => c.topic === 'pre.mentions.raw' && c.partition === 3)).toBe(true);
    const first = seen[0]![0]!;
    expect(first).toEqual({ topic: 'mentions.raw', partition: 3, offset: '100', key: 'k0', value: 'v100', headers: { origin: 'test' } });
  });

  it('keeps heartbeating while a transient failure is retried, and commits once it succeeds', async () => {
    const rec: Recorded = { events: [], commits: [], heartbeats: 0 };
    const until = Date.now() + 700;
    let attempts = 0;
    const { consumer } = makeConsumer({
      retryDelayMs: 20,
      maxRetryDelayMs: 50,
      handler: async () => {
        attempts++;
        if (Date.now() < until) throw new TransientError('store is down');
      },
    });
    await consumer.eachBatch(fakePayload(fakeBatch('pre.mentions.raw', 0, 0, 3), rec));
    expect(attempts).toBeGreaterThan(3);
    // heartbeatInterval 200ms → a beat every 100ms during ~700ms of retries.
    expect(rec.heartbeats).toBeGreaterThanOrEqual(4);
    expect(rec.commits).toEqual([{ topic: 'pre.mentions.raw', partition: 0, offset: '3' }]);
  });

  it('stops retrying and rethrows the rebalance error for kafkajs when the group rebalances, committing nothing', async () => {
    const rec: Recorded = { events: [], commits: [], heartbeats: 0 };
    const rebalance = Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), { type: 'REBALANCE_IN_PROGRESS' });
    let beats = 0;
    const { consumer } = makeConsumer({
      retryDelayMs: 20,
      maxRetryDelayMs: 50,
      handler: async () => {
        throw new TransientError('store is down');
      },
    });
    const payload = fakePayload(fakeBatch('pre.mentions.raw', 0, 0, 3), rec, async () => {
      if (++beats >= 2) throw rebalance;
    });
    await expect(consumer.eachBatch(payload)).rejects.toBe(rebalance);
    expect(rec.commits).toEqual([]);
  });

  it('treats a heartbeat that fails for another reason (network blip) as no reason to give up the chunk', async () => {
    const rec: Recorded = { events: [], commits: [], heartbeats: 0 };
    const { consumer } = makeConsumer({
      handler: async (_batch, ctx) => {
        await ctx.heartbeat();
        expect(ctx.signal.aborted).toBe(false);
      },
    });
    const payload = fakePayload(fakeBatch('pre.mentions.raw', 0, 0, 2), rec, async () => {
      throw Object.assign(new Error('Connection timeout'), { type: 'UNKNOWN' });
    });
    await consumer.eachBatch(payload);
    expect(rec.commits).toEqual([{ topic: 'pre.mentions.raw', partition: 0, offset: '2' }]);
  });

  it('commits a chunk that finished during a rebalance, then hands the rebalance to kafkajs', async () => {
    const rec: Recorded = { events: [], commits: [], heartbeats: 0 };
    const rebalance = Object.assign(new Error('rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    const { consumer } = makeConsumer({
      maxBatchSize: 2,
      handler: async (batch, ctx) => {
        await ctx.heartbeat(); // the broker answers "rebalancing" here
        rec.events.push(`handled ${batch[0]!.offset}`);
      },
    });
    const payload = fakePayload(fakeBatch('pre.mentions.raw', 1, 10, 4), rec, async () => {
      throw rebalance;
    });
    await expect(consumer.eachBatch(payload)).rejects.toBe(rebalance);
    // The first chunk was handled and is committed (duplicates are fine, losses are not); the
    // second chunk is left for whoever owns the partition after the rebalance.
    expect(rec.events).toEqual(['handled 10', 'resolve 11', 'commit 12']);
  });

  it('stop() lets the chunk in hand finish and commit, and hands over no further chunk', async () => {
    const rec: Recorded = { events: [], commits: [], heartbeats: 0 };
    let started!: () => void;
    const inHandler = new Promise<void>((r) => (started = r));
    const { consumer, calls } = makeConsumer({
      maxBatchSize: 2,
      handler: async (batch) => {
        started();
        await new Promise((r) => setTimeout(r, 150));
        rec.events.push(`handled ${batch[0]!.offset}`);
      },
    });
    const running = consumer.eachBatch(fakePayload(fakeBatch('pre.mentions.raw', 0, 0, 6), rec));
    await inHandler;
    await consumer.stop({ timeoutMs: 5_000 });
    await running;
    expect(rec.events).toEqual(['handled 0', 'resolve 1', 'commit 2']);
    expect(calls.disconnect).toBe(1);
  });

  it('stop() abandons a handler that never settles after its timeout, uncommitted and in bounded time', async () => {
    const rec: Recorded = { events: [], commits: [], heartbeats: 0 };
    let started!: () => void;
    const inHandler = new Promise<void>((r) => (started = r));
    const { consumer } = makeConsumer({
      handler: async () => {
        started();
        await new Promise(() => {});
      },
    });
    const running = consumer.eachBatch(fakePayload(fakeBatch('pre.mentions.raw', 0, 0, 3), rec));
    await inHandler;
    const t0 = performance.now();
    await consumer.stop({ timeoutMs: 100 });
    await running;
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(rec.commits).toEqual([]);
    let settled = false;
    await consumer.stopped.then(() => (settled = true));
    expect(settled).toBe(true);
  });

  it('does not commit past a poison message whose dead letter cannot be published (broker unreachable)', async () => {
    const rec: Recorded = { events: [], commits: [], heartbeats: 0 };
    let attempts = 0;
    const { consumer, kafkaBus } = makeConsumer(
      {
        maxAttempts: 1,
        handler: async (batch) => {
          attempts++;
          if (batch.some((m) => m.value === 'v1')) throw new Error('cannot parse v1');
        },
      },
      { brokers: ['127.0.0.1:1'] },
    );
    const running = consumer.eachBatch(fakePayload(fakeBatch('pre.mentions.raw', 0, 0, 3), rec));
    await new Promise((r) => setTimeout(r, 300));
    await consumer.stop({ timeoutMs: 100 });
    await running;
    expect(attempts).toBeGreaterThanOrEqual(3); // split down to the poison
    expect(rec.commits).toEqual([]);
    await kafkaBus.close();
  });
});
