import { describe, expect, it } from 'vitest';
import type { Intent } from '../../messages/index.js';
import { createFailureDemandDetector } from '../../process/failure-demand.js';
import { createIntentClassifier } from '../../process/intent.js';
import { analyzeText } from '../../process/text.js';

const classify = createIntentClassifier();
const detect = createFailureDemandDetector();
type Tone = 'negative' | 'neutral' | 'positive';
const tones = { negative: { score: -0.5, label: 'negative' }, neutral: { score: 0, label: 'neutral' }, positive: { score: 0.6, label: 'positive' } } as const;
function intentOf(text: string, tone: Tone): Intent {
  const a = analyzeText(text);
  const sentiment = tones[tone];
  return classify(a, { sentiment, failureDemand: detect(a, sentiment).failureDemand });
}

describe('ideas, phrased many ways', () => {
  it.each([
    'you should add dark mode',
    'You guys should seriously consider a student discount',
    'I wish the app had offline maps',
    'would be great if you opened on Sundays',
    "it'd be nice to pick a delivery slot",
    'please bring back the old menu',
    'Feature request: export to CSV',
    'how about a vegan option for kids?',
    'why not add more trains at rush hour',
    'Would love to see a family plan',
    'can you please add Apple Pay at the tills',
    '+1 for a balance widget',
    'My suggestion: text me before the engineer comes',
    'any plans to support hardware keys?',
  ])('%s', (text) => {
    expect(intentOf(text, 'neutral')).toBe('idea');
  });
});

describe('not ideas, though they look like one', () => {
  it.each([
    ['you should be ashamed of yourselves', 'negative', 'complaint'],
    ['you should have refunded me weeks ago', 'negative', 'complaint'],
    ["I wish I'd never switched to you", 'negative', 'complaint'],
    ['please fix the login page, it has been broken for days', 'negative', 'complaint'],
    ['Should I buy the blue one or the red one?', 'neutral', 'question'],
    // A vote agrees with whatever the post says: here, an outage.
    ['@AcmeHelp wifi out in Leeds again, the app says everything is fine #AcmeDown +1', 'neutral', 'complaint'],
  ] as const)('%s → %s', (text, tone, expected) => {
    expect(intentOf(text, tone)).toBe(expected);
  });
});

describe('questions versus complaints', () => {
  it.each([
    ['How do I reset my password?', 'neutral', 'question'],
    ['Do you deliver to Norway?', 'neutral', 'question'],
    ['Is the blue jacket available in medium', 'neutral', 'question'],
    ["Why can't I log in? Error every time", 'neutral', 'complaint'],
    ['Why is my bill wrong AGAIN?!', 'negative', 'complaint'],
    ['where is my refund?', 'neutral', 'complaint'],
  ] as const)('%s → %s', (text, tone, expected) => {
    expect(intentOf(text, tone)).toBe(expected);
  });
});

describe('praise, including "again"', () => {
  it.each([
    ['love it, ordering again!', 'positive'],
    ['not waiting anymore, got it, thanks!', 'positive'],
    ['Flew with you again, lovely crew as always', 'positive'],
    ['Huge thanks to Sam who sorted my account', 'neutral'],
  ] as const)('%s', (text, tone) => {
    expect(intentOf(text, tone)).toBe('praise');
  });

  it('sarcastic thanks is a complaint', () => {
    expect(intentOf('thanks for nothing', 'negative')).toBe('complaint');
  });
});

describe('other and tone', () => {
  it('a neutral statement is other', () => {
    expect(intentOf('Acme are sponsoring the marathon this weekend', 'neutral')).toBe('other');
  });
  it('negative tone with nobody addressed is not a complaint', () => {
    expect(intentOf('I hate Mondays so much', 'negative')).not.toBe('complaint');
  });
  it('negative tone addressed to the brand is a complaint', () => {
    expect(intentOf('@acme this is so sad', 'negative')).toBe('complaint');
  });
  it('failure demand makes a complaint', () => {
    const a = analyzeText('just a note about my order');
    expect(classify(a, { sentiment: tones.neutral, failureDemand: true })).toBe('complaint');
  });
});

describe('config extras', () => {
  it('adds phrases to an intent', () => {
    const withExtra = createIntentClassifier({ idea: ['it would rock to have'] });
    const a = analyzeText('it would rock to have a night mode');
    expect(withExtra(a, { sentiment: tones.neutral, failureDemand: false })).toBe('idea');
    expect(classify(a, { sentiment: tones.neutral, failureDemand: false })).not.toBe('idea');
  });
  it('rejects an unknown intent', () => {
    expect(() => createIntentClassifier({ suggestion: ['x'] })).toThrow(/unknown intent 'suggestion'/);
  });
});

describe('targets: a complaint is about a product, a service or a brand', () => {
  const withBrand = createIntentClassifier({}, { brandTerms: ['Acme Broadband', 'Acme', '@acmebroadband'] });
  const branded = (text: string, tone: Tone) => {
    const a = analyzeText(text);
    return withBrand(a, { sentiment: tones[tone], failureDemand: false });
  };
  it.each([
    ['The Browns are the worst', 'negative'],
    ['Mondays are a joke', 'negative'],
    ['Why is it so hard to get up on a Sunday?', 'negative'],
  ] as const)('an untargeted gripe is not a complaint: %s', (text, tone) => {
    expect(intentOf(text, tone)).not.toBe('complaint');
  });
  it('the same gripe about a service is', () => {
    expect(intentOf('The app is a joke', 'negative')).toBe('complaint');
  });
  it('an undirected negative mention of a configured brand is a complaint', () => {
    expect(branded('Acme is slow as hell tonight', 'negative')).toBe('complaint');
    expect(intentOf('Acme is slow as hell tonight', 'negative')).not.toBe('complaint');
  });
  it('brand terms match multi-word names, handles and hashtags', () => {
    expect(branded('acme broadband ruined my evening', 'negative')).toBe('complaint');
    expect(branded('so done with #acme', 'negative')).toBe('complaint');
  });
  it('a brand name with phrase syntax characters is literal', () => {
    expect(() => createIntentClassifier({}, { brandTerms: ['Acme (UK)', 'a|b', '..'] })).not.toThrow();
  });
  it('a neutral brand mention stays other', () => {
    expect(branded('Acme announced a new CEO today', 'neutral')).toBe('other');
  });
});

describe('calm questions that report a fault', () => {
  it.each([
    'why is my bill higher this month?',
    'is the site down?',
    "why won't the app open on my phone?",
    'is it normal that the router light blinks red all night?',
    'how come my order still says processing?',
  ])('%s', (text) => {
    expect(intentOf(text, 'neutral')).toBe('complaint');
  });
  it('a plain question stays a question', () => {
    expect(intentOf('is the site open on Sundays?', 'neutral')).toBe('question');
  });
  it('a negated problem is no complaint', () => {
    expect(intentOf('ten years with you and never had an issue', 'positive')).toBe('praise');
  });
});

describe('politeness is not praise, a plea for help is not a complaint', () => {
  it('thanks around a problem report does not cancel it', () => {
    expect(intentOf("@acme hi, thanks for replying, but the link still doesn't seem to be working", 'neutral')).toBe('complaint');
  });
  it('thanks alone is praise', () => {
    expect(intentOf('thanks @acme', 'neutral')).toBe('praise');
  });
  it('a plea for help with no problem stated is a question', () => {
    expect(intentOf('@acme can someone please help me with my account settings', 'neutral')).toBe('question');
  });
});

describe('churn threats and ordinals', () => {
  const withBrand = createIntentClassifier({}, { brandTerms: ['Acme'] });
  it('leaving the second the contract ends is a complaint, not an idea', () => {
    expect(intentOf('switching away from Acme the second my contract ends', 'neutral')).toBe('complaint');
    const a = analyzeText('switching away from Acme the second my contract ends');
    expect(withBrand(a, { sentiment: tones.neutral, failureDemand: false })).toBe('complaint');
  });
  it('"second" is not a vote for an idea', () => {
    expect(intentOf('the second delivery this week went to the wrong house', 'negative')).not.toBe('idea');
    expect(intentOf('I second this, dark mode please', 'neutral')).toBe('idea');
  });
});

describe('neutral problem reports without cue words', () => {
  it.each([
    '@acme my order hasn\'t arrived',
    '@acme the app keeps logging me out',
    '@acme no signal since this morning',
    '@acme is there an outage?',
    '@acme any update on my claim?',
    '@acme can someone look into this please',
    '@acme I was charged twice for the same order',
    '@acme the zip came off after one wear',
    '@acme my pizza arrived cold',
    '@acme the driver left my parcel in the rain',
    '@acme my subscription renewed without warning',
    '@acme I ordered a large and got a medium',
    '@acme the portions keep getting smaller',
    '@acme why did you discontinue the veggie wrap?',
    '@acme the code says invalid at checkout',
    '@acme works on my laptop but not on my phone',
  ])('%s', (text) => {
    expect(intentOf(text, 'neutral')).toBe('complaint');
  });
  it.each([
    '@acme when is the new phone coming out?',
    '@acme how long does delivery usually take?',
    '@acme does this come in a size 10?',
  ])('a plain question stays one: %s', (text) => {
    expect(intentOf(text, 'neutral')).toBe('question');
  });
});

describe('praise then "but" then a fault', () => {
  it('the fault after "but" makes a complaint', () => {
    expect(intentOf('@acme love the machine but the lid will not stay on', 'positive')).toBe('complaint');
  });
  it('praise after the fault still outweighs it', () => {
    expect(intentOf('@acme had an issue with my order, you sorted it in minutes, brilliant service', 'positive')).toBe('praise');
  });
  it('sarcastic "gotta love" is no praise', () => {
    expect(intentOf('gotta love paying more for smaller portions at the store', 'positive')).toBe('complaint');
    expect(intentOf('love paying less at the store', 'positive')).toBe('praise');
  });
});

describe('tone needs a company in view', () => {
  it('a generic "you" in a gloomy line is not a complaint', () => {
    expect(intentOf("Don't build your happiness on someone else's tears", 'negative')).not.toBe('complaint');
    expect(intentOf('Strangling your enemies is no crime, right?', 'negative')).not.toBe('complaint');
  });
  it('the same tone at a handle is', () => {
    expect(intentOf('@acme this is so sad', 'negative')).toBe('complaint');
    expect(intentOf('@acme why would anyone do this?', 'negative')).toBe('complaint');
  });
  it('regret at having chosen the company is a complaint', () => {
    expect(intentOf("I wish I'd never switched to you lot", 'neutral')).toBe('complaint');
  });
});

describe('overlapping cues count once', () => {
  it('a problem put right, with praise, stays praise', () => {
    expect(intentOf('Had a problem with my order but the team sorted it within the hour, brilliant', 'positive')).toBe('praise');
  });
  it('"brilliant customer service" said sarcastically after thanks for scamming is one praise against two complaints', () => {
    expect(intentOf('Ty @acme for scamming me out of $250. #brilliant customer service', 'positive')).toBe('complaint');
  });
});

describe('goods named without a brand', () => {
  it('a defect in a named product is a complaint', () => {
    expect(intentOf('Bought these boots in October and the sole is already coming off', 'neutral')).toBe('complaint');
  });
  it('"tired", "dressed" and "sole" are not products', () => {
    expect(intentOf("I'm so tired of winter", 'negative')).not.toBe('complaint');
    expect(intentOf('taking forever to get dressed this morning', 'neutral')).not.toBe('complaint');
  });
});

describe('polite fault questions and idioms', () => {
  it('asking for a reason the app logs me out reports the fault', () => {
    expect(intentOf('Is there a reason the app logs me out every time I switch screens?', 'neutral')).toBe('complaint');
  });
  it('"an absolute joke" about a service is a complaint, "fair play" is praise', () => {
    expect(intentOf('acme broadband is an absolute joke', 'negative')).toBe('complaint');
    expect(intentOf('Fair play, they owned the mistake and refunded straight away', 'positive')).toBe('praise');
  });
});
