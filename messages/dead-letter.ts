// A message that could not be handled, kept with the reason so nothing is lost and someone
// can fix and replay it (`earshot dlq replay`, `earshot replay`).
import { z } from 'zod';
import { Timestamp } from './mention.js';

export const DeadLetter = z.object({
  /** Where it failed: `ingest:x`, `webhook`, `process`, `store`, `replay`, `classify`, … */
  stage: z.string().min(1),
  /** What was wrong, in words a person can act on (which field, what was expected). */
  reason: z.string().min(1),
  /** The payload exactly as received (a JSON line, an API item, a bus message value). */
  payload: z.string(),
  at: Timestamp,
  /** The source the payload came from, when known. */
  source: z.string().optional(),
  /** Bus coordinates of the original message, when it came off the bus. */
  originalTopic: z.string().optional(),
  partition: z.number().int().nonnegative().optional(),
  offset: z.string().optional(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;
