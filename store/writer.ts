// The store writer: gathers mentions from many small bus batches into few large inserts (the
// server prefers thousands of rows per insert to many tiny ones) and tells each caller only when
// its rows are in.
//
// Made to be awaited inside a bus batch handler: `await writer.write(batch)` resolves once the
// server accepted every row of that batch, so the bus commits offsets only after the store has
// the data. When the server stays unreachable past a few retries the call throws the bus's
// TransientError; the bus then retries the batch itself and pauses the partition, so the
// backlog waits on the bus and memory here stays bounded by what handlers have in flight.
// Replays after an ambiguous failure (a timeout after the server took the insert) are safe:
// the mentions table is idempotent on mention id.
import { TransientError } from '../bus/index.js';
import type { EnrichedMention } from '../messages/index.js';
import { isTransientStoreError } from './errors.js';
import type { Store } from './types.js';

export interface StoreWriterOptions {
  /** Insert as soon as this many rows are waiting. Default 5,000. */
  batchSize?: number;
  /** Insert at most this long after the first row started waiting. Default 1,000 ms. */
  flushIntervalMs?: number;
  /** First retry delay after a transient failure; doubles each attempt. Default 100 ms. */
  initialRetryDelayMs?: number;
  /** Cap of the retry delay. Default 30,000 ms. */
  maxRetryDelayMs?: number;
  /** Attempts per insert before the waiting callers get a TransientError. Default 5. */
  maxAttempts?: number;
  /** Called after each accepted insert. */
  onInsert?: (rows: number, elapsedMs: number, attempts: number) => void;
  /** Called before each retry with the failure that caused it. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export interface BatchWriter<T> {
  /** Resolves when every row is inserted; rejects (TransientError when retrying later may help) otherwise. */
  write(rows: readonly T[]): Promise<void>;
  /** Inserts whatever is waiting now. */
  flush(): Promise<void>;
  /** Flushes and refuses further writes. */
  close(): Promise<void>;
  /** Rows waiting for an insert (not yet handed to the server). */
  readonly pendingRows: number;
}

export type StoreWriter = BatchWriter<EnrichedMention>;

interface Waiting<T> {
  rows: readonly T[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A writer of any rows through `insert`; `createStoreWriter` is the one for mentions. */
export function createBatchWriter<T>(insert: (rows: readonly T[]) => Promise<void>, options: StoreWriterOptions = {}): BatchWriter<T> {
  const batchSize = options.batchSize ?? 5_000;
  const flushIntervalMs = options.flushIntervalMs ?? 1_000;
  const initialDelay = options.initialRetryDelayMs ?? 100;
  const maxDelay = options.maxRetryDelayMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 5;
  if (!(batchSize > 0) || !(flushIntervalMs >= 0) || !(maxAttempts >= 1)) {
    throw new RangeError(`store writer: expected batchSize > 0, flushIntervalMs >= 0 and maxAttempts >= 1, got ${batchSize}, ${flushIntervalMs}, ${maxAttempts}`);
  }

  let buffer: Waiting<T>[] = [];
  let bufferedRows = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // One insert in flight at a time: while it runs, new rows gather into the next, larger one.
  let chain: Promise<void> = Promise.resolve();

  /** Inserts `rows` in chunks of batchSize, retrying transient failures with capped exponential backoff. */
  async function insertWithRetry(rows: readonly T[]): Promise<void> {
    let done = 0;
    let attempt = 1;
    const started = performance.now();
    while (done < rows.length) {
      const chunk = rows.slice(done, done + batchSize);
      try {
        await insert(chunk);
        done += chunk.length;
        options.onInsert?.(chunk.length, performance.now() - started, attempt);
      } catch (err) {
        if (!isTransientStoreError(err) || attempt >= maxAttempts) throw err;
        // Full jitter would spread many writers; one writer per process needs only the cap.
        const delay = Math.min(maxDelay, initialDelay * 2 ** (attempt - 1));
        options.onRetry?.(err, attempt, delay);
        attempt++;
        await sleep(delay);
      }
    }
  }

  function asCallerError(err: unknown): unknown {
    if (err instanceof TransientError || !isTransientStoreError(err)) return err;
    return new TransientError(`store insert failed after ${maxAttempts} attempts: ${(err as Error).message}`, { cause: err });
  }

  async function insertGroup(group: Waiting<T>[]): Promise<void> {
    try {
      await insertWithRetry(group.length === 1 ? group[0]!.rows : group.flatMap((w) => w.rows));
      for (const w of group) w.resolve();
    } catch (err) {
      if (isTransientStoreError(err) || group.length === 1) {
        for (const w of group) w.reject(asCallerError(err));
        return;
      }
      // Rejected as data, not as an outage: one caller's bad rows must not fail the others, so
      // each caller's rows go in on their own (and the bus isolates the bad message from there).
      for (const w of group) {
        try {
          await insertWithRetry(w.rows);
          w.resolve();
        } catch (own) {
          w.reject(asCallerError(own));
        }
      }
    }
  }

  async function flushBuffered(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const taken = buffer;
    buffer = [];
    bufferedRows = 0;
    // Callers grouped up to batchSize rows per insert; a caller larger than that is chunked alone.
    let group: Waiting<T>[] = [];
    let groupRows = 0;
    for (const w of taken) {
      if (group.length && groupRows + w.rows.length > batchSize) {
        await insertGroup(group);
        group = [];
        groupRows = 0;
      }
      group.push(w);
      groupRows += w.rows.length;
    }
    if (group.length) await insertGroup(group);
  }

  function scheduleFlush(): Promise<void> {
    chain = chain.then(flushBuffered, flushBuffered);
    return chain;
  }

  return {
    write(rows) {
      if (closed) return Promise.reject(new Error('store writer is closed: no writes after close()'));
      if (!rows.length) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        buffer.push({ rows, resolve, reject });
        bufferedRows += rows.length;
        if (bufferedRows >= batchSize) void scheduleFlush();
        else if (!timer) timer = setTimeout(() => void scheduleFlush(), flushIntervalMs);
      });
    },
    flush() {
      return scheduleFlush();
    },
    async close() {
      closed = true;
      await scheduleFlush();
    },
    get pendingRows() {
      return bufferedRows;
    },
  };
}

/** A batching writer of enriched mentions into `store` (see the top of this file). */
export function createStoreWriter(store: Pick<Store, 'insertMentions'>, options: StoreWriterOptions = {}): StoreWriter {
  return createBatchWriter<EnrichedMention>((rows) => store.insertMentions(rows), options);
}

/** The writer options from `store.writer` in the config (durations already in ms). */
export function writerOptionsFromConfig(writer: { batchSize: number; flushInterval: number; maxRetryDelay: number }): StoreWriterOptions {
  return { batchSize: writer.batchSize, flushIntervalMs: writer.flushInterval, maxRetryDelayMs: writer.maxRetryDelay };
}
