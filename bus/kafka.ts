// The Kafka bus (kafkajs): the distributed deployment's Bus. Same contract as the in-process
// bus (bus/types.ts) and the same retry/poison policy (bus/delivery.ts), so both fail alike.
//
// Delivery: each consumer runs kafkajs `eachBatch` with auto-resolve and auto-commit off. A
// partition's fetched batch is cut into chunks of at most maxBatchSize; each chunk goes through
// `deliver()`, and only after it succeeded (or its poison was dead-lettered) is its last offset
// resolved and committed. A consumer that dies mid-chunk leaves the chunk uncommitted, so the
// next owner of the partition reads it again: at-least-once, and the store dedups by id.
//
// Backpressure: kafkajs fetches from a broker, then waits until every batch of that fetch was
// handled before fetching again (its fetcher "waits for workerQueue to drain"), so what a
// consumer holds is bounded by one fetch (fetchMaxBytes) plus the chunk in hand. While
// `deliver()` retries a TransientError (store down), the partition simply is not read further;
// a timer keeps heartbeating so the group does not evict the consumer while it waits.
//
// Message keys — the recommendation for producers: key mentions by their id (`source:nativeId`).
// That spreads load over partitions evenly (a brand's spike does not pile onto one partition,
// and `process` scales with partitions), and every copy of one mention (re-ingest, replay) lands
// on one partition in order, so a replayed version never overtakes the one before it. Per-brand
// order is not needed: alerts and digests work on event-time windows in the store.
import { Kafka, Partitioners, logLevel as KafkaLogLevel, type Admin, type Batch, type Consumer as KafkaConsumer, type EachBatchPayload, type IHeaders, type KafkaConfig, type Producer, type SASLOptions } from 'kafkajs';
import type { BusConfig } from '../config/index.js';
import { DEFAULT_DELIVERY, StoppedError, backoffDelay, deadLetterMessage, deliver, deliveryPolicy, rejectOnAbort, type DeliveryPolicy } from './delivery.js';
import type { BatchContext, Bus, BusMessage, ConsumeOptions, Consumer, OutgoingMessage, PartitionLag } from './types.js';

export type KafkaBusConfig = Extract<BusConfig, { kind: 'kafka' }>;

export interface KafkaBusOptions {
  /** Logical name of the dead-letter topic (the prefix is added). */
  deadLetterTopic?: string;
  /** Environment to read SASL secrets from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

const LOG_LEVELS = {
  nothing: KafkaLogLevel.NOTHING,
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
} as const;

/** The kafkajs client settings for a bus config; SASL secrets come from the named env vars. */
export function kafkaClientConfig(config: KafkaBusConfig, env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const client: KafkaConfig = {
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    logLevel: LOG_LEVELS[config.logLevel],
  };
  if (config.sasl) {
    const { mechanism, usernameEnv, passwordEnv } = config.sasl;
    const username = env[usernameEnv];
    const password = env[passwordEnv];
    if (!username || !password) {
      throw new Error(`bus.sasl (${mechanism}) expects the Kafka credentials in environment variables ${usernameEnv} and ${passwordEnv}; ${!username ? usernameEnv : passwordEnv} is not set`);
    }
    client.sasl = { mechanism, username, password } as SASLOptions;
  }
  return client;
}

/** Logical ↔ physical topic names: the prefix lets several deployments share one cluster. */
export class TopicNames {
  constructor(readonly prefix: string) {}
  physical(logical: string): string {
    return `${this.prefix}${logical}`;
  }
  logical(physical: string): string {
    return this.prefix && physical.startsWith(this.prefix) ? physical.slice(this.prefix.length) : physical;
  }
}

/** Kafka headers as the bus's string map. A repeated header keeps its last value. */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, raw] of Object.entries(headers)) {
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value === undefined) continue;
    out[name] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return out;
}

export function toBusMessage(logicalTopic: string, partition: number, message: Batch['messages'][number]): BusMessage {
  return {
    topic: logicalTopic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    value: message.value?.toString('utf8') ?? '',
    headers: decodeHeaders(message.headers),
  };
}

/**
 * Lag per partition from the topic's end offsets and the group's committed offsets. A group with
 * no commit on a partition (offset -1) owes everything still retained there (high - low), as in
 * the embedded bus; a committed offset below the retained range counts from the low mark.
 */
export function computeLag(topic: string, ends: { partition: number; high: string; low: string }[], committed: { partition: number; offset: string }[]): PartitionLag[] {
  const byPartition = new Map(committed.map((c) => [c.partition, BigInt(c.offset)]));
  return ends
    .map(({ partition, high, low }) => {
      const end = BigInt(high);
      const start = BigInt(low);
      const at = byPartition.get(partition);
      const from = at === undefined || at < 0n ? start : at < start ? start : at;
      const lag = end > from ? end - from : 0n;
      return { topic, partition, lag: Number(lag) };
    })
    .sort((a, b) => a.partition - b.partition);
}

/** Splits a partition batch into handler-sized chunks, keeping order. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Kafka's "the group is rebalancing / you are no longer a member" family of errors. */
export function isRebalanceError(err: unknown): boolean {
  const type = (err as { type?: string } | null)?.type;
  return type === 'REBALANCE_IN_PROGRESS' || type === 'NOT_COORDINATOR_FOR_GROUP' || type === 'ILLEGAL_GENERATION' || type === 'UNKNOWN_MEMBER_ID';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  readonly topics: TopicNames;
  readonly deadLetterTopic: string;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private adminReady: Promise<void> | null = null;
  private producerReady: Promise<void> | null = null;
  /** Physical topics known to exist (created or seen), so publish ensures each only once. */
  private readonly ensured = new Set<string>();
  private readonly consumers = new Set<KafkaBusConsumer>();
  private closed = false;

  constructor(
    readonly config: KafkaBusConfig,
    options: KafkaBusOptions = {},
  ) {
    this.topics = new TopicNames(config.topicPrefix);
    this.deadLetterTopic = options.deadLetterTopic ?? 'mentions.dlq';
    this.kafka = new Kafka(kafkaClientConfig(config, options.env));
    this.admin = this.kafka.admin();
    // Idempotent: a retried send after a lost ack is not written twice. kafkajs requires one
    // request in flight for it, and acks from all in-sync replicas (publish sends acks: -1).
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  private unreachable(err: unknown): Error {
    return new Error(`cannot reach Kafka at ${this.config.brokers.join(', ')} (bus.brokers in the config): ${(err as Error).message}`, { cause: err });
  }

  private connectAdmin(): Promise<void> {
    this.adminReady ??= this.admin.connect().catch((err) => {
      this.adminReady = null;
      throw this.unreachable(err);
    });
    return this.adminReady;
  }

  private connectProducer(): Promise<void> {
    this.producerReady ??= this.producer.connect().catch((err) => {
      this.producerReady = null;
      throw this.unreachable(err);
    });
    return this.producerReady;
  }

  async ensureTopics(logical: string[]): Promise<void> {
    const wanted = [...new Set(logical.map((t) => this.topics.physical(t)))].filter((t) => !this.ensured.has(t));
    if (!wanted.length) return;
    await this.connectAdmin();
    const existing = new Set(await this.admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length) {
      try {
        await this.admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: this.config.partitions, replicationFactor: this.config.replicationFactor })),
        });
      } catch (err) {
        // Another process may have created them between listTopics and createTopics.
        const now = new Set(await this.admin.listTopics());
        if (missing.some((t) => !now.has(t))) throw new Error(`creating Kafka topics ${missing.join(', ')} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    for (const t of wanted) this.ensured.add(t);
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    if (!messages.length) return;
    await this.ensureTopics([topic]);
    await this.connectProducer();
    await this.producer.send({
      topic: this.topics.physical(topic),
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, ...(m.headers ? { headers: { ...m.headers } } : {}) })),
    });
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    if (this.closed) throw new Error('bus is closed');
    await this.ensureTopics([options.topic, this.deadLetterTopic]);
    const kafkaConsumer = this.kafka.consumer({
      groupId: options.group,
      sessionTimeout: this.config.sessionTimeout,
      heartbeatInterval: this.config.heartbeatInterval,
      rebalanceTimeout: this.config.rebalanceTimeout,
      maxBytes: this.config.fetchMaxBytes,
      // How long a fetch waits on the broker for data: also how long stop() may wait for a fetch
      // in flight before the consumer can leave its group.
      maxWaitTimeInMs: 1_000,
      allowAutoTopicCreation: false,
    });
    const consumer = new KafkaBusConsumer(this, kafkaConsumer, options);
    this.consumers.add(consumer);
    void consumer.stopped.then(() => this.consumers.delete(consumer));
    try {
      await consumer.start();
    } catch (err) {
      await consumer.stop({ timeoutMs: 0 });
      throw new Error(`starting a Kafka consumer of ${this.topics.physical(options.topic)} (group ${options.group}) failed: ${(err as Error).message}`, { cause: err });
    }
    return consumer;
  }

  /** @internal for consumers: publishes a dead letter, retrying until it lands or `signal` aborts. */
  async publishDeadLetter(message: OutgoingMessage, signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw new StoppedError();
      try {
        await this.publish(this.deadLetterTopic, [message]);
        return;
      } catch (err) {
        if (this.closed) throw err;
        // The broker being unreachable must not turn into a lost message: wait and retry.
        await sleep(backoffDelay(attempt, DEFAULT_DELIVERY));
      }
    }
  }

  async lag(group: string, topic: string): Promise<PartitionLag[]> {
    await this.ensureTopics([topic]);
    await this.connectAdmin();
    const physical = this.topics.physical(topic);
    const [ends, offsets] = await Promise.all([this.admin.fetchTopicOffsets(physical), this.admin.fetchOffsets({ groupId: group, topics: [physical] })]);
    const committed = offsets.find((t) => t.topic === physical)?.partitions ?? [];
    return computeLag(topic, ends, committed);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.closed = true;
    await Promise.allSettled([this.producerReady && this.producer.disconnect(), this.adminReady && this.admin.disconnect()]);
  }
}

/** The slice of kafkajs's eachBatch payload the consumer uses. */
export type BatchPayload = Pick<EachBatchPayload, 'batch' | 'heartbeat' | 'resolveOffset' | 'commitOffsetsIfNecessary' | 'isRunning' | 'isStale'>;

/** @internal exported for tests that drive eachBatch without a broker. */
export class KafkaBusConsumer implements Consumer {
  readonly stopped: Promise<void>;
  private resolveStopped!: () => void;
  private readonly abort = new AbortController();
  /** Rejects with StoppedError once the consumer is aborted (stop's timeout ran out). */
  private readonly aborted: Promise<never>;
  private readonly policy: DeliveryPolicy;
  private readonly maxBatch: number;
  private stopping = false;
  private stopCalled: Promise<void> | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly bus: KafkaBus,
    private readonly consumer: Pick<KafkaConsumer, 'on' | 'events' | 'connect' | 'subscribe' | 'run' | 'disconnect'>,
    private readonly options: ConsumeOptions,
  ) {
    this.maxBatch = options.maxBatchSize ?? 500;
    this.policy = deliveryPolicy(options);
    this.stopped = new Promise((resolve) => (this.resolveStopped = resolve));
    this.aborted = rejectOnAbort(this.abort.signal);
  }

  async start(): Promise<void> {
    // A crash kafkajs will not restart from ends this consumer; say so and settle `stopped`.
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      if (!event.payload.restart) {
        console.error(`kafka consumer of ${this.options.topic} (group ${this.options.group}) crashed and will not restart: ${event.payload.error.message}`);
        void this.stop({ timeoutMs: 0 });
      }
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.bus.topics.physical(this.options.topic)], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** kafkajs's eachBatch: one partition's fetched batch, chunked, delivered and committed. */
  eachBatch(payload: BatchPayload): Promise<void> {
    const run = this.handleBatch(payload);
    this.inFlight = run.then(
      () => {},
      () => {},
    );
    return run.finally(() => (this.inFlight = null));
  }

  private async handleBatch(payload: BatchPayload): Promise<void> {
    const { batch } = payload;
    const logical = this.bus.topics.logical(batch.topic);
    const messages = batch.messages.map((m) => toBusMessage(logical, batch.partition, m));
    for (const part of chunk(messages, this.maxBatch)) {
      if (this.stopping || !payload.isRunning() || payload.isStale()) return;
      const done = await this.handleChunk(part, payload);
      if (!done) return;
    }
  }

  /**
   * Delivers one chunk and commits it. Resolves true when committed, false when abandoned
   * because the consumer stopped; throws kafkajs's rebalance error so kafkajs rejoins the group.
   */
  private async handleChunk(messages: BusMessage[], payload: BatchPayload): Promise<boolean> {
    const chunkAbort = new AbortController();
    const onStop = () => chunkAbort.abort();
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    let rebalance: unknown = null;
    const beat = async () => {
      try {
        await payload.heartbeat();
      } catch (err) {
        // The group is rebalancing: stop retrying this chunk (the attempt in hand may still
        // finish and commit within the rebalance timeout); rethrown below for kafkajs, which
        // rejoins. Other heartbeat failures (a blip on the network) wait for the next beat.
        if (!isRebalanceError(err)) return;
        rebalance ??= err;
        chunkAbort.abort();
      }
    };
    const timer = setInterval(() => void beat(), Math.max(100, Math.floor(this.bus.config.heartbeatInterval / 2)));
    const ctx: BatchContext = {
      signal: chunkAbort.signal,
      heartbeat: beat,
      deadLetter: (message, reason) => this.bus.publishDeadLetter(deadLetterMessage(message, reason, this.options.stage), chunkAbort.signal),
    };
    try {
      try {
        // A handler that never settles must not keep a stopping consumer alive: the abort from
        // stop's timeout wins the race and the chunk stays uncommitted.
        await Promise.race([deliver(messages, this.options.handler, ctx, this.policy), this.aborted]);
      } catch (err) {
        if (err instanceof StoppedError) {
          if (rebalance && !this.abort.signal.aborted) throw rebalance;
          return false;
        }
        throw err;
      }
      if (this.abort.signal.aborted || payload.isStale()) return false;
      const last = messages.at(-1)!;
      payload.resolveOffset(last.offset);
      const next = (BigInt(last.offset) + 1n).toString();
      const physical = this.bus.topics.physical(last.topic);
      try {
        await payload.commitOffsetsIfNecessary({ topics: [{ topic: physical, partitions: [{ partition: last.partition, offset: next }] }] });
      } catch (err) {
        // Not committed (the partition may have moved): the next owner redelivers the chunk.
        if (isRebalanceError(err) || rebalance) throw rebalance ?? err;
        throw err;
      }
      if (rebalance) throw rebalance;
      return true;
    } finally {
      clearInterval(timer);
      this.abort.signal.removeEventListener('abort', onStop);
    }
  }

  stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.stopCalled ??= this.doStop(options.timeoutMs ?? 10_000);
    return this.stopCalled;
  }

  private async doStop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = (ms: number) => new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))));
    try {
      // Let the chunk in hand finish and commit, for at most timeoutMs; then abandon it.
      if (this.inFlight) await Promise.race([this.inFlight, timeout(deadline - Date.now())]);
      clearTimeout(timer);
      this.abort.abort();
      // kafkajs's stop waits for eachBatch to return (it now does, promptly) and leaves the
      // group, so its partitions move to the other members at once instead of after the session
      // timeout. Bounded too: a broker that does not answer must not hang shutdown.
      await Promise.race([this.consumer.disconnect().catch(() => {}), timeout(Math.max(1_000, deadline - Date.now()))]);
      clearTimeout(timer);
    } finally {
      this.resolveStopped();
    }
  }
}
