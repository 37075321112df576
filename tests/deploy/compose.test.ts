// docker-compose.yml and the Dockerfile against the code: every earshot service runs a real
// `earshot` subcommand, the mounted config is valid and points at the compose services, and the
// compose CLI accepts the file (`docker compose config`, where the plugin or docker-compose is
// installed; no engine needed).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../config/index.js';
import { buildProgram } from '../../cli/main.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const composeFile = join(root, 'docker-compose.yml');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  container_name?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string };
}
const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const earshotServices = Object.entries(compose.services).filter(([, s]) => s.image === 'earshot:local');

/** The subcommand a service runs: the first argument that is not a global option or its value. */
function subcommand(command: Service['command']): string | undefined {
  const args = typeof command === 'string' ? command.split(/\s+/) : (command ?? []);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-c' || a === '--config' || a === '--log-level') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** `docker compose` if the plugin is there, else the standalone `docker-compose`, else null. */
function composeCli(): string[] | null {
  const tries: string[][] = [['docker', 'compose'], ['docker-compose']];
  for (const cli of tries) {
    const r = spawnSync(cli[0]!, [...cli.slice(1), 'version'], { encoding: 'utf8' });
    if (r.status === 0) return cli;
  }
  return null;
}

describe('docker-compose.yml', () => {
  it('has the infrastructure and the five earshot stages, from one image', () => {
    for (const name of ['kafka', 'clickhouse', 'ingest', 'process', 'store', 'scheduler', 'api']) expect(Object.keys(compose.services)).toContain(name);
    expect(earshotServices.map(([name]) => name).sort()).toEqual(['api', 'ingest', 'migrate', 'process', 'scheduler', 'store']);
    expect(compose.services.kafka!.image).toMatch(/^apache\/kafka:/);
    expect(compose.services.kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller'); // KRaft, no ZooKeeper
    expect(compose.services.clickhouse!.image).toMatch(/^clickhouse\/clickhouse-server:/);
    expect(compose.services.clickhouse!.volumes!.some((v) => v.endsWith(':/var/lib/clickhouse'))).toBe(true);
    for (const name of ['kafka', 'clickhouse']) expect(compose.services[name]!.healthcheck).toBeDefined();
  });

  it('runs a real earshot subcommand in every earshot service', async () => {
    const program = await buildProgram();
    const known = new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
    const unknown = earshotServices.map(([name, s]) => ({ name, command: subcommand(s.command) })).filter((s) => !s.command || !known.has(s.command));
    expect(unknown, `services whose command is not one of: ${[...known].sort().join(', ')}`).toEqual([]);
  });

  it('can scale process: no fixed container name or host port', () => {
    const process = compose.services.process!;
    expect(process.container_name).toBeUndefined();
    expect(process.ports ?? []).toEqual([]);
  });

  it('mounts a valid distributed config into every earshot service, naming the compose hosts', () => {
    for (const [, s] of earshotServices) expect(s.volumes).toContain('./config/earshot.compose.yaml:/app/earshot.yaml:ro');
    const config = loadConfig(join(root, 'config', 'earshot.compose.yaml'));
    expect(config.bus.kind).toBe('kafka');
    expect(config.store.kind).toBe('clickhouse');
    if (config.bus.kind !== 'kafka' || config.store.kind !== 'clickhouse') return;
    const advertised = compose.services.kafka!.environment!.KAFKA_ADVERTISED_LISTENERS!;
    for (const broker of config.bus.brokers) expect(advertised).toContain(`//${broker}`);
    expect(new URL(config.store.url).hostname).toBe('clickhouse');
    // The store's credentials are read from the env vars the services set.
    for (const [, s] of earshotServices) {
      expect(s.environment).toHaveProperty(config.store.usernameEnv);
      expect(s.environment).toHaveProperty(config.store.passwordEnv);
    }
    expect(config.api.host).toBe('0.0.0.0'); // reachable through the published port
  });

  it('builds a multi-stage, non-root image with production dependencies only', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci [^\n]*--omit=dev/);
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/^(root|0)$/);
    // tsx must be a runtime dependency, since the image has no build step.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toHaveProperty('tsx');
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toContain('node_modules');
  });

  const cli = composeCli();
  if (!cli) console.log('compose CLI check SKIPPED: neither `docker compose` (plugin) nor `docker-compose` is installed');
  it.skipIf(!cli)('is accepted by the compose CLI (`config`, no engine needed)', () => {
    const out = execFileSync(cli![0]!, [...cli!.slice(1), '-f', composeFile, 'config', '--services'], { cwd: root, encoding: 'utf8' });
    expect(out.split('\n').filter(Boolean).sort()).toEqual(Object.keys(compose.services).sort());
  });
});
