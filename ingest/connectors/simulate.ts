// The bundled simulator as a polling source: each poll simulates the whole minutes between the
// cursor and now, one page per minute. A minute's content depends only on the seed and the
// minute, so a restart that re-simulates a minute produces the same mentions (same ids).
import type { BrandConfig, SourceOf, TopicConfig } from '../../config/index.js';
import { simulateMentions } from '../simulate.js';
import { emptyPage, readCursor } from '../common.js';
import type { Connector, IngestContext, Page } from '../types.js';

const MINUTE = 60_000;
/** Minutes simulated on a first poll, and the most a poll catches up after a long stop. */
const FIRST_MINUTES = 5;
const MAX_CATCH_UP_MINUTES = 60;

export function createSimulateConnector(id: string, config: SourceOf<'simulate'>, brands: readonly BrandConfig[], topics: readonly TopicConfig[]): Connector {
  const scope = config.brands ? brands.filter((b) => config.brands!.includes(b.id)) : [...brands];
  return {
    id,
    kind: 'simulate',
    async *poll(saved: string | null, ctx: IngestContext): AsyncIterable<Page> {
      const end = Math.floor(ctx.now().getTime() / MINUTE) * MINUTE;
      const cursor = readCursor<{ untilMs?: number }>(ctx, id, saved, () => ({}));
      let start = cursor.untilMs ?? end - FIRST_MINUTES * MINUTE;
      if (start < end - MAX_CATCH_UP_MINUTES * MINUTE) start = end - MAX_CATCH_UP_MINUTES * MINUTE;
      for (let minute = start; minute < end; minute += MINUTE) {
        const page = emptyPage(JSON.stringify({ untilMs: minute + MINUTE }));
        for (const { mention } of simulateMentions({
          brands: scope,
          topics: [...topics],
          startMs: minute,
          endMs: minute + MINUTE,
          mentionsPerDay: config.mentionsPerDay,
          seed: (config.seed * 1_000_003 + minute / MINUTE) | 0,
        })) {
          page.mentions.push(mention);
        }
        yield page;
      }
    },
  };
}
