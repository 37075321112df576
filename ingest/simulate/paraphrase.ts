// Word-level rewording: two people with the same experience rarely pick the same words.
// Applied to every English clause before composing, so a template yields many phrasings.
// Failure-demand markers ("still waiting", "again", "third time", "told me", "refund",
// "cancel", "fixed") and taxonomy words are deliberately left alone: they are what the
// classifiers must find, and people do use them.
import type { Random } from './random.js';

const PARAPHRASES: [string, string[]][] = [
  ['so much better', ['loads better', 'way better', 'miles better', 'a lot better']],
  ['brilliant', ['amazing', 'fab', 'excellent', 'superb', 'spot on']],
  ['lovely', ['so nice', 'really kind', 'a star', 'great']],
  ['sorted', ['fixed', 'resolved', 'dealt with']],
  ['impressed', ['well impressed', 'genuinely impressed', 'blown away']],
  ['actually', ['genuinely', 'honestly', 'really']],
  ['really', ['properly', 'genuinely', 'so', 'seriously']],
  ['very', ['really', 'super', 'so']],
  ['thank you', ['thanks', 'cheers', 'thanks so much', 'many thanks']],
  ['website', ['site', 'web site']],
  ["can't", ['cannot', 'cant', 'can not']],
  ["don't", ['dont', 'do not']],
  ["I've", ['ive', 'I have']],
  ["I'm", ['im', 'I am']],
  ["it's", ['its', 'it is']],
  ["didn't", ['didnt', 'did not']],
  ["won't", ['wont', 'will not']],
  ["doesn't", ['doesnt', 'does not']],
  ['honestly', ['tbh', 'to be honest', 'ngl']],
  ['joke', ['farce', 'circus', 'shambles']],
  ['awful', ['terrible', 'dreadful', 'shocking', 'horrendous']],
  ['useless', ['hopeless', 'worthless', 'a waste of space']],
  ['terrible', ['awful', 'appalling', 'dire']],
  ['the worst', ['the absolute worst', 'hands down the worst', 'easily the worst']],
  ['minutes', ['mins']],
  ['hours', ['hrs']],
  ['rang', ['called', 'phoned']],
  ['got through to', ['reached', 'got hold of']],
  ['have to say', ['gotta say', 'must say', 'I have to say']],
  ['every single', ['every', 'each and every']],
  ['completely', ['totally', 'utterly', 'absolutely']],
  ['nobody', ['no one', 'not a single person']],
  ['this morning', ['this am', 'first thing today']],
  ['tonight', ['this evening', 'all evening']],
  ['quick', ['fast', 'speedy']],
  ['easy', ['simple', 'painless']],
  ['happy', ['pleased', 'chuffed', 'delighted']],
  ['great', ['excellent', 'fab', 'ace', 'brill']],
  ['good', ['decent', 'solid']],
  ['rubbish', ['garbage', 'pants', 'naff']],
  ['ridiculous', ['absurd', 'laughable', 'mental']],
  ['anyone', ['anybody', 'any of you']],
  ['going on', ['happening', 'up']],
  ['please', ['pls', 'plz']],
  ['problem', ['issue', 'nightmare']],
  ['for me', ['for us', 'for my family']],
  ['literally', ['quite literally', 'actually']],
  ['massive', ['huge', 'big']],
  ['no questions asked', ['zero hassle', 'no fuss whatsoever']],
  ['keeps', ['constantly', 'is always']],
  ['seriously', ['for real', 'genuinely']],
  ['absolutely', ['totally', 'completely']],
  ['people', ['folks', 'customers']],
  ['a month', ['per month', 'a month', 'monthly']],
  ['what is', ["what's"]],
  ['how do I', ['how can I', 'how would I']],
  ['does anyone know', ['anyone know', 'does anybody know']],
  ['thinking of', ['considering', 'tempted by']],
  ['love', ['adore', 'really like']],
  ['sick of', ['fed up with', 'tired of']],
  ['finally', ['at last', 'at long last']],
  ['amazing', ['incredible', 'fantastic']],
  ['immediately', ['straight away', 'right away']],
  ['terrible service', ['shocking service', 'dire service']],
  ['useless', ['pointless']],
];

const compiled: [RegExp, string[]][] = PARAPHRASES.map(([from, to]) => [new RegExp(`\\b${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi'), to]);

function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase() && /[A-Z]/.test(original)) return replacement.toUpperCase();
  if (/^[A-Z]/.test(original)) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Rewords some of the common words in `text` (each occurrence with probability `p`). */
export function paraphrase(text: string, rng: Random, p = 0.6): string {
  let out = text;
  for (const [re, alternatives] of compiled) {
    re.lastIndex = 0;
    if (!re.test(out)) continue;
    re.lastIndex = 0;
    out = out.replace(re, (m) => (rng.chance(p) ? matchCase(m, rng.pick(alternatives)) : m));
  }
  return out;
}
