// Phrase lists compiled into a token trie, matched in one pass over a mention's tokens.
// Shared by topics, failure demand and intent so each text's match keys are built once.
//
// Phrase syntax (lexicon files and config extras):
//   words          matched on their Porter-2 stems, so "crashes" also finds "crashed", "crashing"
//   (a|b|c)        alternatives; an empty alternative makes the group optional: "(my|the|)"
//   <num>          one number or ordinal token: "<num> times", "<num> days"
//   *              exactly one token of any kind except sentence punctuation
//   ..             a gap of 0–3 tokens (no sentence punctuation inside): "called .. twice"
// Contractions work either way: "haven't" and "have not" compile to the same keys.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { analyzeText, type AnalyzedText } from './text.js';

const MAX_GAP = 3;
/** Most trie paths one phrase may expand into before its groups rejoin through epsilon edges. */
const MAX_EXPANSION = 256;
const SENTENCE_BREAK = new Set(['.', '!', '?', ';', ':', '\n', '|']);

/** The match key of each token: its stem, except where wink's stem is of a contraction's surface ("ca", "'ve", "n't"). */
function keysOf(text: AnalyzedText): string[] {
  const { tokens, stems, types } = text;
  const keys = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const stem = stems[i] ?? token;
    const type = types[i];
    if (type === 'hashtag') keys[i] = hashtagKey(token.slice(1));
    else if (type === 'number' || type === 'ordinal') keys[i] = NUM_KEY_PREFIX + token;
    else keys[i] = stem === token || (stem.length >= 3 && token.startsWith(stem)) ? stem : token;
  }
  return keys;
}
const NUM_KEY_PREFIX = '\u0000';

// "#outage" matches the phrase "outage": the hashtag's body gets the stem a word would. Stemming
// needs a wink pass, so results are cached (bounded: hashtags are an open set).
const hashtagKeys = new Map<string, string>();
function hashtagKey(body: string): string {
  let key = hashtagKeys.get(body);
  if (key === undefined) {
    const a = analyzeText(body);
    key = a.tokens.length === 1 && a.types[0] === 'word' ? keysOf(a)[0]! : body;
    if (hashtagKeys.size >= 20_000) hashtagKeys.clear();
    hashtagKeys.set(body, key);
  }
  return key;
}

const keyCache = new WeakMap<AnalyzedText, string[]>();
/** Match keys of a text, computed once per AnalyzedText and shared by every matcher. */
export function matchKeys(text: AnalyzedText): string[] {
  let keys = keyCache.get(text);
  if (!keys) {
    keys = keysOf(text);
    keyCache.set(text, keys);
  }
  return keys;
}

const NUMBER_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelv', 'twenti', 'dozen']);
/** True for a number token, an ordinal, or a spelled-out small number. */
export function isNumberKey(key: string): boolean {
  return key.charCodeAt(0) === 0 || NUMBER_WORDS.has(key);
}
export function isBreakKey(key: string): boolean {
  return SENTENCE_BREAK.has(key);
}

interface TrieNode {
  next?: Map<string, TrieNode>;
  num?: TrieNode;
  any?: TrieNode;
  gap?: TrieNode;
  /** Epsilon edges: where a group's alternatives rejoin. */
  eps?: TrieNode[];
  /** Indices of the phrases that end here. */
  ends?: number[];
}

type Step = { kind: 'word'; key: string } | { kind: 'num' } | { kind: 'any' } | { kind: 'gap' };

export interface PhraseHit<T> {
  value: T;
  phrase: string;
  /** Token span [start, end). */
  start: number;
  end: number;
}

/** Splits a phrase into groups of alternatives, each alternative a list of raw words ([] = optional). */
function parseGroups(phrase: string): string[][][] {
  const groups: string[][][] = [];
  const re = /\(([^()]*)\)|(\S+)/g;
  for (let m = re.exec(phrase); m; m = re.exec(phrase)) {
    const alts = m[1] !== undefined ? m[1].split('|') : [m[2]!];
    groups.push(alts.map((a) => a.trim().split(/\s+/).filter(Boolean)));
  }
  return groups;
}

const stepCache = new Map<string, Step[]>();
function wordSteps(word: string): Step[] {
  if (word === '<num>') return [{ kind: 'num' }];
  if (word === '*') return [{ kind: 'any' }];
  if (word === '..') return [{ kind: 'gap' }];
  let steps = stepCache.get(word);
  if (!steps) {
    const analyzed = analyzeText(word);
    steps = matchKeys(analyzed).map((key): Step => ({ kind: 'word', key }));
    stepCache.set(word, steps);
  }
  return steps;
}

/** A compiled phrase list; `match` is linear in tokens times the (small) trie depth. */
export class PhraseMatcher<T> {
  private readonly root: TrieNode = {};
  private readonly values: T[] = [];
  private readonly phrases: string[] = [];

  constructor(entries: Iterable<[phrase: string, value: T]> = []) {
    for (const [phrase, value] of entries) this.add(phrase, value);
  }

  get size(): number {
    return this.values.length;
  }

  add(phrase: string, value: T): this {
    this.first = null;
    const index = this.values.length;
    this.values.push(value);
    this.phrases.push(phrase);
    // Alternatives are expanded into plain trie paths while that stays small: shared paths mean
    // one map lookup per token when matching. Past MAX_EXPANSION paths, a group's alternatives
    // rejoin at one node private to this phrase (an epsilon edge), so "(a|…|z) (a|…|z)" costs
    // 52 paths, not 676; matching then also follows that edge.
    let frontier: TrieNode[] = [this.root];
    let nonEmpty = false;
    for (const alts of parseGroups(phrase.toLowerCase())) {
      const expand = frontier.length * alts.length <= MAX_EXPANSION;
      const join: TrieNode = {};
      const ends = new Set<TrieNode>();
      for (const words of alts) {
        if (words.length > 0) nonEmpty = true;
        for (const from of frontier) {
          let node = from;
          for (const word of words) for (const step of wordSteps(word)) node = this.extend(node, step);
          if (expand) ends.add(node);
          else if (!node.eps?.includes(join)) (node.eps ??= []).push(join);
        }
      }
      frontier = expand ? [...ends] : [join];
    }
    if (!nonEmpty) throw new Error(`phrase "${phrase}" has no words`);
    for (const node of frontier) (node.ends ??= []).push(index);
    return this;
  }

  private extend(node: TrieNode, step: Step): TrieNode {
    if (step.kind !== 'word') return (node[step.kind] ??= {});
    node.next ??= new Map();
    let child = node.next.get(step.key);
    if (!child) node.next.set(step.key, (child = {}));
    return child;
  }

  /** Every phrase occurrence; overlapping hits are all reported, each phrase once per start. */
  match(text: AnalyzedText): PhraseHit<T>[] {
    const keys = matchKeys(text);
    const hits: PhraseHit<T>[] = [];
    const first = this.firstSteps();
    if (this.seenAt.length < this.values.length) {
      this.seenAt = new Int32Array(this.values.length);
      this.seenIn = new Int32Array(this.values.length);
    }
    // A new generation per call instead of clearing seenAt: phrase lists run to hundreds.
    if (++this.generation > 0x3fffffff) {
      this.generation = 1;
      this.seenIn.fill(0);
    }
    const root = this.root;
    // Usually every phrase starts with a word: one map lookup per token then decides, and the
    // walk starts one step in.
    const plainRoot = !root.eps && !root.num && !root.any && !root.gap && !root.ends && root.next !== undefined;
    for (let start = 0; start < keys.length; start++) {
      const key = keys[start]!;
      if (plainRoot) {
        const child = root.next!.get(key);
        if (child) this.walk(child, keys, start, start + 1, hits);
        continue;
      }
      if (!first.wild && !first.keys.has(key) && !(first.num && isNumberKey(key))) continue;
      this.walk(root, keys, start, start, hits);
    }
    return hits;
  }

  private seenAt = new Int32Array(0);
  private seenIn = new Int32Array(0);
  private generation = 0;
  private first: { keys: Set<string>; num: boolean; wild: boolean } | null = null;

  /** What a phrase can start with (through optional groups): lets match() skip most tokens. */
  private firstSteps(): { keys: Set<string>; num: boolean; wild: boolean } {
    if (this.first) return this.first;
    const first = { keys: new Set<string>(), num: false, wild: false };
    const visit = (node: TrieNode) => {
      node.next?.forEach((_, k) => first.keys.add(k));
      if (node.num) first.num = true;
      if (node.any || node.gap) first.wild = true;
      node.eps?.forEach(visit);
    };
    visit(this.root);
    return (this.first = first);
  }

  /** True when any phrase occurs. */
  test(text: AnalyzedText): boolean {
    return this.match(text).length > 0;
  }

  private walk(node: TrieNode, keys: string[], start: number, pos: number, hits: PhraseHit<T>[]): void {
    if (node.ends && pos > start) {
      for (const idx of node.ends) {
        if (this.seenIn[idx] === this.generation && this.seenAt[idx] === start) continue;
        this.seenIn[idx] = this.generation;
        this.seenAt[idx] = start;
        hits.push({ value: this.values[idx]!, phrase: this.phrases[idx]!, start, end: pos });
      }
    }
    if (node.eps) for (const e of node.eps) this.walk(e, keys, start, pos, hits);
    if (node.gap) {
      // A gap may be empty, or swallow up to MAX_GAP tokens inside one sentence.
      this.walk(node.gap, keys, start, pos, hits);
      for (let g = 1; g <= MAX_GAP && pos + g <= keys.length; g++) {
        if (isBreakKey(keys[pos + g - 1]!)) break;
        this.walk(node.gap, keys, start, pos + g, hits);
      }
    }
    if (pos >= keys.length) return;
    const key = keys[pos]!;
    const child = node.next?.get(key);
    if (child) this.walk(child, keys, start, pos + 1, hits);
    if (node.num && isNumberKey(key)) this.walk(node.num, keys, start, pos + 1, hits);
    if (node.any && !isBreakKey(key)) this.walk(node.any, keys, start, pos + 1, hits);
  }
}

const NEGATORS = new Set(['not', 'no', 'never', 'without', 'nobodi', 'none', 'neither', 'nor', 'hardli']);
/** True when a negator sits within `window` tokens before `start` in the same sentence ("not still waiting"). */
export function negatedBefore(text: AnalyzedText, start: number, window = 3): boolean {
  const keys = matchKeys(text);
  for (let i = start - 1; i >= 0 && i >= start - window; i--) {
    const k = keys[i]!;
    if (isBreakKey(k) || k === ',') return false;
    if (NEGATORS.has(k)) return true;
  }
  return false;
}

/**
 * The other-language variants of a lexicon, `<name>.<language>.yaml` beside `<name>.yaml`
 * (e.g. failure-demand.es.yaml), as [language, file name], sorted: adding a language is adding
 * a file.
 */
export function lexiconLanguages(name: string): [string, string][] {
  const languageFile = /^([a-z]{2,3})\.yaml$/;
  return readdirSync(new URL('./lexicons/', import.meta.url))
    .filter((file) => file.startsWith(`${name}.`))
    .map((file) => [languageFile.exec(file.slice(name.length + 1))?.[1], file] as const)
    .filter((entry): entry is [string, string] => entry[0] !== undefined)
    .sort((a, b) => a[0].localeCompare(b[0]));
}

// Parsed once per process: every classifier built (a bench round, a test) reads the same files,
// and parsing all languages' lexicons costs more than compiling them.
const lexiconCache = new Map<string, unknown>();
/** Parses a bundled lexicon file in process/lexicons (YAML: comments carry the provenance). */
export function readLexicon(file: string): unknown {
  if (lexiconCache.has(file)) return lexiconCache.get(file);
  const url = new URL(`./lexicons/${file}`, import.meta.url);
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(url, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read lexicon ${fileURLToPath(url)}: ${(err as Error).message}`);
  }
  lexiconCache.set(file, parsed);
  return parsed;
}

/**
 * One lexicon's phrase matchers by language: English (with the config's extra phrases) applies to
 * every text, as English words turn up in posts in any language; another language's cues apply
 * only to text in that language, so they cannot misfire on English text (a French or Italian
 * cue that stems like an English word), and English text pays for English cues only. Text whose
 * language is not known (callers that do not pass it, 'und') gets every language's cues.
 */
export class LanguageMatchers<T> {
  constructor(
    private readonly english: PhraseMatcher<T>,
    private readonly others: ReadonlyMap<string, PhraseMatcher<T>>,
  ) {}

  /** Hits in start order, like PhraseMatcher.match. */
  match(text: AnalyzedText, language?: string): PhraseHit<T>[] {
    const hits = this.english.match(text);
    if (language === 'en') return hits;
    let more: PhraseHit<T>[] | undefined;
    if (language === undefined || language === 'und') {
      for (const matcher of this.others.values()) {
        const found = matcher.match(text);
        if (found.length) (more ??= []).push(...found);
      }
    } else {
      const found = this.others.get(language)?.match(text);
      if (found?.length) more = found;
    }
    if (!more) return hits;
    hits.push(...more);
    return hits.sort((a, b) => a.start - b.start);
  }
}

/**
 * Builds the LanguageMatchers of lexicon `name` (`<name>.yaml` and each `<name>.<language>.yaml`):
 * `fill` adds one file's phrases to a matcher; `extra` (config phrases) go to the English one.
 */
export function languageMatchers<T>(name: string, fill: (matcher: PhraseMatcher<T>, file: string) => void, extra?: (matcher: PhraseMatcher<T>) => void): LanguageMatchers<T> {
  const english = new PhraseMatcher<T>();
  fill(english, `${name}.yaml`);
  extra?.(english);
  const others = new Map<string, PhraseMatcher<T>>();
  for (const [language, file] of lexiconLanguages(name)) {
    const matcher = new PhraseMatcher<T>();
    fill(matcher, file);
    others.set(language, matcher);
  }
  return new LanguageMatchers(english, others);
}

const sharedMatchers = new Map<string, unknown>();
/**
 * One compiled matcher per lexicon and config extras in a process: classifiers are built per
 * bench round, test and reprocess run, and compiling every language's cues costs more than a
 * thousand mentions' matching. Matching keeps no state between calls, so sharing is safe.
 */
export function sharedMatcher<M>(name: string, extra: Record<string, string[]>, build: () => M): M {
  const id = `${name}\u0000${JSON.stringify(extra)}`;
  let matcher = sharedMatchers.get(id) as M | undefined;
  if (!matcher) {
    matcher = build();
    // A handful of configs per process; bounded anyway in case configs are rebuilt in a loop.
    if (sharedMatchers.size >= 64) sharedMatchers.clear();
    sharedMatchers.set(id, matcher);
  }
  return matcher;
}

/** A list of phrases from a lexicon entry, or a clear error naming where the shape was wrong. */
export function phraseList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw new Error(`${where}: expected a list of phrases (strings)`);
  }
  return value.map(String);
}

/** What a text is about, as found by a TargetFinder: bit flags. */
export const TARGET_NOUN = 1;
export const TARGET_BRAND = 2;

/**
 * Finds targets (process/lexicons/targets.yaml: the products, services and contacts a complaint
 * is about) and the monitored brands' names and handles in a text. Failure demand and intent
 * both ask, so finders are shared per brand list and remember their answer per text: the
 * phrases are walked once per mention, not once per classifier.
 */
export type TargetFinder = (text: AnalyzedText) => number;

const targetFinders = new Map<string, TargetFinder>();
export function targetFinder(brandTerms: readonly string[] = []): TargetFinder {
  const id = JSON.stringify(brandTerms);
  let finder = targetFinders.get(id);
  if (finder) return finder;
  const matcher = new PhraseMatcher<number>();
  for (const file of ['targets.yaml', ...lexiconLanguages('targets').map(([, f]) => f)]) {
    const lexicon = (readLexicon(file) ?? {}) as Record<string, unknown>;
    for (const p of phraseList(lexicon.target, `${file} target`)) matcher.add(p, TARGET_NOUN);
  }
  for (const term of brandTerms) {
    // Phrase syntax in a brand name ("(", "|", "*", "..") is literal text, not syntax.
    const plain = term.replace(/[()|*]/g, ' ').replace(/(^|\s)\.\.(?=\s|$)/g, ' ').trim();
    if (plain) matcher.add(plain, TARGET_BRAND);
  }
  const seen = new WeakMap<AnalyzedText, number>();
  finder = (text) => {
    let flags = seen.get(text);
    if (flags === undefined) {
      flags = 0;
      for (const h of matcher.match(text)) flags |= h.value;
      seen.set(text, flags);
    }
    return flags;
  };
  // A handful of brand lists per process; bounded anyway in case configs are rebuilt in a loop.
  if (targetFinders.size >= 64) targetFinders.clear();
  targetFinders.set(id, finder);
  return finder;
}

const falseFriendsByLanguage = new Map<string, ReadonlySet<string>>();
/**
 * Match keys of a language's ordinary words that are one-word cues in English (German "die",
 * "gut"; Spanish and Italian "con"): targets.<language>.yaml `english_false_friends`. A one-word
 * cue on one of them does not count in a text of that language. Empty for other languages.
 */
export function englishFalseFriends(language: string): ReadonlySet<string> {
  let keys = falseFriendsByLanguage.get(language);
  if (!keys) {
    const keySet = new Set<string>();
    const file = lexiconLanguages('targets').find(([l]) => l === language)?.[1];
    const lexicon = (file ? readLexicon(file) : null) as Record<string, unknown> | null;
    for (const word of phraseList(lexicon?.english_false_friends, `${file} english_false_friends`)) {
      for (const key of matchKeys(analyzeText(word))) keySet.add(key);
    }
    keys = keySet;
    falseFriendsByLanguage.set(language, keys);
  }
  return keys;
}

/** True when the text has an @handle: someone, usually the company, is addressed by name. */
export function hasHandle(text: AnalyzedText): boolean {
  for (const t of text.types) if (t === 'mention') return true;
  return false;
}

const SECOND_PERSON = new Set(['you', 'your', 'yours', 'u', 'ur', "y'all", 'yall', 'ya']);
// Other languages' words for "you" ("vous", "ihr", "ustedes"): targets.<language>.yaml `second_person`.
for (const [, file] of lexiconLanguages('targets')) {
  const lexicon = (readLexicon(file) ?? {}) as Record<string, unknown>;
  for (const word of phraseList(lexicon.second_person, `${file} second_person`)) SECOND_PERSON.add(word.toLowerCase());
}
/** True when the text addresses someone: an @mention or a second-person word. */
export function isAddressed(text: AnalyzedText): boolean {
  const { tokens, types } = text;
  for (let i = 0; i < tokens.length; i++) if (types[i] === 'mention' || SECOND_PERSON.has(tokens[i]!)) return true;
  return false;
}
