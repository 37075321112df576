// The pipeline's Prometheus metrics, defined once. A neutral module on prom-client's default
// registry: any stage (ingest, process, store, alerts, api) may import it through api/index.ts
// and increment; nothing here imports another earshot folder, so importing it pulls in no
// server code. Every process that starts the observability server (observability.ts) serves
// these at /metrics, with the default registry's process metrics and any extra registries
// (such as the bus's) merged in.
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

/** prom-client's default registry: where earshot's pipeline metrics live. */
export const defaultRegistry = register;

let defaultsCollected = false;
/** Node process metrics (CPU, memory, event-loop lag) on the default registry, once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ prefix: 'earshot_' });
}

/** Returns the metric already registered under `name` (a module loaded twice, e.g. by a test runner), else creates it. */
function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const mentionsIngested = once(
  'earshot_mentions_ingested_total',
  () =>
    new Counter({
      name: 'earshot_mentions_ingested_total',
      help: 'Raw mentions fetched from a source and published to mentions.raw, by source.',
      labelNames: ['source'] as const,
    }),
);

export const mentionsProcessed = once(
  'earshot_mentions_processed_total',
  () =>
    new Counter({
      name: 'earshot_mentions_processed_total',
      help: 'Mentions classified and published to mentions.enriched.',
    }),
);

export const mentionsStored = once(
  'earshot_mentions_stored_total',
  () =>
    new Counter({
      name: 'earshot_mentions_stored_total',
      help: 'Enriched mentions the store accepted, by source.',
      labelNames: ['source'] as const,
    }),
);

export const batchLatency = once(
  'earshot_batch_latency_seconds',
  () =>
    new Histogram({
      name: 'earshot_batch_latency_seconds',
      help: 'Time to handle one batch, by stage (ingest poll, process, store write, …).',
      labelNames: ['stage'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
);

export const alertsSent = once(
  'earshot_alerts_sent_total',
  () =>
    new Counter({
      name: 'earshot_alerts_sent_total',
      help: 'Alert and digest notifications delivered, by sink.',
      labelNames: ['sink'] as const,
    }),
);

export const apiRequests = once(
  'earshot_api_requests_total',
  () =>
    new Counter({
      name: 'earshot_api_requests_total',
      help: 'HTTP requests answered by the analyst API, by route and status code.',
      labelNames: ['route', 'status'] as const,
    }),
);

export const apiLatency = once(
  'earshot_api_request_seconds',
  () =>
    new Histogram({
      name: 'earshot_api_request_seconds',
      help: 'Analyst API response time, by route.',
      labelNames: ['route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
);
