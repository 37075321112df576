// Liveness, readiness and Prometheus metrics for every long-running earshot process. The API
// mounts these routes on its own server; other processes (ingest, process, store, scheduler)
// start a small server of their own with startObservabilityServer.
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { collectProcessMetrics, defaultRegistry } from './metrics.js';

export interface ReadinessCheck {
  ok: boolean;
  /** What failed, for operators; absent when ok. */
  error?: string;
}

export interface Readiness {
  ok: boolean;
  checks: Record<string, ReadinessCheck>;
}

export interface ObservabilityOptions {
  /** Decides /readyz: typically "can I query the store" and "can I reach the bus". Default: always ready. */
  readiness?: () => Promise<Readiness>;
  /** Registries served at /metrics besides prom-client's default one (e.g. the bus's). */
  registries?: Registry[];
  /** Longest a readiness check may take before it counts as failed. */
  readinessTimeoutMs?: number;
}

/** Runs named checks concurrently, each bounded by a timeout; a throw or a timeout is a failed check. */
export async function runChecks(checks: Record<string, () => Promise<unknown>>, timeoutMs = 5_000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, ReadinessCheck]> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, { ok: true }];
      } catch (err) {
        return [name, { ok: false, error: err instanceof Error ? err.message : String(err) }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ok: entries.every(([, c]) => c.ok), checks: Object.fromEntries(entries) };
}

/** Text of every registry in Prometheus exposition format; the same registry passed twice is served once. */
export async function metricsText(registries: Registry[] = []): Promise<{ contentType: string; body: string }> {
  const unique = [...new Set([defaultRegistry, ...registries])];
  const merged = unique.length === 1 ? defaultRegistry : Registry.merge(unique);
  return { contentType: merged.contentType, body: await merged.metrics() };
}

/** Adds /healthz, /readyz and /metrics to a fastify instance (no auth: they expose counts, not content). */
export function observabilityRoutes(app: FastifyInstance, options: ObservabilityOptions = {}): void {
  collectProcessMetrics();
  const hide = { schema: { hide: true } };
  app.get('/healthz', hide, async () => ({ ok: true }));
  app.get('/readyz', hide, async (_req, reply) => {
    const result = await readinessOf(options);
    return reply.code(result.ok ? 200 : 503).send(result);
  });
  app.get('/metrics', hide, async (_req, reply) => {
    const { contentType, body } = await metricsText(options.registries);
    return reply.type(contentType).send(body);
  });
}

/** The readiness callback's answer; a throw or a timeout is reported as a failed check, not a 500. */
async function readinessOf(options: ObservabilityOptions): Promise<Readiness> {
  if (!options.readiness) return { ok: true, checks: {} };
  const timeoutMs = options.readinessTimeoutMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      options.readiness(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`readiness checks gave no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    return { ok: false, checks: { readiness: { ok: false, error: err instanceof Error ? err.message : String(err) } } };
  } finally {
    clearTimeout(timer);
  }
}

export interface ObservabilityServer {
  /** The bound port (useful with port 0). */
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Starts a small HTTP server with /healthz, /readyz and /metrics; for processes that serve nothing else. */
export async function startObservabilityServer(options: ObservabilityOptions & { port: number; host?: string }): Promise<ObservabilityServer> {
  const app = Fastify({ logger: false });
  observabilityRoutes(app, options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { port, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, close: () => app.close() };
}
