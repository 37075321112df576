import { describe, expect, it } from 'vitest';
import { createFailureDemandDetector } from '../../process/failure-demand.js';
import type { SentimentLabel } from '../../messages/index.js';
import { analyzeText } from '../../process/text.js';

const detect = createFailureDemandDetector();
const negative = { score: -0.5, label: 'negative' as const };
const neutral = { score: 0, label: 'neutral' as const };
const positive = { score: 0.6, label: 'positive' as const };
const category = (text: string, sentiment: { score: number; label: SentimentLabel } = negative) => detect(analyzeText(text), sentiment).category;

describe('failure demand categories', () => {
  it.each([
    ['still waiting for my refund', 'chasing_progress'],
    ["Where's my parcel? Ordered ten days ago", 'chasing_progress'],
    ['any update on my complaint from last week', 'chasing_progress'],
    ['have not heard back since Tuesday', 'chasing_progress'],
    ["third time I've called about this", 'repeat_contact'],
    ['I have emailed you 4 times now', 'repeat_contact'],
    ['as I already explained to your colleague', 'repeat_contact'],
    ['app crashes again', 'not_fixed'],
    ['the engineer came and it is still not working', 'not_fixed'],
    ['keeps disconnecting every evening', 'not_fixed'],
    ['you told me it would arrive Monday, now it is Friday', 'wrong_information'],
    ['the website says free delivery but I paid for it', 'wrong_information'],
    ['charged after cancelling my subscription', 'cancellation_refund'],
    ["I can't cancel my account online", 'cancellation_refund'],
    ['they refused to refund me', 'cancellation_refund'],
    ['flight cancelled, no explanation', 'service_failure'],
    ['you lost my luggage on a direct flight', 'service_failure'],
    ['broadband down across the whole street', 'service_failure'],
  ])('%s → %s', (text, expected) => {
    expect(category(text)).toBe(expected);
  });

  it('counts strong cues whatever the sentiment says', () => {
    expect(category('still waiting for my refund', neutral)).toBe('chasing_progress');
    expect(category("third time I've called", positive)).toBe('repeat_contact');
  });

  it('counts weak cues only with a negative tone or beside a strong cue', () => {
    expect(category('the flight was delayed', negative)).toBe('service_failure');
    expect(category('the delayed release of the album', neutral)).toBeNull();
  });
});

describe('not failure demand', () => {
  it.each([
    ['not waiting anymore, got it, thanks!', positive],
    ['love it, ordering again!', positive],
    ['How do I change my email address?', neutral],
    ['You should add dark mode', neutral],
    ['I never had to call twice, great service', positive],
    ['the parcel finally arrived, thank you', positive],
    ['what time do you open tomorrow', neutral],
  ] as const)('%s', (text, sentiment) => {
    expect(detect(analyzeText(text), sentiment)).toEqual({ failureDemand: false, category: null });
  });

  it('a negator before a cue voids it', () => {
    expect(category('I am not still waiting, it came', neutral)).toBeNull();
  });
});

describe('config extras', () => {
  it('adds phrases to a category as strong cues', () => {
    const withExtra = createFailureDemandDetector({ chasing_progress: ['still no update on my ticket'], service_failure: ['(kettle|toaster) exploded'] });
    expect(withExtra(analyzeText('Still no update on my ticket!'), neutral).category).toBe('chasing_progress');
    expect(withExtra(analyzeText('my toaster exploded'), neutral).category).toBe('service_failure');
    expect(detect(analyzeText('my toaster exploded'), neutral).category).toBeNull();
  });

  it('rejects an unknown category, naming the valid ones', () => {
    expect(() => createFailureDemandDetector({ chasing: ['x'] })).toThrow(/unknown category 'chasing'.*chasing_progress/);
  });
});

describe('weak cues need a target', () => {
  const negative = { score: -0.5, label: 'negative' } as const;
  it('a negative "again" about the weather is not failure demand', () => {
    expect(detect(analyzeText('This weather is awful, rain all day again'), negative).failureDemand).toBe(false);
  });
  it('a negative "again" about the broadband is', () => {
    expect(detect(analyzeText('broadband dropped again, awful'), negative).failureDemand).toBe(true);
  });
  it('a negative "again" naming a configured brand is', () => {
    const withBrand = createFailureDemandDetector({}, { brandTerms: ['Acme'] });
    expect(withBrand(analyzeText('acme is rubbish again tonight'), negative).failureDemand).toBe(true);
    expect(detect(analyzeText('acme is rubbish again tonight'), negative).failureDemand).toBe(false);
  });
  it('stemming does not turn "the ground" into "grounded" or "my bills" into "billed"', () => {
    expect(detect(analyzeText('threw a snowball on the ground'), negative).failureDemand).toBe(false);
    expect(detect(analyzeText('paid my bills today, ugh'), negative).failureDemand).toBe(false);
  });
});

describe('a recurring fault is not a repeat contact', () => {
  const withBrand = createFailureDemandDetector({}, { brandTerms: ['Acme'] });
  it('"again" about the service is not_fixed (a fault back again), not repeat_contact', () => {
    expect(withBrand(analyzeText('Acme is slow as hell again tonight'), negative).category).toBe('not_fixed');
    expect(withBrand(analyzeText('acme wifi dropped again'), negative).category).toBe('not_fixed');
  });
  it('contacting again is still repeat_contact', () => {
    expect(category("I've emailed you again and nobody answers")).toBe('repeat_contact');
    expect(category('second time I am calling about this')).toBe('repeat_contact');
  });
});

describe('Spanish', () => {
  it.each([
    ['Todavía no ha llegado mi pedido', 'chasing_progress'],
    ['sigo esperando una respuesta desde el lunes', 'chasing_progress'],
    ['les he llamado tres veces y nada', 'repeat_contact'],
    ['sigue sin funcionar después de la visita del técnico', 'not_fixed'],
    ['quiero un reembolso', 'cancellation_refund'],
    ['me cobraron dos veces este mes', 'cancellation_refund'],
    ['el vuelo fue cancelado', 'service_failure'],
    ['la app no funciona desde ayer', 'service_failure'],
  ])('%s → %s', (text, expected) => {
    expect(category(text, neutral)).toBe(expected);
  });
  it('a resolved Spanish report is not failure demand', () => {
    expect(detect(analyzeText('por fin llegó mi pedido, gracias'), positive)).toEqual({ failureDemand: false, category: null });
  });
  it('weak Spanish cues need a negative tone and a target, like English ones', () => {
    expect(detect(analyzeText('otra vez lunes'), neutral).failureDemand).toBe(false);
  });
});

describe('stems and generic "you" that are not failure demand', () => {
  it.each([
    'It might seem as if your work is never done',
    'my first baby bump picture at 12 weeks',
    'I refuse to accept any other reality',
    'I have yet to see that film',
    'it seems to be working right now, thanks',
  ])('%s', (text) => {
    expect(detect(analyzeText(text), negative).failureDemand).toBe(false);
  });
  it('a passenger bumped off a flight still is', () => {
    expect(category('I got bumped off my flight')).toBe('service_failure');
  });
  it('a weak cue with an @handle still counts', () => {
    expect(detect(analyzeText('@acme never again, awful'), negative).failureDemand).toBe(true);
  });
});

describe('deliveries and products that fail plainly', () => {
  it.each([
    ['@acme paid for next day delivery and it took a week', 'service_failure'],
    ['@acme the sandals fell apart after two weeks', 'service_failure'],
    ['@acme you sent me someone else\'s order', 'service_failure'],
    ['@acme my pizza arrived cold', 'service_failure'],
    ['@acme the driver left my parcel in the rain', 'service_failure'],
    ['@acme I keep getting logged out of the app', 'not_fixed'],
    ['@acme any update? still not getting my refund', 'chasing_progress'],
    ['@acme have you found my bag yet?', 'chasing_progress'],
    ['@acme delivered 40 minutes after the estimated delivery time', 'service_failure'],
  ])('%s → %s', (text, expected) => {
    expect(category(text, neutral)).toBe(expected);
  });
});

describe('outage hashtags: a brand joined to a failure word', () => {
  const withBrands = createFailureDemandDetector({}, { brandTerms: ['Acme', '@acme', 'Acme Bank'] });
  const categoryOf = (text: string) => withBrands(analyzeText(text), neutral).category;
  it.each([
    ['everything is fine #AcmeDown', 'service_failure'],
    ['#AcmeFail', 'service_failure'],
    ['#DownAcme for the third hour', 'service_failure'],
    ['#acmebankoutage', 'service_failure'],
    ['#AcmeDownAgain', 'not_fixed'],
  ])('%s → %s', (text, expected) => {
    expect(categoryOf(text)).toBe(expected);
  });
  it('is not the brand hashtag alone, a longer word or another brand', () => {
    expect(categoryOf('#Acme is great')).toBeNull();
    expect(categoryOf('#acmedownload is out')).toBeNull();
    expect(categoryOf('#GlobexDown')).toBeNull();
  });
  it('is not failure demand once resolved, nor without configured brands', () => {
    expect(categoryOf('#AcmeDown fixed now, thanks!')).toBeNull();
    expect(category('everything is fine #AcmeDown', neutral)).toBeNull();
  });
});

describe('a customer asking to cancel is value demand', () => {
  it('"could I cancel an order?" is not a cancelled service', () => {
    expect(detect(analyzeText('@acme please could I cancel an order?'), negative).failureDemand).toBe(false);
  });
  it('something cancelled on the customer still is', () => {
    expect(category('@acme my booking got cancelled', negative)).toBe('service_failure');
    expect(category('@acme cancelled on me again', negative)).not.toBeNull();
  });
});
