// The store stages as bus consumers: mentions.enriched → mentions table, and
// mentions.dlq → dead_letters table. A batch is committed to the bus only after the store
// accepted it; store outages are transient (retried, never dead-lettered), so an outage
// holds the backlog on the bus and loses nothing.
import { consumeTyped, DEAD_LETTER_HEADERS, TransientError, type Bus, type Consumer } from '../bus/index.js';
import { EnrichedMention, TOPICS, type DeadLetter } from '../messages/index.js';
import type { Store } from './types.js';
import { createStoreWriter, type StoreWriterOptions } from './writer.js';

export const STORE_GROUP = 'earshot-store';
export const DEAD_LETTER_GROUP = 'earshot-dead-letters';

export interface StoreStageOptions {
  bus: Bus;
  store: Store;
  batchSize?: number;
  group?: string;
  /** Writer batching and retry (store.writer in config). */
  writer?: Pick<StoreWriterOptions, 'batchSize' | 'flushIntervalMs' | 'maxRetryDelayMs'>;
  /** Called after each accepted insert. */
  onBatch?: (count: number, elapsedMs: number) => void;
}

/** Dead letters are few: plain inserts, any failure retried by the bus as transient. */
async function transiently<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new TransientError(`${what} failed: ${(err as Error).message}`, { cause: err });
  }
}

export async function startStoreStage(options: StoreStageOptions): Promise<Consumer> {
  const writer = createStoreWriter(options.store, {
    ...options.writer,
    onInsert: (rows, ms) => options.onBatch?.(rows, ms),
  });
  const consumer = await consumeTyped(options.bus, {
    topic: TOPICS.enriched,
    group: options.group ?? STORE_GROUP,
    stage: 'store',
    schema: EnrichedMention,
    maxBatchSize: options.batchSize ?? 5_000,
    // Resolves only once the store accepted the rows; the writer raises TransientError while
    // the store is unreachable, so the bus retries and keeps the backlog.
    handler: (batch) => writer.write(batch.map((d) => d.value)),
  });
  return {
    stopped: consumer.stopped,
    async stop(stopOptions) {
      await consumer.stop(stopOptions);
      await writer.close();
    },
  };
}

export function startDeadLetterStage(options: Omit<StoreStageOptions, 'onBatch'>): Promise<Consumer> {
  return options.bus.consume({
    topic: TOPICS.deadLetter,
    group: options.group ?? DEAD_LETTER_GROUP,
    stage: 'dead-letters',
    maxBatchSize: options.batchSize ?? 1_000,
    handler: async (messages) => {
      const letters: DeadLetter[] = messages.map((m) => {
        const h = m.headers;
        const partition = Number(h[DEAD_LETTER_HEADERS.partition]);
        return {
          stage: h[DEAD_LETTER_HEADERS.stage] ?? 'unknown',
          reason: h[DEAD_LETTER_HEADERS.reason] ?? 'no reason recorded',
          payload: m.value,
          at: h[DEAD_LETTER_HEADERS.at] ?? new Date().toISOString(),
          ...(h[DEAD_LETTER_HEADERS.source] ? { source: h[DEAD_LETTER_HEADERS.source] } : {}),
          ...(h[DEAD_LETTER_HEADERS.topic] ? { originalTopic: h[DEAD_LETTER_HEADERS.topic] } : {}),
          ...(Number.isInteger(partition) && partition >= 0 ? { partition } : {}),
          ...(h[DEAD_LETTER_HEADERS.offset] ? { offset: h[DEAD_LETTER_HEADERS.offset] } : {}),
        };
      });
      await transiently('inserting dead letters', () => options.store.insertDeadLetters(letters));
    },
  });
}
