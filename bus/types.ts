// The message bus contract. Two implementations honour it: the in-process bus (embedded
// deployment, tests) and Kafka (distributed). The contract is Kafka's, kept small:
//  - topics are split into partitions; a message's key picks its partition, so messages
//    with one key keep their order;
//  - consumers join a group; each partition is read by one member of the group at a time;
//  - a batch's offsets are committed only after the handler resolved, so a consumer that stops
//    or dies mid-batch leaves the batch to be redelivered (at-least-once);
//  - a message the handler cannot handle goes to the dead-letter topic with its reason, and
//    the messages around it carry on.

export interface OutgoingMessage {
  key: string;
  /** Serialised payload (JSON text). Consumers validate it; the bus does not. */
  value: string;
  headers?: Record<string, string>;
}

export interface BusMessage {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit; kept as decimal strings on both buses. */
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface BatchContext {
  /**
   * Sends one message of the batch to the dead-letter topic with a reason, e.g. a payload
   * that fails schema validation. The message counts as handled.
   */
  deadLetter(message: BusMessage, reason: string): Promise<void>;
  /** Tells the broker this consumer is alive during a long batch (no-op in-process). */
  heartbeat(): Promise<void>;
  /** Aborted when the consumer is asked to stop; long handlers may finish early. */
  signal: AbortSignal;
}

export type BatchHandler = (messages: BusMessage[], ctx: BatchContext) => Promise<void>;

export interface ConsumeOptions {
  /** Logical topic name (the bus applies any configured prefix). */
  topic: string;
  group: string;
  handler: BatchHandler;
  /** Names the consuming stage in dead letters (`process`, `store`, …). */
  stage: string;
  /** Largest batch handed to the handler. */
  maxBatchSize?: number;
  /** Attempts of a batch failing with a non-transient error before it is split to find the poison. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Where a group with no committed offset starts. Default: the earliest message. */
  fromBeginning?: boolean;
}

export interface Consumer {
  /**
   * Stops fetching, lets the batch in hand finish and commit (up to timeoutMs), then leaves the
   * group. A batch still running after the timeout is abandoned uncommitted: it is redelivered.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Settles when the consumer has stopped. */
  readonly stopped: Promise<void>;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages published but not yet committed by the group. */
  lag: number;
}

export interface Bus {
  readonly kind: 'embedded' | 'kafka';
  /** Creates the topics if absent. */
  ensureTopics(topics: string[]): Promise<void>;
  /** Publishes a batch; resolves when the bus has accepted all of it. */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  consume(options: ConsumeOptions): Promise<Consumer>;
  /** Uncommitted messages per partition for a group. */
  lag(group: string, topic: string): Promise<PartitionLag[]>;
  close(): Promise<void>;
}

/**
 * An error that says "try again later, the message is fine": the store is down, the broker is
 * rebalancing. Batches failing with it are retried with capped backoff forever and never
 * dead-lettered, so an outage loses nothing.
 */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** Header names on dead-lettered messages (both buses). */
export const DEAD_LETTER_HEADERS = {
  reason: 'earshot-dlq-reason',
  stage: 'earshot-dlq-stage',
  topic: 'earshot-dlq-topic',
  partition: 'earshot-dlq-partition',
  offset: 'earshot-dlq-offset',
  at: 'earshot-dlq-at',
  /** Set by ingest on items a source could not map. */
  source: 'earshot-dlq-source',
} as const;
