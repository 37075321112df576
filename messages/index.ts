// The door to the message shapes: everything that crosses a bus topic or reaches the store.
export * from './mention.js';
export * from './dead-letter.js';
export * from './parse.js';

/** Logical topic names; the bus adds the configured prefix. */
export const TOPICS = {
  raw: 'mentions.raw',
  enriched: 'mentions.enriched',
  deadLetter: 'mentions.dlq',
} as const;
export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];
