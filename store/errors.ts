// Store failures in three kinds, because callers act differently on each: an unreachable server
// or an overloaded one is worth retrying (the backlog waits on the bus), a refused login needs
// an operator, and a query error is a bug or bad data.

/** The server could not be reached, timed out, or answered "busy, try later". Retrying may help. */
export class StoreUnavailableError extends Error {
  readonly transient = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The server refused the user or password. Retrying helps only once an operator fixes them. */
export class StoreAuthError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreAuthError';
  }
}

/** The server ran the statement and rejected it; `code` is ClickHouse's error code when known. */
export class StoreQueryError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreQueryError';
  }
  /** Server-side conditions that pass: overload, timeouts, too many parts, memory pressure. */
  get transient(): boolean {
    return this.code !== undefined && TRANSIENT_CODES.has(this.code);
  }
}

// ClickHouse error codes that describe the server's state, not the statement.
const TRANSIENT_CODES = new Set([
  3, // UNEXPECTED_END_OF_FILE (connection cut mid-request)
  159, // TIMEOUT_EXCEEDED
  160, // TOO_SLOW
  164, // READONLY (replica temporarily read-only)
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  203, // NO_FREE_CONNECTION
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY
  252, // TOO_MANY_PARTS
  319, // UNKNOWN_STATUS_OF_INSERT
  425, // SYSTEM_ERROR
]);

/** The ClickHouse error code in an exception text: `Code: 193, e.displayText() = …` (18.x) or `Code: 516. DB::Exception …`. */
export function clickHouseErrorCode(message: string): number | undefined {
  const m = /\bCode: (\d+)[.,]/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** Whether a store failure is worth retrying as it is (same statement, later). */
export function isTransientStoreError(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (err instanceof StoreQueryError) return err.transient;
  // A refused login is not fixed by waiting, but dropping data over it would be worse: callers
  // that hold a backlog (the writer, the bus) keep retrying and keep reporting it.
  if (err instanceof StoreAuthError) return true;
  return false;
}
