// Test rig for connectors: a local HTTP server replaying recorded API responses, a clock whose
// sleeps are recorded (and advance it) instead of waiting, and readers for what reached the bus.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { DEAD_LETTER_HEADERS, EmbeddedBus, type Bus, type BusMessage } from '../../bus/index.js';
import { validateConfig, type EarshotConfig } from '../../config/index.js';
import type { IngestContext } from '../../ingest/index.js';
import { TOPICS, type RawMention } from '../../messages/index.js';
import { openStore, type Store } from '../../store/index.js';

const here = dirname(fileURLToPath(import.meta.url));

export function fixture(name: string): string {
  return readFileSync(join(here, 'fixtures', name), 'utf8');
}
export function fixtureJson<T = unknown>(name: string): T {
  return JSON.parse(fixture(name)) as T;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FixtureServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Serves `handle`'s replies on 127.0.0.1 (a random port), recording every request. */
export async function startServer(handle: (req: RecordedRequest, server: { url: string }) => Reply | Promise<Reply>): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const info = { url: '' };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://localhost');
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      Promise.resolve(handle(recorded, info)).then(
        (reply) => {
          const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
          const headers: Record<string, string> = { ...(typeof reply.body === 'object' ? { 'content-type': 'application/json' } : {}), ...reply.headers };
          res.writeHead(reply.status ?? 200, headers);
          res.end(body);
        },
        (err: Error) => {
          res.writeHead(599);
          res.end(String(err.message));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  info.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: info.url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

export interface TestClock {
  ctx: IngestContext;
  /** Every sleep requested, in ms. */
  waits: number[];
  abort: AbortController;
  advance(ms: number): void;
}

/** An IngestContext on a fake clock: sleep records the wait and moves the clock; jitter is pinned to 0.5. */
export function testContext(env: Record<string, string> = {}, start = T0): TestClock {
  let now = start;
  const waits: number[] = [];
  const abort = new AbortController();
  return {
    waits,
    abort,
    advance: (ms) => (now += ms),
    ctx: {
      now: () => new Date(now),
      sleep: async (ms, signal) => {
        signal?.throwIfAborted();
        waits.push(ms);
        now += ms;
      },
      fetch: globalThis.fetch,
      env,
      log: pino({ level: 'silent' }),
      signal: abort.signal,
      random: () => 0.5,
    },
  };
}

export async function openTestStore(): Promise<Store> {
  const store = await openStore({ kind: 'embedded', path: mkdtempSync(join(tmpdir(), 'earshot-ingest-')), writer: { batchSize: 1000, flushInterval: 1000, maxRetryDelay: 1000 } });
  await store.migrate();
  return store;
}

export function newBus(): EmbeddedBus {
  return new EmbeddedBus({ partitions: 2, deadLetterTopic: TOPICS.deadLetter });
}

let groups = 0;
/** Everything published to `topic` so far (read by a throwaway consumer group). */
export async function readTopic(bus: Bus, topic: string): Promise<BusMessage[]> {
  const out: BusMessage[] = [];
  const group = `test-reader-${++groups}`;
  const consumer = await bus.consume({ topic, group, stage: 'test', fromBeginning: true, handler: async (batch) => void out.push(...batch) });
  for (let i = 0; i < 200; i++) {
    const lag = (await bus.lag(group, topic)).reduce((n, p) => n + p.lag, 0);
    if (lag === 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  await consumer.stop();
  return out.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

export async function publishedMentions(bus: Bus): Promise<RawMention[]> {
  return (await readTopic(bus, TOPICS.raw)).map((m) => JSON.parse(m.value) as RawMention);
}

export async function deadLetters(bus: Bus): Promise<{ reason: string; stage: string; source: string; payload: string }[]> {
  return (await readTopic(bus, TOPICS.deadLetter)).map((m) => ({
    reason: m.headers[DEAD_LETTER_HEADERS.reason] ?? '',
    stage: m.headers[DEAD_LETTER_HEADERS.stage] ?? '',
    source: m.headers[DEAD_LETTER_HEADERS.source] ?? '',
    payload: m.value,
  }));
}

export const BRANDS: EarshotConfig['brands'] = validateConfig({
  brands: [
    { id: 'acme', name: 'Acme Broadband', aliases: ['Acme'], queries: ['acme broadband'] },
    { id: 'globex', name: 'Globex', aliases: [], queries: ['globex'] },
  ],
}).brands;

/** A source config entry validated the way the config file is. */
export function sourceConfig<T>(entry: Record<string, unknown>): T {
  return validateConfig({ brands: BRANDS, sources: [entry] }).sources[0] as T;
}
