// Config taxonomy → topic ids. Phrases and exclusions match on stemmed tokens (so "charges"
// finds "charge", "crashed" finds "crash"), multi-word phrases as token sequences; the
// phrase syntax of process/phrases.ts ((a|b), <num>, .., *) works here too.
import type { TopicConfig } from '../config/index.js';
import { PhraseMatcher } from './phrases.js';
import type { AnalyzedText } from './text.js';

export type TopicMatcher = (text: AnalyzedText) => string[];

export function createTopicMatcher(topics: TopicConfig[]): TopicMatcher {
  // One trie for every topic's phrases and one for the exclusions: a mention is walked twice, not once per topic.
  const phrases = new PhraseMatcher<number>();
  const exclusions = new PhraseMatcher<number>();
  topics.forEach((topic, i) => {
    for (const p of topic.phrases) phrases.add(p, i);
    for (const p of topic.exclude ?? []) exclusions.add(p, i);
  });
  if (phrases.size === 0) return () => [];
  return (text) => {
    const hits = phrases.match(text);
    if (hits.length === 0) return [];
    const found = new Set<number>();
    for (const h of hits) found.add(h.value);
    if (exclusions.size > 0) for (const h of exclusions.match(text)) found.delete(h.value);
    // Config order, so output is stable whatever order the phrases occur in.
    return [...found].sort((a, b) => a - b).map((i) => topics[i]!.id);
  };
}
