// Long-running services that several commands start: the observability server, the alert and
// digest scheduler, the analyst API, the ingest scheduler. `earshot run` starts them all in one
// process; `earshot scheduler`, `api`, `ingest`, `process`, `store` start one each.
import type { Logger } from 'pino';
import type { Sink } from '../alerts/index.js';
import type { Bus } from '../bus/index.js';
import type { EarshotConfig } from '../config/index.js';
import type { Store } from '../store/index.js';
import type { Pipeline, PipelineHooks } from './pipeline.js';

export interface Service {
  name: string;
  stop(): Promise<void>;
}

/** Pipeline hooks that count into the Prometheus metrics. */
export async function metricHooks(): Promise<PipelineHooks> {
  const { mentionsProcessed, mentionsStored, batchLatency } = await import('../api/index.js');
  return {
    onProcessed: (n, ms) => {
      mentionsProcessed.inc(n);
      batchLatency.observe({ stage: 'process' }, ms / 1000);
    },
    onStored: (n, ms) => {
      mentionsStored.inc({ source: 'all' }, n);
      batchLatency.observe({ stage: 'store' }, ms / 1000);
    },
  };
}

/** /healthz, /readyz (store answers, bus reachable) and /metrics on config.metrics (or `port`). */
export async function startObservability(config: EarshotConfig, log: Logger, parts: { store?: Store; bus?: Bus }, port?: number): Promise<Service | null> {
  if (!config.metrics.enabled && port === undefined) return null;
  const { startObservabilityServer, runChecks } = await import('../api/index.js');
  const { metricsRegistry } = await import('../bus/index.js');
  const checks: Record<string, () => Promise<unknown>> = {};
  if (parts.store) checks.store = () => parts.store!.select('SELECT 1');
  if (parts.bus) checks.bus = () => parts.bus!.lag('earshot-readiness', 'mentions.raw');
  const server = await startObservabilityServer({
    host: config.metrics.host,
    port: port ?? config.metrics.port,
    registries: [metricsRegistry],
    readiness: () => runChecks(checks),
  });
  log.info({ address: server.url }, 'health and metrics at /healthz, /readyz, /metrics');
  return { name: 'observability', stop: () => server.close() };
}

export async function startAlertScheduler(config: EarshotConfig, store: Store, log: Logger, owner?: string): Promise<Service> {
  const { createSinks } = await import('../alerts/index.js');
  const { startScheduler } = await import('../digests/index.js');
  const { alertsSent } = await import('../api/index.js');
  const sinks = new Map<string, Sink>();
  for (const [id, sink] of createSinks(config.sinks)) {
    // Counts deliveries that went through, per sink; the sink itself is untouched.
    sinks.set(id, {
      id: sink.id,
      kind: sink.kind,
      retries: sink.retries,
      maxBackoffMs: sink.maxBackoffMs,
      send: async (message) => {
        await sink.send(message);
        alertsSent.inc({ sink: id });
      },
      ...(sink.close ? { close: () => sink.close!() } : {}),
    });
  }
  const scheduler = await startScheduler({
    store,
    config,
    sinks,
    ...(owner ? { owner } : {}),
    log: (level, msg, fields) => log[level](fields ?? {}, msg),
  });
  log.info({ owner: scheduler.owner, alerts: config.alerts.schedule, digests: config.digests.map((d) => `${d.id} ${d.schedule} ${d.timezone}`) }, 'alert and digest scheduler started');
  return { name: 'scheduler', stop: () => scheduler.stop() };
}

export interface ApiServiceOptions {
  host?: string;
  port?: number;
  /** false: no bearer tokens (allowed only on a loopback host). */
  auth: boolean;
}

export async function startApiService(config: EarshotConfig, store: Store, log: Logger, o: ApiServiceOptions): Promise<Service & { address: string }> {
  const { buildApi, tokensFromEnv, isLoopbackHost, NoTokenConfiguredError } = await import('../api/index.js');
  const { metricsRegistry } = await import('../bus/index.js');
  const host = o.host ?? config.api.host;
  const port = o.port ?? config.api.port;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`the API port must be a whole number from 0 to 65535, got '${port}'`);
  let tokens: string[] | null = tokensFromEnv(config.api.tokenEnvs);
  if (!o.auth) {
    if (!isLoopbackHost(host)) throw new Error(`--no-auth is allowed only on a loopback host (127.0.0.1, ::1, localhost), not '${host}': set a token in ${config.api.tokenEnvs.join(' or ')} instead`);
    tokens = null;
    log.warn({ host }, 'auth is off (--no-auth): anyone who can reach this port can read the store');
  } else if (!tokens.length) {
    throw new NoTokenConfiguredError(config.api.tokenEnvs);
  }
  const app = await buildApi({ store, tokens, config, logger: log, registries: [metricsRegistry] });
  const address = await app.listen({ host, port });
  log.info({ address, auth: tokens ? `${tokens.length} token(s)` : 'off', store: config.store.kind }, `API and dashboard at ${address}/`);
  return { name: 'api', address, stop: () => app.close() };
}

export async function startIngest(config: EarshotConfig, pipeline: Pipeline, log: Logger, only?: string[], pollOnStart = true): Promise<Service> {
  const { startIngestScheduler } = await import('../ingest/index.js');
  const { mentionsIngested } = await import('../api/index.js');
  const scheduler = await startIngestScheduler({
    config,
    bus: pipeline.bus,
    store: pipeline.store,
    log,
    ...(only ? { only } : {}),
    pollOnStart,
    // Rejected items are counted by the bus, as dead letters.
    onPage: (source, page) => mentionsIngested.inc({ source }, page.published),
  });
  const running = scheduler.status();
  if (!running.length) log.warn('no enabled sources to run: add them under sources: in the config file');
  log.info({ sources: running.map((s) => s.id) }, 'ingest running');
  return { name: 'ingest', stop: () => scheduler.stop() };
}

/** Stops services in reverse start order, then the pipeline. */
export async function stopAll(services: (Service | null)[], pipeline?: Pipeline): Promise<void> {
  for (const s of [...services].reverse()) if (s) await s.stop();
  await pipeline?.close();
}
