import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS } from '../eval/task.js';

export interface BenchSuite {
  /** `npm run bench -- NAME` */
  name: string;
  title: string;
  run(args: string[]): Promise<void>;
}

/** Runs fn repeatedly for about `ms` (at least once) and returns operations per second. */
export async function opsPerSecond(fn: () => unknown | Promise<unknown>, ms = 2_000): Promise<number> {
  let ops = 0;
  const start = performance.now();
  do {
    await fn();
    ops++;
  } while (performance.now() - start < ms);
  return (ops * 1000) / (performance.now() - start);
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Real social and review texts to time classifiers on (TweetEval validation, VADER's Amazon and
 * NYT snippets): only the texts, never the labels. Empty where the datasets are absent.
 */
export function datasetTexts(): string[] {
  const out: string[] = [];
  const lines = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8').split(/\r?\n/) : []);
  out.push(...lines(join(DATASETS, 'sentiment', 'tweeteval', 'val_text.txt')).filter(Boolean));
  for (const f of ['amazonReviewSnippets_GroundTruth.txt', 'nytEditorialSnippets_GroundTruth.txt']) {
    for (const l of lines(join(DATASETS, 'sentiment', 'vader_snippets', f))) {
      const text = l.split('\t').slice(2).join('\t');
      if (text) out.push(text);
    }
  }
  return out;
}
