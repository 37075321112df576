// `earshot replay FILE`: imports a JSONL or CSV file of RawMentions through the pipeline.
// Good lines are classified and stored (idempotently: replaying a file twice changes no
// count); bad lines go to the dead-letter table with their line number and reason.
import type { Command } from 'commander';
import { EXIT, createLogger, readConfig } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('replay')
    .description('import a JSONL or CSV file of RawMentions through the pipeline; bad lines go to the dead-letter table')
    .argument('<file>', 'a .jsonl or .csv file of RawMentions')
    .option('--format <format>', 'jsonl or csv (default: from the file name)')
    .addHelpText('after', '\nExit code 3 when any line was rejected; `earshot query dead-letters` lists them with reasons.')
    .action(async (file: string, opts: { format?: 'jsonl' | 'csv' }, command: Command) => {
      const { config } = readConfig(command);
      const log = createLogger(command, 'earshot-replay');
      if (opts.format && opts.format !== 'jsonl' && opts.format !== 'csv') throw new Error(`--format must be jsonl or csv; got '${opts.format}'`);
      const { readMentionFile } = await import('../../ingest/index.js');
      const { TOPICS } = await import('../../messages/index.js');
      const { openPipeline, drained } = await import('../pipeline.js');
      // Over Kafka the stages run elsewhere: replay only publishes. Embedded, it runs them here.
      const pipeline = await openPipeline(config, log, config.bus.kind === 'embedded' ? ['process', 'store'] : []);
      const counts = { lines: 0, published: 0, rejected: 0 };
      try {
        let batch: { key: string; value: string }[] = [];
        const flush = async () => {
          if (!batch.length) return;
          await pipeline.bus.publish(TOPICS.raw, batch);
          counts.published += batch.length;
          batch = [];
        };
        for await (const item of readMentionFile(file, opts.format)) {
          counts.lines++;
          if (item.mention) {
            batch.push({ key: item.mention.id, value: JSON.stringify(item.mention) });
            if (batch.length >= 1000) await flush();
          } else if (item.reject) {
            counts.rejected++;
            await pipeline.store.insertDeadLetters([
              { stage: 'replay', source: 'file', reason: `${file}:${item.line}: ${item.reject.reason}`, payload: item.reject.payload, at: new Date().toISOString() },
            ]);
          }
        }
        await flush();
        if (config.bus.kind === 'embedded') await drained(pipeline.bus);
      } finally {
        await pipeline.close();
      }
      console.log(`replay ${file}: ${counts.lines} lines, ${counts.published} mentions published, ${counts.rejected} rejected${counts.rejected ? ' (see: earshot query dead-letters)' : ''}`);
      process.exitCode = counts.rejected ? EXIT.rejected : EXIT.ok;
    });
}
