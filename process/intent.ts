// Intent of a mention: complaint, question, praise, idea (co-creation) or other. Phrase cues
// (process/lexicons/intent[.<language>].yaml plus config extras) decide, with sentiment and failure demand
// as context; the order of the rules below is the policy.
import { INTENTS, type Intent, type SentimentLabel } from '../messages/index.js';
import { englishFalseFriends, sharedMatcher, hasHandle, isAddressed, languageMatchers, type LanguageMatchers, matchKeys, negatedBefore, PhraseMatcher, TARGET_BRAND, TARGET_NOUN, targetFinder, type TargetFinder, phraseList, readLexicon, type PhraseHit } from './phrases.js';
import type { AnalyzedText } from './text.js';

export interface IntentContext {
  sentiment: { score: number; label: SentimentLabel };
  failureDemand: boolean;
  /** The mention's language (ISO 639-1), when known: one-word English cues that are ordinary words there do not count (see englishFalseFriends). */
  language?: string;
}
export type IntentClassifier = (text: AnalyzedText, context: IntentContext) => Intent;

type CueKind = 'idea' | 'idea_vote' | 'not_idea' | 'complaint' | 'problem' | 'question' | 'praise' | 'thanks' | 'not_praise';
const LEXICON_KINDS: readonly CueKind[] = ['idea', 'idea_vote', 'not_idea', 'complaint', 'problem', 'question', 'praise', 'thanks', 'not_praise'];

/** Sentiment score at or below which a question reads as a complaint ("why is my bill wrong again?!"). */
const COMPLAINING_QUESTION_SCORE = -0.25;

export interface IntentOptions {
  /**
   * Names and handles of the monitored brands (config brands[].name and aliases): a mention that
   * names one has a target even without an @address or "you", so "Acme is slow as hell" reads as
   * a complaint. Matched like phrases (stems, hashtags, multi-word names).
   */
  brandTerms?: readonly string[];
}

function buildMatchers(extra: Record<string, string[]>): LanguageMatchers<CueKind> {
  // English in intent.yaml, other languages in intent.<language>.yaml of the same shape (see
  // LanguageMatchers for which apply to which text).
  const fill = (matcher: PhraseMatcher<CueKind>, file: string) => {
    const lexicon = (readLexicon(file) ?? {}) as Record<string, unknown>;
    for (const kind of LEXICON_KINDS) for (const p of phraseList(lexicon[kind], `${file} ${kind}`)) matcher.add(p, kind);
  };
  const addExtra = (matcher: PhraseMatcher<CueKind>) => {
    for (const [name, phrases] of Object.entries(extra)) {
      if (name === 'other' || !(INTENTS as readonly string[]).includes(name)) {
        throw new Error(`classify.intent: unknown intent '${name}'; expected one of complaint, question, praise, idea`);
      }
      for (const p of phrases) matcher.add(p, name as CueKind);
    }
  };
  return languageMatchers('intent', fill, addExtra);
}

/** True when hit `a` is vetoed by a `veto` hit overlapping it or starting up to 2 tokens before it. */
function vetoed(a: PhraseHit<CueKind>, vetoes: PhraseHit<CueKind>[]): boolean {
  for (const v of vetoes) if (v.start <= a.end && v.end >= a.start - 2) return true;
  return false;
}

/**
 * `extra`: config `classify.intent`, intent → phrases. `options.brandTerms`: the monitored
 * brands' names and handles (see IntentOptions).
 */
export function createIntentClassifier(extra: Record<string, string[]> = {}, options: IntentOptions = {}): IntentClassifier {
  const decide = explainIntentWith(sharedMatcher('intent', extra, () => buildMatchers(extra)), targetFinder(options.brandTerms));
  return (text, context) => decide(text, context).intent;
}

/** Which rule decided: for evaluation tables and debugging, not stored. */
export type IntentRule = 'idea' | 'failure_demand' | 'complaint_cue' | 'problem' | 'negative_question' | 'question' | 'praise_cue' | 'negative_tone' | 'positive_tone' | 'none';

/** Like createIntentClassifier, but also says which rule decided. */
export function createIntentExplainer(extra: Record<string, string[]> = {}, options: IntentOptions = {}): (text: AnalyzedText, context: IntentContext) => { intent: Intent; rule: IntentRule } {
  return explainIntentWith(sharedMatcher('intent', extra, () => buildMatchers(extra)), targetFinder(options.brandTerms));
}

const NONE: readonly PhraseHit<CueKind>[] = [];

function explainIntentWith(matchers: LanguageMatchers<CueKind>, findTargets: TargetFinder) {
  return (text: AnalyzedText, { sentiment, failureDemand, language }: IntentContext): { intent: Intent; rule: IntentRule } => {
    let hits = matchers.match(text, language);
    // German "die" is not dying and Spanish "con" not a con.
    const falseFriends = language ? englishFalseFriends(language) : null;
    if (falseFriends?.size) {
      const keys = matchKeys(text);
      hits = hits.filter((h) => h.end - h.start !== 1 || !falseFriends.has(keys[h.start]!));
    }
    // One pass: counts per kind, hit lists only for the kinds that take vetoes.
    let ideas: PhraseHit<CueKind>[] | null = null, notIdea: PhraseHit<CueKind>[] | null = null;
    let praises: PhraseHit<CueKind>[] | null = null, notPraise: PhraseHit<CueKind>[] | null = null;
    let thanks: PhraseHit<CueKind>[] | null = null;
    let complaintCues = 0, problems = 0, questions = 0;
    // Where the last complaint or problem cue starts: a "but" before it and after the praise
    // shifts the focus to the fault ("love the machine but the paddle won't stay on").
    let lastFault = -1;
    // Overlapping phrases of one kind ("problem", "problem with") count once: hits come in
    // start order, so a hit starting before the previous one's end is the same cue.
    let complaintTo = -1, problemTo = -1;
    for (const h of hits) {
      switch (h.value) {
        case 'idea': (ideas ??= []).push(h); break;
        // "+1" under an outage agrees with a complaint, not with an idea.
        case 'idea_vote': if (!failureDemand) (ideas ??= []).push(h); break;
        case 'not_idea': (notIdea ??= []).push(h); break;
        case 'praise': (praises ??= []).push(h); break;
        case 'thanks': (thanks ??= []).push(h); break;
        case 'not_praise': (notPraise ??= []).push(h); break;
        // "never had an issue", "not bad": a negator just before voids a complaint or problem cue.
        case 'complaint':
          if (negatedBefore(text, h.start)) break;
          if (h.start >= complaintTo) complaintCues++;
          complaintTo = Math.max(complaintTo, h.end);
          lastFault = Math.max(lastFault, h.start);
          break;
        case 'problem':
          if (negatedBefore(text, h.start)) break;
          if (h.start >= problemTo) problems++;
          problemTo = Math.max(problemTo, h.end);
          lastFault = Math.max(lastFault, h.start);
          break;
        case 'question': questions++; break;
      }
    }
    let idea = 0;
    if (ideas) for (const h of ideas) if (!vetoed(h, notIdea ?? (NONE as PhraseHit<CueKind>[]))) idea++;
    let praise = 0;
    let firstPraise = -1;
    if (praises) {
      // Overlapping praise phrases ("brilliant", "brilliant customer service") are one praise.
      let praisedTo = -1;
      for (const h of praises) {
        if (vetoed(h, notPraise ?? (NONE as PhraseHit<CueKind>[]))) continue;
        if (h.start >= praisedTo) praise++;
        praisedTo = Math.max(praisedTo, h.end);
        if (firstPraise < 0 || h.start < firstPraise) firstPraise = h.start;
      }
    }
    let thanked = 0;
    if (thanks) for (const h of thanks) if (!vetoed(h, notPraise ?? (NONE as PhraseHit<CueKind>[]))) thanked++;
    const complaint = complaintCues + (notPraise?.length ?? 0);
    const negative = sentiment.label === 'negative';
    // Computed only when a rule needs them: most mentions are decided without.
    let addressedMemo: boolean | undefined;
    const addressed = () => (addressedMemo ??= isAddressed(text) || (findTargets(text) & TARGET_BRAND) !== 0);
    // A complaint is about someone's product or service: addressed to them, naming a brand, or
    // naming the thing that failed ("my order", "the app"). "The Browns are the worst" is a gripe, not a complaint.
    // Sarcastic thanks ("thanks for nothing") is said to someone, so it carries its own target.
    const targeted = () => notPraise !== null || addressed() || (findTargets(text) & TARGET_NOUN) !== 0;

    // A suggestion is a suggestion even when it comes with a gripe ("bring back the old app, this one crashes").
    if (idea > 0 && !(complaint > idea && negative)) return { intent: 'idea', rule: 'idea' };
    if (failureDemand) return { intent: 'complaint', rule: 'failure_demand' };
    // Praise outweighs complaint and problem cues when it is not outnumbered by them and the
    // fault is not put after a "but" (VADER's contrast rule: the clause after "but" dominates).
    const praiseOutweighs = (faults: number) => praise >= faults && !contrastBetween(text, firstPraise, lastFault);
    if (complaint > 0 && (negative || praise === 0 || !praiseOutweighs(complaint)) && targeted()) return { intent: 'complaint', rule: 'complaint_cue' };
    // A reported problem is a complaint even in a calm tone or a question, unless praise outweighs it.
    if (problems > 0 && (praise === 0 || negative || !praiseOutweighs(problems)) && targeted()) return { intent: 'complaint', rule: 'problem' };

    const asks = questions > 0 || hasQuestionMark(text);
    // Tone alone needs a company in view: a handle, a brand or a product named. A bare "you"
    // is as often the generic one ("you may feel tired today", "don't build your happiness…").
    const inView = () => hasHandle(text) || (findTargets(text) & (TARGET_BRAND | TARGET_NOUN)) !== 0;
    if (asks) return sentiment.score <= COMPLAINING_QUESTION_SCORE && (notPraise !== null || inView()) ? { intent: 'complaint', rule: 'negative_question' } : { intent: 'question', rule: 'question' };
    if (praise + thanked > 0 && !negative) return { intent: 'praise', rule: 'praise_cue' };
    // Negative tone alone reads as a complaint only when addressed to someone or naming a brand: "I hate Mondays" is not.
    if (negative && (hasHandle(text) || (findTargets(text) & TARGET_BRAND) !== 0)) return { intent: 'complaint', rule: 'negative_tone' };
    if (sentiment.label === 'positive') return { intent: 'praise', rule: 'positive_tone' };
    return { intent: 'other', rule: 'none' };
  };
}

/** Stems of the words that turn a sentence from what came before ("great phone, but…"). */
const CONTRAST_KEYS = new Set(['but', 'howev', 'although', 'though', 'except', 'unfortun', 'yet']);

/** True when a contrast word sits after token `from` and before token `to`. */
function contrastBetween(text: AnalyzedText, from: number, to: number): boolean {
  if (from < 0 || to <= from) return false;
  const keys = matchKeys(text);
  for (let i = from + 1; i < to; i++) if (CONTRAST_KEYS.has(keys[i]!)) return true;
  return false;
}

function hasQuestionMark(text: AnalyzedText): boolean {
  for (const t of text.tokens) if (t === '?') return true;
  return false;
}
