// One pass of text analysis per mention, shared by every classifier. Tokens, types and normal
// forms are wink-nlp's (its English model knows contractions, spelling variants like "gr8" →
// "great", emoticons); stems are Porter-2 from the same model.
//
// wink tokenises each whitespace-separated chunk on its own (see its tokenizer.js: the text is
// split on spaces and newlines, then each piece is categorised or split recursively), so the
// tokens of a chunk do not depend on its neighbours. Social text is Zipfian in its chunks ("the",
// "my", "order", "!!", "@user"), so analyzeText memoises the tokens of each chunk and sends wink
// only the chunks it has not seen lately, all of a text's new chunks in one readDoc. Most new
// chunks do not need wink at all: its fixed per-chunk rules are reproduced below, so only words
// in its lexicon (met once each) and tangles for its recursive tokenizer ("x-abc-y??") reach it.
// Same output as a fresh wink instance on the evaluation corpora (38,571 texts); a long-lived
// wink instance differs on a few, because it remembers odd tokens it has met ("ipod's" whole
// after it once saw "ipod's,").
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface AnalyzedText {
  /** The text as received. */
  text: string;
  /** Lowercased tokens (wink-nlp normal form: "n't" → "not"), punctuation included. */
  tokens: string[];
  /** wink-nlp token types, aligned with tokens: word, number, punctuation, emoji, emoticon, hashtag, mention, url, … */
  types: string[];
  /** Porter-2 stems aligned with tokens (punctuation and symbols kept as they are). */
  stems: string[];
  /** Tokens as written (case kept), aligned with tokens: for emphasis by CAPS. */
  values: string[];
}

// The model's own stemmer (the one its.stem calls); its typings leave addons untyped. Porter-2
// is costly per call and a chunk miss is often a known word with new punctuation ("order,"),
// so stems are memoised per word too; cleared when full to bound memory.
const porter2 = (model as unknown as { addons: { stem: (word: string) => string } }).addons.stem;
const STEM_MEMO_MAX = 100_000;
const stems = new Map<string, string>();

function stemOf(value: string): string {
  // The stemmer lowercases first, so "Order" and "ORDER" share "order"'s entry.
  const key = value.toLowerCase();
  let s = stems.get(key);
  if (s === undefined) {
    s = porter2(key);
    if (stems.size >= STEM_MEMO_MAX) stems.clear();
    stems.set(key, s);
  }
  return s;
}

/** The tokens of one whitespace-free chunk, as wink makes them. */
interface Chunk {
  values: string[];
  tokens: string[];
  types: string[];
  stems: string[];
}

// wink adds every out-of-vocabulary token it meets to its instance's lexicon, for good (and a
// second instance is no cure: the model's loader re-serialises a shared table on every new
// instance, and after a few dozen the string overflows). Keeping unique-prone chunks (URLs,
// handles, numbers, tags, new words) away from wink keeps that growth to the tangles, ~100 bytes
// each.
const nlp = winkNLP(model, []);
const its = nlp.its;
const isOOV = (nlp.readDoc('') as unknown as { isOOV: (text: string) => boolean }).isOOV;
/** True when wink's built-in English lexicon (not its runtime additions) has the string. */
export function inLexicon(text: string): boolean {
  return !isOOV(text);
}

// Two generations bound the memo: when the young one is full it becomes the old one and the
// previous old one is dropped; a hit in the old generation is copied to the young one, so
// frequent chunks survive every turnover and rare ones age out.
const MEMO_GENERATION_MAX = 100_000;
/** Longer chunks (long URLs, pasted hashes) are nearly always unique: not worth remembering. */
const MEMO_CHUNK_MAX_LENGTH = 40;
let young = new Map<string, Chunk>();
let old = new Map<string, Chunk>();

function remembered(chunk: string): Chunk | undefined {
  const hit = young.get(chunk);
  if (hit !== undefined) return hit;
  const aged = old.get(chunk);
  if (aged !== undefined) remember(chunk, aged);
  return aged;
}

function remember(chunk: string, tokens: Chunk): void {
  if (chunk.length > MEMO_CHUNK_MAX_LENGTH) return;
  if (young.size >= MEMO_GENERATION_MAX) {
    old = young;
    young = new Map();
  }
  young.set(chunk, tokens);
}

/** Forgets every memoised chunk (for cold-start measurements). */
export function resetTextAnalysisCaches(): void {
  young = new Map();
  old = new Map();
  stems.clear();
}

// wink's whole-chunk category detectors (trex.ltc in wink-eng-lite-web-model), in its order.
// tokenizer.js: a chunk its lexicon lacks is tested against these; a match becomes tokens by a
// fixed rule (one token of that type, lowercased; "wordRP" splits off the final mark); no match
// goes to processUnk, which peels one leading and/or trailing mark (the helpers below) before
// falling back to its recursive tokenizer. Everything but that last step is reproduced here, so
// wink only sees chunks its lexicon knows (finite, memoised) and the rare tangles.
const LTC: readonly (readonly [RegExp, string])[] = [
  [/^[a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0300-\u036f\u2060]+$/i, 'word'],
  [/^[a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0300-\u036f\u2060]+[\’\”\"\]\)\}\…\,\.\!\;\?\/\:]$/i, 'wordRP'],
  [/^[\+\-]?\d+(?:[\.\,\-\/\:]?(?=(?<digit>\d+))\k<digit>)*$/, 'number'],
  [/^(?:(?:(?:https?|ftp):)?\/\/)(?:\S+(?::\S*)?@)?(?:(?:(?:[a-z\u00A1-\uFFFF\d]-*)*[a-z\u00A1-\uFFFF\d]+)(?:\.(?:[a-z\u00A1-\uFFFF\d]-*)*[a-z\u00A1-\uFFFF\d]+)*(?:\.(?:[a-z\u00A1-\uFFFF]{2,})))(?::\d{2,5})?(?:[\/?#]\S*)?$/i, 'url'],
  [/^[-!#$%&'*+\/=?^\w{|}~](?:\.?[-!#$%&'*+\/=?^\w`{|}~])*@[a-z0-9](?:-?\.?[a-z0-9])*(?:\.[a-z](?:-?[a-z0-9])*)+$/i, 'email'],
  [/^\@\w+$/i, 'mention'],
  [/^\#[a-z][a-z0-9]*$/i, 'hashtag'],
  [/^[:;]['’]?-?[\)\(]+$|^[:;]-?[\]\}3>\[\{@oO\*PpDS\/\|X\?\\]$|^<[\\\/]?3+$|^[\)\(]-?'?[:;]$|^\\o\/$/i, 'emoticon'],
  [/^(?:\d|[01]\d|2[0-3]):?(?:[0-5][0-9])?(?:[ap]\.?m\.?|hours|hrs)$/i, 'time'],
  [/^1\dth$|^[04-9]th$|^1st$|^2nd$|^3rd$|^[02-9]1st$|^[02-9]2nd$|^[02-9]3rd$|^[02-9][04-9]th$|^\d+\d[04-9]th$|^\d+\d1st$|^\d+\d2nd$|^\d+\d3rd$/, 'ordinal'],
  [/^\₿+$|^\₽+$|^\₹+$|^\₨$|^\$+$|^\£+$|^\¥+$|^\€+$|^\₩+$|^US\$$|^C\$$|^A\$$|^USD$|^AUD$|^INR$|^GBP$/i, 'currency'],
  [/^(?:\.{2,}|\-\-|\–\–)$|^[\’\'\‘\’\`\“\”\"\[\]\(\)\{\}\…\,\.\!\;\?\/\:\-\–\—\¿\¡]$/, 'punctuation'],
  [/^[\~\@\#\%\^\+\=\*\|\<\>\&\u00A7\u00A9\u00B1\u00F7\u00D7\u00B0]$/, 'symbol'],
  [/^[\'\’]?\d0s(?![\'\’])$|[1-2]\d\d0s$/, 'decade'],
  [/[\t\r\n]+/, 'tabCRLF'],
];
// processUnk's helpers (trex.helpers): text then trailing mark(s), leading mark then text, both.
const ANY_WITH_RP = /^([^\‘\“\"\[\(\{\…\-\–].+?)(\.+|––|--|[\’\'\”\"\…\,\.\!\;\?\-\–\:\u0964\u0965]$|(?:\'s))$/;
const ANY_WITH_LP = /^(––|--|[\‘\'\“\"\[\(\{\…\-\–])(.+?[^\’\'\”\"\]\)\}\…\,\.\!\;\?\-\–\:\u0964\u0965])$/;
const LP_ANY_RP = /^(––|--|[\‘\“\"\[\(\{\…\-\–])(.+?)(––|--|[\’\'\”\"\]\)\}\…\,\!\;\?\-\–\:\u0964\u0965]$|(?:\'s))$/;

function categoryOf(text: string): string {
  for (const [pattern, category] of LTC) if (pattern.test(text)) return category;
  return 'unk';
}

/**
 * One token outside wink's lexicon, as cache.add makes it: normal form lowercased. When the
 * lowercase is itself in the lexicon, wink may map its spelling ("RT" → "retweet", "Colour" →
 * "color"), which only wink can say: undefined then (and such variants of known words are few).
 */
function singleToken(value: string, type: string): Chunk | undefined {
  const lower = value.toLowerCase();
  if (lower !== value && inLexicon(lower)) return undefined;
  return { values: [value], tokens: [lower], types: [type], stems: [stemOf(value)] };
}

function concat(...parts: Chunk[]): Chunk {
  const out: Chunk = { values: [], tokens: [], types: [], stems: [] };
  for (const p of parts) {
    out.values.push(...p.values);
    out.tokens.push(...p.tokens);
    out.types.push(...p.types);
    out.stems.push(...p.stems);
  }
  return out;
}

/**
 * One token as wink's addToken makes it: the lexicon's entry (type, normal form) when it has
 * one, known here only if memoised as a one-token chunk; else `category`, lowercased.
 */
function added(text: string, category: string): Chunk | undefined {
  if (!inLexicon(text)) return singleToken(text, category);
  const known = asLexiconEntry(text);
  return known !== undefined && known.values.length === 1 ? known : undefined;
}

/**
 * Lexicon entries a chunk's rules needed but the memo lacked ("order" for "order,"): fetched
 * from wink for the whole text at once, then the chunk is resolved again. Asking wink for the
 * word, not the chunk, means "order." and "order!" need no wink at all afterwards.
 */
let wanted: string[] = [];

/** wink's addTokenIfInCache for a lexicon entry: its tokens as a chunk (contractions expanded). */
function asLexiconEntry(text: string): Chunk | undefined {
  const known = remembered(text);
  if (known === undefined) wanted.push(text);
  return known;
}

/** wink's processFunctions for a text outside its lexicon in `category`; undefined for 'unk'. */
function byCategory(text: string, category: string): Chunk | undefined {
  if (category === 'unk') return undefined;
  if (category !== 'wordRP') return singleToken(text, category);

  // processWordRP: "a." stays one word, anything else loses its final mark.
  if (text.length === 2 && text.charCodeAt(1) === 46) return added(text, 'word');
  const word = added(text.slice(0, -1), 'word');
  const mark = word && added(text.slice(-1), 'punctuation');
  return word && mark ? concat(word, mark) : undefined;
}

/** Text with its lexicon's tokens if it has it, else by its category's rule. */
function lexiconOrRule(text: string): Chunk | undefined {
  return inLexicon(text) ? asLexiconEntry(text) : byCategory(text, categoryOf(text));
}

/** wink's processUnk short of its recursive tokenizer: peel a leading and/or trailing mark. */
function peeled(chunk: string): Chunk | undefined {
  let m = ANY_WITH_RP.exec(chunk);
  if (m !== null) {
    const head = lexiconOrRule(m[1]!);
    const tail = head && added(m[2]!, 'punctuation');
    return head && tail ? concat(head, tail) : undefined;
  }
  m = ANY_WITH_LP.exec(chunk);
  if (m !== null) {
    const body = lexiconOrRule(m[2]!);
    const lead = body && added(m[1]!, 'punctuation');
    return body && lead ? concat(lead, body) : undefined;
  }
  m = LP_ANY_RP.exec(chunk);
  if (m !== null) {
    const body = lexiconOrRule(m[2]!);
    const lead = body && added(m[1]!, 'punctuation');
    const tail = lead && added(m[3]!, 'punctuation');
    return body && lead && tail ? concat(lead, body, tail) : undefined;
  }
  return undefined;
}

/** A chunk's tokens from the memo or wink's rules; undefined when only wink itself can say. */
function known(chunk: string): Chunk | undefined {
  const hit = remembered(chunk);
  if (hit !== undefined || inLexicon(chunk)) return hit;
  const category = categoryOf(chunk);
  const made = category === 'unk' ? peeled(chunk) : byCategory(chunk, category);
  // URLs and numbers rarely repeat; words, tags, handles and punctuated words do.
  if (made !== undefined && category !== 'url' && category !== 'number') remember(chunk, made);
  return made;
}

/** wink's token-separating whitespace (trex.helpers.splitter): spaces, and runs of \n \r \t, which are tokens. */
function spaceKind(code: number): 0 | 1 | 2 {
  if (code === 32) return 1;
  if (code === 10 || code === 13 || code === 9) return 2;
  if (code < 0xa0) return 0;
  return code === 0xa0 || (code >= 0x2002 && code <= 0x2005) || code === 0x2009 || code === 0x200a || code === 0x202f || code === 0x205f ? 1 : 0;
}

/** Splits `text` into wink's chunks: runs of non-space characters, and runs of \n \r \t. */
function chunksOf(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let start = -1;
  let startKind = 0;
  for (let i = 0; i < n; i++) {
    const kind = spaceKind(text.charCodeAt(i));
    if (start >= 0 && kind !== startKind) {
      out.push(text.slice(start, i));
      start = -1;
    }
    if (start < 0 && kind !== 1) {
      start = i;
      startKind = kind;
    }
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

/** Tokenises chunks wink has not been asked about lately, in one readDoc; aligned with `chunks`. */
function tokenizeWithWink(chunks: string[]): Chunk[] {
  const tokens = nlp.readDoc(chunks.join(' ')).tokens();
  const values = tokens.out(its.value) as string[];
  const normals = tokens.out(its.normal) as string[];
  const types = tokens.out(its.type) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const out: Chunk[] = [];
  let current: Chunk | null = null;
  for (let i = 0; i < values.length; i++) {
    // Every chunk after the first is preceded by the space that joined it.
    if (current === null || spaces[i] !== '') out.push((current = { values: [], tokens: [], types: [], stems: [] }));
    current.values.push(values[i]!);
    current.tokens.push(normals[i]!);
    current.types.push(types[i]!);
    current.stems.push(stemOf(values[i]!));
  }
  if (out.length !== chunks.length) {
    // A chunk wink made no token of would shift the alignment: ask chunk by chunk instead
    // (a single chunk that made none has none).
    if (chunks.length === 1) return [emptyChunk()];
    return chunks.map((c) => tokenizeWithWink([c])[0]!);
  }
  return out;
}

const emptyChunk = (): Chunk => ({ values: [], tokens: [], types: [], stems: [] });

export function analyzeText(text: string): AnalyzedText {
  const chunks = chunksOf(text);
  const found: (Chunk | undefined)[] = new Array(chunks.length);
  let missing: string[] | null = null;
  let missingAt: number[] | null = null;
  let retry: number[] | null = null;
  wanted = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const before = wanted.length;
    const tokens = known(chunk);
    if (tokens !== undefined) found[i] = tokens;
    else if (wanted.length > before) (retry ??= []).push(i);
    else {
      (missing ??= []).push(chunk);
      (missingAt ??= []).push(i);
    }
  }
  if (retry !== null) {
    const parts = [...new Set(wanted)];
    const made = tokenizeWithWink(parts);
    for (let k = 0; k < parts.length; k++) remember(parts[k]!, made[k]!);
    for (const i of retry) {
      const tokens = known(chunks[i]!);
      if (tokens !== undefined) found[i] = tokens;
      else {
        (missing ??= []).push(chunks[i]!);
        (missingAt ??= []).push(i);
      }
    }
  }
  if (missing !== null) {
    const made = tokenizeWithWink(missing);
    for (let k = 0; k < missing.length; k++) {
      found[missingAt![k]!] = made[k]!;
      remember(missing[k]!, made[k]!);
    }
  }
  const values: string[] = [];
  const tokens: string[] = [];
  const types: string[] = [];
  const stems: string[] = [];
  for (const c of found) {
    const m = c!.values.length;
    for (let j = 0; j < m; j++) {
      values.push(c!.values[j]!);
      tokens.push(c!.tokens[j]!);
      types.push(c!.types[j]!);
      stems.push(c!.stems[j]!);
    }
  }
  return { text, tokens, types, stems, values };
}
