// The long-running commands as a user starts them: they serve, they work, and SIGTERM stops
// them cleanly (exit 0).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../bus/contract.js';
import { EARSHOT_BIN } from './run-cli.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function start(args: string[], cwd: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [EARSHOT_BIN, ...args], { cwd, env: { ...process.env, EARSHOT_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

function workdir(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-long-'));
  writeFileSync(join(dir, 'earshot.yaml'), config);
  return dir;
}

describe('long-running commands', () => {
  it('earshot api serves the dashboard and the API, and stops on SIGTERM', async () => {
    const dir = workdir('brands:\n  - { id: acme, name: Acme }\napi: { port: 0 }\n');
    const api = start(['api', '--no-auth'], dir);
    let base = '';
    await eventually(() => {
      const m = /dashboard at (http:\/\/\S+?)\/ /.exec(api.output());
      expect(m, api.output()).not.toBeNull();
      base = m![1]!;
    }, 30_000);
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const brands = (await (await fetch(`${base}/v1/brands`)).json()) as unknown;
    expect(JSON.stringify(brands)).toContain('acme');
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  }, 60_000);

  it('earshot run ingests from the configured source, stores, serves the API, and stops on SIGTERM', async () => {
    const dir = workdir(
      [
        'brands:',
        '  - { id: acme, name: Acme Broadband, aliases: [Acme] }',
        'sources:',
        '  - { kind: simulate, id: sim, schedule: "* * * * *", mentionsPerDay: 200000 }',
        'store: { kind: embedded, path: ./data, writer: { flushInterval: 20ms } }',
        'api: { port: 0 }',
        'metrics: { enabled: false }',
        '',
      ].join('\n'),
    );
    const run = start(['run', '--api', '--no-auth'], dir);
    let base = '';
    await eventually(() => {
      const m = /"address":"(http:\/\/[^"]+)"/.exec(run.output());
      expect(m, run.output()).not.toBeNull();
      base = m![1]!;
    }, 30_000);
    // The simulator's first poll (at start) covers the current minute: about 140 mentions.
    await eventually(async () => {
      const summary = (await (await fetch(`${base}/v1/summary?since=1h`)).json()) as { mentions: number };
      expect(summary.mentions).toBeGreaterThan(0);
    }, 45_000);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/shutting down/);
  }, 90_000);
});
