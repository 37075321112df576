// The real IngestContext: wall clock, timers that stop on abort, global fetch, process env.
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { IngestContext } from './types.js';

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(Math.max(0, ms), undefined, signal ? { signal } : undefined);
}

export function createIngestContext(options: { log: Logger; signal: AbortSignal; env?: Record<string, string | undefined>; fetch?: typeof globalThis.fetch }): IngestContext {
  return {
    now: () => new Date(),
    sleep: abortableSleep,
    fetch: options.fetch ?? globalThis.fetch,
    env: options.env ?? process.env,
    log: options.log,
    signal: options.signal,
  };
}
