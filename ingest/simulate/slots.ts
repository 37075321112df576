// Slot values shared by every topic: durations, counts, names, places, emoji. Values may be
// templates themselves. Topic banks add their own slots (topics.ts); brand slots are made per
// brand (simulate.ts).
import type { Random } from './random.js';

export const SHARED_SLOTS: Record<string, readonly string[]> = {
  duration: ['2 days', '3 days', 'three days', '4 days', 'five days', 'a week', 'over a week', '10 days', 'two weeks', '2 weeks', '3 weeks', 'nearly a month', 'a month', 'six weeks', '48 hours', '72 hours', 'a fortnight'],
  shortdur: ['20 minutes', '40 mins', '45 minutes', 'an hour', 'over an hour', '90 minutes', '2 hours', 'two hours', '1hr 20', 'an hour and a half'],
  since: ['since Monday', 'since last week', 'since yesterday', 'since this morning', 'since 6am', 'since Friday', 'since the weekend', 'since lunchtime', 'since last night', 'since the 3rd'],
  ordinal: ['second', 'third', 'fourth', 'fifth', '3rd', '4th', '5th', 'sixth'],
  times: ['twice', 'three times', '3 times', 'four times', '4 times', '5 times', 'multiple times', 'six times', 'so many times'],
  weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  month: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  years: ['2 years', 'three years', '5 years', 'six years', 'ten years', 'over a decade', '8 years'],
  agent: ['Sarah', 'Dave', 'Priya', 'Tom', 'Aisha', 'Mark', 'Chloe', 'Jamal', 'Emma', 'Ryan', 'Fatima', 'Olly', 'Kate', 'Ben', 'Lucy'],
  friend: ['my mum', 'my dad', 'my partner', 'my flatmate', 'my neighbour', 'a mate', 'my wife', 'my husband', 'my sister', 'my nan', 'my boss'],
  city: ['Manchester', 'Leeds', 'Bristol', 'Glasgow', 'Cardiff', 'Birmingham', 'north London', 'south London', 'Brighton', 'Sheffield', 'Nottingham', 'Liverpool', 'Edinburgh', 'Newcastle', 'Leicester', 'Belfast', 'Norwich', 'Plymouth'],
  pct: ['8%', '9.5%', '12%', '14%', '6.4%', '17%', '20%', '11%'],
  emoji_neg: ['😡', '🤬', '😤', '🙄', '😩', '😭', '👎', '💀', '🤦‍♂️', '🤦‍♀️', '😒', '😠', '🫠'],
  emoji_pos: ['❤️', '🙌', '😍', '👏', '🔥', '💯', '😊', '🥳', '👍', '✨', '🙏', '💪'],
  emoji_q: ['🤔', '👀', '🙏', '🤷', '❓'],
  fume: ['Absolute joke.', 'Unbelievable.', 'Ridiculous.', 'Shambles.', 'Disgraceful.', 'Pathetic.', 'Sort it out.', 'Do better.', 'Honestly.', 'Embarrassing.', 'Unreal.', 'Fuming.', 'Not good enough.'],
  joy: ['Cheers!', 'Thank you!', 'Impressed.', 'Well done.', 'Top marks.', 'Nice one.', 'Made my day.', 'Credit where due.', 'Happy customer.'],
  colour: ['black', 'navy', 'green', 'white', 'red', 'sage green', 'grey'],
  version: ['5.2', '6.0', '6.1.3', '7.4', '8.0.1', '4.9.2'],
};

/** Slots whose values are generated rather than listed. */
export function generatedSlot(name: string, rng: Random): string | undefined {
  switch (name) {
    case 'n':
      return String(rng.int(2, 14));
    case 'money': {
      const cur = rng.pick(['£', '£', '£', '$', '€']);
      return rng.chance(0.5) ? `${cur}${rng.int(5, 250)}` : `${cur}${rng.int(5, 120)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
    }
    case 'order':
      return rng.pick([`#${rng.int(1_000_000, 9_999_999)}`, `order ${rng.int(100_000, 999_999)}`, `#A${rng.int(10_000, 99_999)}-${rng.int(10, 99)}`, `order no. ${rng.int(10_000_000, 99_999_999)}`]);
    case 'ticket':
      return rng.pick([`ticket ${rng.int(100_000, 999_999)}`, `case #CS-${rng.int(10_000, 99_999)}`, `ref ${rng.int(1_000_000, 9_999_999)}`, `complaint ref ${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(100_000, 999_999)}`]);
    case 'code':
      return rng.pick([`E${rng.int(100, 999)}`, `ERR_${rng.int(1000, 9999)}`, `error ${rng.int(400, 599)}`, `code ${rng.int(10, 99)}-${rng.int(100, 999)}`]);
    case 'clock':
      return rng.chance(0.5) ? `${rng.int(6, 11)}am` : `${rng.int(1, 10)}pm`;
    case 'initials':
      return String.fromCharCode(65 + rng.int(0, 25)) + String.fromCharCode(65 + rng.int(0, 25));
    default:
      return undefined;
  }
}
