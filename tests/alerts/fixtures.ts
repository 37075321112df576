// Demo-like mention streams for alert and digest tests: a steady day-shaped background with
// an optional negative surge, built through the store fixtures (valid by construction).
import type { EnrichedMention } from '../../messages/index.js';
import { enriched } from '../store/fixtures.js';
import { prng } from '../support/prng.js';

export { prng } from '../support/prng.js';

function poisson(rand: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

export interface StreamOptions {
  brand?: string;
  since: Date;
  until: Date;
  /** Mentions per 5 minutes at the daily peak (the night is a third of it). */
  perInterval?: number;
  negativeShare?: number;
  surge?: { since: Date; until: Date; negativePerInterval: number; echoesPerMention?: number };
  seed?: number;
}

const CALM = ['love the new plan', 'works fine for me', 'switched today, setup was easy', 'question about my bill', 'you should add dark mode'];
const GRUMBLE = ['app is slow again', 'bill is higher than last month', 'on hold for ages'];
const SURGE = ['outage again, internet down all afternoon', 'broadband outage and still no refund', 'outage: router dead, support on hold for an hour'];

export function mentionStream(o: StreamOptions): EnrichedMention[] {
  const rand = prng(o.seed ?? 7);
  const brand = o.brand ?? 'acme';
  const step = 300_000;
  const out: EnrichedMention[] = [];
  let n = 0;
  for (let t = o.since.getTime(); t < o.until.getTime(); t += step) {
    const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
    const shape = 1 / 3 + (2 / 3) * Math.max(0, Math.sin(((hour - 6) / 18) * Math.PI));
    const count = poisson(rand, (o.perInterval ?? 10) * shape);
    const inSurge = o.surge && t >= o.surge.since.getTime() && t < o.surge.until.getTime();
    const extra = inSurge ? poisson(rand, o.surge!.negativePerInterval) : 0;
    for (let i = 0; i < count + extra; i++) {
      const surgeMention = i >= count;
      const negative = surgeMention || rand() < (o.negativeShare ?? 0.2);
      const text = surgeMention ? SURGE[n % SURGE.length]! : negative ? GRUMBLE[n % GRUMBLE.length]! : CALM[n % CALM.length]!;
      const createdAt = new Date(t + Math.floor(rand() * step)).toISOString();
      const id = `${brand}-${n++}`;
      const idea = text.startsWith('you should');
      out.push(
        enriched({
          nativeId: id,
          brand,
          text,
          createdAt,
          raw: { author: { id: `u-${id}`, handle: `user${id}`, followers: Math.floor(rand() * 5000) }, engagement: { likes: Math.floor(rand() * 20), reposts: Math.floor(rand() * 5) } },
          classification: {
            sentiment: negative ? { score: -0.6, label: 'negative' } : { score: 0.4, label: text.startsWith('question') ? 'neutral' : 'positive' },
            topics: surgeMention ? ['connectivity', ...(text.includes('refund') ? ['refunds'] : [])] : text.includes('bill') ? ['billing'] : text.includes('app') ? ['app'] : [],
            failureDemand: surgeMention || text.includes('again'),
            failureCategory: surgeMention ? (text.includes('refund') ? 'chasing_progress' : 'service_failure') : text.includes('again') ? 'not_fixed' : null,
            intent: idea ? 'idea' : negative ? 'complaint' : 'other',
            keyPhrases: surgeMention ? ['outage', ...(text.includes('refund') ? ['refund'] : ['internet down'])] : text.includes('bill') ? ['bill'] : [],
          },
        }),
      );
      // Echoes of a surge mention: reach, not new voices.
      if (surgeMention) for (let e = 0; e < (o.surge?.echoesPerMention ?? 0); e++)
        out.push(enriched({ nativeId: `${id}-rt${e}`, brand, text: `RT ${text}`, createdAt, classification: { sentiment: { score: -0.6, label: 'negative' }, duplicateOf: `x:${id}`, topics: ['connectivity'], keyPhrases: ['outage'] } }));
    }
  }
  return out;
}
