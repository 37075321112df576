// The embedded engine: ClickHouse in-process through chdb, data in a directory on disk.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Engine, SelectOptions } from './engine.js';

type ChdbModule = typeof import('chdb');

/** chdb is an optional dependency: loading it lazily gives a clear error where it is missing. */
function loadChdb(): ChdbModule {
  try {
    return createRequire(import.meta.url)('chdb') as ChdbModule;
  } catch (err) {
    throw new Error(
      `the embedded store needs the optional package 'chdb' (x86-64/arm64 Linux or macOS): run 'npm install chdb', or set store.kind: clickhouse (${(err as Error).message})`,
    );
  }
}

function settingsClause(options: SelectOptions | undefined): string {
  if (!options) return '';
  const s: string[] = [];
  if (options.readonly) s.push('readonly = 1');
  if (options.maxExecutionSeconds) s.push(`max_execution_time = ${Math.ceil(options.maxExecutionSeconds)}`);
  if (options.maxResultRows) s.push(`max_result_rows = ${Math.floor(options.maxResultRows)}`, `result_overflow_mode = 'throw'`);
  return s.length ? ` SETTINGS ${s.join(', ')}` : '';
}

export class ChdbEngine implements Engine {
  readonly kind = 'chdb' as const;
  private readonly session: InstanceType<ChdbModule['Session']>;

  constructor(readonly path: string) {
    mkdirSync(path, { recursive: true });
    const { Session } = loadChdb();
    this.session = new Session(path);
  }

  /** Queries run one at a time on the session: chdb's connection is not shared between threads. */
  private queue: Promise<unknown> = Promise.resolve();

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => {});
    return next;
  }

  private run(sql: string, format: string): Promise<string> {
    return this.enqueue(async () => (await this.session.queryAsync(sql, { format })).text());
  }

  async exec(sql: string): Promise<void> {
    await this.run(sql, 'CSV');
  }

  async select<T>(sql: string, options?: SelectOptions): Promise<T[]> {
    const text = await this.run(`${sql}${settingsClause(options)}`, 'JSONEachRow');
    const rows: T[] = [];
    for (const line of text.split('\n')) if (line) rows.push(JSON.parse(line) as T);
    return rows;
  }

  async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (!rows.length) return;
    let body = '';
    for (const r of rows) body += `${JSON.stringify(r)}\n`;
    // chdb's raw insert hands the bytes to the engine's parallel parser: no SQL text to parse.
    const values = Buffer.from(body);
    await this.enqueue(() => this.session.insert({ table, values, format: 'JSONEachRow' }));
  }


  async close(): Promise<void> {
    await this.queue;
    this.session.close();
  }
}
