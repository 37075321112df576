// Where alerts and digests go, and when.
import { z } from 'zod';
import { CronExpression, Duration, EnvVarName, Identifier, TimeZone } from './common.js';

/** Shared by every sink: how a failing delivery is retried before it is left for the next cycle. */
const Retry = {
  retries: z.number().int().nonnegative().default(3),
  maxBackoff: Duration.prefault('30s'),
};

export const SinkConfig = z.discriminatedUnion('kind', [
  z.object({ id: Identifier, kind: z.literal('stdout'), ...Retry }),
  z.object({ id: Identifier, kind: z.literal('file'), dir: z.string().default('./out'), ...Retry }),
  z.object({
    id: Identifier,
    kind: z.literal('webhook'),
    /** slack: Slack-compatible incoming-webhook JSON (text + blocks); json: earshot's own JSON, signed when secretEnv is set. */
    format: z.enum(['slack', 'json']).default('json'),
    /** The URL, or (for URLs that embed a secret, like Slack's) the env var holding it. */
    url: z.string().url().optional(),
    urlEnv: EnvVarName.optional(),
    /** Env var with the HMAC key for `X-Earshot-Signature: sha256=<hex>` (json format). */
    secretEnv: EnvVarName.optional(),
    timeout: Duration.prefault('10s'),
    ...Retry,
  }),
  z.object({
    id: Identifier,
    kind: z.literal('email'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535).default(587),
    /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    user: z.string().optional(),
    passwordEnv: EnvVarName.optional(),
    from: z.string().min(3),
    to: z.array(z.string().min(3)).min(1, 'an email sink needs at least one recipient'),
    ...Retry,
  }),
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
