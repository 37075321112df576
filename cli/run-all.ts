// `earshot run` without --demo: every stage in one process until SIGINT/SIGTERM. The embedded
// store is one process's database (chdb), so the API runs here too when asked (--api).
import type { Logger } from 'pino';
import type { EarshotConfig } from '../config/index.js';
import { onShutdown, openPipeline } from './pipeline.js';
import { metricHooks, startAlertScheduler, startApiService, startIngest, startObservability, stopAll, type Service } from './services.js';

export async function runAll(config: EarshotConfig, log: Logger, options: { api: boolean; auth: boolean; metricsPort?: number }): Promise<void> {
  const pipeline = await openPipeline(config, log, ['process', 'store'], await metricHooks());
  const services: (Service | null)[] = [];
  try {
    if (options.api) {
      // The API serves /healthz and /metrics itself.
      services.push(await startApiService(config, pipeline.store, log, { auth: options.auth }));
    } else {
      services.push(await startObservability(config, log, pipeline, options.metricsPort));
    }
    services.push(await startAlertScheduler(config, pipeline.store, log));
    services.push(await startIngest(config, pipeline, log));
  } catch (err) {
    await stopAll(services, pipeline);
    throw err;
  }
  log.info({ bus: config.bus.kind, store: config.store.kind }, 'earshot running: ingest, process, store, alerts and digests (Ctrl-C to stop)');
  await onShutdown(log, () => stopAll(services, pipeline));
}
