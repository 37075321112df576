import { describe, expect, it } from 'vitest';
import { analyzeText, SCORED_LANGUAGES, scoreSentiment } from '../../process/index.js';

const en = (text: string) => scoreSentiment(analyzeText(text), 'en');
const label = (text: string, language = 'en') => scoreSentiment(analyzeText(text), language).label;

describe('scoreSentiment: plain polarity', () => {
  it('labels clear praise positive and clear complaints negative', () => {
    expect(label('I love this phone, the camera is amazing')).toBe('positive');
    expect(label('Worst customer service I have ever had')).toBe('negative');
    expect(label('The package arrived on Tuesday')).toBe('neutral');
  });

  it('keeps the score within -1..1 however much is piled on', () => {
    const s = en('AMAZING!!!! best best best day ever 😍😍😍😍 love love love');
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.score).toBeGreaterThan(0.9);
  });
});

describe('negation', () => {
  it('flips a sentiment word within three tokens', () => {
    expect(en('this is good').score).toBeGreaterThan(0);
    expect(en('this is not good').score).toBeLessThan(0);
    expect(label("I don't like it at all")).toBe('negative');
  });

  it('turns a negated negative mildly positive', () => {
    expect(en('not bad at all').score).toBeGreaterThan(0);
  });

  it('stops at clause punctuation', () => {
    // "not" belongs to the first clause; "great" in the second is not negated.
    expect(en('not sure about the colour, but the fit is great').score).toBeGreaterThan(0);
  });
});

describe('intensity', () => {
  it('boosters intensify and dampeners soften', () => {
    const plain = en('the service was good').score;
    expect(en('the service was extremely good').score).toBeGreaterThan(plain);
    expect(en('the service was slightly good').score).toBeLessThan(plain);
  });

  it('CAPS and elongation add emphasis', () => {
    expect(en('this is so BAD').score).toBeLessThan(en('this is so bad').score);
    expect(en('sooo baaad').score).toBeLessThan(0);
    expect(en('this is baaaad').score).toBeLessThan(en('this is bad').score);
  });

  it('exclamation marks intensify', () => {
    expect(en('great service!!!').score).toBeGreaterThan(en('great service').score);
  });
});

describe('contrast', () => {
  it('the clause after "but" dominates', () => {
    expect(label('The screen is beautiful but the battery is terrible')).toBe('negative');
    expect(label('The battery is terrible but the screen is beautiful')).toBe('positive');
  });

  it('a sentence-initial "although" clause is the concession', () => {
    expect(en('Although the staff were friendly, the room was filthy').score).toBeLessThan(0);
  });
});

describe('social text', () => {
  it('reads emoji and emoticons', () => {
    expect(label('new update 😍')).toBe('positive');
    expect(label('new update 😡😡')).toBe('negative');
    expect(en('meeting moved to 3pm :(').score).toBeLessThan(0);
    expect(en('meeting moved to 3pm :)').score).toBeGreaterThan(0);
  });

  it('splits hashtags into words', () => {
    expect(en('my flight today #epicfail').score).toBeLessThan(0);
    expect(en('my flight today #neverhappy').score).toBeLessThan(0);
    expect(en('my flight today #bestdayever').score).toBeGreaterThan(0);
  });

  it('ignores @users and URLs', () => {
    // Handles and links that happen to contain sentiment words carry none.
    expect(en('@happyhelper https://example.com/love').label).toBe('neutral');
    expect(en('@user see https://t.co/xyz').score).toBe(0);
  });

  it('"like" as a preposition is not liking', () => {
    expect(en('looks like rain tomorrow').label).toBe('neutral');
    expect(en('I really like the new menu').label).toBe('positive');
  });
});

describe('sarcasm markers', () => {
  it('reads "thanks for nothing" and "yeah right" as negative', () => {
    expect(label('thanks for nothing @airline')).toBe('negative');
    expect(label('yeah right, like that will ever happen')).toBe('negative');
  });

  it('reads a positive clause answered by a lone "not" as negative', () => {
    expect(label('great job... not!')).toBe('negative');
    expect(label('Love waiting on hold for an hour. NOT.')).toBe('negative');
  });

  it('does not take courtesy in a complaint as praise', () => {
    expect(label('thanks for the 3 hour delay, lost my connection')).toBe('negative');
    expect(label('please help, my bag is lost')).toBe('negative');
  });

  it('positives in questions and wishes are not claims', () => {
    expect(en('could you help me find my order?').label).toBe('neutral');
    expect(en('would be great if the app worked').score).toBeLessThan(en('the app is great').score);
  });
});

describe('languages', () => {
  it('scores English and at least four other languages', () => {
    expect(SCORED_LANGUAGES).toContain('en');
    expect(SCORED_LANGUAGES.filter((l) => l !== 'en').length).toBeGreaterThanOrEqual(4);
  });

  it('scores German, Spanish, French, Italian, Portuguese and Dutch with their own negation', () => {
    expect(label('Der Service ist wirklich gut', 'de')).toBe('positive');
    expect(label('Der Service ist nicht gut', 'de')).toBe('negative');
    expect(label('El servicio es excelente, muchas gracias', 'es')).toBe('positive');
    expect(label('El servicio es pésimo', 'es')).toBe('negative');
    expect(label("C'est vraiment nul, je suis déçu", 'fr')).toBe('negative');
    expect(label('Je ne suis pas content', 'fr')).toBe('negative');
    expect(label('Il servizio è ottimo', 'it')).toBe('positive');
    expect(label('O atendimento foi péssimo', 'pt')).toBe('negative');
    expect(label('De klantenservice is geweldig', 'nl')).toBe('positive');
  });

  it('reads waiting and courtesy in requests to a company as English does, not as the translated lexicon does', () => {
    // "esperando" is hoping in the translated AFINN list; to a company it is waiting.
    expect(label('Sigo esperando mi reembolso, por favor ayúdenme', 'es')).toBe('negative');
    expect(label('Ich warte immer noch auf meine Erstattung, bitte', 'de')).toBe('negative');
    expect(label("J'attends toujours mon remboursement, merci", 'fr')).toBe('negative');
    expect(label('Sto ancora aspettando il rimborso, per favore', 'it')).toBe('negative');
    expect(label('Ainda aguardando o reembolso, por favor', 'pt')).toBe('negative');
    expect(label('Wacht nog steeds op mijn terugbetaling', 'nl')).toBe('negative');
    // Courtesy still counts where nothing else is negative.
    expect(label('Muchas gracias por la ayuda', 'es')).toBe('positive');
    expect(label('Vielen Dank für die schnelle Hilfe', 'de')).toBe('positive');
  });

  it('marks languages without a lexicon unscored instead of mis-scoring them', () => {
    expect(scoreSentiment(analyzeText('Обслуживание ужасное'), 'ru')).toEqual({ score: 0, label: 'unscored' });
    expect(scoreSentiment(analyzeText('最悪のサービス'), 'ja')).toEqual({ score: 0, label: 'unscored' });
    // English lexicon words in an unscored language's text must not leak a score.
    expect(scoreSentiment(analyzeText('super bad love'), 'tr').label).toBe('unscored');
  });

  it('scores undetermined short texts only when the English lexicon or an emoji finds something', () => {
    expect(scoreSentiment(analyzeText('😡😡'), 'und').label).toBe('negative');
    expect(scoreSentiment(analyzeText('love it!'), 'und').label).toBe('positive');
    expect(scoreSentiment(analyzeText('xq ok?'), 'und').label).not.toBe('negative');
    expect(scoreSentiment(analyzeText('qwz'), 'und').label).toBe('unscored');
  });
});

describe('names', () => {
  it('discounts sentiment words inside Title-Case names', () => {
    // "Victor", "Super", "Good Day" name things here; they are not opinions.
    expect(label('Super Eagles coach meets Victor Moses in London')).toBe('neutral');
    expect(en('watching Good Day Sacramento with my dad').score).toBeLessThan(en('watching a good day with my dad').score);
  });

  it('keeps a capitalised word that opens a sentence, or stands alone', () => {
    expect(label('Great flight today, thanks')).toBe('positive');
    expect(label('@acme Awful service. Terrible staff')).toBe('negative');
    expect(label('the crew was Excellent')).toBe('positive');
  });
});

describe('social text coverage', () => {
  it('reads emoticons wink splits when they are written as one', () => {
    expect(label('my dentist is great but she is expensive =(')).toBe('negative');
    expect(label('finally home ^_^')).toBe('positive');
    // the same characters spaced apart are not an emoticon
    expect(en('x = (y)').score).toBe(0);
  });

  it('collapses a repeated emoticon mouth', () => {
    expect(label('missed the bus :((')).toBe('negative');
  });

  it('knows slang and emoji newer than VADER and the 2015 emoji ranking', () => {
    expect(label('that show was lit')).toBe('positive');
    expect(label('absolutely gutted about the result')).toBe('negative');
    expect(label('new update 🥰')).toBe('positive');
    expect(label('new update 🙄')).toBe('negative');
    expect(label('Time Warner = epic fail')).toBe('negative');
  });
});
