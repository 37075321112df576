// The one way values reach SQL. Debian's ClickHouse (18.16) has no `{name:Type}` query
// parameters, so every value is rendered as a literal here and nowhere else; tests send
// random strings through both engines and get them back byte for byte.

/** A ClickHouse string literal: backslash escapes for `\`, `'` and every control byte. */
export function sqlString(value: string): string {
  let out = "'";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** A finite number literal; anything else is a programming error, not user input to coerce. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** A UTC DateTime literal from a Date (second precision: DateTime in 18.16 has no sub-seconds). */
export function sqlDateTime(value: Date): string {
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new Error('invalid date');
  return `toDateTime(${Math.floor(ms / 1000)}, 'UTC')`;
}

export type SqlValue = string | number | boolean | Date | null | readonly SqlValue[];

/** Any supported value as a literal. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return sqlString(value);
  if (typeof value === 'number') return sqlNumber(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return sqlDateTime(value);
  return `[${value.map(sqlLiteral).join(', ')}]`;
}

/** An identifier we generate ourselves (table, column, database); rejects anything unusual. */
export function sqlIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${JSON.stringify(name)}`);
  return name;
}
