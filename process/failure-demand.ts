// Failure demand (John Seddon): a contact caused by a failure to do something, or do it right,
// the first time. Phrase cues per category (process/lexicons/failure-demand[.<language>].yaml plus config
// extras) on stemmed tokens, gated by sentiment for the weak ones.
import { FAILURE_CATEGORIES, type FailureCategory, type SentimentLabel } from '../messages/index.js';
import { hasHandle, languageMatchers, lexiconLanguages, sharedMatcher, negatedBefore, PhraseMatcher, targetFinder, phraseList, readLexicon, type LanguageMatchers } from './phrases.js';
import type { AnalyzedText } from './text.js';

export interface FailureDemandResult {
  failureDemand: boolean;
  category: FailureCategory | null;
}
/** `language`: the mention's language, when known (which languages' cues apply: see LanguageMatchers). */
export type FailureDemandDetector = (text: AnalyzedText, sentiment: { score: number; label: SentimentLabel }, language?: string) => FailureDemandResult;

/**
 * Ties go to the category a service manager can act on most directly: a repeat contact is
 * also a chase, a chase is often about a failed service; the specific one wins.
 */
const PRIORITY: readonly FailureCategory[] = ['repeat_contact', 'chasing_progress', 'not_fixed', 'wrong_information', 'cancellation_refund', 'service_failure'];
const STRONG = 2;
const WEAK = 1;

type Cue = { category: FailureCategory; weight: number } | { category: 'resolved'; weight: 0 };

function isCategory(name: string): name is FailureCategory {
  return (FAILURE_CATEGORIES as readonly string[]).includes(name);
}

/** English first, then each other language's file of the same shape. */
function lexiconFiles(): string[] {
  return ['failure-demand.yaml', ...lexiconLanguages('failure-demand').map(([, file]) => file)];
}

/** Each lexicon file's `brand_hashtag` lists: the failure words customers join to a brand's name in a hashtag. */
function readBrandHashtagWords(): Map<string, FailureCategory> {
  const words = new Map<string, FailureCategory>();
  for (const file of lexiconFiles()) {
    const lists = ((readLexicon(file) as Record<string, unknown>).brand_hashtag ?? {}) as Record<string, unknown>;
    for (const [category, list] of Object.entries(lists)) {
      if (!isCategory(category)) throw new Error(`${file} brand_hashtag.${category}: expected a category, one of ${FAILURE_CATEGORIES.join(', ')}`);
      for (const word of phraseList(list, `${file} brand_hashtag.${category}`)) words.set(word.toLowerCase(), category);
    }
  }
  return words;
}

/**
 * Outage hashtags: "#AcmeDown", "#AcmeOutage", "#DownAcme", a monitored brand's name (or alias,
 * letters and digits only) joined to a failure word. Customers coin them in every outage and
 * they carry no other cue ("everything is fine #AcmeDown"). Undefined without brand terms.
 */
function brandHashtagFinder(brandTerms: readonly string[]): ((text: AnalyzedText) => FailureCategory | null) | undefined {
  const brands = [...new Set(brandTerms.map((t) => t.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')))].filter((t) => t.length >= 3);
  if (brands.length === 0) return undefined;
  const words = readBrandHashtagWords();
  return (text) => {
    const { tokens, types } = text;
    for (let i = 0; i < tokens.length; i++) {
      if (types[i] !== 'hashtag') continue;
      const body = tokens[i]!.slice(1).toLowerCase();
      for (const brand of brands) {
        if (body.length <= brand.length) continue;
        const rest = body.startsWith(brand) ? body.slice(brand.length) : body.endsWith(brand) ? body.slice(0, -brand.length) : undefined;
        const category = rest === undefined ? undefined : words.get(rest);
        if (category) return category;
      }
    }
    return null;
  };
}

function buildMatchers(extra: Record<string, string[]>): LanguageMatchers<Cue> {
  // English in failure-demand.yaml, each other language in failure-demand.<language>.yaml of the
  // same shape (see LanguageMatchers for which apply to which text).
  const fill = (matcher: PhraseMatcher<Cue>, file: string) => {
    const block = readLexicon(file) as Record<string, unknown>;
    for (const category of FAILURE_CATEGORIES) {
      const entry = (block[category] ?? {}) as { strong?: unknown; weak?: unknown };
      for (const p of phraseList(entry.strong, `${file} ${category}.strong`)) matcher.add(p, { category, weight: STRONG });
      for (const p of phraseList(entry.weak, `${file} ${category}.weak`)) matcher.add(p, { category, weight: WEAK });
    }
    for (const p of phraseList(block.resolved, `${file} resolved`)) matcher.add(p, { category: 'resolved', weight: 0 });
  };
  const addExtra = (matcher: PhraseMatcher<Cue>) => {
    for (const [name, phrases] of Object.entries(extra)) {
      if (!isCategory(name)) {
        throw new Error(`classify.failureDemand: unknown category '${name}'; expected one of ${FAILURE_CATEGORIES.join(', ')}`);
      }
      for (const p of phrases) matcher.add(p, { category: name, weight: STRONG });
    }
  };
  return languageMatchers('failure-demand', fill, addExtra);
}

export interface FailureDemandOptions {
  /** Names and handles of the monitored brands (config brands[].name and aliases): a brand named counts as a target for weak cues. */
  brandTerms?: readonly string[];
}

/**
 * `extra`: config `classify.failureDemand`, category → phrases, each counted as a strong cue.
 * `options.brandTerms`: see FailureDemandOptions.
 */
export function createFailureDemandDetector(extra: Record<string, string[]> = {}, options: FailureDemandOptions = {}): FailureDemandDetector {
  const matchers = sharedMatcher('failure-demand', extra, () => buildMatchers(extra));
  const findTargets = targetFinder(options.brandTerms);
  const findBrandHashtag = brandHashtagFinder(options.brandTerms ?? []);
  return (text, sentiment, language) => {
    const hits = matchers.match(text, language);
    const hashtagCategory = findBrandHashtag?.(text) ?? null;
    if (hits.length === 0) return hashtagCategory ? { failureDemand: true, category: hashtagCategory } : { failureDemand: false, category: null };
    const strong = new Map<FailureCategory, number>();
    const weak = new Map<FailureCategory, number>();
    let anyStrong = false;
    if (hashtagCategory) {
      strong.set(hashtagCategory, STRONG);
      anyStrong = true;
    }
    let resolved = false;
    for (const hit of hits) {
      const cue = hit.value;
      if (cue.category === 'resolved') {
        resolved = true;
        continue;
      }
      // "not still waiting", "never had to call twice": a negator just before voids the cue.
      if (negatedBefore(text, hit.start)) continue;
      const into = cue.weight === STRONG ? strong : weak;
      into.set(cue.category, (into.get(cue.category) ?? 0) + cue.weight);
      if (cue.weight === STRONG) anyStrong = true;
    }
    const negative = sentiment.label === 'negative';
    if (resolved && !negative) return { failureDemand: false, category: null };
    // Weak cues ("again", "delayed", "still") only count beside a strong cue, or in a negative
    // tone about something a company provides (a target, a brand, an @handle): "rain all day
    // again" is not failure demand. A bare "you" is not enough: it is as often the generic one
    // ("your work is never done").
    const countWeak = anyStrong || (negative && (hasHandle(text) || findTargets(text) !== 0));
    let best: FailureCategory | null = null;
    let bestScore = 0;
    for (const category of PRIORITY) {
      const score = (strong.get(category) ?? 0) + (countWeak ? (weak.get(category) ?? 0) : 0);
      if (score > bestScore) {
        best = category;
        bestScore = score;
      }
    }
    return best ? { failureDemand: true, category: best } : { failureDemand: false, category: null };
  };
}
