// The embedded pipeline end to end on real parts: in-process bus, the classifiers, chdb.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drained, openPipeline, type Pipeline } from '../../cli/pipeline.js';
import { validateConfig } from '../../config/index.js';
import { TOPICS, type RawMentionInput } from '../../messages/index.js';

const config = validateConfig({
  brands: [{ id: 'acme', name: 'Acme' }],
  taxonomy: { topics: [{ id: 'billing', label: 'Billing', phrases: ['refund', 'bill'] }] },
  // Short flushes: the test waits for the store, not for a production-sized batching window.
  store: { kind: 'embedded', writer: { flushInterval: '20ms' } },
});

function raw(i: number, text: string): RawMentionInput {
  return {
    id: `x:${i}`,
    source: 'x',
    nativeId: String(i),
    author: { id: `u${i}`, handle: `user${i}` },
    text,
    createdAt: new Date(Date.UTC(2026, 10, 24, 10, 0, i)).toISOString(),
    fetchedAt: '2026-11-24T12:00:00Z',
    brand: 'acme',
  };
}

describe('embedded pipeline', () => {
  let pipeline: Pipeline;
  const range = { since: new Date('2026-11-24T00:00:00Z'), until: new Date('2026-11-25T00:00:00Z') };
  const texts = ['still waiting for my refund, third time asking', 'love the service, thanks', 'when is my bill due?', 'you should add paypal'];
  const mentions = Array.from({ length: 200 }, (_, i) => raw(i, `${texts[i % texts.length]} (${i})`));

  beforeAll(async () => {
    pipeline = await openPipeline({ ...config, store: { ...config.store, kind: 'embedded', path: mkdtempSync(join(tmpdir(), 'earshot-pipe-')) } }, pino({ level: 'silent' }), ['process', 'store']);
  });
  afterAll(async () => pipeline?.close());

  it('classifies and stores every published mention, and a replay changes no count', async () => {
    const publish = () => pipeline.bus.publish(TOPICS.raw, mentions.map((m) => ({ key: m.id, value: JSON.stringify(m) })));
    await publish();
    await drained(pipeline.bus);
    const first = await pipeline.store.summary({ range });
    expect(first.mentions).toBe(200);
    expect((await pipeline.store.topTopics({ range })).find((t) => t.topic === 'billing')?.mentions).toBeGreaterThanOrEqual(100);
    await publish();
    await drained(pipeline.bus);
    expect(await pipeline.store.summary({ range })).toEqual(first);
  });

  it('dead-letters malformed messages with their reason and stores the good ones around them', async () => {
    const good = [raw(1000, 'the app crashed again'), raw(1001, 'great update, thank you')];
    await pipeline.bus.publish(TOPICS.raw, [
      { key: 'a', value: JSON.stringify(good[0]) },
      { key: 'b', value: '{"this is": not json' },
      { key: 'c', value: JSON.stringify({ ...good[1], id: 'x:wrong' }) },
      { key: 'd', value: JSON.stringify(good[1]) },
    ]);
    await drained(pipeline.bus);
    const page = await pipeline.store.mentions({ range, limit: 10, filter: { text: 'crashed again' } });
    expect(page.rows.map((r) => r.id)).toEqual(['x:1000']);
    expect((await pipeline.store.mentions({ range, limit: 10, filter: { text: 'great update' } })).rows.map((r) => r.id)).toEqual(['x:1001']);
    const letters = await pipeline.store.deadLetters({ limit: 10 });
    expect(letters).toHaveLength(2);
    expect(letters.map((l) => l.payload).sort()).toEqual(['{"this is": not json', JSON.stringify({ ...good[1], id: 'x:wrong' })].sort());
    expect(letters.every((l) => l.stage === 'process' && l.originalTopic === TOPICS.raw)).toBe(true);
    expect(letters.map((l) => l.reason).join(' ')).toMatch(/not valid JSON/);
    expect(letters.map((l) => l.reason).join(' ')).toMatch(/id must be `source:nativeId`/);
  });
});
