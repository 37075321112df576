import { describe, expect, it } from 'vitest';
import { EmbeddedBus, partitionForKey } from '../../bus/index.js';
import { busContract, eventually } from './contract.js';

busContract('embedded', async () => {
  const bus = new EmbeddedBus({ partitions: 3, deadLetterTopic: 'dlq' });
  return { bus, deadLetterTopic: 'dlq', close: () => bus.close() };
});

describe('embedded bus specifics', () => {
  it('spreads keys over partitions and keeps one key on one partition', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) seen.add(partitionForKey(`key-${i}`, 4));
    expect(seen.size).toBe(4);
    expect(partitionForKey('x:123', 4)).toBe(partitionForKey('x:123', 4));
  });

  it('holds publishers back while a consumed topic is over its backlog, then lets them go', async () => {
    const bus = new EmbeddedBus({ partitions: 1, maxBacklog: 10 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const got: string[] = [];
    const consumer = await bus.consume({ topic: 't', group: 'g', stage: 'test', maxBatchSize: 5, handler: async (b) => { await gate; got.push(...b.map((m) => m.value)); } });
    let published = false;
    const publishing = bus.publish('t', Array.from({ length: 30 }, (_, i) => ({ key: 'k', value: String(i) }))).then(() => (published = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(published).toBe(false);
    release();
    await publishing;
    await eventually(() => expect(got).toHaveLength(30));
    await consumer.stop();
    await bus.close();
  });

  it('moves partitions to the surviving member when one leaves the group', async () => {
    const bus = new EmbeddedBus({ partitions: 4 });
    const a: string[] = [];
    const b: string[] = [];
    const ca = await bus.consume({ topic: 't', group: 'g', stage: 'test', handler: async (batch) => void a.push(...batch.map((m) => m.value)) });
    const cb = await bus.consume({ topic: 't', group: 'g', stage: 'test', handler: async (batch) => void b.push(...batch.map((m) => m.value)) });
    await bus.publish('t', Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: String(i) })));
    await eventually(() => expect(a.length + b.length).toBe(40));
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    await ca.stop();
    await bus.publish('t', Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: `later-${i}` })));
    await eventually(() => expect(b.filter((v) => v.startsWith('later-'))).toHaveLength(40));
    await cb.stop();
    await bus.close();
  });
});

describe('embedded bus backpressure', () => {
  it('releases a held-back publisher when the only reader leaves the group', async () => {
    const bus = new EmbeddedBus({ partitions: 1, maxBacklog: 5 });
    const consumer = await bus.consume({ topic: 't', group: 'g', stage: 'test', handler: () => new Promise(() => {}) });
    let published = false;
    const publishing = bus.publish('t', Array.from({ length: 20 }, (_, i) => ({ key: 'k', value: String(i) }))).then(() => (published = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(published).toBe(false);
    await consumer.stop({ timeoutMs: 10 });
    await publishing;
    expect(published).toBe(true);
    await bus.close();
  });
});
