// `earshot dlq list|replay`: the dead letters, and sending them back through the pipeline once
// whatever rejected them is fixed. Two places hold dead letters: the bus's dead-letter topic
// (Kafka keeps it; the embedded bus lives and dies with its process) and the store's
// dead_letters table (written by the store stage from that topic, and by replay/ingest).
// Default: the topic over Kafka, the table otherwise.
import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import type { Bus, BusMessage, OutgoingMessage } from '../../bus/index.js';
import type { DeadLetter } from '../../messages/index.js';
import { createLogger, readConfig } from '../runtime.js';

/** Header prefix of the bus's dead-letter headers (bus/types.ts DEAD_LETTER_HEADERS). */
const DLQ_HEADER_PREFIX = 'earshot-dlq-';
/** Set on a replayed message: where in the dead-letter topic it came from. */
export const REPLAYED_FROM_HEADER = 'earshot-replayed-from';
/** The durable group of `dlq replay`: each dead letter is replayed once unless --all. */
export const REPLAY_GROUP = 'earshot-dlq-replay';

export interface DeadLetterEntry {
  /** Where the letter itself sits: `dlq:partition:offset` on the bus, `store` for the table. */
  where: string;
  letter: DeadLetter;
  /** The original message key (bus only; the table does not keep it). */
  key?: string;
  /** The original message's own headers, without the dead-letter ones. */
  headers: Record<string, string>;
}

/** A dead-letter topic message as a DeadLetter (the same mapping the store stage applies). */
export function entryFromMessage(m: BusMessage): DeadLetterEntry {
  const h = m.headers;
  const partition = Number(h[`${DLQ_HEADER_PREFIX}partition`]);
  const headers = Object.fromEntries(Object.entries(h).filter(([name]) => !name.startsWith(DLQ_HEADER_PREFIX) && name !== REPLAYED_FROM_HEADER));
  const letter: DeadLetter = {
    stage: h[`${DLQ_HEADER_PREFIX}stage`] ?? 'unknown',
    reason: h[`${DLQ_HEADER_PREFIX}reason`] ?? 'no reason recorded',
    payload: m.value,
    at: h[`${DLQ_HEADER_PREFIX}at`] ?? new Date(0).toISOString(),
    ...(h[`${DLQ_HEADER_PREFIX}source`] ? { source: h[`${DLQ_HEADER_PREFIX}source`] } : {}),
    ...(h[`${DLQ_HEADER_PREFIX}topic`] ? { originalTopic: h[`${DLQ_HEADER_PREFIX}topic`] } : {}),
    ...(Number.isInteger(partition) && partition >= 0 ? { partition } : {}),
    ...(h[`${DLQ_HEADER_PREFIX}offset`] ? { offset: h[`${DLQ_HEADER_PREFIX}offset`] } : {}),
  };
  return { where: `dlq:${m.partition}:${m.offset}`, letter, key: m.key, headers };
}

/**
 * The message to publish to replay a dead letter, or why it cannot be replayed. The key is the
 * original one, else the payload's mention id (the producers' key choice), so a replayed mention
 * lands on the partition its other copies use.
 */
export function replayMessage(entry: DeadLetterEntry): { topic: string; message: OutgoingMessage } | { skip: string } {
  const topic = entry.letter.originalTopic;
  if (!topic) return { skip: `no original topic recorded (stage ${entry.letter.stage}): it never made it onto the bus; fix the source and ingest again` };
  let key = entry.key;
  if (!key) {
    try {
      const id = (JSON.parse(entry.letter.payload) as { id?: unknown; raw?: { id?: unknown } } | null) ?? {};
      key = typeof id.id === 'string' ? id.id : typeof id.raw?.id === 'string' ? id.raw.id : '';
    } catch {
      key = '';
    }
  }
  return { topic, message: { key, value: entry.letter.payload, headers: { ...entry.headers, [REPLAYED_FROM_HEADER]: entry.where } } };
}

export interface LetterFilter {
  stage?: string;
  topic?: string;
}

export function matches(entry: DeadLetterEntry, filter: LetterFilter): boolean {
  return (!filter.stage || entry.letter.stage === filter.stage) && (!filter.topic || entry.letter.originalTopic === filter.topic);
}

/**
 * Reads the dead-letter topic as `group` (from the beginning for a new group) until the group
 * has caught up with what was there when it started (or `limit` letters), calling `onBatch` for
 * each batch; a batch is committed once onBatch resolved, and never past `limit`, so a durable
 * group resumes at the first letter it did not hand over. Returns how many it handed over.
 */
export async function readDeadLetterTopic(bus: Bus, topic: string, group: string, onBatch: (entries: DeadLetterEntry[]) => Promise<void>, options: { limit?: number; timeoutMs?: number } = {}): Promise<number> {
  const { TransientError } = await import('../../bus/index.js');
  const backlog = (await bus.lag(group, topic)).reduce((s, l) => s + l.lag, 0);
  const want = Math.min(backlog, options.limit ?? Infinity);
  if (want === 0) return 0;
  let read = 0;
  let failure: unknown = null;
  const consumer = await bus.consume({
    topic,
    group,
    stage: 'dlq',
    fromBeginning: true,
    maxBatchSize: Math.min(500, want),
    handler: async (messages) => {
      const take = messages.slice(0, Math.max(0, want - read));
      if (take.length) {
        try {
          await onBatch(take.map(entryFromMessage));
        } catch (err) {
          // Stop the read (below) rather than let the bus dead-letter a dead letter.
          failure ??= err;
          throw new TransientError(`handling dead letters failed: ${(err as Error).message}`);
        }
        read += take.length;
      }
      // Past the limit: leave the rest uncommitted (the batch is retried until we stop). The
      // letters handed over with it may be handed over again next time: at-least-once.
      if (take.length < messages.length) throw new TransientError('dead-letter read limit reached');
    },
  });
  const until = Date.now() + (options.timeoutMs ?? 60_000);
  try {
    while (read < want && !failure) {
      if (Date.now() > until) throw new Error(`read ${read} of ${want} dead letters from ${topic} before timing out; run again to continue`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await consumer.stop({ timeoutMs: 2_000 });
  }
  if (failure) throw failure;
  return read;
}

function printEntry(entry: DeadLetterEntry, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ where: entry.where, ...(entry.key ? { key: entry.key } : {}), ...entry.letter }));
    return;
  }
  const l = entry.letter;
  const from = l.originalTopic ? `${l.originalTopic}${l.partition !== undefined ? `/${l.partition}` : ''}${l.offset ? `@${l.offset}` : ''}` : (l.source ?? '-');
  const payload = l.payload.length > 120 ? `${l.payload.slice(0, 117)}...` : l.payload;
  console.log(`${l.at}  ${entry.where}  stage=${l.stage}  from=${from}\n  reason: ${l.reason}\n  payload: ${payload}`);
}

interface DlqOptions {
  from?: string;
  limit?: string;
  since?: string;
  stage?: string;
  topic?: string;
  json?: boolean;
  all?: boolean;
  dryRun?: boolean;
}

function source(opts: DlqOptions, busKind: 'embedded' | 'kafka'): 'bus' | 'store' {
  const from = opts.from ?? (busKind === 'kafka' ? 'bus' : 'store');
  if (from !== 'bus' && from !== 'store') throw new Error(`--from must be bus or store; got '${from}'`);
  if (from === 'bus' && busKind === 'embedded') throw new Error(`the embedded bus keeps no dead letters between runs: use --from store (the dead_letters table), or bus.kind: kafka`);
  return from;
}

function positiveInt(text: string | undefined, label: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${label} expects a positive whole number; got '${text}'`);
  return n;
}

export function register(program: Command): void {
  const dlq = program.command('dlq').description('list dead letters, or replay them to their original topic after a fix');

  dlq
    .command('list')
    .description('show dead letters with their reasons (default: the Kafka dead-letter topic, else the store table)')
    .option('--from <where>', 'bus (the dead-letter topic) or store (the dead_letters table)')
    .option('--limit <n>', 'at most this many', '100')
    .option('--since <duration>', 'store only: newer than this (e.g. 24h, 7d)')
    .option('--stage <stage>', 'only letters from this stage (process, store, ingest:x, …)')
    .option('--topic <topic>', 'only letters that came off this topic (e.g. mentions.raw)')
    .option('--json', 'one JSON object per line')
    .action(async (opts: DlqOptions, command: Command) => {
      const { config } = readConfig(command);
      const limit = positiveInt(opts.limit, '--limit') ?? 100;
      let shown = 0;
      if (source(opts, config.bus.kind) === 'bus') {
        const { openBus } = await import('../../bus/index.js');
        const { TOPICS } = await import('../../messages/index.js');
        const bus = await openBus(config.bus);
        try {
          // A throwaway group reads from the beginning and leaves the real consumers alone.
          await readDeadLetterTopic(bus, TOPICS.deadLetter, `earshot-dlq-list-${randomUUID()}`, async (entries) => {
            for (const e of entries) {
              if (shown >= limit || !matches(e, opts)) continue;
              printEntry(e, !!opts.json);
              shown++;
            }
          });
        } finally {
          await bus.close();
        }
      } else {
        const { openStore } = await import('../../store/index.js');
        const { parseDuration } = await import('../../config/index.js');
        const store = await openStore(config.store);
        try {
          await store.migrate();
          const since = opts.since ? new Date(Date.now() - parseDuration(opts.since)) : undefined;
          for (const letter of await store.deadLetters({ limit, ...(since ? { since } : {}) })) {
            const e: DeadLetterEntry = { where: 'store', letter, headers: {} };
            if (!matches(e, opts)) continue;
            printEntry(e, !!opts.json);
            shown++;
          }
        } finally {
          await store.close();
        }
      }
      if (!opts.json) console.error(`${shown} dead letter(s)`);
    });

  dlq
    .command('replay')
    .description('re-publish dead letters to their original topic (after fixing what rejected them)')
    .option('--from <where>', 'bus (the dead-letter topic) or store (the dead_letters table; needs --since)')
    .option('--since <duration>', 'store: replay letters newer than this (e.g. 2h)')
    .option('--stage <stage>', 'only letters from this stage')
    .option('--topic <topic>', 'only letters that came off this topic')
    .option('--limit <n>', 'at most this many')
    .option('--all', `bus: replay every letter again, not only those not yet replayed (group ${REPLAY_GROUP})`)
    .option('--dry-run', 'show what would be replayed, publish nothing, remember nothing')
    .addHelpText(
      'after',
      `
Over Kafka, replay reads the dead-letter topic as the consumer group ${REPLAY_GROUP}, so each
letter is replayed once; the running stages pick the messages up. With the embedded bus the
letters come from the store table and this command runs process and store itself until done.
A replayed message carries the header ${REPLAYED_FROM_HEADER}; if it fails again it is
dead-lettered again, with the new reason.`,
    )
    .action(async (opts: DlqOptions, command: Command) => {
      const { config } = readConfig(command);
      const log = createLogger(command, 'earshot-dlq');
      const from = source(opts, config.bus.kind);
      const limit = positiveInt(opts.limit, '--limit');
      if (from === 'store' && !opts.since) throw new Error('replaying from the store needs --since (e.g. --since 2h): the table does not record what was replayed already');
      const { TOPICS } = await import('../../messages/index.js');
      const counts = { replayed: 0, skipped: 0, filtered: 0 };
      const replayTo = (bus: Bus) => async (entries: DeadLetterEntry[]) => {
        const byTopic = new Map<string, OutgoingMessage[]>();
        for (const e of entries) {
          if (!matches(e, opts)) {
            counts.filtered++;
            continue;
          }
          const r = replayMessage(e);
          if ('skip' in r) {
            counts.skipped++;
            log.warn({ where: e.where, stage: e.letter.stage }, `not replayable: ${r.skip}`);
            continue;
          }
          if (opts.dryRun) console.log(`would replay ${e.where} → ${r.topic} (stage ${e.letter.stage}: ${e.letter.reason})`);
          else byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r.message]);
          counts.replayed++;
        }
        for (const [topic, messages] of byTopic) await bus.publish(topic, messages);
      };
      if (from === 'bus') {
        const { openBus } = await import('../../bus/index.js');
        const bus = await openBus(config.bus);
        try {
          const group = opts.all || opts.dryRun ? `earshot-dlq-replay-${randomUUID()}` : REPLAY_GROUP;
          await readDeadLetterTopic(bus, TOPICS.deadLetter, group, replayTo(bus), { ...(limit ? { limit } : {}), timeoutMs: 300_000 });
        } finally {
          await bus.close();
        }
      } else {
        const { openPipeline, drained } = await import('../pipeline.js');
        const { parseDuration } = await import('../../config/index.js');
        // Embedded: the stages run here, or the replayed messages would die with this process.
        const runHere = config.bus.kind === 'embedded' && !opts.dryRun;
        const pipeline = await openPipeline(config, log, runHere ? ['process', 'store'] : []);
        try {
          const since = new Date(Date.now() - parseDuration(opts.since!));
          const letters = await pipeline.store.deadLetters({ since, limit: limit ?? 100_000 });
          await replayTo(pipeline.bus)(letters.map((letter) => ({ where: 'store', letter, headers: {} })));
          if (runHere) await drained(pipeline.bus);
        } finally {
          await pipeline.close();
        }
      }
      console.error(`${opts.dryRun ? 'dry run: ' : ''}${counts.replayed} replayed, ${counts.skipped} not replayable, ${counts.filtered} filtered out`);
    });
}
