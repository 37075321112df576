import { describe, expect, it } from 'vitest';
import { minHashSignature, NearDuplicateIndex, normalizeForDedup, signatureSimilarity } from '../../process/dedup.js';
import { analyzeText } from '../../process/text.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const MIN = 60_000;
const original = 'Acme broadband has been down all day in Leeds and nobody at customer service will tell us when it comes back';

describe('normalisation', () => {
  it('drops URLs, mentions, numbers, emoji and punctuation and strips an RT prefix', () => {
    const { normalized } = normalizeForDedup(analyzeText('RT @bob: Down again!!! 3rd time @acme https://t.co/xyz 😡 #fail'));
    expect(normalized).toBe('down again time fail');
  });
});

describe('near-duplicate index', () => {
  it('an original voice is not a duplicate', () => {
    const index = new NearDuplicateIndex();
    expect(index.check('x:1', analyzeText(original), T0)).toBeNull();
    expect(index.check('x:2', analyzeText('Loving the new acme store in Manchester, the staff were so friendly and helpful today'), T0 + MIN)).toBeNull();
  });

  it('collapses retweets, copies and small variations onto the first-seen original', () => {
    const index = new NearDuplicateIndex();
    index.check('x:1', analyzeText(original), T0);
    expect(index.check('x:2', analyzeText(`RT @alice: ${original}`), T0 + MIN)).toBe('x:1');
    expect(index.check('x:3', analyzeText(`${original} https://t.co/q1 @acme 😡😡`), T0 + 2 * MIN)).toBe('x:1');
    expect(index.check('x:4', analyzeText(original.replace('all day', 'all morning')), T0 + 3 * MIN)).toBe('x:1');
    expect(index.check('x:5', analyzeText(original.replace('Leeds', 'Bradford').toUpperCase()), T0 + 4 * MIN)).toBe('x:1');
  });

  it('a flood of 500 templated copies is one voice with 500 echoes', () => {
    const index = new NearDuplicateIndex();
    const template = (n: number) => `I am customer ${n} and @acme still owes me my refund for order #${1000 + n}, sign the petition https://t.co/${n}`;
    expect(index.check('x:0', analyzeText(template(0)), T0)).toBeNull();
    let echoes = 0;
    for (let n = 1; n <= 500; n++) if (index.check(`x:${n}`, analyzeText(template(n)), T0 + n * 1000) === 'x:0') echoes++;
    expect(echoes).toBe(500);
  });

  it('follows repostOf and resolves it to the root original', () => {
    const index = new NearDuplicateIndex();
    index.check('x:1', analyzeText(original), T0);
    index.check('x:2', analyzeText(`RT @a: ${original}`), T0 + MIN);
    expect(index.check('x:3', analyzeText('quote: so true'), T0 + 2 * MIN, 'x:2')).toBe('x:1');
    expect(index.check('x:4', analyzeText('boost'), T0 + 2 * MIN, 'x:99')).toBe('x:99');
  });

  it('short common texts from different people are not duplicates', () => {
    const index = new NearDuplicateIndex();
    expect(index.check('x:1', analyzeText('thank you so much!'), T0)).toBeNull();
    expect(index.check('x:2', analyzeText('Thank you so much!'), T0 + MIN)).toBeNull();
  });

  it('different complaints on the same topic stay separate', () => {
    const index = new NearDuplicateIndex();
    index.check('x:1', analyzeText('My acme broadband has been down since this morning and the helpline keeps cutting me off'), T0);
    expect(index.check('x:2', analyzeText('acme broadband down again in our street, third outage this month, absolutely fed up'), T0 + MIN)).toBeNull();
  });

  it('gives the same answer when a mention is replayed', () => {
    const index = new NearDuplicateIndex();
    index.check('x:1', analyzeText(original), T0);
    expect(index.check('x:2', analyzeText(original), T0 + MIN)).toBe('x:1');
    expect(index.check('x:2', analyzeText(original), T0 + MIN)).toBe('x:1');
    expect(index.check('x:1', analyzeText(original), T0)).toBeNull();
  });

  it('forgets originals older than the window', () => {
    const index = new NearDuplicateIndex({ windowMs: 60 * MIN });
    index.check('x:1', analyzeText(original), T0);
    index.check('x:2', analyzeText('something else entirely about a different store and a late parcel delivery'), T0 + 61 * MIN);
    expect(index.check('x:3', analyzeText(original), T0 + 62 * MIN)).toBeNull();
  });

  it('keeps memory bounded by maxEntries', () => {
    const index = new NearDuplicateIndex({ maxEntries: 100 });
    for (let n = 0; n < 1000; n++) index.check(`x:${n}`, analyzeText(`distinct message number ${'abcdefghij'[n % 10]} word${n} alpha${n * 7} beta${n * 13} gamma`), T0 + n);
    expect(index.size).toBeLessThanOrEqual(100);
  });

  it('signature similarity estimates Jaccard: identical is 1, unrelated is low', () => {
    const a = minHashSignature('the parcel never arrived and nobody answers the phone');
    expect(signatureSimilarity(a, a)).toBe(1);
    const b = minHashSignature('lovely weather for a picnic by the river this afternoon');
    expect(signatureSimilarity(a, b)).toBeLessThan(0.2);
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => new NearDuplicateIndex({ threshold: 1.5 })).toThrow(/threshold must be in/);
  });
});
