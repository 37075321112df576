// Files of RawMentions (exports from CRM/support tools, archives, `earshot replay`): JSONL, one
// mention per line, or CSV with a header row whose columns are mention fields (`author.id`,
// `engagement.likes` for nested ones). A bad line becomes a reject with its line number, reason
// and the raw line; the lines around it are imported. As a source, the cursor is the last line
// published, so a restart resumes after it and lines appended later are picked up by the next poll.
import { parse as parseCsv } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { SourceOf } from '../config/index.js';
import { RawMention, parseWith } from '../messages/index.js';
import { emptyPage, readCursor } from './common.js';
import type { Connector, IngestContext, Page, Reject } from './types.js';

export type MentionFileFormat = 'jsonl' | 'csv';

export interface MentionFileLine {
  /** 1-based line number where the record starts. */
  line: number;
  mention?: RawMention;
  reject?: Reject;
}

export function formatFromPath(path: string): MentionFileFormat {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return 'jsonl';
  throw new Error(`cannot tell the format of '${path}' from its name: expected .jsonl, .ndjson or .csv, or pass the format (jsonl or csv)`);
}

/**
 * Fills what a sender may leave out: `fetchedAt` (now: when we received it) and `id` (from
 * source and nativeId). Everything else must be there.
 */
export function completeMention(value: unknown, now: Date): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const m = { ...(value as Record<string, unknown>) };
  if (m.fetchedAt === undefined) m.fetchedAt = now.toISOString();
  if (m.id === undefined && typeof m.source === 'string' && typeof m.nativeId === 'string') m.id = `${m.source}:${m.nativeId}`;
  return m;
}

const NUMERIC_COLUMNS = new Set(['schemaVersion', 'author.followers', 'engagement.likes', 'engagement.reposts', 'engagement.replies', 'engagement.quotes', 'engagement.score']);

/** A CSV record (flat, string cells) to a mention-shaped object: dotted columns nest, counts become numbers, empty cells are absent. */
export function csvRecordToObject(record: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(record)) {
    if (cell === undefined || cell === '') continue;
    const path = column.trim().split('.');
    let value: unknown = cell;
    if (NUMERIC_COLUMNS.has(column.trim())) {
      const n = Number(cell);
      value = cell.trim() !== '' && Number.isFinite(n) ? n : cell; // left as text, validation names it
    }
    let into = out;
    for (const key of path.slice(0, -1)) {
      if (!into[key] || typeof into[key] !== 'object') into[key] = {};
      into = into[key] as Record<string, unknown>;
    }
    into[path[path.length - 1]!] = value;
  }
  return out;
}

async function* readJsonl(path: string, now: () => Date): AsyncIterable<MentionFileLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (let text of lines) {
    line++;
    if (line === 1) text = text.replace(/^\uFEFF/, '');
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { line, reject: { reason: `not valid JSON: ${(err as Error).message}`, payload: text } };
      continue;
    }
    const parsed = parseWith(RawMention, completeMention(value, now()));
    yield parsed.ok ? { line, mention: parsed.value } : { line, reject: { reason: parsed.reason, payload: text } };
  }
}

async function* readCsv(path: string, now: () => Date): AsyncIterable<MentionFileLine> {
  const skipped: MentionFileLine[] = [];
  const parser = createReadStream(path).pipe(
    parseCsv({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err, raw) => {
        skipped.push({ line: (err as { lines?: number } | undefined)?.lines ?? 0, reject: { reason: `CSV: ${err?.message ?? 'unreadable record'}`, payload: (raw ?? '').replace(/\r?\n$|\r$/, '') } });
        return undefined;
      },
    }),
  );
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; raw: string; info: { lines: number } }>) {
    const raw = item.raw.replace(/\r?\n$|\r$/, '');
    // info.lines is where the record ends; a quoted field may span lines.
    const line = item.info.lines - (raw.match(/\n/g)?.length ?? 0);
    // The parser runs ahead of this loop: rows it skipped may lie after this record.
    while (skipped.length && skipped[0]!.line < line) yield skipped.shift()!;
    const parsed = parseWith(RawMention, completeMention(csvRecordToObject(item.record), now()));
    yield parsed.ok ? { line, mention: parsed.value } : { line, reject: { reason: parsed.reason, payload: raw } };
  }
  yield* skipped.splice(0);
}

/** Reads a JSONL or CSV file of RawMentions line by line; never throws on bad content, only on an unreadable file. */
export function readMentionFile(path: string, format?: MentionFileFormat, options: { now?: () => Date } = {}): AsyncIterable<MentionFileLine> {
  const fmt = format ?? formatFromPath(path);
  const now = options.now ?? (() => new Date());
  return fmt === 'csv' ? readCsv(path, now) : readJsonl(path, now);
}

interface FileCursor {
  path?: string;
  /** Last line whose record is on the bus. */
  line: number;
}

export function createFileConnector(id: string, config: SourceOf<'file'>, options: { pageSize?: number } = {}): Connector {
  const path = resolve(config.path);
  const pageSize = options.pageSize ?? 500;
  return {
    id,
    kind: 'file',
    async *poll(saved: string | null, ctx: IngestContext): AsyncIterable<Page> {
      const cursor = readCursor<FileCursor>(ctx, id, saved, () => ({ line: 0 }));
      // A different file starts from its top.
      const after = cursor.path === path ? cursor.line : 0;
      let page = emptyPage();
      let last = after;
      for await (const item of readMentionFile(path, config.format, { now: () => ctx.now() })) {
        if (item.line <= after) continue;
        ctx.signal.throwIfAborted();
        if (item.mention) page.mentions.push(item.mention);
        else if (item.reject) page.rejects.push({ reason: `${config.path}:${item.line}: ${item.reject.reason}`, payload: item.reject.payload });
        last = item.line;
        if (page.mentions.length + page.rejects.length >= pageSize) {
          page.cursor = JSON.stringify({ path, line: last } satisfies FileCursor);
          yield page;
          page = emptyPage();
        }
      }
      if (page.mentions.length || page.rejects.length) {
        page.cursor = JSON.stringify({ path, line: last } satisfies FileCursor);
        yield page;
      }
    },
  };
}
