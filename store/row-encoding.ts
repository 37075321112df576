// Rows as ClickHouse RowBinary, for server inserts. JSONEachRow costs both sides of a 2-core
// machine dearly (Node's JSON.stringify, the server's JSON parser with key names per row);
// RowBinary is the server's cheapest input (fixed-width numbers, length-prefixed strings: no
// escaping, no text to number parsing) and Node writes it with plain byte stores.
//
// An encoder is built per table from its columns (DESCRIBE TABLE) and reads each row's values by
// column name. It takes the JavaScript values the store's rows carry and stores exactly what
// JSONEachRow stored for them (tests/store/row-encoding.test.ts checks both ways on a server):
// - strings as UTF-8. A lone UTF-16 surrogate half becomes U+FFFD, the decision escape.ts made
//   for literals (18.16's JSONEachRow refuses the whole insert over one);
// - DateTime as 'YYYY-MM-DD hh:mm:ss' (UTC, what toClickHouseDateTime makes; years 1970–2105,
//   the range 18.16 reads as text) or Unix seconds;
// - integers as numbers (UInt64/Int64 also as bigint or a decimal string), booleans as 1/0;
// - floats as their IEEE value (Float32 rounded to nearest), -0 as 0 as JSON.stringify wrote it.
//   Exact, where 18.16's text parser missed some by a unit in the last place (e.g. 5.419787631592087
//   as Float64, values of 10^±16 and beyond more often) and read subnormal doubles as 0;
// - Nullable(T) null as NULL; Array(T) as a JS array.
// Anything else (a value of another kind, out of the type's range, a fraction for an integer
// column, NaN, a date 18.16's text parser would wrap, a type not listed here) is refused with a
// RowEncodingError, and the caller sends that insert as JSONEachRow: what the server makes of
// such values stays the server's business, as it was.

export interface ColumnDescription {
  name: string;
  type: string;
  /** '' for an ordinary column; DEFAULT, MATERIALIZED or ALIAS otherwise (DESCRIBE TABLE's default_type). */
  defaultType?: string;
}

/** Bytes of the LEB128 varint for `n`. */
function varUIntSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Appends bytes to a growing buffer. */
class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(initial: number) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  varUInt(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  /** Varint byte length, then UTF-8 (lone surrogate halves as U+FFFD, which is what Buffer.write does). */
  string(s: string): void {
    const n = s.length;
    if (n < 0x80) {
      this.ensure(2 + 3 * n);
      const buf = this.buf;
      const at = this.pos;
      // ASCII by hand after a one-byte length: for short strings a JIT'd loop beats a call into
      // the native encoder.
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[at + 1 + i] = c;
      }
      if (i === n) {
        buf[at] = n;
        this.pos = at + 1 + n;
        return;
      }
      // Not ASCII: up to 381 bytes, so room for a two-byte length, moved down if one will do.
      const written = buf.write(s, at + 2, 'utf8');
      if (written < 0x80) {
        buf.copyWithin(at + 1, at + 2, at + 2 + written);
        buf[at] = written;
        this.pos = at + 1 + written;
      } else {
        buf[at] = (written & 0x7f) | 0x80;
        buf[at + 1] = written >> 7;
        this.pos = at + 2 + written;
      }
      return;
    }
    // Longer: written once by the native encoder after room for the longest length 3n bytes can
    // need, the text moved down when the actual length is shorter (one native call, not a
    // byteLength pass and then a write).
    const room = varUIntSize(3 * n);
    this.ensure(room + 3 * n);
    const at = this.pos;
    const written = this.buf.write(s, at + room, 'utf8');
    const need = varUIntSize(written);
    if (need < room) this.buf.copyWithin(at + need, at + room, at + room + written);
    let v = written;
    let p = at;
    while (v >= 0x80) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[p] = v;
    this.pos = at + need + written;
  }


  take(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

type Write = (w: ByteWriter, value: unknown) => void;

const INT_RANGES: Record<string, [number, number, number]> = {
  // type: [bytes, min, max]
  UInt8: [1, 0, 0xff],
  UInt16: [2, 0, 0xffff],
  UInt32: [4, 0, 0xffffffff],
  Int8: [1, -0x80, 0x7f],
  Int16: [2, -0x8000, 0x7fff],
  Int32: [4, -0x80000000, 0x7fffffff],
};

export class RowEncodingError extends Error {}

function fail(expected: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value === 'bigint' ? `${value}n` : String(value);
  throw new RowEncodingError(`expected ${expected}, got ${typeof value} ${shown}`);
}

/** Two decimal digits at `at`, or NaN. */
function twoDigits(s: string, at: number): number {
  const hi = s.charCodeAt(at) - 48;
  const lo = s.charCodeAt(at + 1) - 48;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : Number.NaN;
}

/** 'YYYY-MM-DD hh:mm:ss' (UTC) to Unix seconds, or NaN if the text is not exactly that shape. */
function dateTimeSeconds(s: string): number {
  if (s.length !== 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return Number.NaN;
  }
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  // 18.16 reads DateTime text through a date table that ends with 2105 (later years come out as 0).
  if (!(year >= 1970 && year <= 2105 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month]!)) return Number.NaN;
  // Days since 1970-01-01 by Howard Hinnant's days_from_civil: integer arithmetic, no Date.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468;
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function integerWriter(type: string): Write | undefined {
  const range = INT_RANGES[type];
  if (range) {
    const [bytes, min, max] = range;
    const expected = `an integer ${min}..${max} (${type})`;
    const store =
      bytes === 1
        ? (w: ByteWriter, v: number) => {
            w.buf[w.pos++] = v & 0xff;
          }
        : bytes === 2
          ? (w: ByteWriter, v: number) => {
              w.buf[w.pos++] = v & 0xff;
              w.buf[w.pos++] = (v >> 8) & 0xff;
            }
          : (w: ByteWriter, v: number) => {
              w.buf[w.pos++] = v & 0xff;
              w.buf[w.pos++] = (v >>> 8) & 0xff;
              w.buf[w.pos++] = (v >>> 16) & 0xff;
              w.buf[w.pos++] = (v >>> 24) & 0xff;
            };
    return (w, value) => {
      let v: number;
      if (typeof value === 'number') v = value;
      else if (typeof value === 'boolean') v = value ? 1 : 0;
      else fail(expected, value);
      if (!(Number.isInteger(v) && v >= min && v <= max)) fail(expected, value);
      w.ensure(bytes);
      store(w, v);
    };
  }
  if (type === 'UInt64' || type === 'Int64') {
    const signed = type === 'Int64';
    const min = signed ? -(1n << 63n) : 0n;
    const max = signed ? (1n << 63n) - 1n : (1n << 64n) - 1n;
    const expected = `an integer ${min}..${max} (${type}) as a number, a bigint or a decimal string`;
    return (w, value) => {
      w.ensure(8);
      // The common case, a non-negative safe integer, without a bigint.
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
        const low = value % 0x100000000;
        w.buf.writeUInt32LE(low, w.pos);
        w.buf.writeUInt32LE((value - low) / 0x100000000, w.pos + 4);
        w.pos += 8;
        return;
      }
      let big: bigint;
      if (typeof value === 'number' && Number.isInteger(value)) big = BigInt(value); // exact for any integral double
      else if (typeof value === 'bigint') big = value;
      else if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) big = BigInt(value);
      else if (typeof value === 'boolean') big = value ? 1n : 0n;
      else fail(expected, value);
      if (big < min || big > max) fail(expected, value);
      if (signed) w.buf.writeBigInt64LE(big, w.pos);
      else w.buf.writeBigUInt64LE(big, w.pos);
      w.pos += 8;
    };
  }
  return undefined;
}

/** The writer for one ClickHouse type, or undefined when this encoder does not know the type. */
export function typeWriter(type: string): Write | undefined {
  const inner = /^(\w+)\((.*)\)$/.exec(type);
  if (inner) {
    const [, wrapper, arg] = inner as unknown as [string, string, string];
    if (wrapper === 'Nullable') {
      const write = typeWriter(arg);
      if (!write) return undefined;
      return function writeNullable(w: ByteWriter, value: unknown) {
        w.ensure(1);
        // Only null: an undefined value is a key JSON would leave out (see rowBinaryEncoder).
        if (value === null) {
          w.buf[w.pos++] = 1;
          return;
        }
        w.buf[w.pos++] = 0;
        write(w, value);
      };
    }
    if (wrapper === 'Array') {
      const write = typeWriter(arg);
      if (!write) return undefined;
      return function writeArray(w: ByteWriter, value: unknown) {
        if (!Array.isArray(value)) fail(`an array (${type})`, value);
        w.varUInt(value.length);
        for (let i = 0; i < value.length; i++) write(w, value[i]);
      };
    }
    if (wrapper === 'LowCardinality') return typeWriter(arg); // RowBinary has the plain type's form
    if (wrapper === 'DateTime' && /^'[^']*'$/.test(arg)) return typeWriter('DateTime');
    return undefined;
  }
  if (type === 'String') {
    return function writeString(w: ByteWriter, value: unknown) {
      if (typeof value !== 'string') fail('a string', value);
      w.string(value);
    };
  }
  if (type === 'DateTime') {
    const expected = "a UTC time 'YYYY-MM-DD hh:mm:ss' from 1970 to 2105, or Unix seconds 0 to 4294967295";
    return function writeDateTime(w: ByteWriter, value: unknown) {
      const seconds = typeof value === 'string' ? dateTimeSeconds(value) : typeof value === 'number' ? value : Number.NaN;
      if (!(Number.isInteger(seconds) && seconds >= 0 && seconds <= 0xffffffff)) fail(expected, value);
      w.ensure(4);
      w.buf.writeUInt32LE(seconds, w.pos);
      w.pos += 4;
    };
  }
  if (type === 'Float32' || type === 'Float64') {
    const bytes = type === 'Float32' ? 4 : 8;
    const expected = `a finite number (${type})`;
    return function writeFloat(w: ByteWriter, value: unknown) {
      // JSON has no NaN or Infinity (JSON.stringify writes null): left to the fallback.
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(expected, value);
      // + 0 turns -0 into 0, as JSON.stringify(-0) === '0' did.
      w.ensure(bytes);
      if (bytes === 4) w.buf.writeFloatLE(value + 0, w.pos);
      else w.buf.writeDoubleLE(value + 0, w.pos);
      w.pos += bytes;
    };
  }
  return integerWriter(type);
}

export interface RowBinaryEncoder {
  /** The column list for `INSERT INTO table (…) FORMAT RowBinary`. */
  readonly columns: readonly string[];
  /** Rows [start, end) as one RowBinary buffer. */
  encode(rows: readonly Record<string, unknown>[], start?: number, end?: number): Buffer;
}

/**
 * An encoder for rows carrying exactly the keys in `keys` (the first row's), into a table with
 * `columns`; or why it cannot encode them (a column type it does not write, a key that is not an
 * insertable column), for the caller to fall back on JSONEachRow, which stores what it always did
 * or fails as it always did. encode() throws RowEncodingError for a row with other keys or a value
 * without an exact binary form, for the same fallback.
 */
export function rowBinaryEncoder(table: string, columns: readonly ColumnDescription[], keys: readonly string[]): RowBinaryEncoder | string {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const names: string[] = [];
  const writers: Write[] = [];
  for (const key of keys) {
    const column = byName.get(key);
    if (!column) return `${table} has no column '${key}'`;
    if (column.defaultType === 'MATERIALIZED' || column.defaultType === 'ALIAS') return `${table}.${key} is ${column.defaultType}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${table}.${JSON.stringify(key)} is not a plain identifier`;
    const write = typeWriter(column.type);
    if (!write) return `${table}.${key} has type ${column.type}, which the RowBinary encoder does not write`;
    names.push(key);
    writers.push(write);
  }
  // One function per table with each column read by name (`row.id`, `row.text`): a keyed read
  // `row[name]` over 36 names is megamorphic and costs more than all the byte writing. Names
  // are plain identifiers (checked above), written into the source as string literals.
  // A plain object with as many keys as the first row and none of the first's undefined has the
  // same keys; anything else (a key more, one missing, one JSON would leave out, a prototype's
  // key) goes to the fallback. Counted with for…in (V8's enum cache): Object.keys allocates an
  // array per row, which cost a fifth of the encoding.
  const body = [
    'return function encodeRows(w, rows, start, end) {',
    '  let r = start;',
    '  let c = 0;',
    '  try {',
    '    for (; r < end; r++) {',
    '      const row = rows[r];',
    '      if (Object.getPrototypeOf(row) !== Object.prototype) otherKeys();',
    '      let keys = 0;',
    '      for (const _ in row) keys++;',
    `      if (keys !== ${names.length}) otherKeys();`,
    ...names.map((name, i) => `      c = ${i}; w${i}(w, row[${JSON.stringify(name)}]);`),
    '    }',
    '  } catch (err) {',
    '    fail(err, r, c);',
    '  }',
    '};',
  ].join('\n');
  const located = (err: unknown, r: number, c: number): never => {
    if (!(err instanceof RowEncodingError)) throw err;
    throw new RowEncodingError(`row ${r} of an insert into ${table}, column ${names[c]}: ${err.message}`, { cause: err });
  };
  const otherKeys = (): never => {
    throw new RowEncodingError(`expected a plain object with the first row's keys (${names.join(', ')}), got other keys or a prototype`);
  };
  const encodeRows = new Function('fail', 'otherKeys', ...writers.map((_, i) => `w${i}`), body)(located, otherKeys, ...writers) as (
    w: ByteWriter,
    rows: readonly Record<string, unknown>[],
    start: number,
    end: number,
  ) => void;
  let bytesPerRow = 256;
  return {
    columns: names,
    encode(rows, start = 0, end = rows.length) {
      // Sized from the last batch, so the buffer rarely grows (a copy) or wastes much.
      const w = new ByteWriter(Math.max(1024, Math.ceil((end - start) * bytesPerRow * 1.25)));
      encodeRows(w, rows, start, end);
      if (end > start) bytesPerRow = w.pos / (end - start);
      return w.take();
    },
  };
}
