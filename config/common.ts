// Small shared config types: durations, cron expressions, env-var references.
import { z } from 'zod';
import cron from 'node-cron';

const DURATION = /^(\d+)\s*(ms|s|m|h|d|w)$/;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Parses `500ms`, `30s`, `5m`, `2h`, `7d`, `1w` into milliseconds; throws on anything else. */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m) throw new Error(`expected a duration such as 30s, 5m, 2h or 7d, got '${text}'`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** A duration written as text in YAML; parsed to milliseconds. */
export const Duration = z.string().transform((text, ctx) => {
  try {
    return parseDuration(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

/** A node-cron expression (5 or 6 fields). */
export const CronExpression = z.string().refine((s) => cron.validate(s), {
  message: "expected a cron expression such as '*/5 * * * *' (minute hour day month weekday)",
});

/** The NAME of an environment variable holding a secret; secrets never live in the file. */
export const EnvVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected the name of an environment variable, such as X_BEARER_TOKEN');

/** An IANA time zone name, checked against the runtime's tz database. */
export const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected an IANA time zone such as 'UTC' or 'Europe/London'" },
);

export const Identifier = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lowercase id (letters, digits, - and _), such as acme');
