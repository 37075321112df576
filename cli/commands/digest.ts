import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { readConfig } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('digest')
    .description('write one digest for a brand now (Markdown or HTML with charts)')
    .requiredOption('--brand <id>', 'brand id from the config')
    .option('--period <duration>', 'the period ending at --until (1d, 7d)', '7d')
    .option('--until <time>', 'end of the period: ISO time, date, duration ago, or now', 'now')
    .option('--tz <zone>', 'time zone for days and times (default: the first digest’s, else UTC)')
    .option('--format <format>', 'markdown or html', 'markdown')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (opts: { brand: string; period: string; until: string; tz?: string; format: string; out?: string }, command: Command) => {
      if (opts.format !== 'markdown' && opts.format !== 'html') throw new Error(`--format must be markdown or html, got '${opts.format}'`);
      const { config } = readConfig(command);
      const brand = config.brands.find((b) => b.id === opts.brand);
      if (!brand) throw new Error(`unknown brand '${opts.brand}'; configured: ${config.brands.map((b) => b.id).join(', ')}`);
      const { parseDuration } = await import('../../config/index.js');
      const { parseTime } = await import('../time.js');
      const { openStore } = await import('../../store/index.js');
      const { buildDigest, renderHtml, renderMarkdown } = await import('../../digests/index.js');
      const periodEnd = parseTime(opts.until);
      const periodStart = new Date(periodEnd.getTime() - parseDuration(opts.period));
      const store = await openStore(config.store);
      try {
        await store.migrate();
        const digest = await buildDigest(store, { brand: brand.id, brandName: brand.name, periodStart, periodEnd, timeZone: opts.tz ?? config.digests[0]?.timezone ?? 'UTC' });
        const text = opts.format === 'html' ? await renderHtml(digest) : renderMarkdown(digest);
        if (opts.out) {
          await writeFile(opts.out, text);
          console.error(`wrote ${opts.out}`);
        } else process.stdout.write(text);
      } finally {
        await store.close();
      }
    });
}
