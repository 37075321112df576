// One pass of text analysis per mention, shared by every classifier: tokenising is the costly
// part, so it happens once (wink-nlp) and the stages read its output.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model);
const its = nlp.its;

export interface AnalyzedText {
  /** The text as received. */
  text: string;
  /** Lowercased tokens (wink-nlp normal form), punctuation included. */
  tokens: string[];
  /** wink-nlp token types, aligned with tokens: word, number, punctuation, emoji, emoticon, hashtag, mention, url, … */
  types: string[];
  /** Porter-2 stems aligned with tokens (punctuation and symbols kept as they are). */
  stems: string[];
}

export function analyzeText(text: string): AnalyzedText {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  return {
    text,
    tokens: tokens.out(its.normal) as string[],
    types: tokens.out(its.type) as string[],
    // wink-nlp types its.stem with a span signature; at token level it returns one stem a token.
    stems: tokens.out(its.stem as unknown as typeof its.normal) as string[],
  };
}
