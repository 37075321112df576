// The server engine: a ClickHouse server over HTTP through the official client.
//
// Compatibility with Debian's 18.16 (checked against a running 18.16 and current releases):
// the client sends no settings of its own unless asked (only `enable_http_compression` when
// compression is on, which 18.16 knows), authenticates with HTTP Basic (18.16 accepts it), and
// appends `FORMAT JSONEachRow` to queries. So: no client-level `clickhouse_settings`, only the
// per-query settings every version has (readonly, max_execution_time, max_result_rows,
// result_overflow_mode). 18.16 error texts (`Code: 193, e.displayText() = …`) do not match the
// client's error parser, so codes are read here from the text (errors.ts).
import { Readable } from 'node:stream';
import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import type { Engine, SelectOptions } from './engine.js';
import { RowEncodingError, rowBinaryEncoder, type RowBinaryEncoder } from './row-encoding.js';
import { clickHouseErrorCode, StoreAuthError, StoreQueryError, StoreUnavailableError } from './errors.js';

/** Rows per RowBinary chunk of an insert's body. */
const ROW_BINARY_CHUNK_ROWS = 5_000;

export interface ServerEngineOptions {
  /** HTTP endpoint, e.g. `http://127.0.0.1:8123`. */
  url: string;
  username: string;
  password: string;
  /** Where the credentials came from, named in errors (never their values). */
  credentialsFrom?: { usernameEnv: string; passwordEnv: string };
  requestTimeoutMs?: number;
  /** HTTP compression both ways; off by default (the server is usually near, and gzip costs CPU on both ends). */
  compression?: boolean;
  /**
   * How inserts are sent: RowBinary (default; JSONEachRow for what it cannot encode exactly) or
   * always JSONEachRow, the earlier way (the benchmark's reference, and a way back if needed).
   */
  insertFormat?: 'RowBinary' | 'JSONEachRow';
}

// ClickHouse's login failures: UNKNOWN_USER, WRONG_PASSWORD, REQUIRED_PASSWORD, IP_ADDRESS_NOT_ALLOWED, AUTHENTICATION_FAILED.
const AUTH_CODES = new Set([192, 193, 194, 195, 516]);
// Node socket errors that mean "nobody answered" or "the line dropped".
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

function selectSettings(options: SelectOptions | undefined): ClickHouseSettings {
  const s: ClickHouseSettings = {};
  if (!options) return s;
  if (options.readonly) s.readonly = '1';
  if (options.maxExecutionSeconds) s.max_execution_time = Math.ceil(options.maxExecutionSeconds);
  if (options.maxResultRows) {
    s.max_result_rows = String(Math.floor(options.maxResultRows));
    s.result_overflow_mode = 'throw';
  }
  return s;
}

export class ServerEngine implements Engine {
  readonly kind = 'server' as const;
  private readonly client: ClickHouseClient;
  private readonly encoders = new Map<string, RowBinaryEncoder | string>();

  constructor(private readonly options: ServerEngineOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new Error(`store.url must be the ClickHouse HTTP endpoint such as http://127.0.0.1:8123, got '${options.url}'`);
    }
    if (parsed.username || parsed.password) {
      throw new Error(`store.url must not carry credentials (${parsed.protocol}//${parsed.host}); put them in environment variables named by store.usernameEnv / store.passwordEnv`);
    }
    this.client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      request_timeout: options.requestTimeoutMs ?? 60_000,
      compression: { request: options.compression ?? false, response: options.compression ?? false },
      application: 'earshot',
      // Errors are thrown to the caller with context; the client's own logging would print them twice.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  /** Turns a client failure into one of the store's errors, saying which server, which user and what to check. */
  private describe(err: unknown, doing: string): Error {
    const e = err as Error & { code?: unknown };
    const message = e?.message ?? String(err);
    const where = `ClickHouse at ${this.options.url} (user '${this.options.username}')`;
    const netCode = typeof e?.code === 'string' && NETWORK_CODES.has(e.code) ? e.code : undefined;
    if (netCode || /timeout|socket hang up/i.test(message)) {
      return new StoreUnavailableError(
        `cannot reach ${where} while ${doing}: ${firstLine(message)}. Check that the server is running and that store.url names its HTTP port (usually 8123).`,
        { cause: err },
      );
    }
    const code = clickHouseErrorCode(message) ?? (typeof e?.code === 'string' && /^\d+$/.test(e.code) ? Number(e.code) : undefined);
    if (code !== undefined && AUTH_CODES.has(code)) {
      const from = this.options.credentialsFrom;
      const hint = from
        ? `Check the user in environment variable ${from.usernameEnv} (default 'default') and the password in ${from.passwordEnv} (default empty)`
        : 'Check the user name and password';
      return new StoreAuthError(`${where} refused the login: ${firstLine(message)}. ${hint}, and that the server's users.xml allows this user from this host.`, {
        cause: err,
      });
    }
    if (code === undefined && !/Exception/.test(message)) {
      // Not ClickHouse's own answer (a proxy page, a cut connection): the transport failed.
      return new StoreUnavailableError(`${where} failed while ${doing}: ${firstLine(message)}`, { cause: err });
    }
    return new StoreQueryError(`${where} failed ${doing}: ${firstLine(message)}`, code, { cause: err });
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.client.command({ query: sql });
    } catch (err) {
      throw this.describe(err, 'running a statement');
    }
  }

  async select<T = Record<string, unknown>>(sql: string, options?: SelectOptions): Promise<T[]> {
    try {
      const result = await this.client.query({ query: sql, format: 'JSONEachRow', clickhouse_settings: selectSettings(options) });
      return await result.json<T>();
    } catch (err) {
      throw this.describe(err, 'running a query');
    }
  }

  async insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (!rows.length) return;
    try {
      const binary = this.options.insertFormat === 'JSONEachRow' ? undefined : await this.rowBinary(table, rows);
      // RowBinary where every value has an exact binary form: the server's cheapest input and
      // a third of JSON's bytes. JSONEachRow (the server's own reading of the values, as before)
      // for a table or value the encoder refuses, streamed in chunks so the server parses one
      // while the next is serialised.
      const result = binary
        ? await this.client.exec({ query: `INSERT INTO ${table} (${binary.columns.join(', ')}) FORMAT RowBinary`, values: Readable.from(binary.chunks) })
        : await this.client.exec({ query: `INSERT INTO ${table} FORMAT JSONEachRow`, values: Readable.from(jsonEachRowChunks(rows, 2_000)) });
      for await (const _ of result.stream) {
        // drain the (empty) response so the socket returns to the pool
      }
    } catch (err) {
      throw this.describe(err, `inserting ${rows.length} rows into ${table}`);
    }
  }

  /**
   * The rows as RowBinary chunks for the table's current columns, or undefined where the
   * encoder refuses the table or a value. Columns are read per insert (DESCRIBE TABLE, one round trip, ~2 ms):
   * binary rows written for a stale column type would be misread, not refused.
   */
  private async rowBinary(table: string, rows: readonly Record<string, unknown>[]): Promise<{ columns: readonly string[]; chunks: Buffer[] } | undefined> {
    // The client directly, not this.select: failures are described once, by insert().
    const described = await (await this.client.query({ query: `DESCRIBE TABLE ${table}`, format: 'JSONEachRow' })).json<{ name: string; type: string; default_type: string }>();
    const keys = Object.keys(rows[0]!);
    // Encoders are kept per table, columns and keys: a new one is new code to V8, which runs
    // unoptimised for much of a 25,000-row insert (encoding took 3x as long).
    const cacheKey = `${table}\n${keys.join(',')}\n${described.map((c) => `${c.name} ${c.type} ${c.default_type}`).join(',')}`;
    let encoder = this.encoders.get(cacheKey);
    if (!encoder) {
      const columns = described.map((c) => ({ name: c.name, type: c.type, defaultType: c.default_type }));
      encoder = rowBinaryEncoder(table, columns, keys);
      if (this.encoders.size >= 64) this.encoders.clear(); // tests make a database per run: keep it bounded
      this.encoders.set(cacheKey, encoder);
    }
    try {
      if (typeof encoder === 'string') return undefined;
      // Encoded before sending: a value refused halfway must not leave half an insert behind.
      const chunks: Buffer[] = [];
      for (let i = 0; i < rows.length; i += ROW_BINARY_CHUNK_ROWS) chunks.push(encoder.encode(rows, i, Math.min(i + ROW_BINARY_CHUNK_ROWS, rows.length)));
      return { columns: encoder.columns, chunks };
    } catch (err) {
      if (err instanceof RowEncodingError) return undefined;
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

function* jsonEachRowChunks(rows: readonly Record<string, unknown>[], perChunk: number): Generator<Buffer> {
  for (let i = 0; i < rows.length; i += perChunk) {
    let text = '';
    const end = Math.min(i + perChunk, rows.length);
    for (let j = i; j < end; j++) text += `${JSON.stringify(rows[j])}\n`;
    yield Buffer.from(text);
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
