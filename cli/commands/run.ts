// `earshot run`: every stage in one process. `--demo` (what `npm start` runs) simulates a day.
import type { Command } from 'commander';
import { createLogger, parsePort, readConfig } from '../runtime.js';

interface RunOptions {
  demo?: boolean;
  spike: string[];
  mentions: string;
  seed: string;
  out: string;
  api?: boolean;
  auth: boolean;
  metricsPort?: string;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('run the whole pipeline in one process: ingest, process, store, alerts and digests (--demo: a simulated day)')
    .option('--demo', 'simulate a day of mentions with a negative spike, classify and store them, print a summary, write digests')
    .option('--spike <spec>', "demo: inject a negative spike, e.g. brand=acme,at=+14h,x=8[,for=45m][,topic=billing] (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--mentions <n>', 'demo: mentions in the simulated day', '10000')
    .option('--seed <n>', 'demo: random seed (same seed, same day)', '42')
    .option('--out <dir>', 'demo: where digests are written', 'out/demo')
    .option('--api', 'also serve the analyst API and dashboard (api: in config); with --demo, on the demo day after the summary')
    .option('--no-auth', 'with --api: serve without bearer tokens (loopback host only)')
    .option('--metrics-port <port>', 'port for /healthz, /readyz and /metrics (default: metrics.port in config)')
    .action(async (o: RunOptions, command: Command) => {
      const { config } = readConfig(command);
      const log = createLogger(command, 'earshot');
      if (o.demo) {
        const mentions = Number.parseInt(o.mentions, 10);
        const seed = Number.parseInt(o.seed, 10);
        if (!(mentions > 0)) throw new Error(`--mentions must be a positive whole number; got '${o.mentions}'`);
        if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number; got '${o.seed}'`);
        const { runDemo } = await import('../demo.js');
        // The demo's own logs would interleave with its summary: warnings only.
        log.level = log.level === 'info' ? 'warn' : log.level;
        await runDemo(config, log, { spikes: o.spike, mentions, seed, outDir: o.out, ...(o.api ? { serve: { auth: o.auth } } : {}) });
        return;
      }
      const { runAll } = await import('../run-all.js');
      await runAll(config, log, { api: Boolean(o.api), auth: o.auth, ...(o.metricsPort !== undefined ? { metricsPort: parsePort(o.metricsPort) } : {}) });
    });
}
