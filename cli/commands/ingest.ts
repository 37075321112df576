// `earshot ingest`: runs the configured sources (polling on their schedules, webhooks listening)
// against the configured bus and store until SIGINT/SIGTERM, then stops cleanly: schedules off,
// polls in flight end at their next page (their saved cursors keep the place), webhooks closed.
import type { Command } from 'commander';
import { createLogger, parsePort, readConfig } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('ingest')
    .description('run the configured sources (polls on their schedules, webhooks) until stopped; over the embedded bus the process and store stages run here too')
    .option('--source <id...>', 'run only these source ids')
    .option('--no-poll-on-start', 'wait for each schedule instead of polling every source at start')
    .option('--metrics-port <port>', 'port for /healthz, /readyz and /metrics (default: metrics.port in config)')
    .action(async (opts: { source?: string[]; pollOnStart: boolean; metricsPort?: string }, command: Command) => {
      const { config } = readConfig(command);
      const log = createLogger(command, 'earshot-ingest');
      const { openPipeline, onShutdown } = await import('../pipeline.js');
      const { metricHooks, startIngest, startObservability, stopAll } = await import('../services.js');
      type Service = import('../services.js').Service;
      // The embedded bus lives in this process: without the stages here, mentions would be
      // published to nobody and their cursors saved, i.e. lost.
      const pipeline = await openPipeline(config, log, config.bus.kind === 'embedded' ? ['process', 'store'] : [], await metricHooks());
      const services: (Service | null)[] = [];
      try {
        services.push(await startObservability(config, log, pipeline, opts.metricsPort === undefined ? undefined : parsePort(opts.metricsPort)));
        services.push(await startIngest(config, pipeline, log, opts.source, opts.pollOnStart));
      } catch (err) {
        await stopAll(services, pipeline);
        throw err;
      }
      await onShutdown(log, () => stopAll(services, pipeline));
    });
}
