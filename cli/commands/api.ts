// `earshot api`: the analyst HTTP API and dashboard, until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { createLogger, readConfig } from '../runtime.js';

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
      const { buildApi, tokensFromEnv, isLoopbackHost, NoTokenConfiguredError } = await import('../../api/index.js');
      const host = opts.host ?? config.api.host;
      const port = opts.port === undefined ? config.api.port : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a whole number from 0 to 65535, got '${opts.port}'`);

      let tokens: string[] | null = tokensFromEnv(config.api.tokenEnvs);
      if (!opts.auth) {
        if (!isLoopbackHost(host)) throw new Error(`--no-auth is allowed only on a loopback host (127.0.0.1, ::1, localhost), not '${host}': set a token in ${config.api.tokenEnvs.join(' or ')} instead`);
        tokens = null;
        log.warn({ host }, 'auth is off (--no-auth): anyone who can reach this port can read the store');
      } else if (!tokens.length) {
        throw new NoTokenConfiguredError(config.api.tokenEnvs);
      }

      const { openStore } = await import('../../store/index.js');
      const { onShutdown } = await import('../pipeline.js');
      const store = await openStore(config.store);
      if (opts.migrate) {
        const applied = await store.migrate();
        if (applied.length) log.info({ applied }, 'schema migrations applied');
      }
      const app = await buildApi({ store, tokens, config, logger: log });
      const address = await app.listen({ host, port });
      log.info({ address, auth: tokens ? `${tokens.length} token(s)` : 'off', store: config.store.kind }, `API and dashboard at ${address}/`);
      console.error(`earshot api: dashboard at ${address}/  OpenAPI at ${address}/openapi.json`);
      await onShutdown(log, async () => {
        await app.close();
        await store.close();
      });
    });
}
