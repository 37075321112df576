// Small things every connector needs: which queries to run for which brand, secrets from the
// environment, cursors as JSON, and HTML bodies turned into plain text.
import type { BrandConfig } from '../config/index.js';
import { RawMention, parseWith, type RawMentionInput } from '../messages/index.js';
import { SourceAuthError, type IngestContext, type Page } from './types.js';

export interface BrandQuery {
  brand: string;
  query: string;
}

/** The brands a source serves (its `brands:` list, else all) with their search queries (default: name and aliases). */
export function brandQueries(brands: readonly BrandConfig[], only?: readonly string[]): BrandQuery[] {
  const out: BrandQuery[] = [];
  const seen = new Set<string>();
  for (const b of brands) {
    if (only && !only.includes(b.id)) continue;
    const queries = b.queries.length ? b.queries : [b.name, ...b.aliases];
    for (const query of queries) {
      const key = `${b.id}\u0000${query}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ brand: b.id, query });
    }
  }
  return out;
}

/** Reads a secret named in config; a missing one is a credentials problem that names the variable. */
export function requireEnv(ctx: IngestContext, sourceId: string, name: string, what: string): string {
  const value = ctx.env[name];
  if (!value) throw new SourceAuthError(sourceId, `${what} is not set: export ${name}=… (the config names ${name} in this source's settings)`);
  return value;
}

/** Parses a saved JSON cursor; an unreadable one starts afresh (logged), since a cursor is only a position. */
export function readCursor<T extends object>(ctx: IngestContext, sourceId: string, cursor: string | null, empty: () => T): T {
  if (cursor === null || cursor === '') return empty();
  try {
    const value = JSON.parse(cursor) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return { ...empty(), ...(value as T) };
  } catch {
    // fall through
  }
  ctx.log.warn({ source: sourceId, cursor: cursor.slice(0, 200) }, 'saved cursor is not a JSON object this connector wrote; starting afresh');
  return empty();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** HTML (HN comments, Mastodon statuses, feed bodies) to readable text: paragraphs kept as line breaks. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|blockquote|h[1-6])>/gi, '\n')
      .replace(/<p[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether `text` contains the query as a phrase (quotes and case ignored), on word boundaries. */
export function matchesQuery(text: string, query: string): boolean {
  const phrase = query.replace(/["“”]/g, '').trim().toLowerCase();
  if (!phrase) return false;
  const hay = text.toLowerCase();
  let from = 0;
  for (;;) {
    const at = hay.indexOf(phrase, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : hay[at - 1]!;
    const after = hay[at + phrase.length] ?? '';
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return true;
    from = at + 1;
  }
}

/** Numeric-string ids (snowflakes) compared without losing precision. */
export function compareNumericIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxNumericId(ids: Iterable<string>, start?: string): string | undefined {
  let max = start;
  for (const id of ids) if (max === undefined || compareNumericIds(id, max) > 0) max = id;
  return max;
}

/** A count field the API may send as null/float/string; undefined unless a non-negative integer. */
export function count(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

/** Drops undefined fields so mentions serialise without noise. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const k of Object.keys(value)) if (value[k] === undefined) delete value[k];
  return value;
}

/**
 * Maps one API item to a mention and validates it, so a bad item becomes a reject carrying the
 * item exactly as received (what someone fixing it needs), and its neighbours carry on.
 */
export function mapItem(raw: unknown, map: (raw: never) => RawMentionInput | null, into: Page): void {
  let mapped: RawMentionInput | null;
  try {
    mapped = map(raw as never);
  } catch (err) {
    into.rejects.push({ reason: `cannot map item: ${(err as Error).message}`, payload: safeStringify(raw) });
    return;
  }
  if (mapped === null) return;
  const parsed = parseWith(RawMention, mapped);
  if (parsed.ok) into.mentions.push(parsed.value);
  else into.rejects.push({ reason: parsed.reason, payload: safeStringify(raw) });
}

export function safeStringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function emptyPage(cursor = ''): Page {
  return { mentions: [], rejects: [], cursor };
}
