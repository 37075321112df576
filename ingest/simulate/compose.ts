// Independent voices say the same thing in different words. A filled template is one clause;
// around it people add an opener, a detail or two about their situation, and a sign-off. These
// pools make two posts from the same template differ in most of their words, as two people's
// posts do (a near-duplicate detector should flag copies, not coincidences).
import type { Random } from './random.js';
import type { Sentiment } from './noise.js';

export type Voice = Sentiment | 'question' | 'idea';

const OPENERS: Record<Voice, string[]> = {
  negative: ['honestly', 'right.', 'so', 'ok so', 'well.', 'unbelievable.', 'here we go again.', 'not again.', 'great.', 'brilliant.', 'ugh.', 'seriously,', "can't believe I'm saying this again but", 'day {n} of this nonsense:', 'just a reminder that', 'so apparently', 'PSA:', 'rant incoming.', 'for the record,', 'absolutely livid.', 'of course', 'story of my life:', 'lovely start to the {weekday}:', 'this is getting silly.', 'wonderful.', 'cool cool cool.', 'and breathe.'],
  positive: ['ok', 'honestly', 'wow', 'not gonna lie,', 'have to say', 'small win today:', 'credit where due:', 'shoutout time:', 'pleasantly surprised:', 'good news for once:', "didn't expect this but", 'genuinely,', 'happy {weekday}!', 'right,', 'well well.', 'faith restored:'],
  neutral: ['so', 'quick one:', 'fyi', 'hmm', 'interesting:', 'just saw this:', 'heads up:', 'ok,', 'random thought:', 'in other news,', 'update:', 'meanwhile'],
  question: ['quick question:', 'random question:', 'question for the hive mind:', 'curious:', 'anyone around?', 'help please:', 'can anyone tell me', 'silly question maybe, but', 'genuine question:', 'before I ring them:'],
  idea: ['idea:', 'suggestion:', 'hear me out:', 'small request:', 'feature request:', 'thought:', 'dear product team,', 'one thing that would help:'],
};

const DETAILS: Record<Voice, string[]> = {
  negative: [
    '{duration} now.', 'this has been going on {since}.', 'paying {money} a month for this.', 'been a customer {years}.', '{friend} has exactly the same problem.', 'I work from home, so this actually matters.',
    'had to use my phone data all day.', 'was on hold for {shortdur} yesterday as well.', 'got cut off twice.', 'nobody seems to know what is going on.', 'the chatbot just goes round in circles.',
    '{ticket} if anyone there cares.', 'the app says everything is fine.', 'the kids are going mad.', 'had to take the afternoon off for this.', 'third week running.', 'spoke to {agent}, who was nice but could not help.',
    'they keep saying it is being looked into.', "we're in {city} if that matters.", 'I have screenshots.', 'missed a meeting because of it.', 'it was fine until last {weekday}.', 'every time I ring it is a different story.',
    'the email said 24 hours.', 'literally nothing has changed.', 'no apology, nothing.', 'I have better things to do on a {weekday}.', 'the letter they sent makes no sense.', "I'm not the only one on my street either.",
    'and the hold music is still going in my head.', 'got promised a callback that never came.', 'I even went into the shop.', 'and now they want me to fill in a survey.', 'this is my {ordinal} post about it.',
  ],
  positive: [
    'took about five minutes.', '{agent} was lovely.', 'been with them {years}.', 'no fuss at all.', "didn't even have to chase.", "first time in ages I've been impressed by a company.", 'told {friend} to switch.',
    'this is how it should be done.', 'and on a {weekday} evening too.', 'honestly could not be happier.', 'much better than my last provider.', 'saved me {money} as well.', 'really made my day.', 'will be staying put.',
    'expected a fight and got a fix.', 'sorted before my tea went cold.', "and they followed up the next day.", 'worth every penny so far.',
  ],
  neutral: ['not sure yet.', "we'll see.", 'in {city} if it matters.', 'asking for {friend}.', 'any tips welcome.', 'thinking about it.', 'saw it on the news.', 'no strong feelings either way.', 'will report back.', 'might be useful for someone.', 'heard mixed things.', 'just curious really.', 'moving house next month.', 'first time using them.', 'spotted it this morning.'],
  question: ['asking for {friend}.', 'in {city} if it matters.', "couldn't find it on the website.", 'the FAQ is no help.', 'googled it, no luck.', 'new customer here.', 'been with them {years}.', 'need to sort it before {weekday}.', "don't want to sit on hold for it.", 'the app is not clear at all.', 'trying to help {friend}.'],
  idea: ['would use it every day.', "surely it can't be that hard?", 'every other company does it.', 'just a thought.', 'would make life so much easier.', 'please consider it.', 'who do I send this to?', 'take my money.', 'been asking for {years}.', 'would save your call centre a lot of calls.', '{friend} says the same.'],
};

const CLOSERS: Record<Voice, string[]> = {
  negative: ['{fume}', 'sort it out.', 'anyone else?', 'is anyone there?', 'what a joke.', 'I give up.', 'so tired of this.', 'why is it so hard?', 'do better.', 'this cannot be legal.', 'cheers for nothing.', 'never again.', 'switching as soon as I can.', 'absolutely sick of it.', 'this is the service I pay for apparently.', 'how is this acceptable?', 'really disappointed.', 'rant over.', 'I want answers.', 'help?', 'someone please fix this.', 'properly fed up now.', 'where do I even complain?', '{emoji_neg}'],
  positive: ['{joy}', 'thank you!', 'top job.', 'more of this please.', 'love to see it.', 'ten out of ten.', 'well done team.', 'happy days.', 'chuffed.', 'cheers!', 'nice work.', 'keep it up.', '{emoji_pos}'],
  neutral: ['thoughts?', 'cheers.', "we'll see how it goes.", 'ta.', 'interesting.', 'anyway.', 'that is all.', '{emoji_q}'],
  question: ['anyone know?', 'thanks in advance.', 'any ideas?', 'just wondering.', 'answers welcome.', 'cheers.', 'ta!', '{emoji_q}'],
  idea: ['just saying.', 'thanks!', 'please!', 'pretty please?', 'make it happen.', 'go on.', '{emoji_pos}'],
};

/** Adds what a person would around one clause: opener, details, sign-off (at least one). */
export function compose(core: string, voice: Voice, rng: Random, expandPart: (template: string) => string): string {
  // a clause that already leads with a label ("idea for X:", "PSA:") takes no second one
  const labelled = /^[^.!?]{0,40}:/.test(core);
  const opener = !labelled && rng.chance(0.3) ? expandPart(rng.pick(OPENERS[voice])) + ' ' : '';
  let body = core.trim();
  const details = rng.chance(0.6) ? (rng.chance(0.3) ? 2 : 1) : 0;
  let last = '';
  for (let i = 0; i < details; i++) {
    const d = rng.pick(DETAILS[voice]);
    if (d === last) continue;
    last = d;
    body = sentence(body) + ' ' + expandPart(d);
  }
  if ((!opener && !details) || rng.chance(0.5)) body = sentence(body) + ' ' + expandPart(rng.pick(CLOSERS[voice]));
  return (opener + body).replace(/\s{2,}/g, ' ');
}

/** Ends a clause so another can follow: keeps ? and !, adds a full stop otherwise. */
function sentence(text: string): string {
  return /[.!?…:,]$|\p{Extended_Pictographic}$/u.test(text) ? text : text + '.';
}
