// The `earshot` command. Each subcommand is a module in cli/commands exporting
// `register(program)`; heavy dependencies are imported inside actions, so `--help` is quick.
import { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from '../config/index.js';
import { EXIT } from './runtime.js';

const here = dirname(fileURLToPath(import.meta.url));

export async function buildProgram(): Promise<Command> {
  const program = new Command('earshot')
    .description('Social listening: ingest brand mentions, classify them, store them, alert on negative spikes, write digests.')
    .option('-c, --config <file>', 'config file (default: ./earshot.yaml, else config/earshot.example.yaml)')
    .option('--log-level <level>', 'trace, debug, info, warn, error', process.env.EARSHOT_LOG_LEVEL ?? 'info')
    .showHelpAfterError('(add --help for usage)');
  const files = readdirSync(join(here, 'commands'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(here, 'commands', f)).href)) as { register?: (p: Command) => void };
    mod.register?.(program);
  }
  return program;
}


async function main(): Promise<void> {
  const program = await buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exitCode = EXIT.usage;
      return;
    }
    console.error(`earshot: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.EARSHOT_DEBUG) console.error(err);
    process.exitCode = EXIT.failure;
  }
}

if (process.argv[1] && /earshot(\.js)?$|cli[\\/]main\.ts$/.test(process.argv[1])) await main();
