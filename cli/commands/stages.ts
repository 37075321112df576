// `earshot process` and `earshot store`: one pipeline stage each, until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { createLogger, readConfig } from '../runtime.js';

function stageCommand(program: Command, name: 'process' | 'store', description: string): void {
  program
    .command(name)
    .description(description)
    .action(async (_opts, command: Command) => {
      const { config } = readConfig(command);
      if (config.bus.kind === 'embedded') {
        throw new Error(`the embedded bus lives inside one process, so '${name}' alone would wait forever for input: use 'earshot run', or set bus.kind: kafka to run stages as separate processes`);
      }
      const log = createLogger(command, `earshot-${name}`);
      const { openPipeline, onShutdown } = await import('../pipeline.js');
      const pipeline = await openPipeline(config, log, [name]);
      log.info({ bus: config.bus.kind, store: config.store.kind }, `${name} stage running`);
      await onShutdown(log, () => pipeline.close());
    });
}

export function register(program: Command): void {
  stageCommand(program, 'process', 'classify mentions.raw into mentions.enriched (one stage, until stopped)');
  stageCommand(program, 'store', 'write mentions.enriched and dead letters into the store (one stage, until stopped)');
}
