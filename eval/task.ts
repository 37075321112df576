import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EvalTask {
  /** Short name for `npm run eval -- NAME`. */
  name: string;
  title: string;
  /** Position in the full run. */
  order: number;
  /** Run only when named on the command line (slow tasks). */
  onlyWhenAsked?: boolean;
  /** Prints its tables to stdout. */
  run(): Promise<void>;
}

/** `../shared/datasets` relative to the project root, or EARSHOT_DATASETS. */
export const DATASETS = resolve(process.env.EARSHOT_DATASETS ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'datasets'));

/** The path of a dataset file, or null after saying it is absent (the task then skips it). */
export function dataset(...parts: string[]): string | null {
  const p = join(DATASETS, ...parts);
  if (existsSync(p)) return p;
  console.log(`(skipped: ${p} is absent)`);
  return null;
}

/** A Markdown table: header row and rows of cells, numbers formatted to `digits`. */
export function table(header: string[], rows: (string | number)[][], digits = 3): string {
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(digits)) : v);
  const lines = [header, header.map(() => '---'), ...rows.map((r) => r.map(fmt))];
  return lines.map((l) => `| ${l.join(' | ')} |`).join('\n');
}
