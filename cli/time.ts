// Reading times on the command line: ISO timestamps, or durations back from now (`24h`, `7d`).
import { parseDuration } from '../config/index.js';

/** `2026-11-24T08:00:00Z`, `2026-11-24`, `24h` (= 24 hours ago), `now`. */
export function parseTime(text: string, now = new Date()): Date {
  if (text === 'now') return now;
  if (/^\d+\s*(ms|s|m|h|d|w)$/.test(text)) return new Date(now.getTime() - parseDuration(text));
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new Error(`expected a time such as 2026-11-24T08:00:00Z, 2026-11-24, 24h (ago) or now; got '${text}'`);
  return new Date(ms);
}
