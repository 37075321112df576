// Running the configured sources: each polling source on its cron schedule (node-cron), a
// random delay before each poll so sources sharing a schedule do not hit the network at once,
// and never two polls of one source at the same time (a tick that finds the previous poll still
// running is skipped). A credentials failure (SourceAuthError) stops that source only; other
// failures are recorded and the next tick tries again from the saved cursor.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Bus } from '../bus/index.js';
import type { EarshotConfig, SourceConfig } from '../config/index.js';
import type { Store } from '../store/index.js';
import { createConnector, sourceId } from './connect.js';
import { abortableSleep } from './context.js';
import { saveSourceStatus, type SourceStatus } from './status.js';
import { SourceAuthError, type Connector, type IngestContext } from './types.js';
import { createWebhookServer, type WebhookServer } from './webhook.js';
import { runPoll } from './worker.js';

export interface IngestSchedulerOptions {
  config: Pick<EarshotConfig, 'sources' | 'brands' | 'taxonomy'>;
  bus: Bus;
  store: Store;
  log: Logger;
  env?: Record<string, string | undefined>;
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Poll every polling source once right away instead of waiting for its first tick. Default true. */
  pollOnStart?: boolean;
  /** Upper bound of the random delay before a scheduled poll. Default 10s. */
  maxJitterMs?: number;
  /** Start the configured webhook servers. Default true. */
  webhooks?: boolean;
  /** Only these source ids. */
  only?: string[];
  /** Connectors to use instead of building them from config (tests, embedding). */
  connectors?: Connector[];
  /** Called after each page is on the bus (metrics). */
  onPage?: (sourceId: string, page: { published: number; rejected: number }) => void;
}

export interface IngestScheduler {
  /** Per-source status, in memory. */
  status(): SourceStatus[];
  /** Polls a source now (or joins the poll in flight); resolves when it finishes. */
  pollNow(id: string): Promise<SourceStatus>;
  readonly webhooks: readonly WebhookServer[];
  /** Stops the schedules, aborts waits, lets polls in flight end at their next page, closes webhooks. */
  stop(): Promise<void>;
}

interface Entry {
  connector: Connector;
  schedule?: string;
  status: SourceStatus;
  task?: ScheduledTask;
  running?: Promise<void>;
}

export async function startIngestScheduler(options: IngestSchedulerOptions): Promise<IngestScheduler> {
  const { bus, store, log } = options;
  const abort = new AbortController();
  const random = options.random ?? Math.random;
  const maxJitterMs = options.maxJitterMs ?? 10_000;
  const ctx: IngestContext = {
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? abortableSleep,
    fetch: options.fetch ?? globalThis.fetch,
    env: options.env ?? process.env,
    log,
    signal: abort.signal,
    random,
  };
  const wanted = (s: SourceConfig) => s.enabled && (!options.only || options.only.includes(sourceId(s)));
  const entries = new Map<string, Entry>();
  const add = (connector: Connector, schedule: string | undefined) => {
    if (entries.has(connector.id)) throw new Error(`two sources have the id '${connector.id}': give each an id of its own (sources[].id)`);
    entries.set(connector.id, { connector, schedule, status: { id: connector.id, kind: connector.kind, state: 'idle', schedule, polls: 0, published: 0, rejected: 0, consecutiveFailures: 0 } });
  };
  if (options.connectors) {
    for (const c of options.connectors) add(c, options.config.sources.find((s) => sourceId(s) === c.id && 'schedule' in s)?.['schedule' as never]);
  } else {
    for (const source of options.config.sources) {
      if (!wanted(source) || source.kind === 'webhook') continue;
      add(createConnector(source, options.config.brands, { topics: options.config.taxonomy.topics }), 'schedule' in source ? source.schedule : undefined);
    }
  }

  const webhooks: WebhookServer[] = [];
  if (options.webhooks !== false && !options.connectors) {
    for (const source of options.config.sources) {
      if (source.kind !== 'webhook' || !wanted(source)) continue;
      const id = sourceId(source);
      const status: SourceStatus = { id, kind: 'webhook', state: 'listening', polls: 0, published: 0, rejected: 0, consecutiveFailures: 0 };
      const server = createWebhookServer({ source, bus, env: ctx.env, log, onAccepted: (n) => (status.published += n) });
      const url = await server.listen();
      status.listening = `${url}${source.path}`;
      log.info({ source: id, url: status.listening }, 'webhook listening');
      webhooks.push(server);
      entries.set(id, { connector: { id, kind: 'webhook', poll: async function* () {} }, status });
      await saveSourceStatus(store, status).catch((e: unknown) => log.warn({ source: id, err: (e as Error).message }, 'could not save the source status'));
    }
  }

  async function poll(entry: Entry): Promise<void> {
    const { connector, status } = entry;
    status.state = 'polling';
    status.lastPollAt = ctx.now().toISOString();
    status.polls++;
    try {
      const result = await runPoll(connector, {
        bus,
        store,
        ctx,
        onPage: (p) => {
          status.published += p.published;
          status.rejected += p.rejected;
          options.onPage?.(connector.id, p);
        },
      });
      status.lastSuccessAt = ctx.now().toISOString();
      status.consecutiveFailures = 0;
      status.lastPoll = { pages: result.pages, published: result.published, rejected: result.rejected };
      status.state = 'idle';
      log.info({ source: connector.id, ...status.lastPoll }, 'poll done');
    } catch (err) {
      if (abort.signal.aborted) {
        status.state = 'stopped';
        return;
      }
      status.lastError = (err as Error).message;
      status.lastErrorAt = ctx.now().toISOString();
      status.consecutiveFailures++;
      if (err instanceof SourceAuthError) {
        status.state = 'stopped';
        entry.task?.stop();
        log.error({ source: connector.id, err: status.lastError }, 'credentials refused: this source is stopped until the config or environment is fixed and earshot restarted; other sources carry on');
      } else {
        status.state = 'failing';
        log.error({ source: connector.id, err: status.lastError, failures: status.consecutiveFailures }, 'poll failed; the next scheduled poll resumes from the saved cursor');
      }
    } finally {
      await saveSourceStatus(store, status).catch((e: unknown) => log.warn({ source: connector.id, err: (e as Error).message }, 'could not save the source status'));
    }
  }

  /** Starts a poll unless one is running (returns that one) or the source is stopped. */
  function trigger(entry: Entry, jitter: boolean): Promise<void> {
    if (entry.running) return entry.running;
    if (entry.status.state === 'stopped' || entry.status.kind === 'webhook' || abort.signal.aborted) return Promise.resolve();
    entry.running = (async () => {
      try {
        if (jitter && maxJitterMs > 0) await ctx.sleep(Math.floor(random() * maxJitterMs), abort.signal);
        await poll(entry);
      } catch (err) {
        if (!abort.signal.aborted) log.error({ source: entry.connector.id, err: (err as Error).message }, 'poll crashed');
      } finally {
        entry.running = undefined;
      }
    })();
    return entry.running;
  }

  for (const entry of entries.values()) {
    if (entry.status.kind === 'webhook') continue;
    if (entry.schedule) {
      entry.task = cron.schedule(
        entry.schedule,
        () => {
          if (entry.running) {
            entry.status.skippedTicks = (entry.status.skippedTicks ?? 0) + 1;
            log.debug({ source: entry.connector.id }, 'previous poll still running: tick skipped');
            return;
          }
          void trigger(entry, true);
        },
        { name: `ingest:${entry.connector.id}` },
      );
    }
    // Unscheduled sources (a file) run once; scheduled ones start now unless told otherwise.
    if (!entry.schedule || options.pollOnStart !== false) void trigger(entry, false);
  }
  log.info({ sources: [...entries.keys()] }, 'ingest scheduler started');

  return {
    status: () => [...entries.values()].map((e) => ({ ...e.status })),
    async pollNow(id: string) {
      const entry = entries.get(id);
      if (!entry) throw new Error(`no source '${id}'; configured: ${[...entries.keys()].join(', ') || '(none)'}`);
      await trigger(entry, false);
      return { ...entry.status };
    },
    webhooks,
    async stop() {
      for (const e of entries.values()) {
        e.task?.stop();
        await e.task?.destroy();
      }
      abort.abort(new Error('ingest scheduler stopping'));
      await Promise.allSettled([...entries.values()].map((e) => e.running));
      await Promise.allSettled(webhooks.map((w) => w.close()));
      // A webhook's status records what it accepted; polling sources saved theirs after each poll.
      for (const e of entries.values()) if (e.status.kind === 'webhook') await saveSourceStatus(store, { ...e.status, state: 'stopped' }).catch(() => undefined);
      log.info('ingest scheduler stopped');
    },
  };
}
