// `earshot dlq`: reading the dead-letter topic (real embedded bus), turning letters back into
// messages for their original topic, and the CLI end to end on an embedded store.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEAD_LETTER_HEADERS, EmbeddedBus, type BusMessage } from '../../bus/index.js';
import { REPLAYED_FROM_HEADER, entryFromMessage, readDeadLetterTopic, replayMessage, type DeadLetterEntry } from '../../cli/commands/dlq.js';
import { eventually } from '../bus/contract.js';
import { runCli } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs a consumer that rejects every 'bad-*' value, so the real bus dead-letters them. */
async function busWithDeadLetters(values: string[]) {
  const bus = new EmbeddedBus({ partitions: 3, deadLetterTopic: 'dlq' });
  let fixed = false;
  const handled: BusMessage[] = [];
  const consumer = await bus.consume({
    topic: 'mentions.raw',
    group: 'process',
    stage: 'process',
    maxAttempts: 1,
    retryDelayMs: 1,
    handler: async (batch) => {
      if (!fixed && batch.some((m) => m.value.startsWith('bad-'))) throw new Error('classifier cannot read this');
      handled.push(...batch);
    },
  });
  await bus.publish('mentions.raw', values.map((value, i) => ({ key: `x:${i}`, value, headers: { trace: `t${i}` } })));
  const bad = values.filter((v) => v.startsWith('bad-')).length;
  await eventually(async () => expect((await bus.lag('nobody', 'dlq')).reduce((s, l) => s + l.lag, 0)).toBe(bad));
  return { bus, consumer, handled, fix: () => (fixed = true) };
}

describe('dlq: letters from the dead-letter topic', () => {
  it('maps a dead letter back to its original topic, key, value and headers', async () => {
    const { bus, consumer } = await busWithDeadLetters(['ok-0', 'bad-1']);
    const entries: DeadLetterEntry[] = [];
    expect(await readDeadLetterTopic(bus, 'dlq', 'list-1', async (e) => void entries.push(...e))).toBe(1);
    const [entry] = entries;
    expect(entry!.letter).toMatchObject({ stage: 'process', originalTopic: 'mentions.raw', payload: 'bad-1' });
    expect(entry!.letter.reason).toContain('classifier cannot read this');
    expect(entry!.letter.offset).toMatch(/^\d+$/);
    const replay = replayMessage(entry!);
    expect(replay).toEqual({ topic: 'mentions.raw', message: { key: 'x:1', value: 'bad-1', headers: { trace: 't1', [REPLAYED_FROM_HEADER]: entry!.where } } });
    await consumer.stop();
    await bus.close();
  });

  it('will not replay a letter that never came off the bus, and keys store letters by mention id', () => {
    const base = { stage: 'ingest:x', reason: 'no text', at: new Date().toISOString() };
    expect(replayMessage({ where: 'store', letter: { ...base, payload: '{}' }, headers: {} })).toHaveProperty('skip');
    const fromStore = replayMessage({ where: 'store', letter: { ...base, payload: JSON.stringify({ id: 'x:42', text: 't' }), originalTopic: 'mentions.raw' }, headers: {} });
    expect(fromStore).toMatchObject({ topic: 'mentions.raw', message: { key: 'x:42' } });
    const enriched = replayMessage({ where: 'store', letter: { ...base, payload: JSON.stringify({ raw: { id: 'x:43' } }), originalTopic: 'mentions.enriched' }, headers: {} });
    expect(enriched).toMatchObject({ message: { key: 'x:43' } });
  });

  it('a durable replay group hands each letter over once, resuming after a limit', async () => {
    const values = ['bad-0', 'ok-1', 'bad-2', 'bad-3', 'bad-4', 'bad-5'];
    const { bus, consumer } = await busWithDeadLetters(values);
    const first: string[] = [];
    expect(await readDeadLetterTopic(bus, 'dlq', 'replay', async (e) => void first.push(...e.map((x) => x.letter.payload)), { limit: 2 })).toBe(2);
    const second: string[] = [];
    await readDeadLetterTopic(bus, 'dlq', 'replay', async (e) => void second.push(...e.map((x) => x.letter.payload)));
    expect([...new Set([...first, ...second])].sort()).toEqual(['bad-0', 'bad-2', 'bad-3', 'bad-4', 'bad-5']);
    const third: string[] = [];
    expect(await readDeadLetterTopic(bus, 'dlq', 'replay', async (e) => void third.push(...e.map((x) => x.letter.payload)))).toBe(0);
    await consumer.stop();
    await bus.close();
  });

  it('replayed letters reach the fixed consumer', async () => {
    const { bus, consumer, handled, fix } = await busWithDeadLetters(['ok-0', 'bad-1', 'bad-2']);
    fix();
    await readDeadLetterTopic(bus, 'dlq', 'replay', async (entries) => {
      for (const e of entries) {
        const r = replayMessage(e);
        if ('topic' in r) await bus.publish(r.topic, [r.message]);
      }
    });
    await eventually(() => expect(handled.map((m) => m.value).sort()).toEqual(['bad-1', 'bad-2', 'ok-0']));
    const replayed = handled.filter((m) => m.value.startsWith('bad-'));
    expect(replayed.every((m) => m.headers[REPLAYED_FROM_HEADER]?.startsWith('dlq:') && m.headers[DEAD_LETTER_HEADERS.reason] === undefined)).toBe(true);
    await consumer.stop();
    await bus.close();
  });

  it('does not commit past a letter whose handling failed', async () => {
    const { bus, consumer } = await busWithDeadLetters(['bad-0', 'bad-1']);
    await expect(readDeadLetterTopic(bus, 'dlq', 'replay', async () => { throw new Error('broker gone'); })).rejects.toThrow('broker gone');
    expect((await bus.lag('replay', 'dlq')).reduce((s, l) => s + l.lag, 0)).toBe(2);
    await consumer.stop();
    await bus.close();
  });
});

describe('earshot dlq (CLI, embedded store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-dlq-'));
  const configFile = join(dir, 'earshot.yaml');
  writeFileSync(configFile, readFileSync(join(root, 'config', 'earshot.example.yaml'), 'utf8').replace('path: ./data', `path: ${join(dir, 'data')}`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const earshot = (...args: string[]) => runCli(['--config', configFile, ...args], { cwd: dir });

  it('lists the store table and replays letters through process and store', async () => {
    const { openStore } = await import('../../store/index.js');
    const { validateConfig } = await import('../../config/index.js');
    const { parse } = await import('yaml');
    const config = validateConfig(parse(readFileSync(configFile, 'utf8')));
    const now = new Date().toISOString();
    const mention = { id: 'x:dlq-1', source: 'x', nativeId: 'dlq-1', author: { id: 'u1', handle: 'u1' }, text: 'Acme broadband still down, third time I have called', createdAt: now, fetchedAt: now, brand: 'acme', query: 'acme' };
    const store = await openStore(config.store);
    await store.migrate();
    await store.insertDeadLetters([
      { stage: 'process', reason: 'classifier crashed', payload: JSON.stringify(mention), at: now, originalTopic: 'mentions.raw', partition: 0, offset: '7' },
      { stage: 'ingest:x', reason: 'no text in item', payload: '{"id_str":"9"}', at: now, source: 'x' },
    ]);
    await store.close();

    const listed = await earshot('dlq', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { stage: string; reason: string });
    expect(lines.map((l) => l.stage).sort()).toEqual(['ingest:x', 'process']);
    const onlyProcess = await earshot('dlq', 'list', '--json', '--stage', 'process');
    expect(onlyProcess.stdout.trim().split('\n')).toHaveLength(1);

    const refused = await earshot('dlq', 'replay');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--since');
    const replayed = await earshot('dlq', 'replay', '--since', '1h');
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stderr).toContain('1 replayed, 1 not replayable');

    const check = await openStore(config.store);
    const found = await check.mentions({ filter: { brand: 'acme' }, range: { since: new Date(Date.now() - 3_600_000), until: new Date(Date.now() + 60_000) }, limit: 10 });
    await check.close();
    expect(JSON.stringify(found)).toContain('x:dlq-1');
  }, 180_000);
});
