// A dedicated clickhouse-server for tests that must stop and restart it (outages): own temp
// dir, own free loopback ports, the same config templates as .ci/run (.ci/clickhouse/).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const templates = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.ci', 'clickhouse');

/** The clickhouse-server binary on PATH (or Debian's /usr/sbin, which non-root PATHs omit); undefined when absent. */
export function findClickHouseServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin'];
  for (const d of dirs) {
    const candidate = join(d, 'clickhouse-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export class ClickHouseProcess {
  private child: ChildProcess | undefined;
  private constructor(
    readonly binary: string,
    readonly dir: string,
    readonly httpPort: number,
    readonly tcpPort: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  static async create(binary: string): Promise<ClickHouseProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-chs-'));
    const [httpPort, tcpPort] = [await freePort(), await freePort()];
    for (const sub of ['log', 'data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
    const fill = (text: string) => text.replaceAll('@DIR@', dir).replaceAll('@HTTP_PORT@', String(httpPort)).replaceAll('@TCP_PORT@', String(tcpPort));
    writeFileSync(join(dir, 'config.xml'), fill(readFileSync(join(templates, 'config.xml'), 'utf8')));
    writeFileSync(join(dir, 'users.xml'), fill(readFileSync(join(templates, 'users.xml'), 'utf8')));
    return new ClickHouseProcess(binary, dir, httpPort, tcpPort);
  }

  /** Starts the server and waits (bounded) until it answers SELECT 1. */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(this.binary, [`--config-file=${join(this.dir, 'config.xml')}`], { cwd: this.dir, stdio: 'ignore' });
    this.child = child;
    let exited: string | undefined;
    child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited) break;
      try {
        const r = await fetch(`${this.url}/?query=SELECT%201`);
        if (r.ok && (await r.text()).trim() === '1') return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const log = existsSync(join(this.dir, 'log', 'error.log')) ? readFileSync(join(this.dir, 'log', 'error.log'), 'utf8').slice(-4000) : '(no log)';
    await this.kill();
    throw new Error(`clickhouse-server in ${this.dir} did not answer on port ${this.httpPort} within ${timeoutMs} ms (${exited ?? 'still running'}); its error log:\n${log}`);
  }

  /** Kills the server at once (SIGKILL: an outage, not a shutdown) and waits for it to go. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await gone;
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
