// How people actually type: lowercase, CAPS, elongated words, typos, emoji, hashtags, links.
// Applied after a template is filled, more on short-form social channels than on blogs.
import type { Random } from './random.js';

export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface NoiseProfile {
  /** 0 (blogs, HN) … 1 (X): how casual the channel's writing is. */
  casual: number;
  emoji: boolean;
  hashtags: boolean;
}

const MISSPELLINGS: Record<string, string[]> = {
  definitely: ['definately', 'defo'],
  receive: ['recieve'],
  received: ['recieved'],
  because: ['cos', 'bc', 'becuase'],
  "it's": ['its'],
  "can't": ['cant', 'cannot'],
  "don't": ['dont'],
  "didn't": ['didnt'],
  "I'm": ['im', 'Im'],
  "you're": ['your', 'ur'],
  your: ['ur', "you're"],
  separate: ['seperate'],
  tomorrow: ['tomorow', 'tmrw'],
  really: ['rly', 'realy'],
  please: ['pls', 'plz'],
  people: ['ppl'],
  though: ['tho'],
  thanks: ['thx', 'ty'],
  waiting: ['wating'],
  business: ['buisness'],
};

const ELONGATE: Record<string, string[]> = {
  so: ['soooo', 'sooo'],
  please: ['pleeease', 'pleaseeee'],
  why: ['whyyyy', 'whyyy'],
  again: ['againnn', 'agaaain'],
  love: ['loooove', 'looove'],
  no: ['noooo'],
  slow: ['sloooow'],
  thank: ['thaaank'],
  long: ['looong'],
};

const SHOUT = new Set(['again', 'still', 'never', 'what', 'twice', 'nothing', 'not', 'worst', 'no', 'every', 'down', 'again.', 'still.']);

const TAGS: Record<Sentiment, string[]> = {
  negative: ['#fail', '#customerservice', '#rant', '#WFH', '#consumerrights', '#fuming', '#mondays', '#notimpressed'],
  positive: ['#happycustomer', '#thankyou', '#winning', '#recommend'],
  neutral: ['#tech', '#broadband', '#UK', '#help', '#askingforafriend'],
};

const EMOJI: Record<Sentiment, string[]> = {
  negative: ['😡', '🙄', '😤', '😩', '🤦', '👎', '😒', '💀'],
  positive: ['😊', '👍', '🙌', '❤️', '✨', '👏'],
  neutral: ['👀', '🤔', '🙂', '🤷'],
};

const LINK_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function shortLink(rng: Random): string {
  let id = '';
  for (let i = 0; i < 10; i++) id += LINK_CHARS[rng.int(0, LINK_CHARS.length - 1)];
  return `https://t.co/${id}`;
}

/**
 * Roughens a filled template. `brandTag` is a hashtag for the brand (#AcmeFail); words in
 * `keep` (the brand's own name) are never misspelt, since a misspelt brand would not have
 * matched the search that found the post.
 */
export function roughen(text: string, sentiment: Sentiment, profile: NoiseProfile, rng: Random, brandTag: string, keep?: ReadonlySet<string>): string {
  const c = profile.casual;
  let words = text.split(' ');

  // common misspellings and slang
  if (rng.chance(0.25 * c)) {
    words = words.map((w) => {
      const alts = MISSPELLINGS[w] ?? MISSPELLINGS[w.toLowerCase()];
      return alts && rng.chance(0.6) ? rng.pick(alts) : w;
    });
  }
  // one fat-fingered word
  if (rng.chance(0.12 * c + 0.02)) {
    const i = rng.int(0, words.length - 1);
    const w = words[i]!;
    if (/^[a-zA-Z]{4,}$/.test(w) && !keep?.has(w.toLowerCase())) words[i] = typo(w, rng);
  }
  // elongation
  if (rng.chance(sentiment === 'neutral' ? 0.02 : 0.1 * c)) {
    words = words.map((w) => {
      const alts = ELONGATE[w.toLowerCase()];
      return alts && rng.chance(0.7) ? rng.pick(alts) : w;
    });
  }
  // shouting one word, or all of it
  if (sentiment === 'negative' && rng.chance(0.15 * c)) {
    words = words.map((w) => (SHOUT.has(w.toLowerCase()) ? w.toUpperCase() : w));
  }
  let out = words.join(' ');
  if (sentiment === 'negative' && rng.chance(0.04 * c)) out = out.toUpperCase();
  else if (rng.chance(0.25 * c)) out = lowerKeepingHandles(out);

  // punctuation habits
  if (rng.chance(0.3 * c)) out = out.replace(/[.]$/, '');
  if (sentiment !== 'neutral' && rng.chance(0.12 * c)) out = out.replace(/[.!]?$/, sentiment === 'negative' ? rng.pick(['!!!', '!!', '?!', '!!!!']) : rng.pick(['!!', '!!!']));

  if (profile.emoji && !/\p{Extended_Pictographic}/u.test(out) && rng.chance(0.22 * c)) {
    const e = rng.pick(EMOJI[sentiment]);
    out += ' ' + (rng.chance(0.25) ? e + e + e : e);
  }
  if (profile.hashtags && rng.chance(0.12 * c)) {
    out += ' ' + (sentiment === 'negative' && rng.chance(0.4) ? brandTag : rng.pick(TAGS[sentiment]));
  }
  return out;
}

function lowerKeepingHandles(text: string): string {
  return text.replace(/(^|\s)([^@#\s][^\s]*)/g, (_m, sp: string, w: string) => sp + w.toLowerCase());
}

function typo(word: string, rng: Random): string {
  const i = rng.int(1, word.length - 2);
  switch (rng.int(0, 2)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
    case 1:
      return word.slice(0, i) + word.slice(i + 1); // drop
    default:
      return word.slice(0, i) + word[i] + word.slice(i); // double
  }
}

/** Small edits people make when copy-pasting someone else's post. */
export function varyCopy(text: string, rng: Random): string {
  switch (rng.int(0, 5)) {
    case 0:
      return text + ' ' + rng.pick(['+1', 'this', 'same', '👆', '💯', 'this 👇']);
    case 1:
      return rng.pick(['Same. ', 'Copying this: ', '', 'Agree: ']) + text;
    case 2:
      return text.replace(/\s*\p{Extended_Pictographic}+\s*$/u, '') || text;
    case 3:
      return text.toLowerCase();
    case 4:
      return text.replace(/[.!?]*$/, rng.pick(['!', '!!', '.', '']));
    default:
      return text;
  }
}
