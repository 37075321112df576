import type { Command } from 'commander';
import { createLogger, readConfig } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('scheduler')
    .description('run alert evaluation and digests on their schedules until SIGINT/SIGTERM (several may share a store)')
    .option('--owner <id>', 'this process’s name in delivery claims (default host:pid:random)')
    .action(async (opts: { owner?: string }, command: Command) => {
      const { config } = readConfig(command);
      const logger = createLogger(command, 'earshot-scheduler');
      const { openStore } = await import('../../store/index.js');
      const { createSinks } = await import('../../alerts/index.js');
      const { startScheduler } = await import('../../digests/index.js');
      const store = await openStore(config.store);
      await store.migrate();
      const scheduler = await startScheduler({
        store,
        config,
        sinks: createSinks(config.sinks),
        ...(opts.owner ? { owner: opts.owner } : {}),
        log: (level, msg, fields) => logger[level](fields ?? {}, msg),
      });
      logger.info({ owner: scheduler.owner, alerts: config.alerts.schedule, digests: config.digests.map((d) => `${d.id} ${d.schedule} ${d.timezone}`) }, 'scheduler started');
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, 'stopping: waiting for runs in flight');
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      await scheduler.stop();
      await store.close();
      logger.info('scheduler stopped');
    });
}
