// One pass of text analysis per mention, shared by every classifier: tokenising is the costly
// part, so it happens once (wink-nlp) and the stages read its output.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

// Only the tokenizer: the classifiers read tokens, types and stems, and wink's POS, NER,
// sentence and sentiment passes would more than halve throughput for nothing we use.
const nlp = winkNLP(model, []);
const its = nlp.its;

// wink's its.stem runs the Porter-2 stemmer on every call; the vocabulary of social text is
// Zipfian, so a memo of recent stems saves most of that work. Cleared when full to bound memory.
// The model's own stemmer (the one its.stem calls); its typings leave addons untyped.
const stemOf = (model as unknown as { addons: { stem: (word: string) => string } }).addons.stem;
const STEM_CACHE_MAX = 200_000;
const stemCache = new Map<string, string>();

function stem(value: string): string {
  let s = stemCache.get(value);
  if (s === undefined) {
    s = stemOf(value);
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(value, s);
  }
  return s;
}

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

export function analyzeText(text: string): AnalyzedText {
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  const stems = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) stems[i] = stem(values[i]!);
  return {
    text,
    tokens: tokens.out(its.normal) as string[],
    types: tokens.out(its.type) as string[],
    stems,
    values,
  };
}
