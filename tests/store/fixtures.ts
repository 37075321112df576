// Mentions for store tests, built through the real schemas so they are valid by construction.
import { EnrichedMention, type Classification, type RawMentionInput, type Source } from '../../messages/index.js';

export interface FixtureOptions {
  source?: Source;
  nativeId: string;
  brand?: string;
  text?: string;
  createdAt: string;
  processingVersion?: number;
  processedAt?: string;
  raw?: Partial<RawMentionInput>;
  classification?: Partial<Classification>;
}

export function enriched(o: FixtureOptions): EnrichedMention {
  const source = o.source ?? 'x';
  return EnrichedMention.parse({
    raw: {
      id: `${source}:${o.nativeId}`,
      source,
      nativeId: o.nativeId,
      url: `https://example.com/${o.nativeId}`,
      author: { id: `u-${o.nativeId}`, handle: `user${o.nativeId}`, followers: 10 },
      text: o.text ?? `mention ${o.nativeId}`,
      createdAt: o.createdAt,
      fetchedAt: o.createdAt,
      brand: o.brand ?? 'acme',
      query: 'acme',
      ...o.raw,
    },
    language: 'en',
    languageConfidence: 0.9,
    duplicateOf: null,
    sentiment: { score: 0, label: 'neutral' },
    topics: [],
    failureDemand: false,
    failureCategory: null,
    intent: 'other',
    keyPhrases: [],
    ...o.classification,
    processingVersion: o.processingVersion ?? 1,
    processedAt: o.processedAt ?? o.createdAt,
  });
}
