// `earshot process` and `earshot store`: one pipeline stage each, until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { createLogger, parsePort, readConfig } from '../runtime.js';

function stageCommand(program: Command, name: 'process' | 'store', description: string): void {
  program
    .command(name)
    .description(description)
    .option('--metrics-port <port>', 'port for /healthz, /readyz and /metrics (default: metrics.port in config)')
    .action(async (opts: { metricsPort?: string }, command: Command) => {
      const { config } = readConfig(command);
      if (config.bus.kind === 'embedded') {
        throw new Error(`the embedded bus lives inside one process, so '${name}' alone would wait forever for input: use 'earshot run', or set bus.kind: kafka to run stages as separate processes`);
      }
      const log = createLogger(command, `earshot-${name}`);
      const { openPipeline, onShutdown } = await import('../pipeline.js');
      const { metricHooks, startObservability, stopAll } = await import('../services.js');
      type Service = import('../services.js').Service;
      const pipeline = await openPipeline(config, log, [name], await metricHooks());
      const services: (Service | null)[] = [];
      try {
        services.push(await startObservability(config, log, pipeline, opts.metricsPort === undefined ? undefined : parsePort(opts.metricsPort)));
      } catch (err) {
        await stopAll(services, pipeline);
        throw err;
      }
      log.info({ bus: config.bus.kind, store: config.store.kind }, `${name} stage running`);
      await onShutdown(log, () => stopAll(services, pipeline));
    });
}

export function register(program: Command): void {
  stageCommand(program, 'process', 'classify mentions.raw into mentions.enriched (one stage, until stopped)');
  stageCommand(program, 'store', 'write mentions.enriched and dead letters into the store (one stage, until stopped)');
}
