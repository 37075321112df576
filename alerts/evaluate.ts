// Rules over the store: series → detector → alert records; then the delivery cycle that the
// scheduler runs (claim, save, send, save the delivery state).
import type { AlertRule } from '../config/index.js';
import type { AlertRecord, SeriesPoint, Store, TimeRange } from '../store/index.js';
import { buildAlertContent } from './content.js';
import { SpikeDetector, type SeriesSample } from './detector.js';
import { withLease, type LeaseOptions } from './lease.js';
import { alertMessage, type AlertEvent } from './messages.js';
import { deliver, isDelivered, type DeliverOptions, type Sink } from './sinks/index.js';

export interface SpikeRules {
  rules: readonly AlertRule[];
  /** Brands a rule without `brands:` covers (the configured brand ids). */
  brands: readonly string[];
}

export interface DetectOptions {
  /** History the detector warms up on before the range (default 15 days: two weeks of weekly comparables). */
  lookbackMs?: number;
}

const DEFAULT_LOOKBACK = 15 * 86_400_000;

/** Deterministic: the same rule, brand, topic and start interval always give the same id. */
export function alertId(rule: string, brand: string, topic: string, startedAt: Date): string {
  return `${rule}:${brand}:${topic || '*'}:${startedAt.toISOString().replace('.000Z', 'Z')}`;
}

function samples(rule: AlertRule, negative: SeriesPoint[], all: SeriesPoint[] | null): SeriesSample[] {
  // Echoes are reach, not voices, unless the rule counts them: originals give `voices`.
  const pick = (p: SeriesPoint) => (rule.countEchoes ? p.mentions : p.voices);
  return negative.map((p, i) => ({ t: p.bucket.getTime(), count: pick(p), ...(all ? { total: pick(all[i]!) } : {}) }));
}

/**
 * Evaluates the rules over `range` (historical or up to now) and returns the alerts whose start
 * falls in it, with their content. Only whole intervals before `clock()` are evaluated. Nothing
 * is saved or sent.
 */
export async function detectSpikes(store: Store, cfg: SpikeRules, range: TimeRange, clock: () => number = Date.now, o: DetectOptions = {}): Promise<AlertRecord[]> {
  const out: AlertRecord[] = [];
  for (const rule of cfg.rules) {
    const step = rule.interval;
    const until = Math.min(Math.floor(range.until.getTime() / step) * step, Math.floor(clock() / step) * step);
    const since = Math.floor((range.since.getTime() - (o.lookbackMs ?? DEFAULT_LOOKBACK)) / step) * step;
    if (until <= range.since.getTime()) continue;
    const span = { since: new Date(since), until: new Date(until) };
    for (const brand of rule.brands ?? cfg.brands) {
      const scope = { brand, ...(rule.topic ? { topic: rule.topic } : {}) };
      const negative = await store.volumeSeries({ range: span, intervalSeconds: step / 1000, filter: { ...scope, sentiment: 'negative' } });
      const all = rule.metric === 'negative_share' ? await store.volumeSeries({ range: span, intervalSeconds: step / 1000, filter: scope }) : null;
      const detector = new SpikeDetector({
        intervalMs: step,
        metric: rule.metric === 'negative_share' ? 'share' : 'count',
        threshold: rule.threshold,
        minVolume: rule.minVolume,
        cooldownMs: rule.cooldown,
      });
      for (const s of samples(rule, negative, all)) detector.push(s);
      for (const e of detector.episodes) {
        if (e.start < range.since.getTime() || e.start >= range.until.getTime()) continue;
        const startedAt = new Date(e.start);
        const windowEnd = e.end ?? e.start + step;
        const payload = await buildAlertContent({
          store,
          rule: rule.id,
          metric: rule.metric,
          brand,
          topic: rule.topic ?? null,
          window: { since: startedAt, until: new Date(windowEnd) },
          observed: e.observed,
          expected: e.expected,
          score: e.score,
        });
        out.push({
          id: alertId(rule.id, brand, rule.topic ?? '', startedAt),
          rule: rule.id,
          brand,
          topic: rule.topic ?? '',
          status: e.resolvedAt !== null ? 'resolved' : 'open',
          startedAt,
          endedAt: e.resolvedAt !== null && e.end !== null ? new Date(e.end) : null,
          observed: e.observed,
          expected: e.expected,
          score: e.score,
          payload,
          delivery: {},
        });
      }
    }
  }
  return out.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id));
}

export interface CycleOptions extends DeliverOptions {
  lease: LeaseOptions;
  /** How far back a cycle looks for alerts to open or resolve (default 1 day). */
  horizonMs?: number;
  lookbackMs?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export interface CycleResult {
  detected: number;
  sent: string[];
  failed: string[];
}

const eventsOf = (a: AlertRecord): AlertEvent[] => (a.status === 'resolved' ? ['open', 'resolved'] : ['open']);

async function storedAlert(store: Store, a: AlertRecord): Promise<AlertRecord | undefined> {
  const rows = await store.alerts({ range: { since: a.startedAt, until: new Date(a.startedAt.getTime() + 1000) }, brand: a.brand, limit: 1000 });
  return rows.find((r) => r.id === a.id);
}

/**
 * Saves the alert's newest state and sends its pending events, under a claim so that only one
 * scheduler does it. Returns the message keys sent and failed.
 */
async function reconcile(store: Store, detected: AlertRecord, rule: AlertRule | undefined, sinks: ReadonlyMap<string, Sink>, o: CycleOptions, result: CycleResult): Promise<void> {
  const sinkIds = rule?.sinks ?? [];
  const before = await storedAlert(store, detected);
  const status = before?.status === 'resolved' ? 'resolved' : detected.status;
  const pending = (rec: AlertRecord) => eventsOf({ ...rec, status }).filter((ev) => !isDelivered(rec.delivery, sinkIds, ev));
  if (before && before.status === status && !pending(before).length) return;
  await withLease(store, `alert:${detected.id}`, o.lease, async () => {
    // Read again under the claim: another scheduler may have finished it meanwhile.
    const current = await storedAlert(store, detected);
    let rec: AlertRecord = current
      ? { ...current, status: current.status === 'resolved' ? 'resolved' : detected.status, endedAt: current.endedAt ?? detected.endedAt, version: undefined }
      : { ...detected };
    if (!current || current.status !== rec.status) await store.saveAlert({ ...rec, version: nextVersion() });
    for (const ev of pending(rec)) {
      const delivery = await deliver(alertMessage(rec, ev), sinkIds, sinks, rec.delivery, ev, o);
      // Report only the sinks tried now (those not delivered before).
      for (const id of sinkIds) {
        const was = rec.delivery[`${id}#${ev}`] as { state: string } | undefined;
        if (was?.state === 'delivered') continue;
        ((delivery[`${id}#${ev}`] as { state: string }).state === 'delivered' ? result.sent : result.failed).push(`${rec.id}#${ev}@${id}`);
      }
      rec = { ...rec, delivery };
      await store.saveAlert({ ...rec, version: nextVersion() });
    }
  });
}

let lastVersion = 0;
/** Strictly increasing within the process, so two saves in one millisecond keep their order. */
function nextVersion(): number {
  lastVersion = Math.max(Date.now(), lastVersion + 1);
  return lastVersion;
}

/** One scheduler tick: detect over the horizon, then save and deliver what is new. */
export async function runAlertCycle(store: Store, cfg: SpikeRules, sinks: ReadonlyMap<string, Sink>, clock: () => number, o: CycleOptions): Promise<CycleResult> {
  const now = clock();
  const range = { since: new Date(now - (o.horizonMs ?? 86_400_000)), until: new Date(now) };
  const detected = await detectSpikes(store, cfg, range, clock, { ...(o.lookbackMs ? { lookbackMs: o.lookbackMs } : {}) });
  const result: CycleResult = { detected: detected.length, sent: [], failed: [] };
  const rules = new Map(cfg.rules.map((r) => [r.id, r]));
  for (const a of detected) await reconcile(store, a, rules.get(a.rule), sinks, { ...o, lease: { clock, ...o.lease } }, result);
  await resendUndelivered(store, cfg, sinks, clock, o, result, new Set(detected.map((a) => a.id)));
  return result;
}

/** Alerts stored with an event not yet delivered to every sink (a crash, a sink down): send them now. */
export async function resendUndelivered(
  store: Store,
  cfg: SpikeRules,
  sinks: ReadonlyMap<string, Sink>,
  clock: () => number,
  o: CycleOptions,
  result: CycleResult = { detected: 0, sent: [], failed: [] },
  /** Alerts this cycle already handled. */
  skip: ReadonlySet<string> = new Set(),
): Promise<CycleResult> {
  const now = clock();
  const rules = new Map(cfg.rules.map((r) => [r.id, r]));
  const recent = await store.alerts({ range: { since: new Date(now - 7 * 86_400_000), until: new Date(now + 1000) }, limit: 1000 });
  for (const a of recent) {
    const rule = rules.get(a.rule);
    if (!rule || skip.has(a.id) || eventsOf(a).every((ev) => isDelivered(a.delivery, rule.sinks, ev))) continue;
    await reconcile(store, { ...a, version: undefined }, rule, sinks, { ...o, lease: { clock, ...o.lease } }, result);
  }
  return result;
}
