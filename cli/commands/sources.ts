// `earshot sources list` (configured sources, their cursors, last poll, last error) and
// `earshot sources check` (one live request per source: the way to check credentials).
import type { Command } from 'commander';
import { EXIT, createLogger, readConfig } from '../runtime.js';

function short(text: string | null | undefined, max = 60): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function register(program: Command): void {
  const sources = program.command('sources').description('list the configured sources, or check their credentials with one live request each');

  sources
    .command('list')
    .description('configured sources with their cursors, last poll and last error (as saved by the ingest worker)')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { config } = readConfig(command);
      const { sourceId, readSourceStatus } = await import('../../ingest/index.js');
      const { openStore } = await import('../../store/index.js');
      const { formatTable } = await import('../format.js');
      const store = await openStore(config.store);
      try {
        await store.migrate();
        const rows = [];
        for (const s of config.sources) {
          const id = sourceId(s);
          const status = await readSourceStatus(store, id);
          rows.push({
            id,
            kind: s.kind,
            enabled: s.enabled,
            schedule: s.kind === 'webhook' ? 'listening' : ('schedule' in s && s.schedule) || 'once',
            lastPoll: status?.lastPollAt ?? '',
            state: status?.state ?? 'never run',
            published: status?.published ?? 0,
            rejected: status?.rejected ?? 0,
            lastError: status?.lastError ?? '',
            cursor: await store.getCursor(id),
          });
        }
        if (opts.json) console.log(JSON.stringify(rows, null, 2));
        else if (!rows.length) console.log('no sources configured (add them under sources: in the config file)');
        else console.log(formatTable(rows.map((r) => ({ ...r, lastError: short(r.lastError), cursor: short(r.cursor, 40) })), undefined, 160));
      } finally {
        await store.close();
      }
    });

  sources
    .command('check')
    .description('one live request per enabled source (the first page of its first query), reporting what came back')
    .option('--source <id>', 'check only this source')
    .action(async (opts: { source?: string }, command: Command) => {
      const { config } = readConfig(command);
      const log = createLogger(command, 'earshot-sources');
      const { createConnector, sourceId, createIngestContext, SourceAuthError } = await import('../../ingest/index.js');
      const selected = config.sources.filter((s) => s.enabled && (!opts.source || sourceId(s) === opts.source));
      if (opts.source && !selected.length) throw new Error(`no enabled source '${opts.source}'; configured: ${config.sources.map(sourceId).join(', ') || '(none)'}`);
      let failed = 0;
      for (const source of selected) {
        const id = sourceId(source);
        if (source.kind === 'webhook') {
          const secret = process.env[source.secretEnv];
          console.log(`${id} (webhook): ${secret ? `secret present in ${source.secretEnv}; would listen on http://${source.host}:${source.port}${source.path}` : `MISSING secret: export ${source.secretEnv}=…`}`);
          if (!secret) failed++;
          continue;
        }
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(new Error('no answer within 60 s')), 60_000);
        // One page, from scratch (no saved cursor): nothing is published or saved.
        const ctx = { ...createIngestContext({ log, signal: abort.signal }), sleep: async (ms: number) => { if (ms > 5_000) throw new Error(`the source asks to wait ${Math.round(ms / 1000)} s (rate limit); try later`); await new Promise((r) => setTimeout(r, ms)); } };
        try {
          const connector = createConnector(source, config.brands, { topics: config.taxonomy.topics });
          const iterator = connector.poll(null, ctx)[Symbol.asyncIterator]();
          const first = await iterator.next();
          await iterator.return?.();
          if (first.done) console.log(`${id} (${source.kind}): ok, nothing to fetch`);
          else {
            const page = first.value;
            const sample = page.mentions[0];
            console.log(`${id} (${source.kind}): ok, first page: ${page.mentions.length} mentions, ${page.rejects.length} rejected${sample ? `; newest: ${JSON.stringify(String(sample.text).slice(0, 80))}` : ''}`);
            if (page.rejects[0]) console.log(`  first reject: ${page.rejects[0].reason}`);
          }
        } catch (err) {
          failed++;
          const kind = err instanceof SourceAuthError ? 'CREDENTIALS' : 'FAILED';
          console.log(`${id} (${source.kind}): ${kind}: ${(err as Error).message}`);
        } finally {
          clearTimeout(timer);
        }
      }
      if (!selected.length) console.log('no enabled sources configured');
      process.exitCode = failed ? EXIT.failure : EXIT.ok;
    });
}
