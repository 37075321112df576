// The bus contract, as a suite any Bus implementation must pass. The embedded bus runs it
// always; the Kafka bus runs it where KAFKA_BROKERS points at a real broker. Topic and group
// names are unique per run so the suite works on a shared, non-fresh cluster.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEAD_LETTER_HEADERS, TransientError, type Bus, type BusMessage, type Consumer } from '../../bus/index.js';

export interface BusUnderTest {
  bus: Bus;
  deadLetterTopic: string;
  close(): Promise<void>;
}

/** Polls until `check` passes or `timeoutMs` runs out (then throws the last assertion). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export function busContract(name: string, open: () => Promise<BusUnderTest>, timeoutMs = 10_000): void {
  describe(`bus contract: ${name}`, () => {
    const opened: BusUnderTest[] = [];
    const consumers: Consumer[] = [];
    const run = randomUUID().slice(0, 8);
    let n = 0;
    const unique = (what: string) => `contract-${run}-${what}-${++n}`;

    async function setup(): Promise<BusUnderTest> {
      const b = await open();
      opened.push(b);
      return b;
    }

    afterEach(async () => {
      await Promise.all(consumers.splice(0).map((c) => c.stop({ timeoutMs: 1_000 })));
      await Promise.all(opened.splice(0).map((b) => b.close()));
    });

    it('delivers every published message once to a group, keeping per-key order', async () => {
      const { bus } = await setup();
      const topic = unique('order');
      await bus.ensureTopics([topic]);
      const keys = ['a', 'b', 'c', 'd', 'e'];
      const sent = keys.flatMap((key) => Array.from({ length: 40 }, (_, i) => ({ key, value: JSON.stringify({ key, i }) })));
      // Interleave keys so order within a key is not an accident of publishing order.
      sent.sort((x, y) => JSON.parse(x.value).i - JSON.parse(y.value).i);
      await bus.publish(topic, sent.slice(0, 100));
      await bus.publish(topic, sent.slice(100));
      const seen: { key: string; i: number }[] = [];
      consumers.push(
        await bus.consume({ topic, group: unique('g'), stage: 'test', maxBatchSize: 17, handler: async (batch) => void seen.push(...batch.map((m) => JSON.parse(m.value))) }),
      );
      await eventually(() => expect(seen.length).toBe(sent.length), timeoutMs);
      for (const key of keys) {
        const order = seen.filter((s) => s.key === key).map((s) => s.i);
        expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i));
      }
    });

    it('gives each group its own copy of the stream', async () => {
      const { bus } = await setup();
      const topic = unique('groups');
      await bus.ensureTopics([topic]);
      await bus.publish(topic, Array.from({ length: 25 }, (_, i) => ({ key: `k${i}`, value: String(i) })));
      const a: string[] = [];
      const b: string[] = [];
      consumers.push(await bus.consume({ topic, group: unique('ga'), stage: 'test', handler: async (batch) => void a.push(...batch.map((m) => m.value)) }));
      consumers.push(await bus.consume({ topic, group: unique('gb'), stage: 'test', handler: async (batch) => void b.push(...batch.map((m) => m.value)) }));
      await eventually(() => {
        expect(a.sort()).toEqual(Array.from({ length: 25 }, (_, i) => String(i)).sort());
        expect(b.sort()).toEqual(a);
      }, timeoutMs);
    });

    it('redelivers an uncommitted batch to the next consumer of the group after a stop mid-batch', async () => {
      const { bus } = await setup();
      const topic = unique('redeliver');
      const group = unique('g');
      await bus.ensureTopics([topic]);
      await bus.publish(topic, Array.from({ length: 10 }, (_, i) => ({ key: 'same-key', value: String(i) })));
      let entered = false;
      const first = await bus.consume({
        topic,
        group,
        stage: 'test',
        handler: async () => {
          entered = true;
          await new Promise(() => {}); // never finishes: the batch is never committed
        },
      });
      await eventually(() => expect(entered).toBe(true), timeoutMs);
      await first.stop({ timeoutMs: 200 });
      const second: string[] = [];
      consumers.push(await bus.consume({ topic, group, stage: 'test', handler: async (batch) => void second.push(...batch.map((m) => m.value)) }));
      await eventually(() => expect(second).toEqual(Array.from({ length: 10 }, (_, i) => String(i))), timeoutMs);
    });

    it('does not redeliver a batch that was committed before the stop', async () => {
      const { bus } = await setup();
      const topic = unique('committed');
      const group = unique('g');
      await bus.ensureTopics([topic]);
      await bus.publish(topic, Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: `first-${i}` })));
      const got: string[] = [];
      const first = await bus.consume({ topic, group, stage: 'test', handler: async (batch) => void got.push(...batch.map((m) => m.value)) });
      await eventually(() => expect(got).toHaveLength(5), timeoutMs);
      await first.stop();
      await bus.publish(topic, [{ key: 'k', value: 'second-0' }]);
      const later: string[] = [];
      consumers.push(await bus.consume({ topic, group, stage: 'test', handler: async (batch) => void later.push(...batch.map((m) => m.value)) }));
      await eventually(() => expect(later).toEqual(['second-0']), timeoutMs);
    });

    it('sends a poison message to the dead-letter topic with its reason and carries on', async () => {
      const { bus, deadLetterTopic } = await setup();
      const topic = unique('poison');
      await bus.ensureTopics([topic, deadLetterTopic]);
      const values = Array.from({ length: 12 }, (_, i) => (i === 7 ? 'poison' : `ok-${i}`));
      await bus.publish(topic, values.map((value) => ({ key: 'one-key', value })));
      const handled: string[] = [];
      const dead: BusMessage[] = [];
      const dlqGroup = unique('dlq');
      consumers.push(
        await bus.consume({
          topic: deadLetterTopic,
          group: dlqGroup,
          stage: 'test',
          handler: async (batch) => void dead.push(...batch.filter((m) => m.headers[DEAD_LETTER_HEADERS.topic] === topic)),
        }),
      );
      consumers.push(
        await bus.consume({
          topic,
          group: unique('g'),
          stage: 'contract-stage',
          retryDelayMs: 1,
          maxAttempts: 2,
          handler: async (batch) => {
            if (batch.some((m) => m.value === 'poison')) throw new Error('cannot digest poison');
            handled.push(...batch.map((m) => m.value));
          },
        }),
      );
      await eventually(() => {
        expect(handled.sort()).toEqual(values.filter((v) => v !== 'poison').sort());
        expect(dead).toHaveLength(1);
      }, timeoutMs);
      const letter = dead[0]!;
      expect(letter.value).toBe('poison');
      expect(letter.headers[DEAD_LETTER_HEADERS.reason]).toContain('cannot digest poison');
      expect(letter.headers[DEAD_LETTER_HEADERS.stage]).toBe('contract-stage');
      expect(letter.headers[DEAD_LETTER_HEADERS.offset]).toMatch(/^\d+$/);
    });

    it('retries a transient failure without dead-lettering anything', async () => {
      const { bus, deadLetterTopic } = await setup();
      const topic = unique('transient');
      await bus.ensureTopics([topic, deadLetterTopic]);
      await bus.publish(topic, Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: String(i) })));
      let failures = 0;
      const handled: string[] = [];
      consumers.push(
        await bus.consume({
          topic,
          group: unique('g'),
          stage: 'test',
          retryDelayMs: 1,
          maxAttempts: 1,
          handler: async (batch) => {
            if (failures < 5) {
              failures++;
              throw new TransientError('store is down');
            }
            handled.push(...batch.map((m) => m.value));
          },
        }),
      );
      await eventually(() => expect(handled.sort()).toEqual(['0', '1', '2', '3', '4', '5']), timeoutMs);
      expect(failures).toBe(5);
      const lag = await bus.lag(unique('never-consumed'), deadLetterTopic);
      expect(lag.every((l) => l.lag >= 0)).toBe(true);
    });

    it('reports lag until the group commits', async () => {
      const { bus } = await setup();
      const topic = unique('lag');
      const group = unique('g');
      await bus.ensureTopics([topic]);
      await bus.publish(topic, Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, value: String(i) })));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let count = 0;
      consumers.push(
        await bus.consume({
          topic,
          group,
          stage: 'test',
          handler: async (batch) => {
            await gate;
            count += batch.length;
          },
        }),
      );
      await eventually(async () => expect((await bus.lag(group, topic)).reduce((s, l) => s + l.lag, 0)).toBe(8), timeoutMs);
      release();
      await eventually(async () => {
        expect(count).toBe(8);
        expect((await bus.lag(group, topic)).reduce((s, l) => s + l.lag, 0)).toBe(0);
      }, timeoutMs);
    });
  });
}
