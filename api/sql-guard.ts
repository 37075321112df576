// The pre-check for analyst SQL (`POST /v1/sql`). It refuses, with a reason, what is plainly not a
// single read query, so analysts get a clear answer instead of an engine error. It is NOT the
// security boundary: every query also runs with ClickHouse's `readonly = 1`, a time limit and
// a row limit, which the engine enforces whatever the text says.

export type SqlCheck = { ok: true; sql: string } | { ok: false; reason: string };

/**
 * Splits SQL into code and literals: string literals, quoted identifiers and comments are
 * replaced by a space-padded placeholder in `code`, so keywords inside them are not seen.
 */
export function scanSql(sql: string): { code: string; text: string; error?: string } {
  let code = '';
  /** The SQL with comments removed and literals kept: what is run. */
  let text = '';
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      const quote = c;
      let j = i + 1;
      for (;;) {
        if (j >= n) return { code, text, error: `unterminated ${quote === "'" ? 'string literal' : 'quoted identifier'} starting at character ${i + 1}` };
        const d = sql[j]!;
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === quote) {
          if (sql[j + 1] === quote) {
            j += 2; // doubled quote inside the literal
            continue;
          }
          break;
        }
        j++;
      }
      code += quote === "'" ? " '' " : ' "" ';
      text += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      code += ' ';
      text += ' ';
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) return { code, text, error: `unterminated /* comment starting at character ${i + 1}` };
      code += ' ';
      text += ' ';
      i = end + 2;
    } else {
      code += c;
      text += c;
      i++;
    }
  }
  return { code, text };
}

/** Checks that `sql` is one SELECT (or WITH … SELECT) without clauses the API controls; returns it ready to run. */
export function checkAnalystSql(sql: string): SqlCheck {
  const { code, text, error } = scanSql(sql);
  if (error) return { ok: false, reason: error };
  // One statement: a single trailing semicolon is tolerated.
  const trimmed = code.trim().replace(/;\s*$/, '');
  if (!trimmed) return { ok: false, reason: 'the query is empty: send one SELECT statement' };
  if (trimmed.includes(';')) return { ok: false, reason: 'only one statement per request: remove the semicolon-separated statements after the first' };
  const first = /^\(*\s*([A-Za-z]+)/.exec(trimmed)?.[1]?.toUpperCase();
  if (first !== 'SELECT' && first !== 'WITH') {
    return { ok: false, reason: `only read queries are allowed: the statement must start with SELECT or WITH, not ${first ?? 'that'}; writes and DDL are refused` };
  }
  if (/\bINTO\s+OUTFILE\b/i.test(trimmed)) return { ok: false, reason: 'INTO OUTFILE is not allowed: the result comes back in the HTTP response' };
  if (/\bSETTINGS\b/i.test(trimmed)) {
    return { ok: false, reason: 'SETTINGS clauses are not allowed: the API sets readonly, the time limit and the row limit itself' };
  }
  if (/\bFORMAT\s+[A-Za-z]/i.test(trimmed)) {
    return { ok: false, reason: 'FORMAT clauses are not allowed: ask for CSV with ?format=csv or Accept: text/csv, JSON is the default' };
  }
  // Run the text without comments (so none can swallow the SETTINGS clause the engine appends)
  // and without the trailing semicolon (so that clause belongs to this statement).
  return { ok: true, sql: `${text.trim().replace(/;\s*$/, '')}\n` };
}
