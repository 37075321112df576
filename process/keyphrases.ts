// A few salient words and phrases per mention, for emerging-term statistics and digests.
// Deliberately cheap (no corpus statistics at this point): hashtags, runs of content words as
// bigrams, then the longest content words. Terms are lowercased normal forms, not stems, so
// they read well in a digest.
import type { AnalyzedText } from './text.js';

// Function words and social-media filler; a term made only of these says nothing.
const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by can could ' +
    'did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into ' +
    'is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she ' +
    'should so some such than that the their theirs them themselves then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    "im ive id dont cant wont didnt doesnt isnt wasnt arent youre thats theres lets also get got getting go going gone still yet " +
    'really even ever much many lot lots thing things way one two get one like know think make made see say said want need today ' +
    'now day days time times ok okay yes yeah yea oh hey hi hello please pls thanks thank thx u ur ya rt retweet via amp gonna wanna gotta'
  ).split(/\s+/),
);

function isContent(token: string, type: string | undefined): boolean {
  return type === 'word' && token.length >= 3 && !STOPWORDS.has(token) && !token.includes("'");
}

/** Pushes `term` unless the list is full or holds it already (a list of at most `max`, so a linear scan beats a Set). */
function pushNew(out: string[], term: string, max: number): void {
  if (out.length < max && !out.includes(term)) out.push(term);
}

// One content mask per call, reused: extraction is synchronous.
let contentMask = new Uint8Array(64);

export function extractKeyPhrases(text: AnalyzedText, max = 5): string[] {
  const { tokens, types } = text;
  const n = tokens.length;
  const out: string[] = [];
  if (n === 0 || max <= 0) return out;
  if (contentMask.length < n) contentMask = new Uint8Array(n * 2);
  const content = contentMask;
  let anyContent = false;
  for (let i = 0; i < n; i++) {
    const type = types[i];
    if (type === 'hashtag') {
      content[i] = 0;
      if (tokens[i]!.length > 2) pushNew(out, tokens[i]!, max);
    } else {
      const c = isContent(tokens[i]!, type);
      content[i] = c ? 1 : 0;
      anyContent ||= c;
    }
  }
  if (!anyContent || out.length >= max) return out;
  // Bigrams of adjacent content words; their words are then not offered again as singles.
  for (let i = 0; i + 1 < n && out.length < max; i++) {
    if (content[i] !== 0 && content[i + 1] !== 0) {
      pushNew(out, `${tokens[i]} ${tokens[i + 1]}`, max);
      content[i] = 2;
      content[i + 1] = 2;
    }
  }
  // Then the longest remaining content words ("overcharged" over "bad"), by repeated selection:
  // at most `max` picks over a short token list, no sorting or copying.
  while (out.length < max) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (content[i] !== 1) continue;
      if (best < 0 || tokens[i]!.length > tokens[best]!.length) best = i;
    }
    if (best < 0) break;
    content[best] = 3;
    pushNew(out, tokens[best]!, max);
  }
  return out;
}
