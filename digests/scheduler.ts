// The scheduler process: alert evaluation and digests on their cron schedules. Several may run
// against one store; claims (alerts/lease.ts) and deterministic ids keep each alert event and
// each digest delivered once.
import cron, { type ScheduledTask } from 'node-cron';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { resendUndelivered, runAlertCycle, type Sink } from '../alerts/index.js';
import type { EarshotConfig } from '../config/index.js';
import type { Store } from '../store/index.js';
import { runDigest } from './run.js';

export interface SchedulerOptions {
  store: Store;
  config: Pick<EarshotConfig, 'alerts' | 'digests' | 'brands'>;
  sinks: ReadonlyMap<string, Sink>;
  /** Unique per process (default host:pid:random). */
  owner?: string;
  clock?: () => number;
  /** Lease read-back delay (default 250 ms). */
  settleMs?: number;
  /** First retry backoff (default 500 ms). */
  baseDelayMs?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
}

export interface RunningScheduler {
  readonly owner: string;
  readonly tasks: ScheduledTask[];
  /** Stops the schedules and waits for runs in flight. */
  stop(): Promise<void>;
}

export async function startScheduler(o: SchedulerOptions): Promise<RunningScheduler> {
  const owner = o.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const clock = o.clock ?? Date.now;
  const log = o.log ?? (() => {});
  const lease = { owner, clock, ...(o.settleMs !== undefined ? { settleMs: o.settleMs } : {}) };
  const delivery = { lease, ...(o.baseDelayMs !== undefined ? { baseDelayMs: o.baseDelayMs } : {}) };
  const rules = { rules: o.config.alerts.rules, brands: o.config.brands.map((b) => b.id) };
  const brandNames = Object.fromEntries(o.config.brands.map((b) => [b.id, b.name]));
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };
  const guarded = (what: string, fn: () => Promise<unknown>) => async () => {
    try {
      await track(fn());
    } catch (err) {
      log('error', `${what} failed`, { error: err instanceof Error ? err.message : String(err) });
    }
  };

  // A restart never forgets an alert it stored but did not send.
  await guarded('resend of undelivered alerts', async () => {
    const r = await resendUndelivered(o.store, rules, o.sinks, clock, delivery);
    if (r.sent.length || r.failed.length) log('info', 'resent undelivered alerts', { sent: r.sent, failed: r.failed });
  })();

  const tasks: ScheduledTask[] = [];
  if (o.config.alerts.rules.length)
    tasks.push(
      cron.schedule(
        o.config.alerts.schedule,
        guarded('alert cycle', async () => {
          const r = await runAlertCycle(o.store, rules, o.sinks, clock, delivery);
          if (r.sent.length || r.failed.length) log('info', 'alert cycle', { ...r });
        }),
        { name: 'alerts', noOverlap: true },
      ),
    );
  for (const d of o.config.digests)
    tasks.push(
      cron.schedule(
        d.schedule,
        (ctx) =>
          guarded(`digest ${d.id}`, async () => {
            const ids = await runDigest(o.store, d, rules.brands, o.sinks, ctx.date, { ...delivery, brandNames });
            if (ids.length) log('info', 'digest delivered', { digest: d.id, ids });
          })(),
        { name: `digest:${d.id}`, timezone: d.timezone, noOverlap: true },
      ),
    );
  return {
    owner,
    tasks,
    async stop() {
      await Promise.all(tasks.map((t) => t.stop()));
      await Promise.allSettled([...inFlight]);
      await Promise.all(tasks.map((t) => t.destroy()));
    },
  };
}
