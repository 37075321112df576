// What every command shares: the config file it was pointed at, a logger, and opening the
// configured bus and store.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { loadConfig, type EarshotConfig } from '../config/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface GlobalOptions {
  config?: string;
  logLevel: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/** --config, else ./earshot.yaml, else the bundled example (which runs on the simulator). */
export function configPath(options: GlobalOptions): string {
  if (options.config) return resolve(options.config);
  const local = resolve('earshot.yaml');
  if (existsSync(local)) return local;
  return join(root, 'config', 'earshot.example.yaml');
}

export function readConfig(command: Command): { config: EarshotConfig; path: string } {
  const path = configPath(globalOptions(command));
  return { config: loadConfig(path), path };
}

/** Logs go to stderr as JSON lines, so stdout stays free for a command's output. */
export function createLogger(command: Command, name = 'earshot'): Logger {
  return pino({ name, level: globalOptions(command).logLevel }, pino.destination(2));
}

export const PROJECT_ROOT = root;

/** Exit codes: 0 ok, 1 failure, 2 bad usage or config, 3 finished but some input was rejected. */
export const EXIT = { ok: 0, failure: 1, usage: 2, rejected: 3 } as const;

/** A TCP port from the command line; 0 picks a free one. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new Error(`expected a port number from 0 to 65535, got '${text}'`);
  return port;
}
