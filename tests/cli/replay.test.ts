import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('earshot replay FILE', () => {
  it('stores good lines, dead-letters bad ones with line and reason, exits 3, and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-replay-'));
    writeFileSync(join(dir, 'earshot.yaml'), 'brands:\n  - { id: acme, name: Acme }\nstore: { kind: embedded, path: ./data, writer: { flushInterval: 20ms } }\n');
    const mention = (i: number, text: string) =>
      JSON.stringify({ id: `file:${i}`, source: 'file', nativeId: String(i), author: { id: 'a', handle: 'ann' }, text, createdAt: '2026-11-24T10:00:00Z', fetchedAt: '2026-11-24T10:00:00Z', brand: 'acme' });
    const lines = [mention(1, 'still waiting for my refund'), '{broken json', mention(2, 'love it'), JSON.stringify({ id: 'file:3', source: 'file' }), mention(3, 'you should add dark mode')];
    writeFileSync(join(dir, 'mentions.jsonl'), `${lines.join('\n')}\n`);

    const first = await runCli(['replay', 'mentions.jsonl'], { cwd: dir });
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.code).toBe(3);
    expect(first.stdout).toContain('5 lines, 3 mentions published, 2 rejected');

    const second = await runCli(['replay', 'mentions.jsonl'], { cwd: dir });
    expect(second.code).toBe(3);
    const summary = await runCli(['query', 'summary', '--since', '2026-11-24', '--until', '2026-11-25', '--json'], { cwd: dir });
    expect(summary.code).toBe(0);
    expect(JSON.parse(summary.stdout).mentions).toBe(3);

    const letters = await runCli(['query', 'dead-letters', '--since', '2020-01-01', '--json'], { cwd: dir });
    const parsed = JSON.parse(letters.stdout) as { reason: string; payload: string; stage: string }[];
    expect(parsed).toHaveLength(4); // two bad lines, replayed twice: dead letters are an audit log
    expect(parsed.map((l) => l.reason).join('\n')).toMatch(/mentions\.jsonl:2: .*JSON/);
    expect(parsed.map((l) => l.reason).join('\n')).toMatch(/mentions\.jsonl:4: /);
    expect(parsed.map((l) => l.payload)).toContain('{broken json');
  }, 60_000);
});
