// Where alerts and digests go, and when.
import { z } from 'zod';
import { CronExpression, Duration, Identifier, TimeZone } from './common.js';

export const SinkConfig = z.discriminatedUnion('kind', [
  z.object({ id: Identifier, kind: z.literal('stdout') }),
  z.object({ id: Identifier, kind: z.literal('file'), dir: z.string().default('./out') }),
]);
export type SinkConfig = z.infer<typeof SinkConfig>;

export const AlertRule = z.object({
  id: Identifier,
  /** Brand ids; default all. */
  brands: z.array(Identifier).optional(),
  /** Restrict to one taxonomy topic. */
  topic: z.string().optional(),
  metric: z.enum(['negative_count', 'negative_share']).default('negative_count'),
  interval: Duration.prefault('5m'),
  /** How unusual the interval must be (detector score) before it alerts. */
  threshold: z.number().positive().default(4),
  /** Fewer negative mentions than this in an interval never alert. */
  minVolume: z.number().int().nonnegative().default(10),
  cooldown: Duration.prefault('1h'),
  /** Count near-duplicate echoes as separate voices (default: one voice, echoes are reach). */
  countEchoes: z.boolean().default(false),
  sinks: z.array(Identifier).default([]),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertsConfig = z.object({
  schedule: CronExpression.default('* * * * *'),
  rules: z.array(AlertRule).default([]),
});

export const DigestConfig = z.object({
  id: Identifier,
  brands: z.array(Identifier).optional(),
  schedule: CronExpression,
  timezone: TimeZone.default('UTC'),
  period: Duration.prefault('1d'),
  formats: z.array(z.enum(['markdown', 'html'])).default(['markdown']),
  sinks: z.array(Identifier).default([]),
});
export type DigestConfig = z.infer<typeof DigestConfig>;
