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
