// The Kafka bus against a real broker: the shared bus contract, plus what only Kafka can show —
// a consumer process killed mid-batch, a rebalance during a batch, and a store outage longer than
// the session timeout. Runs where KAFKA_BROKERS is set (`KAFKA_BROKERS=localhost:9094 npm run
// test:kafka`); skipped with a printed reason elsewhere. Topics carry a per-run prefix, so the
// suite works on a shared, non-fresh cluster; nothing here needs a Kafka newer than 1.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { TransientError, type Consumer } from '../../bus/index.js';
import { KafkaBus } from '../../bus/kafka.js';
import { busContract, eventually } from './contract.js';
import { KAFKA_BROKERS, kafkaBusConfig } from './kafka-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const run = randomUUID().slice(0, 8);
const enabled = KAFKA_BROKERS.length > 0;
if (!enabled) console.log('kafka bus tests SKIPPED: KAFKA_BROKERS is not set (e.g. `docker compose up -d kafka` then `KAFKA_BROKERS=localhost:9094 npm run test:kafka`)');
else console.log(`kafka bus tests against ${KAFKA_BROKERS.join(',')}, topic prefix earshot-test-${run}.`);

// Group joins and session timeouts take seconds on a real broker.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const prefix = `earshot-test-${run}.`;
/** Session timeout for the kill test: the broker's default minimum (group.min.session.timeout.ms) is 6s. */
const SESSION_TIMEOUT = '6s';
const REBALANCE_TIMEOUT = '15s';

describe.skipIf(!enabled)('kafka bus (KAFKA_BROKERS)', () => {
  busContract(
    'kafka',
    async () => {
      const bus = new KafkaBus(kafkaBusConfig({ topicPrefix: prefix, partitions: 3, sessionTimeout: SESSION_TIMEOUT, heartbeatInterval: '1s' }), { deadLetterTopic: 'dlq' });
      return { bus, deadLetterTopic: 'dlq', close: () => bus.close() };
    },
    45_000,
  );

  describe('kafka only', () => {
    const buses: KafkaBus[] = [];
    const consumers: Consumer[] = [];
    const children: ChildProcess[] = [];
    let n = 0;
    const unique = (what: string) => `${what}-${++n}`;
    const open = (bus: Record<string, unknown> = {}) => {
      const b = new KafkaBus(kafkaBusConfig({ topicPrefix: prefix, partitions: 4, sessionTimeout: SESSION_TIMEOUT, rebalanceTimeout: REBALANCE_TIMEOUT, heartbeatInterval: '1s', ...bus }), { deadLetterTopic: 'dlq' });
      buses.push(b);
      return b;
    };
    const values = (count: number, tag: string) => Array.from({ length: count }, (_, i) => ({ key: `${tag}-${i}`, value: `${tag}-${i}` }));
    const totalLag = async (bus: KafkaBus, group: string, topic: string) => (await bus.lag(group, topic)).reduce((s, l) => s + l.lag, 0);

    afterAll(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await Promise.all(consumers.map((c) => c.stop({ timeoutMs: 2_000 })));
      await Promise.all(buses.map((b) => b.close()));
    });

    it('loses nothing when a consumer process is SIGKILLed mid-batch: its partitions move to the survivor', async () => {
      const bus = open();
      const topic = unique('killed');
      const group = unique('g');
      await bus.ensureTopics([topic]);
      const sent = values(80, 'm');
      await bus.publish(topic, sent);

      const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'kafka-child.ts')], {
        env: { ...process.env, PREFIX: prefix, TOPIC: topic, GROUP: group, HANDLE_BATCHES: '2', BATCH_SIZE: '5', SESSION_TIMEOUT, REBALANCE_TIMEOUT },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      const childDone: string[] = [];
      let holding: string[] = [];
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const event = JSON.parse(line) as { event: string; values?: string[] };
        if (event.event === 'done') childDone.push(...event.values!);
        if (event.event === 'holding') holding = event.values!;
      });
      // The child owns every partition first, commits two batches, then hangs in a third.
      await eventually(() => expect(holding.length).toBeGreaterThan(0), 60_000);

      child.kill('SIGKILL'); // no clean stop: no commit, no leave-group
      await new Promise((r) => child.once('exit', r));
      const survivor: string[] = [];
      consumers.push(await bus.consume({ topic, group, stage: 'survivor', maxBatchSize: 5, handler: async (batch) => void survivor.push(...batch.map((m) => m.value)) }));

      // The dead member is still in the group until the broker gives up on it (session or
      // rebalance timeout); then the survivor owns every partition and reads from the commits.
      await eventually(() => {
        const got = new Set([...childDone, ...survivor]);
        expect(sent.filter((m) => !got.has(m.value))).toEqual([]);
      }, 90_000);
      // What the child held uncommitted was redelivered to the survivor.
      for (const v of holding) expect(survivor).toContain(v);
      await eventually(async () => expect(await totalLag(bus, group, topic)).toBe(0), 30_000);
    });

    it('loses nothing when a rebalance happens during a batch (duplicates allowed)', async () => {
      const bus = open();
      const topic = unique('rebalance');
      const group = unique('g');
      await bus.ensureTopics([topic]);
      const sent = values(60, 'r');
      await bus.publish(topic, sent);
      const first: string[] = [];
      const second: string[] = [];
      const slow = (into: string[]) => async (batch: { value: string }[], ctx: { heartbeat(): Promise<void> }) => {
        for (let i = 0; i < 5; i++) {
          await new Promise((r) => setTimeout(r, 200));
          await ctx.heartbeat();
        }
        into.push(...batch.map((m) => m.value));
      };
      consumers.push(await bus.consume({ topic, group, stage: 'first', maxBatchSize: 5, handler: slow(first) }));
      await eventually(() => expect(first.length).toBeGreaterThan(0), 60_000);
      // Join while the first member is in the middle of its next batch.
      consumers.push(await open().consume({ topic, group, stage: 'second', maxBatchSize: 5, handler: slow(second) }));
      await eventually(() => {
        const got = new Set([...first, ...second]);
        expect(sent.filter((m) => !got.has(m.value))).toEqual([]);
      }, 90_000);
      expect(second.length).toBeGreaterThan(0); // the partitions were really shared
      await eventually(async () => expect(await totalLag(bus, group, topic)).toBe(0), 30_000);
    });

    it('rides out a store outage longer than the session timeout without losing its partitions', async () => {
      const bus = open();
      const topic = unique('outage');
      const group = unique('g');
      await bus.ensureTopics([topic]);
      const sent = values(20, 'o');
      await bus.publish(topic, sent);
      const outageUntil = Date.now() + 10_000; // > the 6s session timeout
      let failures = 0;
      const handled: string[] = [];
      consumers.push(
        await bus.consume({
          topic,
          group,
          stage: 'outage',
          retryDelayMs: 200,
          maxRetryDelayMs: 1_000,
          handler: async (batch) => {
            if (Date.now() < outageUntil) {
              failures++;
              throw new TransientError('store is down');
            }
            handled.push(...batch.map((m) => m.value));
          },
        }),
      );
      await eventually(() => expect(handled.length).toBeGreaterThanOrEqual(sent.length), 60_000);
      await new Promise((r) => setTimeout(r, 2_000));
      expect(failures).toBeGreaterThan(3);
      // Heartbeats kept the member in the group: had it been evicted, its commit would have been
      // refused and the batch handled again after the rejoin.
      expect(handled.sort()).toEqual(sent.map((m) => m.value).sort());
      expect(await totalLag(bus, group, topic)).toBe(0);
    });

    it('reports lag for a group that never consumed as everything retained', async () => {
      const bus = open();
      const topic = unique('lag');
      await bus.ensureTopics([topic]);
      await bus.publish(topic, values(9, 'l'));
      const lag = await bus.lag(unique('idle'), topic);
      expect(lag).toHaveLength(4);
      expect(lag.reduce((s, l) => s + l.lag, 0)).toBe(9);
    });
  });
});
