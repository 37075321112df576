import type { Command } from 'commander';
import { readConfig } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply pending schema migrations to the configured store')
    .action(async (_opts, command: Command) => {
      const { config } = readConfig(command);
      const { openStore } = await import('../../store/index.js');
      const store = await openStore(config.store);
      try {
        const applied = await store.migrate();
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      } finally {
        await store.close();
      }
    });
}
