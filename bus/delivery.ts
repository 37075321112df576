// How a batch is handed to a handler, shared by both buses so they fail the same way:
//  - TransientError: retry the whole batch with capped exponential backoff until it succeeds
//    or the consumer stops (an outage loses nothing and dead-letters nothing);
//  - any other error: retry a few times, then split the batch in halves and retry each, until
//    the message that keeps failing is alone; that one goes to the dead-letter topic with the
//    error as its reason and the rest carry on.
import { DEAD_LETTER_HEADERS, TransientError, type BatchContext, type BatchHandler, type BusMessage, type ConsumeOptions, type OutgoingMessage } from './types.js';

export interface DeliveryPolicy {
  maxAttempts: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { maxAttempts: 3, retryDelayMs: 100, maxRetryDelayMs: 30_000 };

/** A consumer's policy: its options where given, the defaults otherwise. */
export function deliveryPolicy(options: Pick<ConsumeOptions, 'maxAttempts' | 'retryDelayMs' | 'maxRetryDelayMs'>): DeliveryPolicy {
  return {
    maxAttempts: options.maxAttempts ?? DEFAULT_DELIVERY.maxAttempts,
    retryDelayMs: options.retryDelayMs ?? DEFAULT_DELIVERY.retryDelayMs,
    maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULT_DELIVERY.maxRetryDelayMs,
  };
}

/** Rejects with StoppedError once `signal` aborts (never resolves): raced against a handler so a stop wins. */
export function rejectOnAbort(signal: AbortSignal): Promise<never> {
  const p = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new StoppedError()), { once: true }));
  p.catch(() => {}); // observed by whoever races it; never an unhandled rejection
  return p;
}

export class StoppedError extends Error {
  constructor() {
    super('consumer stopped before the batch was handled');
    this.name = 'StoppedError';
  }
}

export function backoffDelay(attempt: number, policy: DeliveryPolicy): number {
  const base = Math.min(policy.maxRetryDelayMs, policy.retryDelayMs * 2 ** Math.max(0, attempt - 1));
  // Full jitter on the upper half: spreads retries of many consumers apart.
  return base / 2 + Math.random() * (base / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new StoppedError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function errorReason(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Runs `handler` over `messages` under the policy. Resolves when every message was handled or
 * dead-lettered; rejects with StoppedError if the consumer stops first (nothing is committed).
 */
export async function deliver(messages: BusMessage[], handler: BatchHandler, ctx: BatchContext, policy: DeliveryPolicy): Promise<void> {
  let attempt = 0;
  for (;;) {
    if (ctx.signal.aborted) throw new StoppedError();
    attempt++;
    try {
      await handler(messages, ctx);
      return;
    } catch (err) {
      if (err instanceof StoppedError) throw err;
      const transient = err instanceof TransientError;
      if (!transient && attempt >= policy.maxAttempts) {
        if (messages.length === 1) {
          await ctx.deadLetter(messages[0]!, errorReason(err));
          return;
        }
        const mid = Math.ceil(messages.length / 2);
        await deliver(messages.slice(0, mid), handler, ctx, policy);
        await deliver(messages.slice(mid), handler, ctx, policy);
        return;
      }
      await sleep(backoffDelay(attempt, policy), ctx.signal);
    }
  }
}

/** The dead-letter copy of a message: same key and value, headers naming why and where from. */
export function deadLetterMessage(message: BusMessage, reason: string, stage: string, at = new Date()): OutgoingMessage {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.reason]: reason,
      [DEAD_LETTER_HEADERS.stage]: stage,
      [DEAD_LETTER_HEADERS.topic]: message.topic,
      [DEAD_LETTER_HEADERS.partition]: String(message.partition),
      [DEAD_LETTER_HEADERS.offset]: message.offset,
      [DEAD_LETTER_HEADERS.at]: at.toISOString(),
    },
  };
}
