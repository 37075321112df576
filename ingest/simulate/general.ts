// Texts about the brand in general (no taxonomy topic), replies, the brand's own replies,
// spam, namesakes, and the extra sentences long-form channels add.
import type { FailureCategory } from '../../messages/index.js';
import type { BaseKind } from './topics.js';

export const GENERAL: Record<Exclude<BaseKind, 'failure'>, string[]> & { failure: Record<FailureCategory, string[]> } = {
  complaint: [
    '{brand} worst company I\'ve ever dealt with',
    'never again {brand}. never again.',
    'how is {brand} still in business',
    '{brand} you are a disgrace {emoji_neg}',
    'Great job {brand}, really outdone yourselves this time. not.',
    'my blood pressure every time I have to deal with {brand} {emoji_neg}',
    'switching away from {brand} the second my contract ends',
    'oh look, {brand} letting me down again. what a surprise',
    '{brand} has to be the most frustrating company in the country',
    'I would not recommend {brand} to my worst enemy',
    'not happy with {brand} at all',
    '{brand} is not good. not good at all.',
  ],
  failure: {
    chasing_progress: [
      '{handle} still waiting for a reply to my DM. {duration}',
      'any update {brand}? still waiting',
      'day {n} of waiting for {brand} to get back to me',
      '{brand} you said you\'d get back to me by {weekday}. still waiting',
    ],
    repeat_contact: [
      '{ordinal} time I\'ve contacted {brand} about this',
      'I\'ve now messaged {brand} {times} with no reply',
      '{handle} this is my {ordinal} tweet about the same problem. anyone there?',
      'rang {brand} {times} this week. same story every time',
    ],
    not_fixed: [
      '{brand} said it was fixed. it isn\'t.',
      'still broken {brand}. still. broken.',
      'problem is back again {handle}. "fixed" lasted a day',
    ],
    wrong_information: [
      'you told me one thing and did another {brand}',
      '{brand} your website says one thing and your staff say the opposite',
      '{handle} you told me it would be sorted by {weekday}. it\'s now {weekday}',
    ],
    cancellation_refund: [
      'trying to leave {brand}. they really don\'t want to let you go',
      '{brand} I just want my money back',
    ],
    service_failure: [
      '{brand} has completely failed me today',
      'nothing works with {brand} today. nothing.',
    ],
  },
  praise: [
    'love {brand} {emoji_pos}',
    'have to say {brand} have been brilliant lately',
    '{brand} never lets me down {emoji_pos}',
    'big thanks to {brand} today, made my week',
    'Genuinely impressed by {brand}. {joy}',
    '{brand} > everyone else. not even close',
    'ten years with {brand} and still happy',
    'recommended {brand} to {friend} and they love it too',
    '{brand} just get it right {emoji_pos}',
    'props to {brand} for actually listening to customers',
  ],
  question: [
    'anyone here with {brand}? worth it?',
    'thinking of switching to {brand}, thoughts?',
    'does anyone actually like {brand}?',
    '{handle} quick question, can I DM you?',
    'who\'s better, {brand} or the others?',
    'anyone know someone who works at {brand}?',
  ],
  idea: [
    '{brand} you should start a loyalty scheme',
    'I wish {brand} would bring back the old logo',
    'would love to see {brand} sponsor something local in {city}',
    'please bring back the {brand} Christmas advert with the dog',
    '{brand} should do a proper community forum',
  ],
  neutral: [
    '{brand} advert on TV again lol',
    '{brand} CEO steps down after {years}',
    '{brand} reports quarterly results, revenue up {pct}',
    'saw one of the {brand} vans outside the office',
    'just signed up with {brand}, we\'ll see how it goes',
    '{brand} sponsoring the match tonight',
    'interesting piece on {brand}\'s strategy in the FT today',
    '{brand} rebrand is... a choice',
    'walked past the new {brand} shop in {city}',
    '{brand} trending, what happened?',
    '{friend} works for {brand} now',
    '{brand} announces partnership with a streaming service',
    '{brand} to hire 500 apprentices',
    'thread on how {brand} built their network',
    'listening to a podcast with the {brand} founder',
  ],
};

/** Replies in a thread: agreement with the parent, or a fresh voice on its topic. */
export const REPLY_AGREE: Record<'negative' | 'positive' | 'neutral', string[]> = {
  negative: [
    'same here {emoji_neg}',
    'this. exactly this.',
    'happening to me too in {city}',
    'same thing happened to me with {brand} last month',
    '+1, {brand} are useless',
    'you\'re not alone, been like this for {duration}',
    'honestly same. {fume}',
    'join the club',
    'did you ever get it sorted? I\'m in the same boat',
    'report them to the ombudsman, it\'s the only thing that works',
  ],
  positive: ['agree, {brand} have been great for me too', 'same experience, really good {emoji_pos}', 'yep, can\'t fault them', 'good to hear, I\'ve had the same'],
  neutral: ['following', 'interested to know too', 'I think it depends where you live', 'did you try ringing them?', 'good question', 'commenting to find out later'],
};

/** The brand's own account answering; a listening tool sees these too. */
export const BRAND_REPLIES: string[] = [
  'Hi {user}, sorry to hear this. Could you DM us your account number so we can take a look? ^{initials}',
  'Sorry about this {user}. We\'re aware of an issue in some areas and our team is working on it. ^{initials}',
  'Hi {user}, thanks for letting us know. Please DM us your details and we\'ll get this sorted. ^{initials}',
  'Thanks for the kind words {user}! We\'ll pass this on to the team {emoji_pos} ^{initials}',
  'Hi {user}, we\'ve replied to your DM. ^{initials}',
  'We\'re sorry for the wait {user}. Can you send us a DM with your order number? ^{initials}',
];

/** Promotional spam that bot accounts post in floods. */
export const SPAM: string[] = [
  '🔥 {brand} deals up to 70% off today only 👉 {link} #ad #deals',
  'WIN a {brand} voucher worth {money}! RT and follow to enter 🎁 {link}',
  'Get {brand} free for 3 months with this code 👉 {link} #promo',
  '{brand} giveaway 💰💰 click {link} to claim',
  '💸 Cheap {brand} accounts, DM us 💸 {link}',
];

/** Texts that match a brand's name but are about something else (the `exclude` list). */
export const NAMESAKE: string[] = [
  'watching old {exclude} cartoons, the {brandword} anvil never gets old',
  '{exclude} marathon this weekend, {brandword} rockets everywhere lol',
  'my kid thinks every {exclude} gadget from {brandword} is real',
];

/** Extra sentences for long-form channels (Reddit, HN, RSS), by sentiment. */
export const ELABORATION: Record<'negative' | 'positive' | 'neutral', string[]> = {
  negative: [
    'Been a customer for {years}.',
    'Anyone know who to escalate this to?',
    'Is it worth going to the ombudsman?',
    'Honestly thinking of switching.',
    'I\'ve tried everything they suggested.',
    'The worst part is nobody takes responsibility.',
    'I work from home so this is costing me money.',
    'Their social media team just says DM us.',
    'Edit: still nothing.',
    'Not sure what else to do at this point.',
  ],
  positive: ['Credit where it\'s due.', 'Didn\'t expect that tbh.', 'Posting because people only ever post complaints.', 'Would recommend.', 'Pleasantly surprised.'],
  neutral: ['Curious what others think.', 'Any experiences welcome.', 'Details in the link.', 'Not affiliated, just interested.', 'Thanks in advance.', 'UK based if that matters.'],
};

/** Hacker News stories: neutral, technical framing. */
export const HN_STORIES: string[] = [
  '{brandname} announces {rollout of full fibre to 2M homes|new API for developers|layoffs of {pct} of staff|acquisition of a small startup}',
  'How {brandname} {scaled their network|rebuilt their billing system|handles millions of orders a day}',
  'Ask HN: Has anyone worked with {brandname}\'s engineering team?',
  'Ask HN: Is {brandname} down?',
  '{brandname} outage post-mortem',
  'Show HN: I built a tracker for {brandname} {outages|price changes|delivery times}',
];
