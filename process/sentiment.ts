// Lexicon-and-rules sentiment for social text, in the manner of VADER (Hutto & Gilbert 2014):
// word valences summed with negation, degree adverbs, contrast, CAPS and exclamation emphasis,
// normalised to −1..1, then a neutral zone. Added for posts: emoji, elongation ("sooo baaad"),
// hashtags split into words, sarcasm markers, @user/URL tokens ignored, and other languages
// through translated AFINN lexicons. Reads the tokens analyzeText already made: no second pass.
import { readFileSync } from 'node:fs';
import type { AnalyzedText } from './text.js';
import {
  BOOST,
  CAPS_BOOST,
  DUTCH,
  EMOJI_ADDITIONS,
  EMOTICON_ADDITIONS,
  ENGLISH,
  EN_PHRASES,
  FRENCH,
  GERMAN,
  EN_IRREALIS_MARKERS,
  HASHTAG_GLUE_WORDS,
  IRREALIS_SCALE,
  ITALIAN,
  LIKE_AS_VERB_AFTER,
  NEGATION_SCALAR,
  NAME_SCALE,
  NEUTRAL_ZONE,
  NORMALIZE_ALPHA,
  PORTUGUESE,
  SPANISH,
  TRAILING_NOT,
  type LanguageRules,
} from './lexicons/sentiment-rules.js';

export type SentimentLabel = 'negative' | 'neutral' | 'positive' | 'unscored';
export interface SentimentScore {
  /** −1 … +1; 0 when unscored. */
  score: number;
  label: SentimentLabel;
}

const RULES: Record<string, LanguageRules> = {
  en: ENGLISH,
  de: GERMAN,
  es: SPANISH,
  fr: FRENCH,
  it: ITALIAN,
  pt: PORTUGUESE,
  nl: DUTCH,
};

/** ISO 639-1 codes this scorer has a lexicon and rules for; others are stored as 'unscored'. */
export const SCORED_LANGUAGES: readonly string[] = Object.freeze(Object.keys(RULES));

const UNSCORED: SentimentScore = Object.freeze({ score: 0, label: 'unscored' }) as SentimentScore;

interface Phrase {
  words: string[];
  kind: 'valence' | 'negator' | 'contrast' | 'concession';
  valence: number;
}

interface CompiledLanguage {
  lexicon: Map<string, number>;
  /** Multi-word entries keyed by their first word, longest first. */
  phrases: Map<string, Phrase[]>;
  negators: Set<string>;
  boosters: Map<string, number>;
  contrast: Set<string>;
  concession: Set<string>;
  elisions: readonly string[];
  /** English only: hashtag segmentation vocabulary. */
  vocabulary: Set<string> | null;
  irrealis: Set<string>;
  courtesy: Set<string>;
  tokenInfo: Map<string, TokenInfo>;
}

function readLexicon(file: string): Record<string, number> {
  const url = new URL(`./lexicons/${file}`, import.meta.url);
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as Record<string, number>;
  } catch (err) {
    throw new Error(`sentiment lexicon ${url.pathname} could not be read (regenerate with process/lexicons/sentiment-build.ts): ${String(err)}`);
  }
}

let emojiLexicon: Map<string, number> | null = null;
function emojiValence(token: string): number {
  emojiLexicon ??= new Map([...Object.entries(readLexicon('sentiment-emoji.json')), ...Object.entries(EMOJI_ADDITIONS)]);
  // Skin tones and variation selectors do not change the sentiment.
  return emojiLexicon.get(token) ?? emojiLexicon.get(token.replace(/[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu, '')) ?? 0;
}

const compiled = new Map<string, CompiledLanguage>();

function compile(language: string): CompiledLanguage {
  const rules = RULES[language]!;
  const lexicon = new Map<string, number>();
  const phrases = new Map<string, Phrase[]>();
  const addPhrase = (text: string, kind: Phrase['kind'], valence: number) => {
    const words = text.split(' ');
    const list = phrases.get(words[0]!) ?? [];
    list.push({ words, kind, valence });
    list.sort((a, b) => b.words.length - a.words.length);
    phrases.set(words[0]!, list);
  };
  const addEntry = (key: string, valence: number) => {
    if (key.includes(' ')) addPhrase(key, 'valence', valence);
    else lexicon.set(key, valence);
  };
  for (const [k, v] of Object.entries(readLexicon(`sentiment-${language}.json`))) addEntry(k, v);
  for (const [k, v] of Object.entries(rules.additions ?? {})) addEntry(k, v);
  if (language === 'en') for (const [k, v] of Object.entries(EN_PHRASES)) addPhrase(k, 'valence', v);

  const singles = (list: readonly string[], kind: Phrase['kind']) => {
    const set = new Set<string>();
    for (const w of list) {
      if (w.includes(' ')) addPhrase(w, kind, 0);
      else set.add(w);
    }
    return set;
  };
  const negators = singles(rules.negators, 'negator');
  const contrast = singles(rules.contrastAfter, 'contrast');
  const concession = singles(rules.concession, 'concession');

  let vocabulary: Set<string> | null = null;
  if (language === 'en') {
    vocabulary = new Set(HASHTAG_GLUE_WORDS);
    for (const k of lexicon.keys()) if (/^[a-z]{2,}$/.test(k)) vocabulary.add(k);
    for (const k of negators) vocabulary.add(k);
    for (const k of Object.keys(rules.boosters)) vocabulary.add(k);
  }
  return {
    lexicon,
    phrases,
    negators,
    boosters: new Map(Object.entries(rules.boosters)),
    contrast,
    concession,
    elisions: rules.elisions ?? [],
    vocabulary,
    irrealis: new Set(language === 'en' ? EN_IRREALIS_MARKERS : []),
    courtesy: new Set(rules.courtesy ?? []),
    tokenInfo: new Map(),
  };
}

function languageModel(language: string): CompiledLanguage | null {
  if (!(language in RULES)) return null;
  let c = compiled.get(language);
  if (!c) {
    c = compile(language);
    compiled.set(language, c);
  }
  return c;
}

const ELONGATED = /(\p{L})\1{2,}/u;

/** Valence of one word: as written, then with elisions stripped, then de-elongated. */
function wordValence(lang: CompiledLanguage, word: string): { valence: number; elongated: boolean } {
  let v = lang.lexicon.get(word);
  if (v !== undefined) return { valence: v, elongated: false };
  for (const e of lang.elisions) {
    if (word.startsWith(e)) {
      v = lang.lexicon.get(word.slice(e.length));
      if (v !== undefined) return { valence: v, elongated: false };
    }
  }
  if (ELONGATED.test(word)) {
    // "baaad" → "baad" → "bad": try doubled letters first (good, cool), then single.
    const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
    v = lang.lexicon.get(two) ?? lang.lexicon.get(two.replace(/(\p{L})\1+/gu, '$1'));
    return { valence: v ?? 0, elongated: true };
  }
  return { valence: 0, elongated: false };
}

const hashtagCache = new Map<string, number>();
const HASHTAG_CACHE_MAX = 50_000;

/**
 * A hashtag's valence: the body as a word, else split into known words (fewest words wins) and
 * scored with negation inside it ("#notgood"). Unsplittable tags are neutral.
 */
function hashtagValence(lang: CompiledLanguage, language: string, body: string): number {
  const key = `${language}:${body}`;
  const cached = hashtagCache.get(key);
  if (cached !== undefined) return cached;
  let v = wordValence(lang, body).valence;
  const vocab = lang.vocabulary;
  if (v === 0 && vocab && body.length >= 5 && body.length <= 40 && /^[a-z]+$/.test(body)) {
    const n = body.length;
    const best: (string[] | null)[] = new Array(n + 1).fill(null);
    best[0] = [];
    for (let end = 1; end <= n; end++) {
      for (let start = Math.max(0, end - 20); start < end; start++) {
        const prev = best[start];
        if (!prev) continue;
        const piece = body.slice(start, end);
        if ((piece.length >= 2 || piece === 'i' || piece === 'a') && vocab.has(piece)) {
          if (!best[end] || best[end]!.length > prev.length + 1) best[end] = [...prev, piece];
        }
      }
    }
    const words = best[n];
    if (words && words.length > 1) {
      let negated = false;
      for (const w of words) {
        if (lang.negators.has(w)) negated = true;
        else {
          const wv = lang.lexicon.get(w) ?? 0;
          if (wv !== 0) {
            v += negated ? wv * NEGATION_SCALAR : wv;
            negated = false;
          }
        }
      }
    }
  }
  if (hashtagCache.size >= HASHTAG_CACHE_MAX) hashtagCache.clear();
  hashtagCache.set(key, v);
  return v;
}

const SENTENCE_END = new Set(['.', '!', '?', '...', '..', '…', '!!', '?!', '!?']);
const SKIPPED_TYPES = new Set(['mention', 'url', 'email', 'number', 'ordinal', 'currency', 'time', 'date', 'quoted_phrase']);
const LIKE_VERB_CONTEXT = new Set(LIKE_AS_VERB_AFTER);

/** "Victor Moses", "Beauty and the Beast", "Super Eagles": a Title-Case word beside another, not opening a sentence, names something. */
function inName(values: string[], types: string[], isBreak: Uint8Array, i: number): boolean {
  if (!isTitleCase(values[i]!)) return false;
  // Opening a sentence (after breaks, handles and URLs), capitals say nothing.
  let j = i - 1;
  while (j >= 0 && types[j] !== 'word' && isBreak[j] !== 2) j--;
  if (j < 0 || isBreak[j] === 2) return false;
  const prevTitle = j === i - 1 && isTitleCase(values[j]!) && !opensSentence(types, isBreak, j);
  const nextTitle = i + 1 < values.length && types[i + 1] === 'word' && isTitleCase(values[i + 1]!);
  return prevTitle || nextTitle;
}

function opensSentence(types: string[], isBreak: Uint8Array, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && types[j] !== 'word' && isBreak[j] !== 2) j--;
  return j < 0 || isBreak[j] === 2;
}

function isTitleCase(value: string): boolean {
  const c = value.charCodeAt(0);
  if (value.length < 2 || !(c >= 65 && c <= 90)) return false;
  const d = value.charCodeAt(1);
  return d >= 97 && d <= 122;
}

function isAllCaps(value: string): boolean {
  if (value.length < 2) return false;
  // ASCII without allocating: no lowercase letter, at least one uppercase one.
  let upper = false;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c > 127) return value === value.toUpperCase() && value !== value.toLowerCase();
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper;
}

/**
 * Sentiment of one analysed text in `language` (ISO 639-1). Languages without a lexicon are
 * 'unscored'. Undetermined ('und': too short to identify) texts are scored with the English
 * lexicon when it, or an emoji, finds something in them ("love it!!", "😡😡"), else 'unscored'.
 */
export function scoreSentiment(text: AnalyzedText, language: string): SentimentScore {
  if (language === 'und') {
    const s = scoreIn(text, 'en');
    return s.evidence ? { score: s.score, label: s.label } : UNSCORED;
  }
  if (!(language in RULES)) return UNSCORED;
  const s = scoreIn(text, language);
  return { score: s.score, label: s.label };
}

/** What the rules found in a text: the compound score and the parts it was built from. */
export interface SentimentEvidence {
  /** VADER-style compound, −1..1. */
  compound: number;
  /** Sum of positive / |negative| token valences after negation, contrast and the other rules. */
  positive: number;
  negative: number;
  positiveCount: number;
  negativeCount: number;
  /** Of which from emoji and emoticons. */
  emojiPositive: number;
  emojiNegative: number;
  exclamations: number;
  questions: number;
  words: number;
  negations: number;
  contrast: boolean;
  irrealis: boolean;
  courtesy: boolean;
  /** Any sentiment-bearing token at all. */
  evidence: boolean;
}

function scoreIn(text: AnalyzedText, language: string): SentimentScore & { evidence: boolean } {
  const e = evidenceIn(text, language);
  const zone = e.positiveCount + e.negativeCount > 1 ? NEUTRAL_ZONE.severalCues : NEUTRAL_ZONE.singleCue;
  const label: SentimentLabel = e.compound <= -zone ? 'negative' : e.compound >= zone ? 'positive' : 'neutral';
  return { score: e.compound, label, evidence: e.evidence };
}

/** The rules' findings for one text (exported for calibration and evaluation). */
export function sentimentEvidence(text: AnalyzedText, language: string): SentimentEvidence | null {
  return language in RULES ? evidenceIn(text, language) : null;
}

/**
 * What the rules need to know about one token (in one language), looked up once per distinct
 * token rather than in eight sets per occurrence: posts repeat their words.
 */
interface TokenInfo {
  /** Lexicon valence as a word (elisions stripped, de-elongated), 0 if none. */
  valence: number;
  elongated: boolean;
  /** Own lexicon entry, if any (a bare "no" is negative). */
  own: number | undefined;
  negator: boolean;
  /** Degree adverb scale, 0 if not one. */
  booster: number;
  contrast: boolean;
  concession: boolean;
  irrealis: boolean;
  courtesy: boolean;
  /** Multi-word entries starting with this token, longest first. */
  phrases: Phrase[] | null;
}

const TOKEN_INFO_MAX = 50_000;

function tokenInfo(lang: CompiledLanguage, token: string): TokenInfo {
  let info = lang.tokenInfo.get(token);
  if (info === undefined) {
    const wv = wordValence(lang, token);
    info = {
      valence: wv.valence,
      elongated: wv.elongated,
      own: lang.lexicon.get(token),
      negator: lang.negators.has(token),
      booster: lang.boosters.get(token) ?? 0,
      contrast: lang.contrast.has(token),
      concession: lang.concession.has(token),
      irrealis: lang.irrealis.has(token),
      courtesy: lang.courtesy.has(token),
      phrases: lang.phrases.get(token) ?? null,
    };
    if (lang.tokenInfo.size >= TOKEN_INFO_MAX) lang.tokenInfo.clear();
    lang.tokenInfo.set(token, info);
  }
  return info;
}

// Per-text scratch, grown as needed and reused: scoring allocates nothing per token.
let scratchValence = new Float64Array(256);
let scratchBreak = new Uint8Array(256);
let scratchNegated = new Uint8Array(256);
let scratchInfo: (TokenInfo | null)[] = new Array(256).fill(null);

function scratchFor(n: number): void {
  if (scratchValence.length < n) {
    const size = Math.max(n, scratchValence.length * 2);
    scratchValence = new Float64Array(size);
    scratchBreak = new Uint8Array(size);
    scratchNegated = new Uint8Array(size);
    scratchInfo = new Array(size).fill(null);
  } else {
    scratchValence.fill(0, 0, n);
    scratchBreak.fill(0, 0, n);
    scratchNegated.fill(0, 0, n);
  }
}

function evidenceIn(text: AnalyzedText, language: string): SentimentEvidence {
  const lang = languageModel(language)!;
  const { tokens, types, values } = text;
  const n = tokens.length;
  scratchFor(n);
  // Valence per token position (0 where none); phrases put theirs on their first word.
  const valence = scratchValence;
  const isBreak = scratchBreak; // 1 clause punctuation, 2 sentence end
  const info = scratchInfo;
  let exclamations = 0;
  let questions = 0;
  let capsWords = 0;
  let wordCount = 0;

  for (let i = 0; i < n; i++) {
    const type = types[i];
    info[i] = null;
    if (type === 'punctuation') {
      const t = tokens[i]!;
      if (t.includes('!')) exclamations += t.length;
      if (t.includes('?')) questions += t.length;
      isBreak[i] = SENTENCE_END.has(t) || t.startsWith('!') || t.startsWith('?') ? 2 : t === ',' || t === ';' || t === ':' || t === '-' || t === '—' ? 1 : 0;
    } else {
      if (type === 'word') {
        wordCount++;
        if (values && isAllCaps(values[i]!)) capsWords++;
      }
      if (type !== 'emoji' && type !== 'emoticon' && type !== 'hashtag' && !SKIPPED_TYPES.has(type!)) info[i] = tokenInfo(lang, tokens[i]!);
    }
  }
  // CAPS is emphasis only when some words are not shouting (VADER's "cap differential").
  const capsEmphasis = capsWords > 0 && capsWords < wordCount;

  let contrastAt = -1;
  let concessionAt = -1;
  const negatedAt = scratchNegated;

  for (let i = 0; i < n; i++) {
    const type = types[i];
    const token = tokens[i]!;
    let v = 0;
    let span = 1;
    let elongated = false;
    if (type === 'punctuation' || type === 'symbol' || type === 'unk' || (token === 't' && tokens[i + 1] === '_')) {
      // wink splits some emoticons ("=(", "^_^", "-_-"): rejoin those written as one.
      span = splitEmoticon(tokens, text.text, i);
      if (span === 0) continue;
      v = emoticonValence(tokens.slice(i, i + span).join(''));
      if (v === 0) {
        span = 1;
        continue;
      }
    } else if (SKIPPED_TYPES.has(type!)) continue;
    else if (type === 'emoji') v = emojiValence(token);
    else if (type === 'emoticon') v = emoticonValence(token);
    else if (type === 'hashtag') v = hashtagValence(lang, language, token.slice(1));
    else {
      const ti = info[i]!;
      const phrase = ti.phrases ? matchPhrase(ti.phrases, tokens, i) : null;
      if (phrase) {
        span = phrase.words.length;
        if (phrase.kind === 'valence') v = phrase.valence;
        else if (phrase.kind === 'contrast') contrastAt = i;
        else if (phrase.kind === 'concession') concessionAt = i;
        else negatedAt[i] = 1;
        if (phrase.kind !== 'valence' || v === 0) {
          i += span - 1;
          continue;
        }
      } else if (ti.contrast) {
        contrastAt = i;
        continue;
      } else if (ti.concession) {
        concessionAt = i;
        continue;
      } else if (ti.negator) {
        negatedAt[i] = 1;
        // A bare "no"/"nothing" with no sentiment word after it is itself negative.
        if (ti.own !== undefined && !sentimentWordAhead(lang, tokens, types, i)) v = ti.own;
        else continue;
      } else if (ti.booster !== 0 && nextIsWord(types, i)) {
        continue;
      } else {
        v = ti.valence;
        elongated = ti.elongated;
        if (v !== 0 && values && inName(values, types, isBreak, i)) v *= NAME_SCALE;

        if (v !== 0 && token === 'like' && language === 'en' && !(i > 0 && LIKE_VERB_CONTEXT.has(tokens[i - 1]!))) v = 0;
      }
    }
    if (v === 0) {
      i += span - 1;
      continue;
    }
    const sign = v > 0 ? 1 : -1;
    if (elongated) v += sign * BOOST;
    if (capsEmphasis && values && isAllCaps(values[i]!)) v += sign * CAPS_BOOST;
    // Look back up to three tokens within the clause for degree adverbs and negators.
    let negated = false;
    for (let d = 1; d <= 3 && i - d >= 0; d++) {
      const j = i - d;
      if (isBreak[j]) break;
      const bi = info[j] ?? tokenInfo(lang, tokens[j]!);
      const b = bi.booster;
      if (b !== 0) {
        const scale = d === 1 ? 1 : d === 2 ? 0.95 : 0.9;
        v += sign * b * scale;
        if (capsEmphasis && values && isAllCaps(values[j]!)) v += sign * (b > 0 ? CAPS_BOOST : -CAPS_BOOST) * 0.5;
      }
      if (negatedAt[j] || bi.negator) negated = true;
    }
    if (negated) v *= NEGATION_SCALAR;
    valence[i] = v;
    i += span - 1;
  }

  // Contrast: what follows "but" outweighs what precedes it.
  if (contrastAt >= 0) {
    for (let i = 0; i < n; i++) if (valence[i]) valence[i]! *= i < contrastAt ? 0.5 : 1.5;
  } else if (concessionAt >= 0) {
    const initial = concessionAt === 0 || isBreak[concessionAt - 1] === 2;
    if (initial) {
      // "Although X, Y": X is conceded, Y is the point.
      let clauseEnd = concessionAt + 1;
      while (clauseEnd < n && !isBreak[clauseEnd]) clauseEnd++;
      let sentenceEnd = clauseEnd;
      while (sentenceEnd < n && isBreak[sentenceEnd] !== 2) sentenceEnd++;
      for (let i = concessionAt; i < sentenceEnd; i++) if (valence[i]) valence[i]! *= i < clauseEnd ? 0.5 : 1.5;
    } else {
      for (let i = 0; i < n; i++) if (valence[i]) valence[i]! *= i < concessionAt ? 0.5 : 1.5;
    }
  }

  // Irrealis: positives in a clause with a modal/condition/wish, or in a question, are not claims.
  let irrealis = false;
  let courtesy = false;
  if (lang.irrealis.size) {
    let clauseStart = 0;
    for (let end = 0; end <= n; end++) {
      if (end < n && !isBreak[end]) continue;
      const question = end < n && tokens[end]!.includes('?');
      let marked = question;
      for (let j = clauseStart; j < end && !marked; j++) if (info[j]?.irrealis) marked = true;
      if (marked) {
        for (let j = clauseStart; j < end; j++) {
          if (valence[j]! > 0) {
            valence[j]! *= IRREALIS_SCALE;
            irrealis = true;
          }
        }
      }
      clauseStart = end + 1;
    }
  }
  // Courtesy inside a complaint is not praise.
  if (lang.courtesy.size) {
    let negative = false;
    for (let i = 0; i < n; i++) if (valence[i]! < 0) negative = true;
    for (let i = 0; i < n; i++) {
      if (valence[i]! > 0 && info[i]?.courtesy) {
        courtesy = true;
        if (negative) valence[i] = 0;
      }
    }
  }

  // Sarcasm: a positive clause answered by a lone "not" ("great job... not!") is negative.
  if (language === 'en') {
    for (let i = 1; i < n; i++) {
      if (tokens[i] !== TRAILING_NOT || !isBreak[i - 1] || (i + 1 < n && !isBreak[i + 1] && types[i + 1] !== 'emoji')) continue;
      let start = i - 2;
      while (start >= 0 && isBreak[start] !== 2) start--;
      for (let j = start + 1; j < i - 1; j++) if (valence[j]! > 0) valence[j] = -valence[j]!;
    }
  }

  let sum = 0;
  let positive = 0;
  let negative = 0;
  let positiveCount = 0;
  let negativeCount = 0;
  let emojiPositive = 0;
  let emojiNegative = 0;
  let negations = 0;
  for (let i = 0; i < n; i++) {
    const v = valence[i]!;
    if (negatedAt[i]) negations++;
    if (!v) continue;
    sum += v;
    const emoji = types[i] === 'emoji' || types[i] === 'emoticon';
    if (v > 0) {
      positive += v;
      positiveCount++;
      if (emoji) emojiPositive += v;
    } else {
      negative -= v;
      negativeCount++;
      if (emoji) emojiNegative -= v;
    }
  }
  if (sum !== 0) {
    // Exclamation marks add emphasis; several question marks too (VADER's amounts).
    const emphasis = Math.min(exclamations, 4) * 0.292 + (questions > 1 ? Math.min(questions * 0.18, 0.96) : 0);
    sum += sum > 0 ? emphasis : -emphasis;
  }
  return {
    compound: Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + NORMALIZE_ALPHA))),
    positive,
    negative,
    positiveCount,
    negativeCount,
    emojiPositive,
    emojiNegative,
    exclamations,
    questions,
    words: wordCount,
    negations,
    contrast: contrastAt >= 0 || concessionAt >= 0,
    irrealis,
    courtesy,
    evidence: positiveCount + negativeCount > 0,
  };
}

function matchPhrase(candidates: Phrase[], tokens: string[], i: number): Phrase | null {
  outer: for (const p of candidates) {
    if (i + p.words.length > tokens.length) continue;
    for (let k = 1; k < p.words.length; k++) if (tokens[i + k] !== p.words[k]) continue outer;
    return p;
  }
  return null;
}

function nextIsWord(types: string[], i: number): boolean {
  const t = types[i + 1];
  return t === 'word' || t === 'hashtag' || t === 'emoji';
}

function sentimentWordAhead(lang: CompiledLanguage, tokens: string[], types: string[], i: number): boolean {
  for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) {
    if (types[j] === 'punctuation') return false;
    if (lang.lexicon.has(tokens[j]!)) return true;
  }
  return false;
}

/**
 * Emoticons are language-neutral: read from the English lexicon (VADER's), then the additions,
 * then with a repeated mouth collapsed (":((" → ":(", ":'))" → ":')").
 */
function emoticonValence(token: string): number {
  const lexicon = languageModel('en')!.lexicon;
  const lower = token.toLowerCase();
  const v = lexicon.get(lower) ?? EMOTICON_ADDITIONS[lower];
  if (v !== undefined) return v;
  const collapsed = lower.replace(/([()\][dp])\1+$/, '$1');
  return collapsed === lower ? 0 : lexicon.get(collapsed) ?? EMOTICON_ADDITIONS[collapsed] ?? 0;
}

const EMOTICON_STARTS = new Set(['=', '^', '-', 't', '>', '<']);

/**
 * How many tokens from `i` make one emoticon that wink split ("=" "(" for "=("), 0 if none: two
 * or three short tokens whose concatenation is a known emoticon and appears, unspaced, in the text.
 */
function splitEmoticon(tokens: string[], text: string, i: number): number {
  if (!EMOTICON_STARTS.has(tokens[i]!)) return 0;
  for (let span = 3; span >= 2; span--) {
    if (i + span > tokens.length) continue;
    let joined = '';
    for (let k = i; k < i + span; k++) {
      if (tokens[k]!.length > 2) return 0;
      joined += tokens[k];
    }
    if (emoticonValence(joined) !== 0 && text.toLowerCase().includes(joined)) return span;
  }
  return 0;
}
