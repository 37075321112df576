// The ingest worker: one poll of one connector. Each page's mentions go to mentions.raw (keyed
// by mention id, so one mention's versions stay in order), its rejects to the dead-letter topic,
// and only then is the page's cursor saved. A crash between publishing and saving re-reads the
// page on restart (the store deduplicates by id); nothing is skipped.
import { DEAD_LETTER_HEADERS, type Bus, type OutgoingMessage } from '../bus/index.js';
import { RawMention, TOPICS, parseWith } from '../messages/index.js';
import type { Store } from '../store/index.js';
import { safeStringify } from './common.js';
import type { Connector, IngestContext, Page } from './types.js';

export interface PollResult {
  pages: number;
  published: number;
  rejected: number;
  /** The cursor saved last (null if the poll yielded no page). */
  cursor: string | null;
}

export interface RunPollOptions {
  bus: Bus;
  store: Store;
  ctx: IngestContext;
  /** Called after each page is on the bus and its cursor saved. */
  onPage?: (page: { published: number; rejected: number; cursor: string }) => void;
}

/** Validates a page's mentions: the ones that pass become bus messages, the rest join the rejects. */
export function pageMessages(connector: Connector, page: Page, at: Date): { mentions: OutgoingMessage[]; deadLetters: OutgoingMessage[] } {
  const mentions: OutgoingMessage[] = [];
  const seen = new Set<string>();
  const rejects = [...page.rejects];
  for (const input of page.mentions) {
    const parsed = parseWith(RawMention, input);
    if (!parsed.ok) {
      rejects.push({ reason: parsed.reason, payload: safeStringify(input) });
      continue;
    }
    if (seen.has(parsed.value.id)) continue; // one item matched by two queries of a page
    seen.add(parsed.value.id);
    mentions.push({ key: parsed.value.id, value: JSON.stringify(parsed.value) });
  }
  const deadLetters = rejects.map((r) => ({
    key: connector.id,
    value: r.payload,
    headers: {
      [DEAD_LETTER_HEADERS.reason]: r.reason,
      [DEAD_LETTER_HEADERS.stage]: `ingest:${connector.id}`,
      [DEAD_LETTER_HEADERS.at]: at.toISOString(),
      [DEAD_LETTER_HEADERS.source]: connector.id,
    },
  }));
  return { mentions, deadLetters };
}

/** One poll of `connector` from its saved cursor, page by page. Errors propagate after the pages already saved. */
export async function runPoll(connector: Connector, options: RunPollOptions): Promise<PollResult> {
  const { bus, store, ctx } = options;
  const result: PollResult = { pages: 0, published: 0, rejected: 0, cursor: await store.getCursor(connector.id) };
  let saved = result.cursor;
  for await (const page of connector.poll(saved, ctx)) {
    const { mentions, deadLetters } = pageMessages(connector, page, ctx.now());
    if (mentions.length) await bus.publish(TOPICS.raw, mentions);
    if (deadLetters.length) await bus.publish(TOPICS.deadLetter, deadLetters);
    if (page.cursor !== saved) {
      await store.saveCursor(connector.id, page.cursor);
      saved = page.cursor;
    }
    result.pages++;
    result.published += mentions.length;
    result.rejected += deadLetters.length;
    result.cursor = saved;
    options.onPage?.({ published: mentions.length, rejected: deadLetters.length, cursor: page.cursor });
    if (deadLetters.length) ctx.log.warn({ source: connector.id, rejected: deadLetters.length, first: deadLetters[0]!.headers![DEAD_LETTER_HEADERS.reason] }, 'items rejected to the dead-letter topic');
  }
  return result;
}
