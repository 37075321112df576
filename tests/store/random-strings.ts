// Strings that have broken escaping and encoding before: quotes, backslashes, control bytes,
// NUL, astral and combining characters, raw UTF-16 code units (lone surrogate halves). Shared by
// the SQL literal tests (escape.test.ts) and the RowBinary insert tests (row-encoding.test.ts).
import fc from 'fast-check';

/** What the engines should hand back for `s`: itself, with lone surrogate halves as U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export const NASTY = [
  "'; DROP TABLE x; --",
  "' OR 1=1 --",
  "\\'; SELECT 1; --",
  '\\',
  "\\\\'",
  "'",
  "''",
  '"',
  '`',
  '\0',
  '\\0',
  '\\x27',
  '\\u0027',
  '{name:String}',
  '?',
  '$1',
  '/* */',
  '--',
  '\n\r\t\b\f\v',
  '\u2028\u2029',
  '\u{1F600}\u{1F469}\u200D\u{1F4BB}',
  '\uD800',
  '\uDFFF',
  '\uDC00\uD800',
  '\uFEFF',
  'ü\u0308',
  String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i), 0x7f),
];

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const controlByte = fc.integer({ min: 0, max: 0x20 }).map((c) => String.fromCharCode(c === 0x20 ? 0x7f : c));

export const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }), // any code point, astral plane included
  fc.string({ unit: 'grapheme', maxLength: 30 }), // emoji sequences, combining marks
  fc.string({ unit: codeUnit, maxLength: 60 }), // raw UTF-16 code units: lone surrogate halves
  fc.string({ unit: fc.oneof(controlByte, fc.constantFrom("'", '\\', '"', ';', '-', '/', '*', 'x', '0', '\t', '\n')), maxLength: 40 }),
  fc.constantFrom(...NASTY),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 5 }).map((parts) => parts.join('')),
);
