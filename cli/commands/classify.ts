// `earshot classify`: a stable stdin → stdout contract for scripts and evaluations.
// In: RawMention JSON lines, or plain text lines. Out: EnrichedMention JSON lines, one per
// accepted input line, in input order. Rejected lines go to stderr as dead-letter JSON.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { EXIT, readConfig } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('classify')
    .description('classify mentions from stdin (RawMention JSONL or plain text lines) to EnrichedMention JSONL on stdout')
    .option('--brand <id>', 'brand for plain-text lines (default: the first configured brand)')
    .option('--batch <n>', 'lines per classification batch', '1000')
    .addHelpText(
      'after',
      `
Lines starting with '{' are parsed as RawMention JSON; other non-empty lines are texts.
Rejected lines are written to stderr as {"line","stage","reason","payload"} JSON and counted;
the exit code is 3 when any line was rejected, 0 otherwise.

Example:
  echo "still waiting for my refund, third time I've called" | earshot classify`,
    )
    .action(async (opts: { brand?: string; batch: string }, command: Command) => {
      const { config } = readConfig(command);
      const { createClassifier } = await import('../../process/index.js');
      const { RawMention, parseJson } = await import('../../messages/index.js');
      type RawMention = import('../../messages/index.js').RawMention;
      const brand = opts.brand ?? config.brands[0]!.id;
      const batchSize = Math.max(1, Number.parseInt(opts.batch, 10) || 1000);
      const classifier = createClassifier(config);
      const counts = { read: 0, classified: 0, rejected: 0 };
      let pending: RawMention[] = [];

      const flush = async () => {
        if (!pending.length) return;
        const out = classifier.classifyBatch(pending);
        pending = [];
        let text = '';
        for (const m of out) text += `${JSON.stringify(m)}\n`;
        counts.classified += out.length;
        if (!process.stdout.write(text)) await once(process.stdout, 'drain');
      };
      const reject = (line: number, reason: string, payload: string) => {
        counts.rejected++;
        process.stderr.write(`${JSON.stringify({ line, stage: 'classify', reason, payload })}\n`);
      };

      const now = new Date().toISOString();
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        counts.read++;
        const trimmed = line.trim();
        if (!trimmed) {
          counts.read--;
          continue;
        }
        if (trimmed.startsWith('{')) {
          const parsed = parseJson(RawMention, trimmed);
          if (parsed.ok) pending.push(parsed.value);
          else reject(counts.read, parsed.reason, line);
        } else {
          pending.push(
            RawMention.parse({
              id: `file:stdin-${counts.read}`,
              source: 'file',
              nativeId: `stdin-${counts.read}`,
              author: { id: 'stdin', handle: 'stdin' },
              text: trimmed,
              createdAt: now,
              fetchedAt: now,
              brand,
              query: 'stdin',
            }),
          );
        }
        if (pending.length >= batchSize) await flush();
      }
      await flush();
      process.stderr.write(`classify: ${counts.read} lines read, ${counts.classified} classified, ${counts.rejected} rejected\n`);
      process.exitCode = counts.rejected ? EXIT.rejected : EXIT.ok;
    });
}
