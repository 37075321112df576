// Reading the YAML file and turning every problem into a message that names the field.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { EarshotConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid config ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `sources[2].schedule`: the path the way it reads in the YAML file. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(top level)';
}

function describe(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    return `${where}: unknown kind; ${issue.message}`;
  }
  if (issue.code === 'unrecognized_keys') return `${where}: unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}: check the spelling`;
  return `${where}: ${issue.message}`;
}

/** Validates an already-parsed object; throws ConfigError listing every bad field. */
export function validateConfig(value: unknown, file = '(inline config)'): EarshotConfig {
  const result = EarshotConfig.safeParse(value);
  if (!result.success) throw new ConfigError(file, result.error.issues.map(describe));
  return result.data;
}

export function loadConfig(file: string): EarshotConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; pass --config PATH or copy config/earshot.example.yaml`]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) throw new ConfigError(file, doc.errors.map((e) => `YAML syntax: ${e.message}`));
  return validateConfig(doc.toJS(), file);
}
