// Non-English mentions (about 5% of volume): written as people write them, with the same
// slot syntax. Each carries what it is about, for the ground truth only.
import type { FailureCategory } from '../../messages/index.js';
import type { BaseKind } from './topics.js';

export interface ForeignTemplate {
  text: string;
  kind: BaseKind;
  sentiment: 'negative' | 'neutral' | 'positive';
  failureCategory?: FailureCategory;
  /** Topic bank id the text is about, if any. */
  bank?: string;
}

const t = (text: string, kind: BaseKind, sentiment: ForeignTemplate['sentiment'], bank?: string, failureCategory?: FailureCategory): ForeignTemplate => ({
  text,
  kind,
  sentiment,
  ...(bank ? { bank } : {}),
  ...(failureCategory ? { failureCategory } : {}),
});

export const FOREIGN: Record<string, ForeignTemplate[]> = {
  es: [
    t('{brand} llevo {tres|cuatro|cinco} días sin internet y nadie me da una solución {emoji_neg}', 'failure', 'negative', 'connectivity', 'service_failure'),
    t('Sigo esperando el reembolso de {brand}. ¡Ya van {dos|tres} semanas!', 'failure', 'negative', 'refunds', 'chasing_progress'),
    t('Es la {tercera|cuarta} vez que llamo a {brand} por el mismo problema. Qué vergüenza', 'failure', 'negative', 'customer_service', 'repeat_contact'),
    t('{brand} me cobraron dos veces la factura de este mes', 'failure', 'negative', 'billing', 'service_failure'),
    t('El pedido {order} de {brand} todavía no ha llegado, ¿alguien sabe algo?', 'failure', 'negative', 'delivery', 'chasing_progress'),
    t('Me encanta la nueva app de {brand}, mucho más rápida {emoji_pos}', 'praise', 'positive', 'app'),
    t('{brand} la atención al cliente fue excelente hoy, gracias', 'praise', 'positive', 'customer_service'),
    t('¿Alguien sabe si {brand} tiene descuento para estudiantes?', 'question', 'neutral', 'pricing'),
    t('Ojalá {brand} añadiera modo oscuro a la app', 'idea', 'neutral', 'app'),
    t('{brand} anuncia nuevas tarifas para {el próximo año|2027}', 'neutral', 'neutral', 'pricing'),
    t('la app de {brand} se cierra sola otra vez después de la actualización', 'failure', 'negative', 'app', 'not_fixed'),
    t('qué mal servicio el de {brand}, no lo recomiendo', 'complaint', 'negative'),
  ],
  fr: [
    t('{brand} toujours pas de connexion depuis {lundi|hier|trois jours}, c\'est inadmissible', 'failure', 'negative', 'connectivity', 'service_failure'),
    t('J\'attends toujours mon remboursement de {brand}... {deux|trois} semaines maintenant', 'failure', 'negative', 'refunds', 'chasing_progress'),
    t('{brand} c\'est la {troisième|quatrième} fois que j\'appelle pour le même problème', 'failure', 'negative', 'customer_service', 'repeat_contact'),
    t('Commande {order} toujours pas livrée, merci {brand} {emoji_neg}', 'failure', 'negative', 'delivery', 'chasing_progress'),
    t('On m\'avait dit que la facture baisserait. Elle a augmenté. Merci {brand}', 'failure', 'negative', 'billing', 'wrong_information'),
    t('Très content du service client {brand}, problème réglé en 5 minutes', 'praise', 'positive', 'customer_service'),
    t('La nouvelle appli {brand} est vraiment bien faite {emoji_pos}', 'praise', 'positive', 'app'),
    t('Quelqu\'un sait comment résilier un abonnement {brand} ?', 'question', 'neutral', 'refunds'),
    t('Ce serait bien que {brand} propose le paiement en plusieurs fois', 'idea', 'neutral', 'billing'),
    t('{brand} annonce une hausse de ses prix en {janvier|avril}', 'neutral', 'neutral', 'pricing'),
    t('franchement {brand} c\'est de pire en pire', 'complaint', 'negative'),
  ],
  de: [
    t('{brand} seit {drei|vier|fünf} Tagen kein Internet. Keiner meldet sich. Unfassbar', 'failure', 'negative', 'connectivity', 'service_failure'),
    t('Warte immer noch auf meine Rückerstattung von {brand}, schon {zwei|drei} Wochen', 'failure', 'negative', 'refunds', 'chasing_progress'),
    t('Zum {dritten|vierten} Mal bei {brand} angerufen wegen desselben Problems', 'failure', 'negative', 'customer_service', 'repeat_contact'),
    t('{brand} hat mir die Rechnung doppelt abgebucht {emoji_neg}', 'failure', 'negative', 'billing', 'service_failure'),
    t('Die App von {brand} stürzt nach dem Update schon wieder ab', 'failure', 'negative', 'app', 'not_fixed'),
    t('Paket von {brand} kam einen Tag früher als angekündigt, super!', 'praise', 'positive', 'delivery'),
    t('Kundenservice von {brand} war heute wirklich freundlich und schnell', 'praise', 'positive', 'customer_service'),
    t('Weiß jemand, ob {brand} auch in {Berlin|Hamburg|München} Glasfaser anbietet?', 'question', 'neutral', 'connectivity'),
    t('Wäre schön, wenn {brand} einen Dunkelmodus in der App hätte', 'idea', 'neutral', 'app'),
    t('{brand} erhöht die Preise ab {Januar|April}', 'neutral', 'neutral', 'pricing'),
    t('Nie wieder {brand}. Einfach nur schlecht', 'complaint', 'negative'),
  ],
  pt: [
    t('{brand} estou sem internet há {três|quatro} dias e ninguém resolve', 'failure', 'negative', 'connectivity', 'service_failure'),
    t('Ainda estou esperando o reembolso da {brand}, já faz {duas|três} semanas', 'failure', 'negative', 'refunds', 'chasing_progress'),
    t('É a {terceira|quarta} vez que ligo pra {brand} pelo mesmo problema', 'failure', 'negative', 'customer_service', 'repeat_contact'),
    t('Meu pedido {order} da {brand} ainda não chegou {emoji_neg}', 'failure', 'negative', 'delivery', 'chasing_progress'),
    t('Adorei o atendimento da {brand}, resolveram tudo rapidinho {emoji_pos}', 'praise', 'positive', 'customer_service'),
    t('O app novo da {brand} ficou muito bom', 'praise', 'positive', 'app'),
    t('Alguém sabe se a {brand} tem plano sem fidelidade?', 'question', 'neutral', 'pricing'),
    t('Seria ótimo se a {brand} tivesse modo escuro no app', 'idea', 'neutral', 'app'),
    t('{brand} anuncia expansão da rede de fibra', 'neutral', 'neutral', 'connectivity'),
    t('que serviço horrível da {brand}', 'complaint', 'negative'),
  ],
  it: [
    t('{brand} sono senza internet da {tre|quattro} giorni, vergognoso', 'failure', 'negative', 'connectivity', 'service_failure'),
    t('Sto ancora aspettando il rimborso di {brand}, sono passate {due|tre} settimane', 'failure', 'negative', 'refunds', 'chasing_progress'),
    t('È la {terza|quarta} volta che chiamo {brand} per lo stesso problema', 'failure', 'negative', 'customer_service', 'repeat_contact'),
    t('{brand} mi ha addebitato la bolletta due volte {emoji_neg}', 'failure', 'negative', 'billing', 'service_failure'),
    t('Servizio clienti {brand} gentilissimo oggi, grazie', 'praise', 'positive', 'customer_service'),
    t('Qualcuno sa se {brand} consegna anche la domenica?', 'question', 'neutral', 'delivery'),
    t('Mi piacerebbe che {brand} aggiungesse la modalità scura all\'app', 'idea', 'neutral', 'app'),
    t('{brand} annuncia nuove offerte per i clienti', 'neutral', 'neutral', 'pricing'),
    t('pessima esperienza con {brand}, mai più', 'complaint', 'negative'),
  ],
  nl: [
    t('{brand} al {drie|vier} dagen geen internet en niemand helpt me', 'failure', 'negative', 'connectivity', 'service_failure'),
    t('Wacht nog steeds op mijn terugbetaling van {brand}, al {twee|drie} weken', 'failure', 'negative', 'refunds', 'chasing_progress'),
    t('Voor de {derde|vierde} keer {brand} gebeld over hetzelfde probleem', 'failure', 'negative', 'customer_service', 'repeat_contact'),
    t('Pakket van {brand} netjes op tijd bezorgd, top {emoji_pos}', 'praise', 'positive', 'delivery'),
    t('Weet iemand hoe ik mijn abonnement bij {brand} kan opzeggen?', 'question', 'neutral', 'refunds'),
    t('Zou fijn zijn als {brand} een donkere modus in de app had', 'idea', 'neutral', 'app'),
    t('{brand} verhoogt de prijzen per {januari|april}', 'neutral', 'neutral', 'pricing'),
    t('slechte service van {brand}, echt niet normaal', 'complaint', 'negative'),
  ],
};

/** Share of non-English mentions per language. */
export const FOREIGN_LANGUAGES: Record<string, number> = { es: 0.3, fr: 0.2, de: 0.2, pt: 0.15, it: 0.1, nl: 0.05 };

/** What people add around the sentence, per language, so two posts rarely read the same. */
export const FOREIGN_EXTRAS: Record<string, string[]> = {
  es: ['¿Alguien más?', 'Qué desastre.', 'Increíble.', 'Ya no sé qué hacer.', 'Gracias de verdad.', 'Vivo en {Madrid|Valencia|Sevilla}.', 'Llevo {dos|cinco|diez} años con ellos.', 'Nadie contesta.', 'Por fin.', 'Saludos.', 'Estoy harto.', 'Vaya tela.'],
  fr: ['Quelqu\'un d\'autre ?', 'Franchement.', 'Incroyable.', 'Je ne sais plus quoi faire.', 'Merci beaucoup.', 'J\'habite à {Lyon|Lille|Nantes}.', 'Client depuis {deux|cinq|dix} ans.', 'Personne ne répond.', 'Enfin !', 'Bref.', 'J\'en ai marre.', 'Sérieusement ?'],
  de: ['Noch jemand?', 'Echt jetzt?', 'Unglaublich.', 'Ich weiß nicht mehr weiter.', 'Vielen Dank!', 'Wohne in {Köln|Leipzig|Bremen}.', 'Seit {zwei|fünf|zehn} Jahren Kunde.', 'Niemand geht ran.', 'Endlich!', 'Naja.', 'Mir reicht es.', 'Frechheit.'],
  pt: ['Mais alguém?', 'Sério.', 'Inacreditável.', 'Não sei mais o que fazer.', 'Muito obrigado!', 'Moro em {Lisboa|Porto|Recife}.', 'Cliente há {dois|cinco|dez} anos.', 'Ninguém responde.', 'Finalmente!', 'Enfim.', 'Cansei.', 'Que vergonha.'],
  it: ['Qualcun altro?', 'Davvero.', 'Incredibile.', 'Non so più cosa fare.', 'Grazie mille!', 'Abito a {Milano|Torino|Bologna}.', 'Cliente da {due|cinque|dieci} anni.', 'Nessuno risponde.', 'Finalmente!', 'Vabbè.', 'Sono stufo.', 'Che vergogna.'],
  nl: ['Iemand anders ook?', 'Echt waar.', 'Ongelofelijk.', 'Ik weet het niet meer.', 'Heel erg bedankt!', 'Woon in {Utrecht|Gent|Rotterdam}.', 'Al {twee|vijf|tien} jaar klant.', 'Niemand neemt op.', 'Eindelijk!', 'Nou ja.', 'Ik ben het zat.', 'Schandalig.'],
};
