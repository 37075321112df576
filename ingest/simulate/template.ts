// Templates as data: `{slot}` fills from a slot bank, `{a|b|c}` picks one alternative (nested
// braces allowed), `{|word }` is optional text. Compiled once, expanded many times.
import type { Random } from './random.js';

type Part = string | { slot: string } | { choice: Part[][] };
export type Compiled = Part[];

/** Returns the value for a slot name, or undefined if the name is unknown. */
export type SlotResolver = (name: string, rng: Random) => string | undefined;

const cache = new Map<string, Compiled>();

export function compile(template: string): Compiled {
  let compiled = cache.get(template);
  if (!compiled) {
    const [parts, end] = parseSequence(template, 0, false);
    if (end !== template.length) throw new Error(`template: unmatched '}' at ${end} in "${template}"`);
    compiled = parts;
    cache.set(template, compiled);
  }
  return compiled;
}

// Parses until the end of text, or (inside braces) until an unnested '|' or '}'.
function parseSequence(text: string, start: number, nested: boolean): [Part[], number] {
  const parts: Part[] = [];
  let literal = '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '{') {
      if (literal) parts.push(literal), (literal = '');
      const [part, next] = parseBraces(text, i + 1);
      parts.push(part);
      i = next;
      continue;
    }
    if (nested && (c === '|' || c === '}')) break;
    if (!nested && c === '}') break;
    literal += c;
    i++;
  }
  if (literal) parts.push(literal);
  return [parts, i];
}

function parseBraces(text: string, start: number): [Part, number] {
  const alternatives: Part[][] = [];
  let i = start;
  for (;;) {
    const [seq, next] = parseSequence(text, i, true);
    alternatives.push(seq);
    if (next >= text.length) throw new Error(`template: unclosed '{' at ${start - 1} in "${text}"`);
    i = next + 1;
    if (text[next] === '}') break;
  }
  const only = alternatives[0]!;
  if (alternatives.length === 1 && only.length === 1 && typeof only[0] === 'string' && /^[a-z_][a-z0-9_]*$/.test(only[0])) {
    return [{ slot: only[0] }, i];
  }
  return [{ choice: alternatives }, i];
}

export function expand(template: string | Compiled, rng: Random, resolve: SlotResolver): string {
  const parts = typeof template === 'string' ? compile(template) : template;
  let out = '';
  for (const part of parts) out += expandPart(part, rng, resolve);
  return out;
}

function expandPart(part: Part, rng: Random, resolve: SlotResolver): string {
  if (typeof part === 'string') return part;
  if ('slot' in part) {
    const value = resolve(part.slot, rng);
    if (value === undefined) throw new Error(`template: unknown slot {${part.slot}}`);
    // slot values may themselves be templates ("{2|3} days")
    return value.includes('{') ? expand(value, rng, resolve) : value;
  }
  let out = '';
  for (const p of rng.pick(part.choice)) out += expandPart(p, rng, resolve);
  return out;
}

/** Every slot name a template uses (for checking banks in tests). */
export function slotsOf(template: string): string[] {
  const names: string[] = [];
  const walk = (parts: Part[]): void => {
    for (const p of parts) {
      if (typeof p === 'string') continue;
      if ('slot' in p) names.push(p.slot);
      else p.choice.forEach(walk);
    }
  };
  walk(compile(template));
  return names;
}
