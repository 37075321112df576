import { describe, expect, it } from 'vitest';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { analyzeText } from '../../process/index.js';
import { resetTextAnalysisCaches } from '../../process/text.js';

describe('analyzeText', () => {
  it('returns aligned token, type, stem and value arrays', () => {
    const a = analyzeText("@acme I can't believe my order is STILL late 😡 #fail https://t.co/x");
    const n = a.tokens.length;
    expect(a.types).toHaveLength(n);
    expect(a.stems).toHaveLength(n);
    expect(a.values).toHaveLength(n);
    expect(a.tokens).toContain('not'); // wink normalises "n't"
    expect(a.values).toContain('STILL'); // case kept for emphasis
    const type = (t: string) => a.types[a.tokens.indexOf(t)];
    expect(type('@acme')).toBe('mention');
    expect(type('😡')).toBe('emoji');
    expect(type('#fail')).toBe('hashtag');
    expect(type('https://t.co/x')).toBe('url');
  });

  it("matches wink-nlp's full pipeline output for tokens, types and stems", () => {
    // The tokenizer-only pipeline and the memoised stemmer must not change what classifiers see.
    const nlp = winkNLP(model);
    const its = nlp.its;
    for (const text of [
      'Running late again, the trains are cancelled!!',
      "Y'all's app won't load :( so frustrating",
      'Loved the customer service, they refunded everything.',
      'Das ist nicht gut 👎',
      // chunks tokenised by rule, not by wink: URLs, handles, numbers, tags, words outside its lexicon
      '@Acme_UK https://t.co/AbC123 http://example.com/a?b=1 #Fail #2023 -12 3.5 1,000 Zorblax flibbertigibbet',
      // chunks wink must split, and newlines, which are tokens
      "@acme: (https://t.co/x) #fail! order#123 it's gr8!!\nthx\n\n:-) &amp; www.example.com 10:30pm 2nd",
      // words wink's lexicon lacks only in this case, whose spelling it maps; marks peeled off words
      'RT Organised Centre YEAH "Flibbertigibbet," (Zorblax) night." day... \'quoted\' in1990s',
    ]) {
      const tokens = nlp.readDoc(text).tokens();
      const a = analyzeText(text);
      expect(a.tokens).toEqual(tokens.out(its.normal));
      expect(a.types).toEqual(tokens.out(its.type));
      expect(a.stems).toEqual(tokens.out(its.stem as unknown as typeof its.normal));
    }
  });

  it('gives the same analysis from the chunk memo as on first sight', () => {
    const text = "Can't log in AGAIN!!! @acme fix it https://t.co/q1 #fail 😡 2nd time";
    resetTextAnalysisCaches();
    const first = analyzeText(text);
    const again = analyzeText(text);
    expect(again).toEqual(first);
    expect(again.tokens).not.toBe(first.tokens); // fresh arrays: a consumer may not corrupt the memo
  });

  it('stems the same word the same way on repeat (memoised)', () => {
    const first = analyzeText('connections connecting connected').stems;
    const second = analyzeText('connections connecting connected').stems;
    expect(second).toEqual(first);
    expect(first).toEqual(['connect', 'connect', 'connect']);
  });
});
