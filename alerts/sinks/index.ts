// Sinks by config, and delivery with per-sink retries: a failing sink retries with capped
// exponential backoff and never holds up the others (all sinks run concurrently).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SinkConfig } from '../../config/index.js';
import { emailSink } from './email.js';
import type { OutboundMessage, Sink } from './types.js';
import { webhookSink } from './webhook.js';

export type { OutboundMessage, OutboundFile, Sink } from './types.js';
export { signature } from './webhook.js';

export function createSink(c: SinkConfig, env: NodeJS.ProcessEnv = process.env): Sink {
  switch (c.kind) {
    case 'stdout':
      return { id: c.id, kind: c.kind, retries: c.retries, maxBackoffMs: c.maxBackoff, send: async (m) => void process.stdout.write(`${m.subject}\n${m.text}\n\n`) };
    case 'file':
      return {
        id: c.id,
        kind: c.kind,
        retries: c.retries,
        maxBackoffMs: c.maxBackoff,
        async send(m) {
          await mkdir(c.dir, { recursive: true });
          for (const f of m.files) await writeFile(join(c.dir, f.name), f.content);
        },
      };
    case 'webhook':
      return webhookSink(c, env);
    case 'email':
      return emailSink(c, env);
  }
}

export function createSinks(configs: readonly SinkConfig[], env: NodeJS.ProcessEnv = process.env): Map<string, Sink> {
  return new Map(configs.map((c) => [c.id, createSink(c, env)]));
}

export interface SinkDelivery {
  state: 'delivered' | 'failed';
  attempts: number;
  at: string;
  error?: string;
}

export interface DeliverOptions {
  /** First backoff; doubles per attempt up to the sink's maxBackoff. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

/** Sends to one sink with retries; never throws. `previousAttempts` carries over from earlier cycles. */
export async function sendWithRetry(sink: Sink, m: OutboundMessage, o: DeliverOptions = {}, previousAttempts = 0): Promise<SinkDelivery> {
  const sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const now = o.now ?? (() => new Date());
  let attempts = previousAttempts;
  let error = '';
  for (let i = 0; i <= sink.retries; i++) {
    if (i > 0) await sleep(Math.min(sink.maxBackoffMs, (o.baseDelayMs ?? 500) * 2 ** (i - 1)));
    attempts++;
    try {
      await sink.send(m);
      return { state: 'delivered', attempts, at: now().toISOString() };
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
  }
  return { state: 'failed', attempts, at: now().toISOString(), error };
}

/**
 * Delivers `m` to every named sink not yet delivered in `state` (keyed `sinkId#event`), all
 * at once; returns the new state. Unknown sink ids are recorded as failed, not thrown.
 */
export async function deliver(
  m: OutboundMessage,
  sinkIds: readonly string[],
  sinks: ReadonlyMap<string, Sink>,
  state: Record<string, unknown>,
  event: string,
  o: DeliverOptions = {},
): Promise<Record<string, unknown>> {
  const next: Record<string, unknown> = { ...state };
  await Promise.all(
    sinkIds.map(async (id) => {
      const key = `${id}#${event}`;
      const prev = state[key] as SinkDelivery | undefined;
      if (prev?.state === 'delivered') return;
      const sink = sinks.get(id);
      next[key] = sink
        ? await sendWithRetry(sink, m, o, prev?.attempts ?? 0)
        : ({ state: 'failed', attempts: (prev?.attempts ?? 0) + 1, at: (o.now?.() ?? new Date()).toISOString(), error: `no sink '${id}' configured` } satisfies SinkDelivery);
    }),
  );
  return next;
}

/** True when every sink has the event delivered. */
export function isDelivered(state: Record<string, unknown>, sinkIds: readonly string[], event: string): boolean {
  return sinkIds.every((id) => (state[`${id}#${event}`] as SinkDelivery | undefined)?.state === 'delivered');
}
