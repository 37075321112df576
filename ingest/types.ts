// What a source connector is. A connector turns one channel's API into pages of RawMentions;
// the ingest worker (worker.ts) publishes each page to the bus and only then saves the page's
// cursor, so a crash causes re-reads (deduplicated downstream by id), never gaps.
import type { Logger } from 'pino';
import type { RawMentionInput } from '../messages/index.js';

/** Time and I/O a connector uses, injectable so tests control the clock and the network. */
export interface IngestContext {
  now(): Date;
  /** Waits `ms` (rate-limit resets, backoff); rejects if the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  fetch: typeof globalThis.fetch;
  env: Record<string, string | undefined>;
  log: Logger;
  signal: AbortSignal;
  /** Jitter source in [0, 1); Math.random when absent. Tests pin it to assert exact waits. */
  random?: () => number;
}

export interface Reject {
  /** Why the item could not become a mention. */
  reason: string;
  /** The item as received. */
  payload: string;
}

export interface Page {
  mentions: RawMentionInput[];
  rejects: Reject[];
  /** Opaque cursor to save once this page is on the bus; resuming from it continues after this page. */
  cursor: string;
}

export interface Connector {
  /** Unique source id from config (`x`, `reddit-main`, …): the cursor's key. */
  readonly id: string;
  readonly kind: string;
  /** One poll from the saved cursor (null on first run) forward, page by page. */
  poll(cursor: string | null, ctx: IngestContext): AsyncIterable<Page>;
}

/** Raised for credentials problems: the source stops, the others carry on. */
export class SourceAuthError extends Error {
  constructor(
    readonly sourceId: string,
    message: string,
  ) {
    super(`${sourceId}: ${message}`);
    this.name = 'SourceAuthError';
  }
}
