// CSV for tabular answers: RFC 4180 quoting by csv-stringify, plus two rules of our own.
import { stringify } from 'csv-stringify/sync';
import type { FastifyRequest } from 'fastify';

export type Cell = string | number | boolean | null | undefined | Date | readonly string[];

/** `?format=csv` wins; else `Accept: text/csv` (ranked before JSON) selects CSV. */
export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as { format?: string } | undefined)?.format;
  if (format) return format === 'csv';
  const accept = request.headers.accept ?? '';
  const csv = accept.indexOf('text/csv');
  if (csv === -1) return false;
  const json = accept.indexOf('application/json');
  return json === -1 || csv < json;
}

// Spreadsheets run cells that start with these as formulas (CSV injection): a mention's text
// is written by strangers, so such cells get a leading apostrophe, which spreadsheets hide.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: Cell): string | number {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return value;
  // Arrays (topics, key phrases) go in one cell, separated by '|'.
  const text = typeof value === 'string' ? value : value.join('|');
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A CSV document with a header row; `columns` fixes the order (and the header when there are no rows). */
export function toCsv(rows: readonly Record<string, Cell>[], columns: readonly string[]): string {
  // Arrays, not objects: csv-stringify reads dotted object keys as paths, and SQL column names may contain dots.
  const records = [columns.map((c) => cell(c)), ...rows.map((r) => columns.map((c) => cell(r[c])))];
  return stringify(records, { record_delimiter: 'windows' });
}
