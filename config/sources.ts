// Source sections: one entry per configured source, told apart by `kind`.
// Every polling source has an `id` (its cursor's name) and a cron `schedule`.
import { z } from 'zod';
import { CronExpression, Identifier } from './common.js';

const sourceBase = {
  id: Identifier.optional(),
  enabled: z.boolean().default(true),
  /** Brand ids this source searches for; default: all brands. */
  brands: z.array(Identifier).optional(),
};
const polling = { ...sourceBase, schedule: CronExpression.default('*/5 * * * *') };

export const SimulateSource = z.object({
  ...polling,
  kind: z.literal('simulate'),
  /** Mentions per simulated day across all brands and channels. */
  mentionsPerDay: z.number().int().positive().default(10_000),
  seed: z.number().int().default(42),
});

export const FileSource = z.object({
  ...sourceBase,
  kind: z.literal('file'),
  path: z.string().min(1),
  format: z.enum(['jsonl', 'csv']).optional(),
});

export const SourceConfig = z.discriminatedUnion('kind', [SimulateSource, FileSource]);
export type SourceConfig = z.infer<typeof SourceConfig>;
