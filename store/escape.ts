// The one way values reach SQL. Debian's ClickHouse (18.16) has no `{name:Type}` query
// parameters, so every value is rendered as a literal here and nowhere else; tests send
// random strings through both engines and get them back byte for byte.

/**
 * A ClickHouse string literal: backslash escapes for `\`, `'` and every control byte; all else
 * as UTF-8. A lone UTF-16 surrogate half has no UTF-8 form: it becomes U+FFFD (what Node's
 * UTF-8 encoder would send anyway, decided here so both engines store the same thing).
 */
export function sqlString(value: string): string {
  let out = "'";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x5c) out += '\\\\';
    else if (code === 0x27) out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
      } else out += '\ufffd';
    } else out += value[i]!;
  }
  return `${out}'`;
}

/**
 * A time zone name as a literal, for toStartOfDay and friends. Only IANA-shaped names the
 * runtime knows pass; anything else is a RangeError the API can show, before any SQL runs.
 */
export function sqlTimeZone(zone: string): string {
  let known = /^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(zone) && zone.length <= 64;
  if (known) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
    } catch {
      known = false;
    }
  }
  if (!known) throw new RangeError(`unknown time zone ${JSON.stringify(zone.slice(0, 80))}: expected an IANA name such as 'UTC', 'Europe/London' or 'Asia/Kolkata'`);
  return sqlString(zone);
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
