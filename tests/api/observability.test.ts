// The observability server any long-running process starts: liveness, readiness from callbacks
// (failures, throws and hangs all count as not ready), and Prometheus text with the pipeline
// metrics and any extra registry merged in.
import { metricsRegistry as busMetrics } from '../../bus/index.js';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { mentionsIngested, alertsSent, batchLatency, runChecks, startObservabilityServer, type ObservabilityServer } from '../../api/index.js';

let server: ObservabilityServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fetchText = async (url: string) => {
  const r = await fetch(url);
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
};

describe('startObservabilityServer', () => {
  it('answers /healthz and reports ready when every check passes', async () => {
    server = await startObservabilityServer({ port: 0, readiness: () => runChecks({ store: async () => 1, bus: async () => 1 }) });
    expect((await fetchText(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetchText(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ ok: true, checks: { store: { ok: true }, bus: { ok: true } } });
  });

  it('reports 503 naming the failed check, a hung check and a throwing callback', async () => {
    server = await startObservabilityServer({
      port: 0,
      readiness: () =>
        runChecks(
          {
            store: async () => {
              throw new Error('cannot reach ClickHouse at http://127.0.0.1:8123');
            },
            bus: () => new Promise(() => {}),
            ok: async () => true,
          },
          100,
        ),
    });
    const r = await fetchText(`${server.url}/readyz`);
    expect(r.status).toBe(503);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(false);
    expect(body.checks.store).toEqual({ ok: false, error: 'cannot reach ClickHouse at http://127.0.0.1:8123' });
    expect(body.checks.bus.error).toMatch(/no answer within 100 ms/);
    expect(body.checks.ok).toEqual({ ok: true });
    await server.close();

    server = await startObservabilityServer({
      port: 0,
      readinessTimeoutMs: 100,
      readiness: async () => {
        throw new Error('bus closed');
      },
    });
    const thrown = await fetchText(`${server.url}/readyz`);
    expect(thrown.status).toBe(503);
    expect(JSON.parse(thrown.body).checks.readiness.error).toBe('bus closed');
  });

  it('serves the pipeline metrics, process metrics and extra registries in Prometheus format', async () => {
    const extra = new Registry();
    const busCounter = new Counter({ name: 'test_bus_messages_total', help: 'test', registers: [extra] });
    busCounter.inc(7);
    mentionsIngested.inc({ source: 'reddit' }, 3);
    alertsSent.inc({ sink: 'slack' });
    batchLatency.observe({ stage: 'store' }, 0.2);
    server = await startObservabilityServer({ port: 0, registries: [extra, busMetrics] });
    const r = await fetchText(`${server.url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(r.body).toMatch(/^earshot_mentions_ingested_total\{source="reddit"\} 3$/m);
    expect(r.body).toMatch(/^earshot_alerts_sent_total\{sink="slack"\} 1$/m);
    expect(r.body).toMatch(/^earshot_batch_latency_seconds_count\{stage="store"\} 1$/m);
    expect(r.body).toMatch(/^test_bus_messages_total 7$/m);
    expect(r.body).toMatch(/^earshot_process_resident_memory_bytes \d+/m);
    // Dead letters and consumer lag come from the bus's own registry.
    for (const name of ['earshot_mentions_processed_total', 'earshot_mentions_stored_total', 'earshot_bus_dead_letters_total', 'earshot_bus_consumer_lag']) {
      expect(r.body).toContain(`# TYPE ${name}`);
    }
  });
});
