// Alert cycles against the real embedded store, delivered to a local HTTP server, a local
// SMTP server and a directory.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSinks, detectSpikes, resendUndelivered, runAlertCycle, type AlertContent } from '../../alerts/index.js';
import { validateConfig } from '../../config/index.js';
import { openStore, type Store } from '../../store/index.js';
import { mentionStream } from './fixtures.js';

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const SURGE = { since: new Date('2026-11-23T14:00:00Z'), until: new Date('2026-11-23T14:40:00Z'), negativePerInterval: 25, echoesPerMention: 1 };
const DURING = Date.parse('2026-11-23T14:20:00Z');
const AFTER = Date.parse('2026-11-23T16:00:00Z');

describe('alert cycle with delivery', () => {
  let store: Store;
  let http: Server;
  let smtp: SMTPServer;
  const hits: Hit[] = [];
  const mails: ParsedMail[] = [];
  let failuresLeft = 1; // /slack answers 500 once, then 200
  let downUntilRestart = true; // /down answers 500 until the "restart"
  const outDir = mkdtempSync(join(tmpdir(), 'earshot-alert-files-'));
  let port = 0;
  let smtpPort = 0;

  beforeAll(async () => {
    http = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hits.push({ path: req.url ?? '', headers: req.headers, body });
        const fail = (req.url === '/slack' && failuresLeft-- > 0) || (req.url === '/down' && downUntilRestart);
        res.writeHead(fail ? 500 : 200).end(fail ? 'boom' : 'ok');
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    port = (http.address() as AddressInfo).port;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, _session, cb) {
        simpleParser(stream)
          .then((m) => mails.push(m))
          .then(() => cb(), cb);
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    store = await openStore({ kind: 'embedded', path: mkdtempSync(join(tmpdir(), 'earshot-alerts-')) } as never);
    await store.migrate();
    await store.insertMentions(mentionStream({ since: new Date('2026-11-22T00:00:00Z'), until: new Date('2026-11-23T18:00:00Z'), surge: SURGE }));
  });

  afterAll(async () => {
    await store?.close();
    http?.close();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  });

  const config = () =>
    validateConfig({
      brands: [{ id: 'acme', name: 'Acme' }],
      sinks: [
        { id: 'slack', kind: 'webhook', format: 'slack', url: `http://127.0.0.1:${port}/slack`, retries: 3 },
        { id: 'hook', kind: 'webhook', format: 'json', url: `http://127.0.0.1:${port}/hook`, secretEnv: 'TEST_HOOK_SECRET' },
        { id: 'down', kind: 'webhook', url: `http://127.0.0.1:${port}/down`, retries: 1 },
        { id: 'mail', kind: 'email', host: '127.0.0.1', port: smtpPort, from: 'earshot@example.com', to: ['ops@example.com'] },
        { id: 'files', kind: 'file', dir: outDir },
      ],
      alerts: { rules: [{ id: 'negative-surge', sinks: ['slack', 'hook', 'down', 'mail', 'files'] }] },
    });
  const env = { TEST_HOOK_SECRET: 's3cret' };
  const rules = () => ({ rules: config().alerts.rules, brands: ['acme'] });
  const cycle = (now: number, owner = 'a') => runAlertCycle(store, rules(), createSinks(config().sinks, env), () => now, { lease: { owner, settleMs: 20 }, baseDelayMs: 5 });
  const openHits = (path: string) => hits.filter((h) => h.path === path && String(h.headers['x-earshot-delivery']).endsWith('#open'));

  it('finds the surge in a historical range, with its content', async () => {
    const [a, ...rest] = await detectSpikes(store, rules(), { since: new Date('2026-11-23T00:00:00Z'), until: new Date('2026-11-24T00:00:00Z') }, () => AFTER);
    expect(rest).toEqual([]);
    expect(a!.id).toBe('negative-surge:acme:*:2026-11-23T14:00:00Z');
    expect(a!.status).toBe('resolved');
    const c = a!.payload as AlertContent;
    expect(c.terms.map((t) => t.term)).toContain('outage');
    expect(c.topics[0]!.topic).toBe('connectivity');
    expect(c.failureDemand.categories.map((x) => x.category)).toContain('service_failure');
    expect(c.examples).toHaveLength(3);
    expect(c.examples[0]!.reach).toBeGreaterThanOrEqual(c.examples[2]!.reach);
    expect(c.query.cli).toContain('earshot query mentions --brand acme');
    const [row] = await store.select<{ n: string }>(`SELECT count() AS n FROM (${c.query.sql})`);
    const n = row?.n;
    expect(Number(n)).toBeGreaterThan(100); // the ready SQL runs and finds the surge
  });

  it('delivers an opening alert to every sink, retrying the one that fails once', async () => {
    const r = await cycle(DURING);
    expect(r.detected).toBe(1);
    expect(openHits('/slack')).toHaveLength(2); // 500, then success
    const slack = JSON.parse(openHits('/slack')[1]!.body) as { text: string; blocks: { type: string }[] };
    expect(slack.text).toMatch(/Negative spike: acme/);
    expect(slack.blocks[0]!.type).toBe('header');
    const hook = openHits('/hook')[0]!;
    expect(hook.headers['x-earshot-signature']).toBe(`sha256=${createHmac('sha256', 's3cret').update(hook.body).digest('hex')}`);
    expect(JSON.parse(hook.body)).toMatchObject({ kind: 'alert.open', alert: { brand: 'acme', status: 'open' } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/Negative spike: acme/);
    expect(mails[0]!.text).toContain('earshot query mentions');
    expect(String(mails[0]!.html)).toContain('<h2>');
    expect(readdirSync(outDir)).toEqual(['alert-negative-surge_acme_2026-11-23T14_00_00Z-open.json']);
    expect(r.failed).toEqual(['negative-surge:acme:*:2026-11-23T14:00:00Z#open@down']);
    const [stored] = await store.alerts({ brand: 'acme' });
    expect(stored!.status).toBe('open');
    expect(stored!.delivery['slack#open']).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(stored!.delivery['down#open']).toMatchObject({ state: 'failed', attempts: 2 });
  });

  it('never sends the same event twice: a second cycle only retries the failed sink', async () => {
    const before = hits.length;
    const r = await cycle(DURING + 60_000);
    expect(r.sent).toEqual([]);
    expect(hits.slice(before).map((h) => h.path)).toEqual(['/down', '/down']);
    expect(mails).toHaveLength(1);
  });

  it('after a restart, resends what is still undelivered', async () => {
    downUntilRestart = false;
    const r = await resendUndelivered(store, rules(), createSinks(config().sinks, env), () => DURING + 120_000, { lease: { owner: 'restarted', settleMs: 20 }, baseDelayMs: 5 });
    expect(r.sent).toEqual(['negative-surge:acme:*:2026-11-23T14:00:00Z#open@down']);
    const [stored] = await store.alerts({ brand: 'acme' });
    expect(stored!.delivery['down#open']).toMatchObject({ state: 'delivered', attempts: 5 });
  });

  it('sends the resolve message once the surge ends, once, even with two schedulers', async () => {
    const before = hits.length;
    const [a, b] = await Promise.all([cycle(AFTER, 'scheduler-1'), cycle(AFTER, 'scheduler-2')]);
    const resolved = hits.slice(before).filter((h) => String(h.headers['x-earshot-delivery']).endsWith('#resolved'));
    expect(resolved.map((h) => h.path).sort()).toEqual(['/down', '/hook', '/slack']);
    expect([...a.sent, ...b.sent]).toHaveLength(5);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/Negative spike/), expect.stringMatching(/Resolved/)]);
    const [stored] = await store.alerts({ brand: 'acme' });
    expect(stored!.status).toBe('resolved');
    expect(stored!.endedAt?.toISOString()).toBe('2026-11-23T14:40:00.000Z');
    expect(readdirSync(outDir).sort()).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(outDir, readdirSync(outDir).sort()[1]!), 'utf8'))).toMatchObject({ event: 'resolved' });
  });
});
