import { describe, expect, it } from 'vitest';
import { extractKeyPhrases } from '../../process/keyphrases.js';
import { analyzeText } from '../../process/text.js';

describe('key phrases', () => {
  it('prefers hashtags and content-word bigrams, drops function words, mentions and URLs', () => {
    const phrases = extractKeyPhrases(analyzeText('@acme my broadband router keeps rebooting #outage https://t.co/abc'));
    expect(phrases[0]).toBe('#outage');
    expect(phrases).toContain('broadband router');
    expect(phrases.some((p) => p.includes('@') || p.includes('http') || p === 'my')).toBe(false);
  });

  it('respects max and never repeats a term', () => {
    const phrases = extractKeyPhrases(analyzeText('refund refund refund delayed refund parcel missing courier driver'), 3);
    expect(phrases).toHaveLength(3);
    expect(new Set(phrases).size).toBe(3);
  });

  it('returns nothing for a text of function words', () => {
    expect(extractKeyPhrases(analyzeText('it is what it is'))).toEqual([]);
  });
});
