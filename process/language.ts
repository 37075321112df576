// Language identification for short social text: eld (Efficient Language Detector, Apache-2.0,
// 60 languages, byte n-grams), chosen over franc and tinyld for its accuracy on tweet-length
// text at a comparable speed (see `npm run eval -- language`). The channel's own language tag
// is used when the text agrees with it or is too short to contradict it.
import { eld } from 'eld/medium';

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

// Mentions, URLs and emails are names, not language; '#' is kept off but the tag's words stay.
 // English function words that are not also common words of another eld language (so no "is",
// "we", "to", "my", "i", "me", "was", "for"). A text in plain ASCII letters where these are a
// seventh of the words and at least two distinct ones occur is English without asking eld:
// most posts to English-speaking brands take this path, and it is several times cheaper.
const ENGLISH_MARKERS = new Set([
  'the', 'and', 'you', 'your', 'with', 'this', 'that', 'have', 'are', 'not', 'what', 'they', 'from', 'will', 'would',
  'there', 'about', 'been', 'were', "it's", "i'm", "don't", "can't", "didn't", 'of', 'it', 'be', 'our', 'how', 'why',
  'when', 'thanks', 'please', 'because', 'should', 'could', 'just', 'has', 'had', 'but', 'all',
]);
const NON_ASCII_LETTER = /(?![\u0000-\u007F])\p{L}/u;
const ASCII_WORD = /[a-z']+/g;

function plainEnglish(clean: string): boolean {
  const lower = clean.toLowerCase();
  const words = lower.match(ASCII_WORD);
  if (!words || words.length < 3) return false;
  let hits = 0;
  const distinct = new Set<string>();
  for (const w of words) {
    if (ENGLISH_MARKERS.has(w)) {
      hits++;
      distinct.add(w);
    }
  }
  if (distinct.size < 2 || hits * 7 < words.length) return false;
  // Letters outside ASCII (accents, other scripts) send the text to the full detector.
  return !NON_ASCII_LETTER.test(lower);
}

const NOISE = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|[@＠][\p{L}\p{N}_]+|#/gu;
const LETTER = /\p{L}/gu;

export function detectLanguage(text: string, hint?: string): DetectedLanguage {
  const hinted = normalizeHint(hint);
  const clean = text.replace(NOISE, ' ');
  const letters = clean.match(LETTER)?.length ?? 0;
  if (letters < MIN_LETTERS) return hinted ? { language: hinted, confidence: 0.5 } : UNDETERMINED;

  if ((!hinted || hinted === 'en') && plainEnglish(clean)) return { language: 'en', confidence: 0.95 };

  const result = eld.detect(clean);
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
