import { describe, expect, it } from 'vitest';
import { analyzeText, detectLanguage } from '../../process/index.js';
import { normalizeHint } from '../../process/language.js';

describe('detectLanguage', () => {
  it('identifies sentence-length posts in several languages', () => {
    expect(detectLanguage('my order still has not arrived and nobody answers the phone').language).toBe('en');
    expect(detectLanguage('mi pedido todavía no ha llegado y nadie contesta el teléfono').language).toBe('es');
    expect(detectLanguage("ma commande n'est toujours pas arrivée et personne ne répond").language).toBe('fr');
    expect(detectLanguage('meine Bestellung ist immer noch nicht angekommen').language).toBe('de');
    expect(detectLanguage('мой заказ до сих пор не пришёл').language).toBe('ru');
    expect(detectLanguage('注文した商品がまだ届かないし、電話も誰も出ない').language).toBe('ja');
  });

  it('ignores @handles, URLs and the # of hashtags', () => {
    const d = detectLanguage('@kundenservice @acme_de https://t.co/abcdef das ist wirklich eine Katastrophe #kundenservice');
    expect(d.language).toBe('de');
  });

  it("returns 'und' with no confidence for texts too short or empty of letters", () => {
    expect(detectLanguage('ok')).toEqual({ language: 'und', confidence: 0 });
    expect(detectLanguage('😂😂😂 👍')).toEqual({ language: 'und', confidence: 0 });
    expect(detectLanguage('@acme https://t.co/x 123')).toEqual({ language: 'und', confidence: 0 });
  });

  it('uses the hint when the text is too short to say', () => {
    expect(detectLanguage('ok!', 'pt-BR')).toEqual({ language: 'pt', confidence: 0.5 });
    expect(detectLanguage('top', 'nl').language).toBe('nl');
  });

  it('keeps a hint the text agrees with, with high confidence', () => {
    const d = detectLanguage('vielen Dank für die schnelle Hilfe, das Problem ist gelöst', 'de');
    expect(d.language).toBe('de');
    expect(d.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('overrides a hint a long text clearly contradicts', () => {
    // A user whose interface language is English writing in Spanish.
    const d = detectLanguage('el peor servicio al cliente que he tenido en mi vida, nunca más compro aquí', 'en');
    expect(d.language).toBe('es');
  });

  it('reads an analysis the classifier already made the same as the text itself', () => {
    for (const t of ['@acme my parcel never came #fail', 'das Paket ist nie angekommen', 'ok']) {
      expect(detectLanguage(analyzeText(t), 'en')).toEqual(detectLanguage(t, 'en'));
      expect(detectLanguage(analyzeText(t))).toEqual(detectLanguage(t));
    }
  });

  it('takes short posts of common English words as English without function words', () => {
    expect(detectLanguage('@jetblue great smooth flight today').language).toBe('en');
    // the same length in other languages is not taken for English
    expect(detectLanguage('super schneller Versand heute').language).not.toBe('en');
    expect(detectLanguage('servizio clienti pessimo davvero').language).not.toBe('en');
  });

  it('gives confidences in 0..1', () => {
    for (const t of ['hello there my friend, how are you today?', 'hola', 'xyz', 'Guten Morgen zusammen']) {
      const { confidence } = detectLanguage(t);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('normalizeHint', () => {
  it('reduces BCP-47 tags to ISO 639-1 and maps legacy codes', () => {
    expect(normalizeHint('en-US')).toBe('en');
    expect(normalizeHint('pt_BR')).toBe('pt');
    expect(normalizeHint('in')).toBe('id');
    expect(normalizeHint('iw')).toBe('he');
  });

  it('drops tags that name no language', () => {
    expect(normalizeHint('und')).toBeUndefined();
    expect(normalizeHint('zxx')).toBeUndefined();
    expect(normalizeHint('qme')).toBeUndefined();
    expect(normalizeHint('')).toBeUndefined();
    expect(normalizeHint(undefined)).toBeUndefined();
  });
});
