// The door to the API room: the analyst HTTP API and dashboard, and the observability pieces
// every long-running process uses. Stages that only need metrics import api/index.ts for the
// metric objects; those come from metrics.ts, which pulls in nothing but prom-client.
export { buildApi, type ApiOptions } from './server.js';
export { tokensFromEnv, createTokenChecker, isLoopbackHost, NoTokenConfiguredError, MIN_TOKEN_LENGTH } from './auth.js';
export { checkAnalystSql, type SqlCheck } from './sql-guard.js';
export {
  startObservabilityServer,
  observabilityRoutes,
  runChecks,
  metricsText,
  type ObservabilityOptions,
  type ObservabilityServer,
  type Readiness,
  type ReadinessCheck,
} from './observability.js';
export * as metrics from './metrics.js';
export {
  mentionsIngested,
  mentionsProcessed,
  mentionsStored,
  batchLatency,
  alertsSent,
  defaultRegistry,
  collectProcessMetrics,
} from './metrics.js';
