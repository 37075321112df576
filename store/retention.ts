// Retention: mentions (and dead letters) older than `store.retentionDays` go.
//
// Tables are partitioned by month, so the cheap, exact-to-the-month step works on every
// version: drop each monthly partition that ended before the cutoff (a metadata operation, no
// rewrite). Where the engine has table TTL (19.6+, dialect.supportsTtl) the mentions table
// also gets `TTL created_at + N days` (the rollup tables `TTL hour + N days`), so rows in the
// partly-expired month go on merges too.
// Debian's 18.16 has no TTL: there rows live until their whole month is past the cutoff, i.e.
// up to one month longer than asked. Run it on a schedule (`startRetention`).
import { ClickHouseStore } from './clickhouse-store.js';
import { sqlNumber, sqlString } from './escape.js';
import type { Store } from './types.js';

export interface RetentionResult {
  /** `table:partition` of each dropped month. */
  dropped: string[];
  /** Whether a TTL was set now on the mentions table or the rollup's (false when already set, or unsupported). */
  ttlSet: boolean;
}

// The monthly-partitioned tables and the time column a TTL counts from (the rollup and its
// bookkeeping go with the mentions they count; dead letters keep to whole months).
const RETAINED_TABLES: Record<string, string | null> = {
  mentions: 'created_at',
  dead_letters: null,
  mention_rollup: 'hour',
  mention_rollup_hours: 'hour',
  mention_changes: 'hour',
};

const yyyymm = (d: Date) => d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;

export async function applyRetention(store: Store, days: number, now: Date = new Date()): Promise<RetentionResult> {
  if (!(store instanceof ClickHouseStore)) throw new TypeError('applyRetention needs a store opened by openStore()');
  if (!Number.isInteger(days) || days <= 0) throw new RangeError(`retention must be a whole number of days > 0, got ${days}`);
  const { engine, db } = store;
  const dialect = await store.getDialect();
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  // A month partition may go when all of it is before the cutoff: its id is below the cutoff's month.
  const firstKeptMonth = yyyymm(cutoff);
  const dropped: string[] = [];
  for (const table of Object.keys(RETAINED_TABLES)) {
    const parts = await engine.select<{ partition: string }>(
      `SELECT DISTINCT partition FROM system.parts WHERE database = ${sqlString(db)} AND table = ${sqlString(table)} AND active`,
    );
    for (const { partition } of parts) {
      const month = Number(String(partition).replace(/'/g, ''));
      if (!Number.isInteger(month) || month >= firstKeptMonth) continue;
      await engine.exec(`ALTER TABLE ${db}.${table} DROP PARTITION ${sqlNumber(month)}`);
      dropped.push(`${table}:${month}`);
    }
  }
  let ttlSet = false;
  if (dialect.supportsTtl) {
    for (const [table, column] of Object.entries(RETAINED_TABLES)) {
      if (!column) continue;
      const ttl = `TTL ${column} + toIntervalDay(${sqlNumber(days)})`;
      const [t] = await engine.select<{ engine_full: string }>(
        `SELECT engine_full FROM system.tables WHERE database = ${sqlString(db)} AND name = ${sqlString(table)}`,
      );
      if (!t?.engine_full.includes(ttl)) {
        await engine.exec(`ALTER TABLE ${db}.${table} MODIFY ${ttl}`);
        ttlSet = true;
      }
    }
  }
  return { dropped, ttlSet };
}

/** Applies retention now and then every `everyMs` (default daily); returns a stop function. Failures go to `onError`. */
export function startRetention(store: Store, days: number, options: { everyMs?: number; onError?: (err: unknown) => void; onApplied?: (r: RetentionResult) => void } = {}): () => void {
  const run = () =>
    applyRetention(store, days).then(
      (r) => options.onApplied?.(r),
      (err) => options.onError?.(err),
    );
  void run();
  const timer = setInterval(run, options.everyMs ?? 86_400_000);
  timer.unref();
  return () => clearInterval(timer);
}
