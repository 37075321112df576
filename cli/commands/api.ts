// `earshot api`: the analyst HTTP API and dashboard, until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { createLogger, parsePort, readConfig } from '../runtime.js';

interface ApiCommandOptions {
  host?: string;
  port?: string;
  auth: boolean;
  migrate: boolean;
}

export function register(program: Command): void {
  program
    .command('api')
    .description('serve the read-only analyst API (/v1), its OpenAPI document and the dashboard (until stopped)')
    .option('--host <host>', 'address to listen on (default: api.host, 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default: api.port, 8080)')
    .option('--no-auth', 'serve without bearer tokens: for local use, allowed only on a loopback host')
    .option('--no-migrate', 'do not apply pending schema migrations at start (e.g. when the store user is read-only)')
    .action(async (opts: ApiCommandOptions, command: Command) => {
      const { config } = readConfig(command);
      const log = createLogger(command, 'earshot-api');
      const { openStore } = await import('../../store/index.js');
      const { onShutdown } = await import('../pipeline.js');
      const { startApiService } = await import('../services.js');
      const store = await openStore(config.store);
      try {
        if (opts.migrate) {
          const applied = await store.migrate();
          if (applied.length) log.info({ applied }, 'schema migrations applied');
        }
        const api = await startApiService(config, store, log, {
          auth: opts.auth,
          ...(opts.host !== undefined ? { host: opts.host } : {}),
          ...(opts.port !== undefined ? { port: parsePort(opts.port) } : {}),
        });
        console.error(`earshot api: dashboard at ${api.address}/  OpenAPI at ${api.address}/openapi.json`);
        await onShutdown(log, async () => {
          await api.stop();
          await store.close();
        });
      } catch (err) {
        await store.close();
        throw err;
      }
    });
}
