import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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

describe('embedded bus with an on-disk log', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-bus-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  busContract('embedded durable', async () => {
    const bus = new EmbeddedBus({ partitions: 3, deadLetterTopic: 'dlq', logDir: tempDir() });
    return { bus, deadLetterTopic: 'dlq', close: () => bus.close() };
  });

  it('redelivers after a SIGKILL every uncommitted message and nothing committed', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./embedded-child.ts', import.meta.url))], {
      env: { ...process.env, LOG_DIR: dir, TOTAL: '200', HANDLE_BATCHES: '3', BATCH_SIZE: '25' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const events: { event: string; values: string[] }[] = [];
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const l of lines) if (l.trim()) events.push(JSON.parse(l));
    });
    await eventually(() => expect(events.some((e) => e.event === 'holding')).toBe(true), 50_000);
    expect(child.kill('SIGKILL')).toBe(true); // no clean stop, no commit of the batch in hand
    await new Promise((r) => child.once('exit', r));

    const published = events.filter((e) => e.event === 'published').flatMap((e) => e.values);
    const committed = events.filter((e) => e.event === 'committed').flatMap((e) => e.values);
    const holding = events.find((e) => e.event === 'holding')!.values;
    expect(published).toHaveLength(200);
    expect(committed).toHaveLength(75);

    const bus = new EmbeddedBus({ partitions: 1, logDir: dir });
    const got: string[] = [];
    const consumer = await bus.consume({ topic: 't', group: 'g', stage: 'test', handler: async (b) => void got.push(...b.map((m) => m.value)) });
    const uncommitted = published.filter((v) => !committed.includes(v));
    await eventually(() => expect(got).toHaveLength(uncommitted.length));
    expect(got).toEqual(uncommitted);
    expect(got.slice(0, holding.length)).toEqual(holding);
    // Every message published before the kill is either committed or redelivered, in order.
    expect([...committed, ...got]).toEqual(published);
    await consumer.stop();
    await bus.close();
  }, 60_000);

  it('deletes segments every group has committed and keeps offsets across reopen', async () => {
    const dir = tempDir();
    const bus = new EmbeddedBus({ partitions: 1, logDir: dir, segmentBytes: 1_000 });
    const got: string[] = [];
    const consumer = await bus.consume({ topic: 't', group: 'g', stage: 'test', handler: async (b) => void got.push(...b.map((m) => m.value)) });
    for (let i = 0; i < 50; i++) await bus.publish('t', [{ key: 'k', value: `v${i}-${'x'.repeat(100)}` }]);
    await eventually(() => expect(got).toHaveLength(50));
    await eventually(async () => expect((await bus.lag('g', 't'))[0]!.lag).toBe(0));
    await consumer.stop();
    await bus.publish('t', [{ key: 'k', value: 'after' }]);
    await bus.close();
    const segments = readdirSync(join(dir, 'topics', 't', '0'));
    expect(segments.length).toBeLessThanOrEqual(2); // ~6 segments were written

    const reopened = new EmbeddedBus({ partitions: 1, logDir: dir });
    expect((await reopened.lag('g', 't'))[0]!.lag).toBe(1);
    const again: string[] = [];
    const c2 = await reopened.consume({ topic: 't', group: 'g', stage: 'test', handler: async (b) => void again.push(...b.map((m) => m.value)) });
    await eventually(() => expect(again).toEqual(['after']));
    await reopened.publish('t', [{ key: 'k', value: 'later' }]);
    await eventually(() => expect(again).toEqual(['after', 'later']));
    await c2.stop();
    await reopened.close();
  });

  it('drops a write torn by a crash and appends cleanly after it', async () => {
    const dir = tempDir();
    const bus = new EmbeddedBus({ partitions: 1, logDir: dir });
    await bus.publish('t', [{ key: 'k', value: 'a' }, { key: 'k', value: 'b' }]);
    await bus.close();
    const segment = join(dir, 'topics', 't', '0', readdirSync(join(dir, 'topics', 't', '0'))[0]!);
    appendFileSync(segment, '{"o":2,"k":"k","v":"tor');
    const reopened = new EmbeddedBus({ partitions: 1, logDir: dir });
    await reopened.publish('t', [{ key: 'k', value: 'c' }]);
    await reopened.close();
    const third = new EmbeddedBus({ partitions: 1, logDir: dir });
    const got: string[] = [];
    const c = await third.consume({ topic: 't', group: 'g', stage: 'test', handler: async (b) => void got.push(...b.map((m) => `${m.offset}:${m.value}`)) });
    await eventually(() => expect(got).toEqual(['0:a', '1:b', '2:c']));
    await c.stop();
    await third.close();
  });
});
