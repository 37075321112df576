// The in-process bus: Kafka's model (partitions, keys, consumer groups, committed offsets) in
// memory, for the embedded deployment and for tests. A topic's messages are kept until every
// group reading it has committed past them.
import { EventEmitter } from 'node:events';
import { StoppedError, deadLetterMessage, deliver, deliveryPolicy, rejectOnAbort, type DeliveryPolicy } from './delivery.js';
import { DurableLog } from './embedded-log.js';
import type { Bus, BusMessage, ConsumeOptions, Consumer, OutgoingMessage, PartitionLag } from './types.js';

export interface EmbeddedBusOptions {
  partitions?: number;
  /** Dead-letter topic name (logical). */
  deadLetterTopic?: string;
  /**
   * publish() waits while a consumed topic has more than this many messages uncommitted by
   * its slowest group: the in-process form of backpressure, so memory stays bounded.
   */
  maxBacklog?: number;
  /**
   * Directory of an on-disk log: published messages and group offsets are written there and
   * reloaded on open, so messages not yet committed when the process died are redelivered.
   * Unset: memory only.
   */
  logDir?: string;
  /** fdatasync each publish batch (see embedded-log.ts for the policy). */
  fsync?: boolean;
  /** Segment size at which the log rolls to a new file (retention deletes whole segments). */
  segmentBytes?: number;
}

interface Partition {
  /** Offset of messages[0]; earlier ones were trimmed after every group committed them. */
  base: number;
  messages: BusMessage[];
}

interface Group {
  committed: Map<string, number>; // `${topic}/${partition}` -> next offset to read
  members: EmbeddedConsumer[];
}

/** FNV-1a: a stable key → partition hash, so one key always lands in one partition. */
export function partitionForKey(key: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}

export class EmbeddedBus implements Bus {
  readonly kind = 'embedded' as const;
  private readonly topics = new Map<string, Partition[]>();
  private readonly groups = new Map<string, Group>();
  private readonly events = new EventEmitter();
  private readonly partitions: number;
  private readonly deadLetterTopic: string;
  private readonly maxBacklog: number;
  private readonly log: DurableLog | null;
  private closed = false;

  constructor(options: EmbeddedBusOptions = {}) {
    this.partitions = options.partitions ?? 4;
    this.deadLetterTopic = options.deadLetterTopic ?? 'mentions.dlq';
    this.maxBacklog = options.maxBacklog ?? 50_000;
    this.events.setMaxListeners(0);
    this.log = options.logDir ? new DurableLog({ dir: options.logDir, fsync: options.fsync, segmentBytes: options.segmentBytes }) : null;
    if (this.log) this.recover(this.log);
  }

  /** Rebuilds topics and groups from the log: only messages some group has not committed are loaded. */
  private recover(log: DurableLog): void {
    for (const [name, committed] of log.groups()) this.groups.set(name, { committed, members: [] });
    for (const [name, count] of log.topics()) {
      const parts: Partition[] = [];
      for (let partition = 0; partition < Math.max(count, this.partitions); partition++) {
        let low = Infinity;
        for (const g of this.groups.values()) {
          const c = g.committed.get(`${name}/${partition}`);
          if (c !== undefined) low = Math.min(low, c);
        }
        const { messages, end } = log.partition(name, partition).load(name, partition, low === Infinity ? 0 : low);
        parts.push({ base: end - messages.length, messages });
      }
      this.topics.set(name, parts);
    }
  }

  async ensureTopics(topics: string[]): Promise<void> {
    for (const t of topics) this.topic(t);
  }

  private topic(name: string): Partition[] {
    let parts = this.topics.get(name);
    if (!parts) {
      parts = Array.from({ length: this.partitions }, () => ({ base: 0, messages: [] }));
      this.topics.set(name, parts);
    }
    return parts;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    const parts = this.topic(topic);
    const written: BusMessage[][] | null = this.log ? parts.map(() => []) : null;
    for (const m of messages) {
      const partition = partitionForKey(m.key, parts.length);
      const p = parts[partition]!;
      const offset = p.base + p.messages.length;
      const message = { topic, partition, offset: String(offset), key: m.key, value: m.value, headers: { ...m.headers } };
      p.messages.push(message);
      written?.[partition]!.push(message);
    }
    // Written before publish() resolves: the publisher may move its cursor on right after.
    if (written) written.forEach((batch, partition) => this.log!.partition(topic, partition).append(batch));
    this.events.emit(`data:${topic}`);
    while (!this.closed && this.backlog(topic) > this.maxBacklog) {
      // Woken by a commit, or by a group change (the last reader leaving ends the backlog).
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.events.off(`commit:${topic}`, wake);
          this.events.off('rebalance', wake);
          resolve();
        };
        this.events.once(`commit:${topic}`, wake);
        this.events.once('rebalance', wake);
      });
    }
  }

  /** Largest uncommitted count over the groups reading the topic (0 if none reads it). */
  private backlog(topic: string): number {
    let worst = 0;
    for (const [name, g] of this.groups) {
      if (!g.members.some((m) => m.topic === topic)) continue;
      for (const l of this.lagSync(name, topic)) worst = Math.max(worst, l.lag);
    }
    return worst;
  }

  private group(name: string): Group {
    let g = this.groups.get(name);
    if (!g) {
      g = { committed: new Map(), members: [] };
      this.groups.set(name, g);
    }
    return g;
  }

  /** @internal for consumers: the partitions of `topic` assigned to `member` (range assignment). */
  assigned(member: EmbeddedConsumer): number[] {
    const g = this.group(member.group);
    const peers = g.members.filter((m) => m.topic === member.topic);
    const index = peers.indexOf(member);
    if (index < 0) return [];
    const n = this.topic(member.topic).length;
    const out: number[] = [];
    for (let p = 0; p < n; p++) if (p % peers.length === index) out.push(p);
    return out;
  }

  /** @internal */
  position(group: string, topic: string, partition: number, fromBeginning: boolean): number {
    const key = `${topic}/${partition}`;
    const g = this.group(group);
    const at = g.committed.get(key);
    if (at !== undefined) return at;
    const p = this.topic(topic)[partition]!;
    const start = fromBeginning ? p.base : p.base + p.messages.length;
    g.committed.set(key, start);
    return start;
  }

  /** @internal */
  fetch(topic: string, partition: number, from: number, max: number): BusMessage[] {
    const p = this.topic(topic)[partition]!;
    const start = Math.max(0, from - p.base);
    return p.messages.slice(start, start + max);
  }

  /** @internal */
  commit(group: string, topic: string, partition: number, next: number): void {
    const g = this.group(group);
    g.committed.set(`${topic}/${partition}`, next);
    this.log?.saveGroup(group, g.committed);
    this.trim(topic, partition);
    this.events.emit(`commit:${topic}`);
  }

  /** Drops messages every group reading the topic has committed. */
  private trim(topic: string, partition: number): void {
    let low = Infinity;
    for (const g of this.groups.values()) {
      const c = g.committed.get(`${topic}/${partition}`);
      if (c !== undefined) low = Math.min(low, c);
    }
    const p = this.topic(topic)[partition]!;
    if (low === Infinity || low <= p.base) return;
    p.messages.splice(0, low - p.base);
    p.base = low;
    this.log?.partition(topic, partition).retain(low);
  }

  /** @internal */
  join(member: EmbeddedConsumer): void {
    this.group(member.group).members.push(member);
    this.events.emit('rebalance');
  }

  /** @internal */
  leave(member: EmbeddedConsumer): void {
    const g = this.group(member.group);
    g.members = g.members.filter((m) => m !== member);
    this.events.emit('rebalance');
  }

  /** @internal resolves on new data in `topic`, a rebalance, or the signal. */
  waitForActivity(topic: string, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.events.off(`data:${topic}`, done);
        this.events.off('rebalance', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.events.once(`data:${topic}`, done);
      this.events.once('rebalance', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    if (this.closed) throw new Error('bus is closed');
    this.topic(options.topic);
    const consumer = new EmbeddedConsumer(this, options, this.deadLetterTopic);
    this.join(consumer);
    consumer.start();
    return consumer;
  }

  private lagSync(group: string, topic: string): PartitionLag[] {
    const g = this.groups.get(group);
    return this.topic(topic).map((p, partition) => {
      const end = p.base + p.messages.length;
      const committed = g?.committed.get(`${topic}/${partition}`) ?? p.base;
      return { topic, partition, lag: end - committed };
    });
  }

  async lag(group: string, topic: string): Promise<PartitionLag[]> {
    return this.lagSync(group, topic);
  }

  async close(): Promise<void> {
    this.closed = true;
    const members = [...this.groups.values()].flatMap((g) => g.members);
    await Promise.all(members.map((m) => m.stop()));
    this.events.emit('rebalance');
    this.log?.close();
  }
}

class EmbeddedConsumer implements Consumer {
  readonly topic: string;
  readonly group: string;
  readonly stopped: Promise<void>;
  private resolveStopped!: () => void;
  private readonly abort = new AbortController();
  private readonly policy: DeliveryPolicy;
  private readonly maxBatch: number;
  private inFlight: Promise<void> | null = null;
  /** Rejects with StoppedError once the consumer is aborted. */
  private readonly aborted: Promise<never>;
  private stopping = false;

  constructor(
    private readonly bus: EmbeddedBus,
    private readonly options: ConsumeOptions,
    private readonly deadLetterTopic: string,
  ) {
    this.topic = options.topic;
    this.group = options.group;
    this.maxBatch = options.maxBatchSize ?? 500;
    this.policy = deliveryPolicy(options);
    this.stopped = new Promise((resolve) => (this.resolveStopped = resolve));
    this.aborted = rejectOnAbort(this.abort.signal);
  }

  start(): void {
    void this.loop().finally(() => {
      this.bus.leave(this);
      this.resolveStopped();
    });
  }

  private async loop(): Promise<void> {
    const fromBeginning = this.options.fromBeginning ?? true;
    while (!this.stopping) {
      let handled = false;
      for (const partition of this.bus.assigned(this)) {
        if (this.stopping) break;
        const from = this.bus.position(this.group, this.topic, partition, fromBeginning);
        const batch = this.bus.fetch(this.topic, partition, from, this.maxBatch);
        if (batch.length === 0) continue;
        handled = true;
        this.inFlight = this.handle(batch);
        try {
          // A handler that never settles must not keep a stopped consumer alive: the abort
          // (stop's timeout) wins the race and the batch stays uncommitted.
          await Promise.race([this.inFlight, this.aborted]);
        } catch (err) {
          if (err instanceof StoppedError) return;
          throw err;
        } finally {
          this.inFlight = null;
        }
        if (this.abort.signal.aborted) return;
        // Commit only if this member still owns the partition (a rebalance may have moved it).
        if (this.bus.assigned(this).includes(partition)) this.bus.commit(this.group, this.topic, partition, Number(batch.at(-1)!.offset) + 1);
      }
      if (!handled && !this.stopping) await this.bus.waitForActivity(this.topic, this.abort.signal);
      // Yield so publishers and other consumers interleave with a busy loop.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private handle(batch: BusMessage[]): Promise<void> {
    const ctx = {
      signal: this.abort.signal,
      heartbeat: async () => {},
      deadLetter: (message: BusMessage, reason: string) => this.bus.publish(this.deadLetterTopic, [deadLetterMessage(message, reason, this.options.stage)]),
    };
    return deliver(batch, this.options.handler, ctx, this.policy);
  }

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.stopping) return this.stopped;
    this.stopping = true;
    const inFlight = this.inFlight;
    if (inFlight) {
      const timeoutMs = options.timeoutMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      // Let the batch in hand finish and commit, for at most timeoutMs.
      await Promise.race([inFlight.catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      // Give the loop one turn to commit what just finished before aborting it.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.abort.abort();
    return this.stopped;
  }
}
