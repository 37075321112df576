// `earshot reprocess`: classifies stored mentions again, e.g. after a classifier change
// (bump PROCESSING_VERSION). Stored mentions are read back as raw mentions and published to
// mentions.raw; the process stage classifies them and the store keeps, for each id, the row with
// the highest (processing version, processing time). Over Kafka the running process stages do
// the work; embedded, they run here.
import type { Command } from 'commander';
import { createLogger, readConfig } from '../runtime.js';
import { parseTime } from '../time.js';

interface ReprocessOptions {
  since: string;
  until: string;
  brand?: string;
}

export function register(program: Command): void {
  program
    .command('reprocess')
    .description('classify stored mentions again (after a classifier change); the store keeps the newest processing version')
    .option('--since <time>', 'first mention time to reprocess: ISO time, date, or a duration ago (30d)', '30d')
    .option('--until <time>', 'end (exclusive)', 'now')
    .option('--brand <id>', 'only this brand')
    .action(async (o: ReprocessOptions, command: Command) => {
      const { config } = readConfig(command);
      const log = createLogger(command, 'earshot-reprocess');
      const range = { since: parseTime(o.since), until: parseTime(o.until) };
      if (range.since >= range.until) throw new Error(`--since (${range.since.toISOString()}) must be before --until (${range.until.toISOString()})`);
      const { TOPICS } = await import('../../messages/index.js');
      const { PROCESSING_VERSION } = await import('../../process/index.js');
      const { openPipeline, drained } = await import('../pipeline.js');
      const pipeline = await openPipeline(config, log, config.bus.kind === 'embedded' ? ['process', 'store'] : []);
      let published = 0;
      try {
        let cursor: string | undefined;
        do {
          const page = await pipeline.store.rawMentions({ range, limit: 2_000, ...(o.brand ? { filter: { brand: o.brand } } : {}), ...(cursor ? { cursor } : {}) });
          if (page.rows.length) await pipeline.bus.publish(TOPICS.raw, page.rows.map((m) => ({ key: m.id, value: JSON.stringify(m) })));
          published += page.rows.length;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        if (config.bus.kind === 'embedded') await drained(pipeline.bus);
      } finally {
        await pipeline.close();
      }
      const where = config.bus.kind === 'embedded' ? 'reclassified and stored' : `published to ${TOPICS.raw} for the process stage`;
      console.log(`reprocess: ${published} mentions from ${range.since.toISOString()} to ${range.until.toISOString()} ${where} (processing version ${PROCESSING_VERSION})`);
    });
}
