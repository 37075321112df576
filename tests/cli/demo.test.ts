// What `npm start` runs, as a user runs it on a fresh checkout: it must finish, exit 0, print
// the summary and write a digest that names the injected spike.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('earshot run --demo (npm start)', () => {
  it('simulates, classifies, stores, sees the spike and writes a digest naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-demo-'));
    const result = await runCli(['run', '--demo'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/earshot demo: [\d,]+ mentions simulated/);
    for (const section of ['Volume and sentiment', 'Top topics', 'Failure demand:', 'Top customer ideas', 'Negative spikes:']) expect(out).toContain(section);
    expect(out).toMatch(/injected spike acme at 14:00 UTC: seen/);
    const digestLine = out.split('\n').find((l) => l.includes('Acme Broadband:') && l.endsWith('.html)'));
    const digest = digestLine!.match(/: (\S+\.md) /)![1]!;
    expect(existsSync(digest)).toBe(true);
    expect(digest.startsWith(dir)).toBe(true);
    const md = readFileSync(digest, 'utf8');
    expect(md).toMatch(/Negative spike.* from .*14:00/);
    // The stored day answers queries afterwards, from the demo's own store.
    expect(existsSync(join(dir, 'data', 'demo'))).toBe(true);
  }, 180_000);
});
