// Failure demand and intent in Spanish, German, French, Portuguese and Italian
// (process/lexicons/*.{es,de,fr,pt,it}.yaml). Development sentences, not the evaluation set's
// lines (eval/data/intent-languages.jsonl). The tone is given, not scored, so these check the
// cues and rules, whatever the sentiment lexicons say.
import { describe, expect, it } from 'vitest';
import type { FailureCategory, Intent } from '../../messages/index.js';
import { createFailureDemandDetector } from '../../process/failure-demand.js';
import { createIntentClassifier } from '../../process/intent.js';
import { isAddressed } from '../../process/phrases.js';
import { analyzeText } from '../../process/text.js';

const detect = createFailureDemandDetector({}, { brandTerms: ['acme'] });
const classify = createIntentClassifier({}, { brandTerms: ['acme'] });
type Tone = 'negative' | 'neutral' | 'positive';
const tones = { negative: { score: -0.5, label: 'negative' }, neutral: { score: 0, label: 'neutral' }, positive: { score: 0.6, label: 'positive' } } as const;

/** As the pipeline runs: the mention's language decides which languages' cues apply (English always). */
function run(text: string, tone: Tone, language?: string): { category: FailureCategory | null; intent: Intent } {
  const a = analyzeText(text);
  const sentiment = tones[tone];
  const demand = detect(a, sentiment, language);
  return { category: demand.category, intent: classify(a, { sentiment, failureDemand: demand.failureDemand, language }) };
}

type Fires = [text: string, category: FailureCategory];
interface Language {
  /** Failure demand in a neutral tone: strong cues, each with its category; all are complaints. */
  failures: Fires[];
  ideas: string[];
  /** Value demand and plain questions: no failure demand, intent question. */
  questions: string[];
  /** Praise in a positive tone, including "again" and a problem solved. */
  praise: string[];
  /** News and offers naming the brand, in a neutral tone: nothing. */
  neutral: string[];
  complaints: string[];
}

const languages: Record<string, Language> = {
  es: {
    failures: [
      ['@acme sigo esperando la devolución de mi dinero desde hace un mes', 'chasing_progress'],
      ['Ya les he escrito cinco veces y nadie contesta', 'repeat_contact'],
      ['Otra vez sin luz en el barrio, igual que la semana pasada', 'not_fixed'],
      ['Me dijeron que el técnico vendría el martes pero no vino nadie', 'wrong_information'],
      ['Cancelé la línea en enero y me siguen cobrando', 'cancellation_refund'],
      ['Sin internet desde ayer en todo el barrio @acme', 'service_failure'],
      ['El repartidor dejó el paquete en la calle bajo la lluvia', 'service_failure'],
      ['Me cobraron la cuota después de darme de baja', 'cancellation_refund'],
      ['@acme ¿cuándo me van a devolver el dinero? Ya van tres semanas', 'chasing_progress'],
    ],
    ideas: ['Estaría genial que Acme tuviera una versión para tablet', '@acme deberían añadir modo oscuro a la app', 'Ojalá pusieran más cajas abiertas los domingos', 'Mi sugerencia: avisar por SMS antes de la entrega'],
    questions: ['¿Cómo puedo cambiar mi contraseña?', '¿Puedo cambiar la talla de un pedido que ya pagué?'],
    praise: ['Muchas gracias @acme por la rapidez, todo perfecto', 'Otra vez un pedido perfecto, me encanta Acme', 'Problema resuelto en diez minutos, muy amables'],
    neutral: ['Acme presenta sus resultados del tercer trimestre', 'Nueva colección de Acme disponible desde el lunes'],
    complaints: ['El servicio de Acme es una vergüenza', 'Muy decepcionada con mi último pedido de Acme'],
  },
  de: {
    failures: [
      ['@acme ich warte jetzt seit neun Tagen auf die Erstattung', 'chasing_progress'],
      ['Habe euch schon viermal geschrieben, keiner meldet sich', 'repeat_contact'],
      ['Seit dem Technikerbesuch geht das WLAN immer noch nicht', 'not_fixed'],
      ['Eure Hotline hat mir versprochen, dass der Techniker heute kommt, aber niemand kam', 'wrong_information'],
      ['Ich habe gekündigt und ihr bucht trotzdem jeden Monat ab', 'cancellation_refund'],
      ['Die Bestellung kam kaputt an und ein Teil fehlt', 'service_failure'],
      ['@acme Seit Tagen keine Antwort auf meine Mail, was ist da los?', 'chasing_progress'],
      ['Der Bote hat das Paket einfach im Regen vor die Tür gestellt', 'service_failure'],
    ],
    ideas: ['Wäre super, wenn ihr endlich Apple Pay anbieten würdet', 'Ihr solltet unbedingt eine Familienoption anbieten', 'Mein Vorschlag: längere Öffnungszeiten am Samstag', 'Ich wünsche mir eine Version ohne Zucker'],
    questions: ['Kann ich meinen Vertrag online kündigen?', 'Wie ändere ich die Lieferadresse?'],
    praise: ['Vielen Dank für die schnelle Hilfe, alles bestens!', 'Schon wieder ein tolles Paket von Acme bekommen, danke!', 'Das Problem wurde sofort gelöst, sehr freundlich'],
    neutral: ['Acme eröffnet nächste Woche eine neue Filiale in Hamburg', 'Jetzt 20 % Rabatt auf alle Kopfhörer bei Acme'],
    complaints: ['Der Kundenservice von Acme ist eine Zumutung', 'Total enttäuscht von der letzten Bestellung bei Acme'],
  },
  fr: {
    failures: [
      ["@acme j'attends toujours mon remboursement depuis trois semaines", 'chasing_progress'],
      ["@acme j'ai appelé trois fois cette semaine et personne ne me rappelle", 'repeat_contact'],
      ['Ça ne marche toujours pas malgré le passage du technicien', 'not_fixed'],
      ["On m'avait promis une livraison sous 48h, ça fait dix jours", 'wrong_information'],
      ["Je veux être remboursé, j'ai annulé ma commande il y a un mois", 'cancellation_refund'],
      ['Plus de connexion internet depuis ce matin @acme', 'service_failure'],
      ['Le livreur a laissé mon colis devant la porte sans sonner', 'service_failure'],
      ['Quand allez-vous me rembourser ? Ça fait un mois', 'chasing_progress'],
    ],
    ideas: ["Il faudrait ajouter un mode sombre à l'appli", 'Pourquoi ne pas proposer la livraison le dimanche ?', "Ce serait top d'avoir une carte de fidélité", '@acme vous devriez ouvrir plus tard le samedi'],
    questions: ["Est-ce que je peux changer l'adresse de livraison ?", 'Comment faire pour annuler une commande pas encore expédiée ?'],
    praise: ['Super service, livraison rapide, merci Acme !', 'Encore une commande parfaite, je recommande Acme', 'Problème réglé en dix minutes, merci pour votre aide'],
    neutral: ['Acme lance une nouvelle gamme de casques', "Les magasins Acme seront ouverts le 1er mai"],
    complaints: ['Le service client Acme est une honte', 'Très déçue de ma dernière commande chez Acme'],
  },
  pt: {
    failures: [
      ['@acme ainda não recebi o reembolso, já são três semanas', 'chasing_progress'],
      ['É a segunda vez que ligo hoje e ninguém resolve', 'repeat_contact'],
      ['Voltou a cair a internet, o mesmo problema de sempre', 'not_fixed'],
      ['Me disseram que a entrega seria ontem e nada', 'wrong_information'],
      ['Me cobraram duas vezes no cartão e não devolvem', 'cancellation_refund'],
      ['O aplicativo não abre de jeito nenhum @acme', 'service_failure'],
      ['Quando vão me devolver o dinheiro? Já paguei há um mês', 'chasing_progress'],
      ['O entregador deixou a encomenda na rua sem avisar', 'service_failure'],
    ],
    ideas: ['Vocês deviam lançar um plano só de dados', 'Seria ótimo poder pagar com MB Way', 'Sugestão para a Acme: entrega aos domingos', 'Gostaria que a Acme abrisse uma loja em Braga'],
    questions: ['Como faço para mudar o endereço de entrega?', 'Posso trocar o tamanho depois de comprar?'],
    praise: ['Adorei o atendimento, muito rápido, obrigado!', 'Mais uma vez tudo perfeito, recomendo a Acme', 'Problema resolvido na hora, parabéns pelo atendimento'],
    neutral: ['Acme abre vagas de emprego em Lisboa', 'Acme lança nova linha de fones de ouvido'],
    complaints: ['Atendimento da Acme é péssimo', 'Estou muito decepcionada com a Acme'],
  },
  it: {
    failures: [
      ['@acme sto ancora aspettando il rimborso di marzo', 'chasing_progress'],
      ['Ho già chiamato tre volte e nessuno mi richiama', 'repeat_contact'],
      ['Di nuovo senza linea, il tecnico aveva detto che era risolto', 'not_fixed'],
      ['Mi avevano garantito la consegna entro venerdì', 'wrong_information'],
      ['Ho disdetto a febbraio e mi addebitate ancora la bolletta', 'cancellation_refund'],
      ["L'app di Acme non si apre da stamattina", 'service_failure'],
      ['Quando mi rimborsate? Il reso è arrivato da voi da tempo', 'chasing_progress'],
      ['Il corriere ha lasciato il pacco fuori sotto la pioggia', 'service_failure'],
    ],
    ideas: ['Sarebbe bello avere la consegna al sabato', 'Perché non aggiungete il pagamento con Satispay?', '@acme dovreste riportare il gusto limone', 'Mi piacerebbe che ci fosse una versione senza glutine'],
    questions: ['Come posso cambiare la mia password?', 'Posso cambiare la taglia dopo aver pagato?'],
    praise: ['Complimenti ad Acme, consegna velocissima', 'Ancora una volta tutto perfetto, grazie Acme', 'Problema risolto subito, molto gentili'],
    neutral: ['Acme presenta il nuovo catalogo autunno', 'Saldi Acme su tutti i portatili da lunedì'],
    complaints: ['Servizio clienti Acme pessimo', 'Sono molto deluso da Acme'],
  },
};

for (const [language, set] of Object.entries(languages)) {
  describe(`${language}: failure demand with its category, a complaint`, () => {
    it.each(set.failures)('%s → %s', (text, category) => {
      expect(run(text, 'neutral', language)).toEqual({ category, intent: 'complaint' });
    });
  });
  describe(`${language}: ideas`, () => {
    it.each(set.ideas)('%s', (text) => {
      expect(run(text, 'neutral', language).intent).toBe('idea');
      // A gripe in the tone does not turn a suggestion into a complaint.
      expect(run(text, 'negative', language).intent).toBe('idea');
    });
  });
  describe(`${language}: questions and value demand are not failure demand`, () => {
    it.each(set.questions)('%s', (text) => {
      expect(run(text, 'neutral', language)).toEqual({ category: null, intent: 'question' });
    });
  });
  describe(`${language}: praise, "again" and a solved problem included`, () => {
    it.each(set.praise)('%s', (text) => {
      expect(run(text, 'positive', language)).toEqual({ category: null, intent: 'praise' });
    });
  });
  describe(`${language}: news and offers are nothing`, () => {
    it.each(set.neutral)('%s', (text) => {
      expect(run(text, 'neutral', language)).toEqual({ category: null, intent: 'other' });
    });
  });
  describe(`${language}: complaints without a failure`, () => {
    it.each(set.complaints)('%s', (text) => {
      expect(run(text, 'neutral', language).intent).toBe('complaint');
    });
  });
}

describe('second person in other languages addresses the company', () => {
  it.each(['vous avez encore raté ma livraison', 'ihr habt meine Bestellung verloren', 'ustedes nunca contestan', 'vocês nunca respondem', 'voi non rispondete mai'])('%s', (text) => {
    expect(isAddressed(analyzeText(text))).toBe(true);
  });
  it('not in a sentence without one', () => {
    expect(isAddressed(analyzeText('le colis est arrivé hier'))).toBe(false);
  });
});

// Other languages' words that stem like English ones ("errore" → error, "crash", "suggestion :")
// once added weight to English cues: these English lines keep their categories and intents.
describe('English is unchanged by the other languages', () => {
  it.each([
    ['The app crashed again when I tried to pay. Every single time.', 'negative', 'not_fixed', 'complaint'],
    ['@SouthwestAir received an error online and have been on hold for over 1.5 hours. Completely unacceptable.', 'negative', 'chasing_progress', 'complaint'],
    ['@Yelp Suggestion: On the restaurant listing, it should specify whether dogs re welcomed or not.', 'neutral', null, 'other'],
  ] as const)('%s', (text, tone, category, intent) => {
    expect(run(text, tone, 'en')).toEqual({ category, intent });
    // Also where the language is not known and every language's cues apply.
    expect(run(text, tone)).toEqual({ category, intent });
  });
});

// German "die" (the) and "gut" (good), Spanish and Italian "con" (with) are one-word English cues
// (died, gutted, a con): in text of that language they do not count.
describe('English false friends do not count in their own language', () => {
  const intentIn = (text: string, tone: Tone, language?: string) => {
    const a = analyzeText(text);
    const sentiment = tones[tone];
    return classify(a, { sentiment, failureDemand: detect(a, sentiment).failureDemand, language });
  };
  it.each([
    ['Acme stellt morgen die neue Kollektion vor', 'de', 'other'],
    ['Bei Acme ist die Beratung gut', 'de', 'other'],
    ['@acme Liefert ihr die Ware auch samstags?', 'de', 'question'],
    ['Acme lanza la nueva colección con descuentos', 'es', 'other'],
    ['Acme apre un negozio con parcheggio gratuito', 'it', 'other'],
  ] as const)('%s (%s)', (text, language, intent) => {
    expect(intentIn(text, 'neutral', language)).toBe(intent);
    // Without the language they read as English cues: the reason for the list.
    expect(intentIn(text, 'neutral')).toBe('complaint');
  });
  it('English keeps them', () => {
    expect(intentIn('@acme my phone died after a week', 'neutral', 'en')).toBe('complaint');
    expect(intentIn('@acme that offer is a con', 'neutral', 'en')).toBe('complaint');
  });
});

describe("another language's cues apply to text in that language, or of unknown language", () => {
  it('German cues fire on German text and where the language is unknown, not on text detected as French', () => {
    const text = '@acme ich warte immer noch auf meine Erstattung';
    expect(run(text, 'neutral', 'de').category).toBe('chasing_progress');
    expect(run(text, 'neutral').category).toBe('chasing_progress');
    expect(run(text, 'neutral', 'und').category).toBe('chasing_progress');
    expect(run(text, 'neutral', 'fr').category).toBeNull();
  });
  it('English cues fire in any language (English words turn up in posts in any language)', () => {
    expect(run('@acme still waiting for my refund', 'neutral', 'de').category).toBe('chasing_progress');
  });
});
