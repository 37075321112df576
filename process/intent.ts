// Intent of a mention: complaint, question, praise, idea (co-creation) or other. Phrase cues
// (process/lexicons/intent.yaml plus config extras) decide, with sentiment and failure demand
// as context; the order of the rules below is the policy.
import { INTENTS, type Intent, type SentimentLabel } from '../messages/index.js';
import { matchKeys, PhraseMatcher, phraseList, readLexicon, type PhraseHit } from './phrases.js';
import type { AnalyzedText } from './text.js';

export interface IntentContext {
  sentiment: { score: number; label: SentimentLabel };
  failureDemand: boolean;
}
export type IntentClassifier = (text: AnalyzedText, context: IntentContext) => Intent;

type CueKind = 'idea' | 'not_idea' | 'complaint' | 'problem' | 'question' | 'praise' | 'not_praise';
const CUE_KINDS: readonly CueKind[] = ['idea', 'not_idea', 'complaint', 'problem', 'question', 'praise', 'not_praise'];

/** Sentiment score at or below which a question reads as a complaint ("why is my bill wrong again?!"). */
const COMPLAINING_QUESTION_SCORE = -0.25;

function buildMatcher(extra: Record<string, string[]>): PhraseMatcher<CueKind> {
  const lexicon = (readLexicon('intent.yaml') ?? {}) as Record<string, unknown>;
  const matcher = new PhraseMatcher<CueKind>();
  for (const kind of CUE_KINDS) for (const p of phraseList(lexicon[kind], `intent.yaml ${kind}`)) matcher.add(p, kind);
  for (const [name, phrases] of Object.entries(extra)) {
    if (name === 'other' || !(INTENTS as readonly string[]).includes(name)) {
      throw new Error(`classify.intent: unknown intent '${name}'; expected one of complaint, question, praise, idea`);
    }
    for (const p of phrases) matcher.add(p, name as CueKind);
  }
  return matcher;
}

/** True when hit `a` is vetoed by a `veto` hit overlapping it or starting up to 2 tokens before it. */
function vetoed(a: PhraseHit<CueKind>, vetoes: PhraseHit<CueKind>[]): boolean {
  return vetoes.some((v) => v.start <= a.end && v.end >= a.start - 2);
}

export function createIntentClassifier(extra: Record<string, string[]> = {}): IntentClassifier {
  const matcher = buildMatcher(extra);
  const decide = explainIntentWith(matcher);
  return (text, context) => decide(text, context).intent;
}

/** Which rule decided: for evaluation tables and debugging, not stored. */
export type IntentRule = 'idea' | 'failure_demand' | 'complaint_cue' | 'problem' | 'negative_question' | 'question' | 'praise_cue' | 'negative_tone' | 'positive_tone' | 'none';

/** Like createIntentClassifier, but also says which rule decided. */
export function createIntentExplainer(extra: Record<string, string[]> = {}): (text: AnalyzedText, context: IntentContext) => { intent: Intent; rule: IntentRule } {
  return explainIntentWith(buildMatcher(extra));
}

function explainIntentWith(matcher: PhraseMatcher<CueKind>) {
  return (text: AnalyzedText, { sentiment, failureDemand }: IntentContext): { intent: Intent; rule: IntentRule } => {
    const hits = matcher.match(text);
    const of = (kind: CueKind) => hits.filter((h) => h.value === kind);
    const notIdea = of('not_idea');
    const idea = of('idea').filter((h) => !vetoed(h, notIdea));
    const notPraise = of('not_praise');
    const praise = of('praise').filter((h) => !vetoed(h, notPraise));
    const complaint = of('complaint').length + notPraise.length;
    const negative = sentiment.label === 'negative';

    // A suggestion is a suggestion even when it comes with a gripe ("bring back the old app, this one crashes").
    if (idea.length > 0 && !(complaint > idea.length && negative)) return { intent: 'idea', rule: 'idea' };
    if (failureDemand) return { intent: 'complaint', rule: 'failure_demand' };
    if (complaint > 0 && (negative || praise.length === 0)) return { intent: 'complaint', rule: 'complaint_cue' };
    // A reported problem is a complaint even in a calm tone or a question, unless praise outweighs it.
    if (of('problem').length > 0 && (praise.length === 0 || negative)) return { intent: 'complaint', rule: 'problem' };

    const asks = matchKeys(text).includes('?') || of('question').length > 0;
    if (asks) return sentiment.score <= COMPLAINING_QUESTION_SCORE ? { intent: 'complaint', rule: 'negative_question' } : { intent: 'question', rule: 'question' };
    if (praise.length > 0 && !negative) return { intent: 'praise', rule: 'praise_cue' };
    // Negative tone alone reads as a complaint only when addressed to someone: "I hate Mondays" is not.
    if (negative && directed(text)) return { intent: 'complaint', rule: 'negative_tone' };
    if (sentiment.label === 'positive') return { intent: 'praise', rule: 'positive_tone' };
    return { intent: 'other', rule: 'none' };
  };
}

const SECOND_PERSON = new Set(['you', 'your', 'yours', 'u', 'ur', "y'all", 'yall', 'ya']);
function directed(text: AnalyzedText): boolean {
  for (let i = 0; i < text.tokens.length; i++) if (text.types[i] === 'mention' || SECOND_PERSON.has(text.tokens[i]!)) return true;
  return false;
}
