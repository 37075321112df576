import { describe, expect, it } from 'vitest';
import { EnrichedMention } from '../../messages/index.js';
import { runCli } from './run-cli.js';

const TEXTS = [
  "Still waiting for my refund from @acmebroadband, third time I've called this week",
  'You should add a dark mode to the app, I wish it had one',
  'Love the new router, speeds are great!',
  'How do I change my billing address?',
  'El servicio de internet no funciona otra vez',
];

describe('earshot classify (stdin → stdout contract)', () => {
  it('turns 10,000 lines into 10,000 schema-valid records in input order', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `${TEXTS[i % TEXTS.length]} #${i}`);
    const result = await runCli(['classify'], { input: `${lines.join('\n')}\n` });
    expect(result.code).toBe(0);
    const records = result.stdout.trim().split('\n').map((l) => EnrichedMention.parse(JSON.parse(l)));
    expect(records).toHaveLength(10_000);
    records.forEach((r, i) => expect(r.raw.text).toBe(lines[i]));
    expect(result.stderr).toContain('10000 lines read, 10000 classified, 0 rejected');
  }, 120_000);

  it('accepts RawMention JSON lines and rejects malformed ones on stderr without losing the good ones', async () => {
    const good = {
      id: 'x:1',
      source: 'x',
      nativeId: '1',
      author: { id: 'u1', handle: 'ann' },
      text: 'the app crashed again after the update',
      createdAt: '2026-11-24T10:00:00Z',
      fetchedAt: '2026-11-24T10:00:01Z',
      brand: 'acme',
    };
    const input = [JSON.stringify(good), '{"id": "x:2", "source": "x"', JSON.stringify({ ...good, id: 'x:3', nativeId: '3', text: '' }), 'plain text line about acme'].join('\n');
    const result = await runCli(['classify'], { input });
    expect(result.code).toBe(3);
    const out = result.stdout.trim().split('\n').map((l) => EnrichedMention.parse(JSON.parse(l)));
    expect(out.map((r) => r.raw.id)).toEqual(['x:1', 'file:stdin-4']);
    const rejected = result.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { line: number; reason: string; payload: string });
    expect(rejected.map((r) => r.line)).toEqual([2, 3]);
    expect(rejected[0]!.reason).toMatch(/not valid JSON/);
    expect(rejected[1]!.reason).toMatch(/text/);
    expect(result.stderr).toContain('4 lines read, 2 classified, 2 rejected');
  });
});
