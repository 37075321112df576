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
/** Below this many letters, a detection without a hint is kept only if it is confident. */
export const SHORT_TEXT_LETTERS = 20;
/** Without a hint, detections less confident than this are 'und'. */
export const MIN_CONFIDENCE = 0.5;

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
const NOISE = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|[@＠][\p{L}\p{N}_]+|#/gu;
const LETTER = /\p{L}/gu;

export function detectLanguage(text: string, hint?: string): DetectedLanguage {
  const hinted = normalizeHint(hint);
  const clean = text.replace(NOISE, ' ');
  const letters = clean.match(LETTER)?.length ?? 0;
  if (letters < MIN_LETTERS) return hinted ? { language: hinted, confidence: 0.5 } : UNDETERMINED;

  const result = eld.detect(clean);
  const scores = result.getScores();
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const top = ranked[0];
  if (!result.language || !top) return hinted ? { language: hinted, confidence: 0.5 } : UNDETERMINED;

  // Confidence from eld's reliability flag and the margin over the runner-up.
  const second = ranked[1]?.[1] ?? 0;
  const margin = (top[1] - second) / top[1];
  const confidence = Math.min(1, (result.isReliable() ? 0.6 : 0.2) + 0.4 * Math.min(1, margin / 0.3));

  if (hinted) {
    if (hinted === result.language) return { language: hinted, confidence: Math.max(confidence, 0.9) };
    // A hint the text does not clearly contradict wins: the channel knows its user's language.
    const hintScore = scores[hinted] ?? 0;
    const contradicted = result.isReliable() && letters >= SHORT_TEXT_LETTERS && hintScore < 0.9 * top[1];
    if (!contradicted) return { language: hinted, confidence: 0.6 };
    return { language: result.language, confidence };
  }
  if (confidence < MIN_CONFIDENCE || (letters < SHORT_TEXT_LETTERS && !result.isReliable())) {
    return UNDETERMINED;
  }
  return { language: result.language, confidence };
}
