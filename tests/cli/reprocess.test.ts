import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('earshot reprocess', () => {
  it('classifies stored mentions again through the pipeline without changing counts (newest-version-wins is in the store contract)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-reprocess-'));
    writeFileSync(join(dir, 'earshot.yaml'), 'brands:\n  - { id: acme, name: Acme }\nstore: { kind: embedded, path: ./data, writer: { flushInterval: 20ms } }\n');
    const lines = ['still waiting for my refund, third time I have asked', 'you should add dark mode', 'love it'].map((text, i) =>
      JSON.stringify({ id: `file:${i}`, source: 'file', nativeId: String(i), author: { id: 'a', handle: 'ann' }, text, createdAt: '2026-11-24T10:00:00Z', fetchedAt: '2026-11-24T10:00:00Z', brand: 'acme' }),
    );
    writeFileSync(join(dir, 'm.jsonl'), `${lines.join('\n')}\n`);
    expect((await runCli(['replay', 'm.jsonl'], { cwd: dir })).code).toBe(0);
    const query = async () => JSON.parse((await runCli(['query', 'mentions', '--since', '2026-11-24', '--until', '2026-11-25', '--json'], { cwd: dir })).stdout) as { rows: { id: string; intent: string; processingVersion: number }[] };
    const before = await query();

    const result = await runCli(['reprocess', '--since', '2026-11-24', '--until', '2026-11-25'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/reprocess: 3 mentions .* reclassified and stored/);
    const after = await query();
    expect(after.rows.map((r) => [r.id, r.intent])).toEqual(before.rows.map((r) => [r.id, r.intent]));
    expect(after.rows).toHaveLength(3);
  }, 60_000);
});
