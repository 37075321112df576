import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';

export function register(program: Command): void {
  program
    .command('spikes')
    .description('run the spike detector over a timestamp,value CSV and print the alerts it would raise (JSON lines)')
    .requiredOption('--csv <file>', 'series: a header row `timestamp,value`, one row per interval')
    .option('--threshold <z>', 'detector score that opens an alert', '4')
    .option('--min-volume <n>', 'intervals with a lower value never alert', '10')
    .option('--cooldown <duration>', 'no new alert this long after one starts', '1h')
    .option('--interval <duration>', 'the series step (default: inferred from the timestamps)')
    .action(async (opts: { csv: string; threshold: string; minVolume: string; cooldown: string; interval?: string }) => {
      const { SpikeDetector, parseSeriesCsv, inferInterval } = await import('../../alerts/index.js');
      const { parseDuration } = await import('../../config/index.js');
      const samples = parseSeriesCsv(await readFile(opts.csv, 'utf8'), opts.csv);
      const intervalMs = opts.interval ? parseDuration(opts.interval) : inferInterval(samples);
      const threshold = Number(opts.threshold);
      const minVolume = Number(opts.minVolume);
      if (!(threshold > 0) || !(minVolume >= 0)) throw new Error(`--threshold must be > 0 and --min-volume ≥ 0, got ${opts.threshold} and ${opts.minVolume}`);
      const detector = new SpikeDetector({ intervalMs, threshold, minVolume, cooldownMs: parseDuration(opts.cooldown) });
      const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
      const print = (e: (typeof detector.episodes)[number]) =>
        console.log(JSON.stringify({ start: iso(e.start), end: iso(e.end), resolved: e.resolvedAt !== null, observed: e.observed, expected: Number(e.expected.toFixed(3)), score: Number(e.score.toFixed(2)), peakAt: iso(e.peakAt) }));
      for (const s of samples) detector.push(s);
      detector.episodes.forEach(print);
    });
}
