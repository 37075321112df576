// The /v1 routes over the real embedded store: auth, validation, each endpoint's answers checked
// against the same question asked of the fixture array, pagination, CSV and the OpenAPI document.
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, tokensFromEnv } from '../../api/index.js';
import { AUTH, hoursBefore, inRange, openTestApi, OTHER_TOKEN, TOKEN, TRICKY_TEXT, UNTIL, type TestApi } from './setup.js';

let t: TestApi;
beforeAll(async () => {
  t = await openTestApi();
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = AUTH) => t.app.inject({ method: 'GET', url, headers });
const json = async <T = any>(url: string): Promise<T> => {
  const r = await get(url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
};
const week = () => inRange(t.data, hoursBefore(24 * 7), UNTIL);

describe('auth', () => {
  it('refuses a request without a token, saying how to send one', async () => {
    const r = await get('/v1/brands', {});
    expect(r.statusCode).toBe(401);
    expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(r.json().message).toMatch(/missing bearer token.*Authorization: Bearer/);
  });

  it('refuses a wrong token and a malformed header', async () => {
    const bad = await get('/v1/brands', { authorization: `Bearer ${TOKEN}x` });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().message).toBe('invalid bearer token');
    const basic = await get('/v1/brands', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
    expect(basic.statusCode).toBe(401);
    expect(basic.json().message).toMatch(/malformed/);
    const prefix = await get('/v1/brands', { authorization: `Bearer ${TOKEN.slice(0, -1)}` });
    expect(prefix.statusCode).toBe(401);
  });

  it('accepts every configured token, on every /v1 route', async () => {
    expect((await get('/v1/brands')).statusCode).toBe(200);
    expect((await get('/v1/brands', { authorization: `Bearer ${OTHER_TOKEN}` })).statusCode).toBe(200);
    const sql = await t.app.inject({ method: 'POST', url: '/v1/sql', payload: { sql: 'SELECT 1 AS one' } });
    expect(sql.statusCode).toBe(401);
    const unknown = await get('/v1/nothing-here', {});
    expect(unknown.statusCode).toBe(401); // auth comes first: no route discovery without a token
  });

  it('serves the dashboard page, health and the OpenAPI document without a token', async () => {
    expect((await get('/', {})).statusCode).toBe(200);
    expect((await get('/healthz', {})).statusCode).toBe(200);
    expect((await get('/openapi.json', {})).statusCode).toBe(200);
  });

  it('reads tokens from the named environment variables and refuses short ones', () => {
    expect(tokensFromEnv(['A_TOKEN', 'B_TOKEN', 'C_TOKEN'], { A_TOKEN: 'a'.repeat(20), B_TOKEN: '', C_TOKEN: ' c'.padEnd(20, 'c') })).toEqual(['a'.repeat(20), 'c'.repeat(19)]);
    expect(() => tokensFromEnv(['A_TOKEN'], { A_TOKEN: 'short' })).toThrow(/A_TOKEN.*at least 16/);
  });

  it('refuses an empty token list: auth off must be asked for with null', async () => {
    await expect(buildApi({ store: t.store, tokens: [] })).rejects.toThrow(/empty list/);
    const open = await buildApi({ store: t.store, tokens: null, now: () => UNTIL });
    try {
      expect((await open.inject({ url: '/v1/brands' })).statusCode).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('validation: a 400 that names the parameter', () => {
  const cases: [string, string, RegExp][] = [
    ['/v1/mentions?limit=0', 'limit', />= 1/],
    ['/v1/mentions?limit=5000', 'limit', /<= 1000/],
    ['/v1/mentions?limit=ten', 'limit', /integer/],
    ['/v1/summary?sentiment=angry', 'sentiment', /one of: negative, neutral, positive, unscored/],
    ['/v1/summary?source=myspace', 'source', /one of: x, reddit/],
    ['/v1/summary?brnad=acme', 'brnad', /unknown parameter 'brnad'/],
    ['/v1/summary?since=yesterday', 'since', /ISO-8601/],
    ['/v1/summary?since=2026-13-45', 'since', /not a valid date/],
    ['/v1/summary?since=2026-03-09&until=2026-03-08', 'since', /must be before until/],
    ['/v1/series?interval=7m', 'interval', /one of: 5m, 15m/],
    ['/v1/series?interval=5m&since=90d', 'interval', /buckets.*at most 5000/],
    ['/v1/series?tz=Mars/Olympus', 'tz', /IANA time zone/],
    ['/v1/summary?topic=Billing!', 'topic', /topic id/],
    ['/v1/summary?originalsOnly=maybe', 'originalsOnly', /boolean/],
    ['/v1/mentions?cursor=bm90LWEtY3Vyc29y', 'cursor', /not valid/],
    ['/v1/alerts?status=closed', 'status', /one of: open, resolved/],
    ['/v1/topics?format=xml', 'format', /one of: json, csv/],
  ];
  for (const [url, parameter, message] of cases) {
    it(`${url} → 400 on '${parameter}'`, async () => {
      const r = await get(url);
      expect(r.statusCode, r.body).toBe(400);
      const body = r.json();
      expect(body.parameter).toBe(parameter);
      expect(body.message).toMatch(message);
    });
  }

  it('names a missing body field of POST /v1/sql', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/v1/sql', headers: AUTH, payload: { sql: 'SELECT 1', query: 'SELECT 1' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().parameter).toBe('query');
    const missing = await t.app.inject({ method: 'POST', url: '/v1/sql', headers: AUTH, payload: {} });
    expect(missing.json()).toMatchObject({ statusCode: 400, parameter: 'sql', message: "body field 'sql' is required" });
  });
});

describe('brands and summary', () => {
  it('lists configured and stored brands with counts', async () => {
    const { brands } = await json('/v1/brands');
    const count = (b: string) => t.data.filter((m) => m.raw.brand === b).length;
    expect(brands).toEqual([
      { brand: 'acme', name: 'Acme Corp', mentions: count('acme') },
      { brand: 'globex', name: 'Globex', mentions: count('globex') },
      { brand: 'initech', name: 'Initech', mentions: 0 },
    ]);
  });

  it('counts with combined filters the way the fixture array does', async () => {
    const s = await json('/v1/summary?brand=acme&source=reddit&language=en&since=24h');
    const expected = inRange(t.data, hoursBefore(24), UNTIL).filter((m) => m.raw.brand === 'acme' && m.raw.source === 'reddit' && m.language === 'en');
    expect(s.mentions).toBe(expected.length);
    expect(s.negative).toBe(expected.filter((m) => m.sentiment.label === 'negative').length);
    expect(s.voices).toBe(expected.filter((m) => m.duplicateOf === null).length);
    const scored = expected.filter((m) => m.sentiment.label !== 'unscored').length;
    expect(s.negativeShare).toBeCloseTo(s.negative / scored, 10);
    expect(s.since).toBe(hoursBefore(24).toISOString());
  });
});

describe('series', () => {
  it('returns one zero-filled bucket per hour whose counts match the fixtures', async () => {
    const body = await json('/v1/series?brand=globex&since=24h&interval=1h');
    expect(body.interval).toBe('1h');
    expect(body.points).toHaveLength(24);
    const rows = inRange(t.data, hoursBefore(24), UNTIL).filter((m) => m.raw.brand === 'globex');
    for (const p of body.points) {
      const start = Date.parse(p.bucket);
      const inBucket = rows.filter((m) => Date.parse(m.raw.createdAt) >= start && Date.parse(m.raw.createdAt) < start + 3_600_000);
      expect(p.mentions).toBe(inBucket.length);
      expect(p.negative).toBe(inBucket.filter((m) => m.sentiment.label === 'negative').length);
    }
  });

  it('filters by topic, failure category and intent', async () => {
    const body = await json('/v1/series?since=48h&interval=6h&topic=app&failureCategory=not_fixed&intent=complaint');
    const total = body.points.reduce((n: number, p: { mentions: number }) => n + p.mentions, 0);
    const expected = inRange(t.data, hoursBefore(48), UNTIL).filter((m) => m.topics.includes('app') && m.failureCategory === 'not_fixed' && m.intent === 'complaint');
    expect(expected.length).toBeGreaterThan(0);
    expect(total).toBe(expected.length);
  });

  it('picks day buckets for a long range by default', async () => {
    const body = await json('/v1/series?since=30d');
    expect(body.interval).toBe('1d');
    expect(body.points.reduce((n: number, p: { mentions: number }) => n + p.mentions, 0)).toBe(inRange(t.data, hoursBefore(24 * 30), UNTIL).length);
  });
});

describe('topics', () => {
  it('ranks topics by mentions with labels from the taxonomy', async () => {
    const { topics } = await json('/v1/topics?brand=acme&limit=3');
    expect(topics).toHaveLength(3);
    const acme = week().filter((m) => m.raw.brand === 'acme');
    for (const row of topics) expect(row.mentions).toBe(acme.filter((m) => m.topics.includes(row.topic)).length);
    expect(topics.map((r: { mentions: number }) => r.mentions)).toEqual([...topics.map((r: { mentions: number }) => r.mentions)].sort((a, b) => b - a));
    const billing = topics.find((r: { topic: string }) => r.topic === 'billing');
    expect(billing.label).toBe('Billing');
  });

  it('finds the surging topic as rising against the previous period', async () => {
    const body = await json('/v1/topics/rising?brand=acme&since=3h');
    expect(body.topics[0].topic).toBe('billing');
    const now = inRange(t.data, hoursBefore(3), UNTIL).filter((m) => m.raw.brand === 'acme');
    const before = inRange(t.data, hoursBefore(6), hoursBefore(3)).filter((m) => m.raw.brand === 'acme');
    expect(body.topics[0].mentions).toBe(now.filter((m) => m.topics.includes('billing')).length);
    expect(body.topics[0].previous).toBe(before.filter((m) => m.topics.includes('billing')).length);
    expect(body.baselineSince).toBe(hoursBefore(6).toISOString());
    expect(body.topics.every((r: { score: number }) => r.score > 0)).toBe(true);
    // Rising key phrases come with counts the fixture array confirms.
    expect(body.terms[0].term).toBe('outage');
    for (const term of body.terms) {
      expect(term.observed).toBe(now.filter((m) => m.keyPhrases.includes(term.term)).length);
      expect(term.observed).toBeGreaterThan(term.expected);
      expect(term.score).toBeGreaterThanOrEqual(10.83);
    }
  });

  it('calls nothing rising when the previous period is empty (no baseline)', async () => {
    const body = await json('/v1/topics/rising?since=48h');
    expect(body.baselineTotal).toBe(0);
    expect(body.total).toBeGreaterThan(0);
    expect(body.topics).toEqual([]);
    expect(body.terms).toEqual([]);
  });

  it('finds nothing rising where nothing changed (globex has no surge)', async () => {
    const body = await json('/v1/topics/rising?brand=globex&since=3h&minMentions=1000');
    expect(body.topics).toEqual([]);
  });
});

describe('failure demand, ideas, alerts, digests', () => {
  it('counts failure demand among original voices, by category', async () => {
    const fd = await json('/v1/failure-demand?brand=acme');
    const originals = week().filter((m) => m.raw.brand === 'acme' && m.duplicateOf === null);
    const failures = originals.filter((m) => m.failureDemand);
    expect(fd.demand).toBe(originals.length);
    expect(fd.failureDemand).toBe(failures.length);
    expect(fd.byCategory.reduce((n: number, c: { mentions: number }) => n + c.mentions, 0)).toBe(failures.length);
    const refunds = fd.byCategory.find((c: { category: string }) => c.category === 'cancellation_refund');
    expect(refunds.mentions).toBe(failures.filter((m) => m.failureCategory === 'cancellation_refund').length);
  });

  it('returns original ideas with their echo counts, most echoed first', async () => {
    const { ideas } = await json('/v1/ideas?limit=50&since=48h');
    expect(ideas.length).toBeGreaterThan(0);
    const rows = inRange(t.data, hoursBefore(48), UNTIL);
    for (const idea of ideas) {
      expect(idea.intent).toBe('idea');
      expect(idea.duplicateOf).toBeNull();
      expect(idea.echoes).toBe(rows.filter((m) => m.duplicateOf === idea.id && m.raw.brand === idea.brand).length);
    }
    expect(ideas.map((i: { echoes: number }) => i.echoes)).toEqual([...ideas.map((i: { echoes: number }) => i.echoes)].sort((a, b) => b - a));
  });

  it('filters alerts by brand, status and start time', async () => {
    expect((await json('/v1/alerts')).alerts.map((a: { id: string }) => a.id)).toEqual(['a1', 'a2']);
    expect((await json('/v1/alerts?brand=globex')).alerts.map((a: { id: string }) => a.id)).toEqual(['a2']);
    expect((await json('/v1/alerts?status=open')).alerts.map((a: { id: string }) => a.id)).toEqual(['a1']);
    const recent = (await json('/v1/alerts?since=24h')).alerts;
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({ id: 'a1', topic: 'billing', startedAt: '2026-03-09T22:00:00.000Z', endedAt: null, payload: { terms: ['refund'] } });
  });

  it('lists digests by brand', async () => {
    expect((await json('/v1/digests?brand=acme')).digests).toMatchObject([{ id: 'd1', markdown: '# Acme daily', periodStart: '2026-03-08T00:00:00.000Z' }]);
    expect((await json('/v1/digests?brand=globex')).digests).toEqual([]);
  });
});

describe('mentions', () => {
  it('pages through every matching mention exactly once, newest first', async () => {
    const expected = week().filter((m) => m.raw.brand === 'globex' && m.sentiment.label === 'negative');
    const seen: { id: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { mentions: { id: string; createdAt: string }[]; nextCursor: string | null } = await json(
        `/v1/mentions?brand=globex&sentiment=negative&limit=37${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.mentions);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(pages).toBe(Math.ceil(expected.length / 37));
    expect(seen.map((m) => m.id).sort()).toEqual(expected.map((m) => m.raw.id).sort());
    const times = seen.map((m) => Date.parse(m.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('searches text case-insensitively', async () => {
    const { mentions } = await json('/v1/mentions?q=DARK%20MODE&limit=1000');
    const expected = week().filter((m) => m.raw.text.toLowerCase().includes('dark mode'));
    expect(expected.length).toBeGreaterThan(0);
    expect(mentions.map((m: { id: string }) => m.id).sort()).toEqual(expected.map((m) => m.raw.id).sort());
  });
});

describe('CSV', () => {
  it('answers ?format=csv with a header and properly quoted cells that parse back', async () => {
    const r = await get('/v1/mentions?q=hyperlink&format=csv');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(r.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    // A cell starting with '=' gets an apostrophe so spreadsheets do not run it as a formula.
    expect(rows[0]!.text).toBe(`'${TRICKY_TEXT}`);
    expect(rows[0]!.topics).toBe('support');
  });

  it('answers Accept: text/csv, with the same rows as JSON', async () => {
    const r = await get('/v1/topics?brand=acme', { ...AUTH, accept: 'text/csv' });
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    const csv = parseCsv(r.body, { columns: true }) as Record<string, string>[];
    const { topics } = await json('/v1/topics?brand=acme');
    expect(csv.map((row) => [row.topic, Number(row.mentions)])).toEqual(topics.map((x: { topic: string; mentions: number }) => [x.topic, x.mentions]));
  });

  it('puts the next cursor of a CSV page in a header', async () => {
    const r = await get('/v1/mentions?limit=5&format=csv');
    expect(parseCsv(r.body, { columns: true })).toHaveLength(5);
    const next = r.headers['x-next-cursor'] as string;
    expect(next).toBeTruthy();
    const page2 = await json(`/v1/mentions?limit=5&cursor=${next}`);
    expect(page2.mentions).toHaveLength(5);
  });

  it('gives series and failure demand as tables', async () => {
    const series = parseCsv((await get('/v1/series?since=24h&format=csv')).body, { columns: true }) as Record<string, string>[];
    expect(series).toHaveLength(24);
    expect(Object.keys(series[0]!)).toEqual(expect.arrayContaining(['bucket', 'mentions', 'negative', 'negativeShare', 'meanSentiment']));
    const fd = parseCsv((await get('/v1/failure-demand?format=csv')).body, { columns: true }) as Record<string, string>[];
    expect(fd.map((r) => r.category)).toContain('cancellation_refund');
  });
});

describe('OpenAPI', () => {
  it('documents every /v1 route with its parameters and the bearer scheme', async () => {
    const doc = await json('/openapi.json');
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/v1/brands', '/v1/summary', '/v1/series', '/v1/topics', '/v1/topics/rising', '/v1/failure-demand', '/v1/ideas', '/v1/mentions', '/v1/alerts', '/v1/digests', '/v1/sql']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    const params = doc.paths['/v1/mentions'].get.parameters as { name: string; schema: { enum?: string[] } }[];
    expect(params.map((p) => p.name)).toEqual(expect.arrayContaining(['since', 'until', 'brand', 'source', 'q', 'cursor', 'limit', 'format']));
    expect(params.find((p) => p.name === 'sentiment')!.schema.enum).toEqual(['negative', 'neutral', 'positive', 'unscored']);
    expect(doc.paths['/v1/mentions'].get.responses['200'].content).toHaveProperty('text/csv');
    expect(doc.paths['/healthz']).toBeUndefined();
  });
});
