// The webhook source over real HTTP: signed batches accepted onto the bus; a bad or missing
// signature, an oversized body, an invalid payload and a wrong content type each refused with
// their own status and reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceOf } from '../../config/index.js';
import { createWebhookServer, signWebhookBody, SIGNATURE_HEADER, type WebhookServer } from '../../ingest/index.js';
import { newBus, publishedMentions, sourceConfig } from './helpers.js';

const SECRET = 'a-long-shared-secret-for-tests';
const bus = newBus();
let server: WebhookServer;
let endpoint: string;

const mention = (n: number, extra: Record<string, unknown> = {}) => ({
  source: 'webhook',
  nativeId: `zendesk-${n}`,
  author: { id: `cust-${n}`, handle: `customer ${n}` },
  text: `Ticket ${n}: I have called three times about my bill`,
  createdAt: '2026-11-24T10:00:00Z',
  brand: 'acme',
  query: 'zendesk',
  ...extra,
});

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhookBody(body, SECRET), ...headers }, body });
  return { status: res.status, body: (await res.json()) as { error?: string; accepted?: number; ids?: string[]; problems?: string[] } };
}

beforeAll(async () => {
  const source = sourceConfig<SourceOf<'webhook'>>({ kind: 'webhook', id: 'crm', port: 0, maxBodyBytes: 4096, secretEnv: 'CRM_WEBHOOK_SECRET' });
  server = createWebhookServer({ source, bus, env: { CRM_WEBHOOK_SECRET: SECRET } });
  endpoint = `${await server.listen()}/ingest/webhook`;
});
afterAll(async () => server.close());

describe('webhook source', () => {
  it('accepts a signed batch with 202 and publishes it (id and fetchedAt filled in)', async () => {
    const res = await post(JSON.stringify([mention(1), mention(2)]));
    expect(res).toEqual({ status: 202, body: { accepted: 2, ids: ['webhook:zendesk-1', 'webhook:zendesk-2'] } });
    const single = await post(JSON.stringify({ mentions: [mention(3)] }));
    expect(single.status).toBe(202);
    const published = await publishedMentions(bus);
    expect(published.map((m) => m.id).sort()).toEqual(['webhook:zendesk-1', 'webhook:zendesk-2', 'webhook:zendesk-3']);
    expect(published[0]!.fetchedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses a wrong or missing signature with 401', async () => {
    const body = JSON.stringify(mention(4));
    const wrong = await post(body, { [SIGNATURE_HEADER]: signWebhookBody(body, 'not-the-secret') });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/does not match the body/);
    const tampered = await post(body.replace('three', 'four'), { [SIGNATURE_HEADER]: signWebhookBody(body, SECRET) });
    expect(tampered.status).toBe(401);
    const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/missing x-earshot-signature/);
  });

  it('refuses a body over the limit with 413', async () => {
    const big = JSON.stringify(Array.from({ length: 40 }, (_, i) => mention(100 + i)));
    expect(big.length).toBeGreaterThan(4096);
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/larger than the 4096 bytes/);
  });

  it('refuses an invalid mention with 400 naming the field, and accepts none of its batch', async () => {
    const res = await post(JSON.stringify([mention(5), mention(6, { author: { handle: 'no id' } })]));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/mentions\[1\]\.author\.id/);
    const notJson = await post('{"source": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatch(/not valid JSON/);
    expect((await publishedMentions(bus)).some((m) => m.nativeId === 'zendesk-5')).toBe(false);
  });

  it('refuses a non-JSON content type with 415', async () => {
    const body = 'text=hello';
    const res = await post(body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatch(/application\/json/);
  });

  it('will not start without its secret, and names the variable', () => {
    const source = sourceConfig<SourceOf<'webhook'>>({ kind: 'webhook', id: 'crm2', secretEnv: 'CRM_WEBHOOK_SECRET' });
    expect(() => createWebhookServer({ source, bus, env: {} })).toThrow(/export CRM_WEBHOOK_SECRET=/);
  });
});
