// `earshot ingest`: runs the configured sources (polling on their schedules, webhooks listening)
// against the configured bus and store until SIGINT/SIGTERM, then stops cleanly: schedules off,
// polls in flight end at their next page (their saved cursors keep the place), webhooks closed.
import type { Command } from 'commander';
import { createLogger, readConfig } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('ingest')
    .description('run the configured sources (polls on their schedules, webhooks) until stopped; over the embedded bus the process and store stages run here too')
    .option('--source <id...>', 'run only these source ids')
    .option('--no-poll-on-start', 'wait for each schedule instead of polling every source at start')
    .action(async (opts: { source?: string[]; pollOnStart: boolean }, command: Command) => {
      const { config } = readConfig(command);
      const log = createLogger(command, 'earshot-ingest');
      const { openPipeline, onShutdown } = await import('../pipeline.js');
      const { startIngestScheduler } = await import('../../ingest/index.js');
      // The embedded bus lives in this process: without the stages here, mentions would be
      // published to nobody and their cursors saved, i.e. lost.
      const pipeline = await openPipeline(config, log, config.bus.kind === 'embedded' ? ['process', 'store'] : []);
      let scheduler;
      try {
        scheduler = await startIngestScheduler({ config, bus: pipeline.bus, store: pipeline.store, log, only: opts.source, pollOnStart: opts.pollOnStart });
      } catch (err) {
        await pipeline.close();
        throw err;
      }
      const running = scheduler.status();
      if (!running.length) log.warn('no enabled sources to run: add them under sources: in the config file');
      log.info({ sources: running.map((s) => s.id), bus: config.bus.kind, store: config.store.kind }, 'ingest running');
      await onShutdown(log, async () => {
        await scheduler.stop();
        await pipeline.close();
      });
    });
}
