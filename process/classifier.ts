// The classify stage: every classifier over a batch of raw mentions, text analysed once.
// Pure apart from the near-duplicate index, which remembers recent texts across batches.
import type { EarshotConfig } from '../config/index.js';
import { ENRICHED_SCHEMA_VERSION, type EnrichedMention, type RawMention } from '../messages/index.js';
import { NearDuplicateIndex } from './dedup.js';
import { createFailureDemandDetector } from './failure-demand.js';
import { createIntentClassifier } from './intent.js';
import { extractKeyPhrases } from './keyphrases.js';
import { detectLanguage } from './language.js';
import { scoreSentiment } from './sentiment.js';
import { analyzeText } from './text.js';
import { createTopicMatcher } from './topics.js';

/**
 * Bump when a classifier's output changes for the same input: the store keeps the highest
 * version of each mention, so reprocessing replaces older classifications.
 */
export const PROCESSING_VERSION = 4;

export interface Classifier {
  /** Classifies a batch in order; one EnrichedMention per input. */
  classifyBatch(mentions: readonly RawMention[], now?: Date): EnrichedMention[];
}

export type ClassifierConfig = Pick<EarshotConfig, 'taxonomy' | 'classify' | 'brands'>;

export interface ClassifierOptions {
  /** When given, milliseconds spent in each stage are added to it (benchmarks, metrics). */
  stageMs?: Record<string, number>;
}

export function createClassifier(config: ClassifierConfig, options: ClassifierOptions = {}): Classifier {
  const topics = createTopicMatcher(config.taxonomy.topics);
  // Naming the brand makes a complaint as much as addressing it does ("Acme is slow again").
  const brandTerms = config.brands.flatMap((b) => [b.name, ...b.aliases]);
  const failureDemand = createFailureDemandDetector(config.classify.failureDemand, { brandTerms });
  const intent = createIntentClassifier(config.classify.intent, { brandTerms });
  // One index per brand: two brands' customers writing alike are separate voices, and a
  // copy-paste campaign targets one brand.
  const duplicatesByBrand = new Map<string, NearDuplicateIndex>();
  const duplicates = (brand: string) => {
    let index = duplicatesByBrand.get(brand);
    if (!index) duplicatesByBrand.set(brand, (index = new NearDuplicateIndex()));
    return index;
  };
  const stageMs = options.stageMs;
  let mark = 0;
  const lap = stageMs
    ? (stage: string) => {
        const now = performance.now();
        stageMs[stage] = (stageMs[stage] ?? 0) + now - mark;
        mark = now;
      }
    : null;

  return {
    classifyBatch(mentions, now = new Date()) {
      const processedAt = now.toISOString();
      const out: EnrichedMention[] = new Array(mentions.length);
      for (let i = 0; i < mentions.length; i++) {
        const raw = mentions[i]!;
        if (lap) mark = performance.now();
        // The title carries meaning for posts (Reddit, HN, RSS) whose body may be short.
        const text = analyzeText(raw.title ? `${raw.title}. ${raw.text}` : raw.text);
        lap?.('analyzeText');
        // The language is read off the same analysis (title included: it is the same author's).
        const language = detectLanguage(text, raw.langHint);
        lap?.('detectLanguage');
        const sentiment = scoreSentiment(text, language.language);
        lap?.('scoreSentiment');
        const demand = failureDemand(text, sentiment, language.language);
        lap?.('failureDemand');
        const duplicateOf = duplicates(raw.brand).check(raw.id, text, Date.parse(raw.createdAt), raw.repostOf);
        lap?.('dedup');
        const topicIds = topics(text);
        lap?.('topics');
        const intentLabel = intent(text, { sentiment, failureDemand: demand.failureDemand, language: language.language });
        lap?.('intent');
        const keyPhrases = extractKeyPhrases(text);
        lap?.('keyPhrases');
        out[i] = {
          schemaVersion: ENRICHED_SCHEMA_VERSION,
          raw,
          language: language.language,
          languageConfidence: language.confidence,
          duplicateOf,
          sentiment,
          topics: topicIds,
          failureDemand: demand.failureDemand,
          failureCategory: demand.category,
          intent: intentLabel,
          keyPhrases,
          processingVersion: PROCESSING_VERSION,
          processedAt,
        };
        lap?.('compose');
      }
      return out;
    },
  };
}
