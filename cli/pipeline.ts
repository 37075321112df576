// The composition root: opens the configured bus and store and starts the stages that a
// command asks for. `earshot run` starts them all in one process; `earshot process`,
// `earshot store`, … start one each, ready to be separate processes over Kafka.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { openBus, type Bus, type Consumer } from '../bus/index.js';
import type { EarshotConfig } from '../config/index.js';
import { TOPICS } from '../messages/index.js';
import { PROCESS_GROUP, startProcessStage } from '../process/index.js';
import { DEAD_LETTER_GROUP, openStore, startDeadLetterStage, startRetention, startRollupRefresh, startStoreStage, STORE_GROUP, type Store } from '../store/index.js';

export interface Pipeline {
  bus: Bus;
  store: Store;
  consumers: Consumer[];
  /** Stops consumers (finishing batches in hand), then closes the bus and the store. */
  close(timeoutMs?: number): Promise<void>;
}

export type StageName = 'process' | 'store';

export interface PipelineHooks {
  onProcessed?: (count: number, elapsedMs: number) => void;
  onStored?: (count: number, elapsedMs: number) => void;
}

export async function openPipeline(config: EarshotConfig, log: Logger, stages: StageName[], hooks: PipelineHooks = {}): Promise<Pipeline> {
  const store = await openStore(config.store);
  const applied = await store.migrate();
  if (applied.length) log.info({ applied }, 'schema migrations applied');
  const bus = await openBus(config.bus, { logDir: config.bus.kind === 'embedded' ? (config.bus.path ?? (config.store.kind === 'embedded' ? join(config.store.path, 'bus') : undefined)) : undefined });
  const consumers: Consumer[] = [];
  if (stages.includes('process')) {
    consumers.push(
      await startProcessStage({
        bus,
        config,
        onBatch: (n, ms) => {
          log.debug({ stage: 'process', mentions: n, ms: Math.round(ms) }, 'batch classified');
          hooks.onProcessed?.(n, ms);
        },
      }),
    );
  }
  if (stages.includes('store')) {
    consumers.push(
      await startStoreStage({
        bus,
        store,
        batchSize: config.store.writer.batchSize,
        writer: { batchSize: config.store.writer.batchSize, flushIntervalMs: config.store.writer.flushInterval, maxRetryDelayMs: config.store.writer.maxRetryDelay },
        onBatch: (n, ms) => {
          log.debug({ stage: 'store', mentions: n, ms: Math.round(ms) }, 'batch stored');
          hooks.onStored?.(n, ms);
        },
      }),
    );
    consumers.push(await startDeadLetterStage({ bus, store }));
  }
  // The store stage's process owns retention (store.retentionDays): one place drops expired
  // partitions, daily.
  const stopRetention =
    stages.includes('store') && config.store.retentionDays
      ? startRetention(store, config.store.retentionDays, {
          onApplied: (r) => log.info(r, 'retention applied'),
          onError: (err) => log.error({ err }, 'retention failed; will retry in a day'),
        })
      : undefined;
  // …and keeps the hourly rollup current (store/rollup.ts): every minute, the hours quiet for a minute.
  const stopRollupRefresh = stages.includes('store')
    ? startRollupRefresh(store, {
        onRefreshed: (r) => r.hours && log.debug({ hours: r.hours }, 'rollup refreshed'),
        onError: (err) => log.warn({ err }, 'rollup refresh failed; reads stay exact from the base table, will retry in a minute'),
      })
    : undefined;
  let closed: Promise<void> | undefined;
  return {
    bus,
    store,
    consumers,
    close(timeoutMs = 10_000) {
      closed ??= (async () => {
        stopRetention?.();
        await stopRollupRefresh?.();
        await Promise.all(consumers.map((c) => c.stop({ timeoutMs })));
        await bus.close();
        await store.close();
      })();
      return closed;
    },
  };
}

/** Resolves once every stage group has committed everything published so far. */
export async function drained(bus: Bus, pollMs = 50): Promise<void> {
  const groups: [string, string][] = [
    [PROCESS_GROUP, TOPICS.raw],
    [STORE_GROUP, TOPICS.enriched],
    [DEAD_LETTER_GROUP, TOPICS.deadLetter],
  ];
  for (;;) {
    let lag = 0;
    for (const [group, topic] of groups) for (const p of await bus.lag(group, topic)) lag += p.lag;
    if (lag === 0) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Runs `stop` once on SIGINT/SIGTERM; a second signal exits at once. */
export function onShutdown(log: Logger, stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const handler = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      log.info({ signal }, 'shutting down: finishing batches in hand');
      stop().then(resolve, (err: unknown) => {
        log.error({ err }, 'error during shutdown');
        resolve();
      });
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  });
}
