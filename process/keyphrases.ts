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

export function extractKeyPhrases(text: AnalyzedText, max = 5): string[] {
  const { tokens, types } = text;
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (term: string) => {
    if (out.length < max && !seen.has(term)) {
      seen.add(term);
      out.push(term);
    }
  };
  for (let i = 0; i < tokens.length && out.length < max; i++) if (types[i] === 'hashtag' && tokens[i]!.length > 2) push(tokens[i]!);
  const inBigram = new Set<number>();
  for (let i = 0; i + 1 < tokens.length && out.length < max; i++) {
    if (isContent(tokens[i]!, types[i]) && isContent(tokens[i + 1]!, types[i + 1])) {
      push(`${tokens[i]} ${tokens[i + 1]}`);
      inBigram.add(i).add(i + 1);
    }
  }
  if (out.length < max) {
    const singles: string[] = [];
    for (let i = 0; i < tokens.length; i++) if (!inBigram.has(i) && isContent(tokens[i]!, types[i])) singles.push(tokens[i]!);
    // Longer words tend to be the specific ones ("overcharged" over "bad").
    singles.sort((a, b) => b.length - a.length);
    for (const w of singles) push(w);
  }
  return out;
}
