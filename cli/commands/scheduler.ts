// `earshot scheduler`: alert evaluation and digests on their schedules, until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { createLogger, parsePort, readConfig } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('scheduler')
    .description('run alert evaluation and digests on their schedules until SIGINT/SIGTERM (several may share a store)')
    .option('--owner <id>', 'this process’s name in delivery claims (default host:pid:random)')
    .option('--metrics-port <port>', 'port for /healthz, /readyz and /metrics (default: metrics.port in config)')
    .action(async (opts: { owner?: string; metricsPort?: string }, command: Command) => {
      const { config } = readConfig(command);
      const log = createLogger(command, 'earshot-scheduler');
      const { openStore } = await import('../../store/index.js');
      const { onShutdown } = await import('../pipeline.js');
      const { startAlertScheduler, startObservability, stopAll } = await import('../services.js');
      const store = await openStore(config.store);
      await store.migrate();
      const services = [await startObservability(config, log, { store }, opts.metricsPort === undefined ? undefined : parsePort(opts.metricsPort))];
      services.push(await startAlertScheduler(config, store, log, opts.owner));
      await onShutdown(log, async () => {
        await stopAll(services);
        await store.close();
      });
      log.info('scheduler stopped');
    });
}
