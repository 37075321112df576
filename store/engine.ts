// What the store needs from a ClickHouse engine, whichever it is: chdb in-process or a server
// over HTTP. Everything else in store/ is shared SQL over this seam.

export interface EngineVersion {
  major: number;
  minor: number;
  text: string;
}

export interface SelectOptions {
  /** Refuse writes and DDL (ClickHouse `readonly=1`). */
  readonly?: boolean;
  maxExecutionSeconds?: number;
  maxResultRows?: number;
}

export interface Engine {
  readonly kind: 'chdb' | 'server';
  /** Runs a statement that returns nothing (DDL, INSERT … SELECT). */
  exec(sql: string): Promise<void>;
  /** Runs a SELECT and returns its rows (JSONEachRow: 64-bit integers may arrive as strings). */
  select<T = Record<string, unknown>>(sql: string, options?: SelectOptions): Promise<T[]>;
  /**
   * Inserts rows, objects of column values with the same keys, into `table` (database-qualified).
   * chdb sends JSONEachRow; the server RowBinary, or JSONEachRow for what it cannot encode exactly.
   */
  insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

export function parseVersion(text: string): EngineVersion {
  const [major = 0, minor = 0] = text.split('.').map((p) => Number.parseInt(p, 10));
  return { major, minor, text };
}

/** The engine's ClickHouse version (the store caches the dialect built from it). */
export async function engineVersion(engine: Engine): Promise<EngineVersion> {
  const [row] = await engine.select<{ v: string }>('SELECT version() AS v');
  return parseVersion(row?.v ?? '0.0');
}
