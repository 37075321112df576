// Plain-text tables for terminal output.

export type Cell = string | number | boolean | null | undefined | Date;

function show(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  return String(v);
}

/** Columns padded to their widest cell; numbers right-aligned; long text cut at maxWidth. */
export function formatTable(rows: Record<string, Cell>[], columns?: string[], maxWidth = 80): string {
  if (!rows.length) return '(no rows)';
  const cols = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((r) => cols.map((c) => show(r[c]).replace(/\s+/g, ' ')).map((s) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s)));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const numeric = cols.map((c) => rows.every((r) => typeof r[c] === 'number' || r[c] === null || r[c] === undefined));
  const line = (vals: string[]) => vals.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function percent(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : '0.0%';
}
