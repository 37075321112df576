// Language identification for short social text: eld (Efficient Language Detector, Apache-2.0,
// 60 languages, byte n-grams), chosen over franc and tinyld for its accuracy on tweet-length
// text at a comparable speed (see `npm run eval -- language`). The channel's own language tag
// is used when the text agrees with it or is too short to contradict it.
import { eld } from 'eld/medium';
import { analyzeText, inLexicon, type AnalyzedText } from './text.js';

export interface DetectedLanguage {
  /** ISO 639-1 code, or 'und' when undetermined. */
  language: string;
  /** 0 … 1. */
  confidence: number;
}

/** Fewer letters than this (after removing mentions, URLs, emoji) say too little to identify. */
export const MIN_LETTERS = 3;
/** Below this many letters, a detection eld calls unreliable is 'und' (or the hint). */
export const SHORT_TEXT_LETTERS = 20;

const UNDETERMINED: DetectedLanguage = Object.freeze({ language: 'und', confidence: 0 }) as DetectedLanguage;

// Legacy and platform codes seen in channel tags (Twitter used 'in', 'iw'; 'qme', 'qht', 'zxx'
// mean media-only, hashtags-only, no linguistic content).
const HINT_ALIASES: Record<string, string> = { in: 'id', iw: 'he', ji: 'yi', jw: 'jv', nb: 'no', nn: 'no', fil: 'tl' };
const NON_LANGUAGE_HINTS = new Set(['und', 'zxx', 'qme', 'qht', 'qam', 'qct', 'qst', 'art', 'mul', 'mis']);

/** 'en-US' → 'en'; undefined for tags that name no language. */
export function normalizeHint(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const primary = hint.trim().toLowerCase().split(/[-_]/)[0]!;
  if (!/^[a-z]{2,3}$/.test(primary) || NON_LANGUAGE_HINTS.has(primary)) return undefined;
  return HINT_ALIASES[primary] ?? primary;
}

// English function words that are not also common words of another eld language (so no "is",
// "we", "to", "my", "i", "me", "was", "for"), as wink's normal forms ("don't" is "do" + "not").
// A text in plain ASCII letters where these are a seventh of the words and at least two distinct
// ones occur is English without asking eld: most posts to English-speaking brands take this
// path, and it is several times cheaper.
const ENGLISH_MARKERS = new Set([
  'the', 'and', 'you', 'your', 'with', 'this', 'that', 'have', 'are', 'not', 'what', 'they', 'from', 'will', 'would',
  'there', 'about', 'been', 'were', "i'm", 'of', 'it', 'be', 'our', 'how', 'why',
  'when', 'thanks', 'please', 'because', 'should', 'could', 'just', 'has', 'had', 'but', 'all',
]);

/** Token types that name or point rather than say: not language. */
const NOT_LANGUAGE = new Set(['url', 'email', 'mention']);
const LETTER = /\p{L}/u;

/** eld's cost grows with the text; this much clean text identifies a language as well as more. */
export const ELD_MAX_CHARS = 160;

/**
 * Language of a text (or of its analysis, which the classifier has already made: no second
 * tokenisation). `hint` is the channel's language tag, if any.
 */
export function detectLanguage(input: string | AnalyzedText, hint?: string): DetectedLanguage {
  const text = typeof input === 'string' ? analyzeText(input) : input;
  const hinted = normalizeHint(hint);
  const { tokens, types, values } = text;
  let letters = 0;
  let nonAscii = false;
  let words = 0;
  let hits = 0;
  let firstHit: string | null = null;
  let twoDistinct = false;
  for (let i = 0; i < tokens.length; i++) {
    const type = types[i]!;
    if (NOT_LANGUAGE.has(type)) continue;
    const value = values[i]!;
    let tokenLetters = 0;
    let asciiWord = true;
    for (let k = 0; k < value.length; k++) {
      const c = value.charCodeAt(k);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) tokenLetters++;
      else if (c > 127) {
        asciiWord = false;
        if (LETTER.test(value[k]!)) {
          tokenLetters++;
          nonAscii = true;
        }
      } else if (c !== 39 /* ' */ && !(type === 'hashtag' && k === 0)) asciiWord = false;
    }
    letters += tokenLetters;
    if (tokenLetters > 0 && asciiWord && (type === 'word' || type === 'hashtag')) {
      words++;
      const t = tokens[i]!;
      if (ENGLISH_MARKERS.has(t)) {
        hits++;
        if (firstHit === null) firstHit = t;
        else if (t !== firstHit) twoDistinct = true;
      }
    }
  }
  if (letters < MIN_LETTERS) return hinted ? { language: hinted, confidence: 0.5 } : UNDETERMINED;

  if ((!hinted || hinted === 'en') && !nonAscii && words >= 3) {
    // Plain English: English function words a seventh of the words, two distinct ones.
    if (twoDistinct && hits * 7 >= words) return { language: 'en', confidence: 0.95 };
    // Or nearly every word in wink's English lexicon ("great smooth flight too"): on the
    // language eval's texts that share is 0.88–1 for English and at most 0.75 for the others
    // (non-ASCII ones aside, which never come here).
    if (words >= ENGLISH_LEXICON_MIN_WORDS && englishLexiconShare(text) >= ENGLISH_LEXICON_SHARE) return { language: 'en', confidence: hinted ? 0.95 : 0.9 };
  }

  const result = eld.detect(cleanText(text));
  if (!result.language) return hinted ? { language: hinted, confidence: 0.5 } : UNDETERMINED;
  if (hinted === result.language) return { language: hinted, confidence: 0.95 };
  // eld's reliability test (top score well above its language's average and clear of the
  // runner-up) is cheap; the full score table is read only when a hint disagrees.
  const reliable = result.isReliable();
  if (hinted) {
    // A hint the text does not clearly contradict wins: the channel knows its user's language.
    const scores = result.getScores();
    const top = scores[result.language] ?? 0;
    const contradicted = reliable && letters >= SHORT_TEXT_LETTERS && (scores[hinted] ?? 0) < 0.9 * top;
    return contradicted ? { language: result.language, confidence: 0.7 } : { language: hinted, confidence: 0.6 };
  }
  if (reliable) return { language: result.language, confidence: 0.9 };
  return letters >= SHORT_TEXT_LETTERS ? { language: result.language, confidence: 0.5 } : UNDETERMINED;
}

const ENGLISH_LEXICON_MIN_WORDS = 4;
const ENGLISH_LEXICON_SHARE = 0.9;

/** Share of the plain ASCII words that wink's English lexicon knows. */
function englishLexiconShare(text: AnalyzedText): number {
  let words = 0;
  let known = 0;
  for (let i = 0; i < text.tokens.length; i++) {
    const type = text.types[i];
    if (type !== 'word' && type !== 'hashtag') continue;
    const t = type === 'hashtag' ? text.tokens[i]!.slice(1) : text.tokens[i]!;
    if (!ASCII_WORD.test(t)) continue;
    words++;
    if (inLexicon(t)) known++;
  }
  return words ? known / words : 0;
}
const ASCII_WORD = /^[a-z']+$/;

/** The text eld reads: tokens as written without handles, URLs, emails or the # of hashtags, cut at ELD_MAX_CHARS. */
function cleanText(text: AnalyzedText): string {
  let out = '';
  for (let i = 0; i < text.values.length && out.length < ELD_MAX_CHARS; i++) {
    const type = text.types[i]!;
    if (NOT_LANGUAGE.has(type)) continue;
    const v = text.values[i]!;
    out += out ? ' ' : '';
    out += type === 'hashtag' ? v.slice(1) : v;
  }
  return out;
}
