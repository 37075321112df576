// The API over a ClickHouse server store (where CLICKHOUSE_URL names one, e.g. Debian's 18.16
// started by .ci/run): the same answers as the fixture array, and the same SQL guard, because
// the server's readonly mode and limits are the real boundary there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, hoursBefore, inRange, openTestApi, testStoreConfig, UNTIL, type TestApi } from './setup.js';

const url = process.env.CLICKHOUSE_URL;
if (!url) console.warn('API over a ClickHouse server skipped: set CLICKHOUSE_URL (e.g. http://127.0.0.1:8123)');

describe.skipIf(!url)(`API over a ClickHouse server (${url ?? 'unset'})`, () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await openTestApi({ sql: { maxRows: 1_000, maxSeconds: 5 } }, testStoreConfig(url));
  }, 120_000);
  afterAll(async () => t?.close());

  const get = async (path: string) => {
    const r = await t.app.inject({ method: 'GET', url: path, headers: AUTH });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const sql = (text: string, extra: Record<string, unknown> = {}) => t.app.inject({ method: 'POST', url: '/v1/sql', headers: AUTH, payload: { sql: text, ...extra } });
  const week = () => inRange(t.data, hoursBefore(24 * 7), UNTIL);

  it('summary, series and topics match the fixtures', async () => {
    const acme = week().filter((m) => m.raw.brand === 'acme');
    expect((await get('/v1/summary?brand=acme')).mentions).toBe(acme.length);
    const series = await get('/v1/series?brand=acme&since=24h&interval=1h');
    expect(series.points).toHaveLength(24);
    expect(series.points.reduce((n: number, p: { mentions: number }) => n + p.mentions, 0)).toBe(inRange(acme, hoursBefore(24), UNTIL).length);
    const { topics } = await get('/v1/topics?brand=acme&limit=3');
    for (const row of topics) expect(row.mentions).toBe(acme.filter((m) => m.topics.includes(row.topic)).length);
    expect((await get('/v1/topics/rising?brand=acme&since=3h')).topics[0].topic).toBe('billing');
  });

  it('failure demand, ideas, alerts and digests answer', async () => {
    const fd = await get('/v1/failure-demand?brand=acme');
    expect(fd.demand).toBe(week().filter((m) => m.raw.brand === 'acme' && m.duplicateOf === null).length);
    expect((await get('/v1/ideas?limit=5')).ideas.every((i: { intent: string }) => i.intent === 'idea')).toBe(true);
    expect((await get('/v1/alerts?status=open')).alerts.map((a: { id: string }) => a.id)).toEqual(['a1']);
    expect((await get('/v1/digests?brand=acme')).digests).toHaveLength(1);
  });

  it('pages mentions exactly once each', async () => {
    const expected = week().filter((m) => m.raw.brand === 'globex' && m.intent === 'question');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { mentions: { id: string }[]; nextCursor: string | null } = await get(`/v1/mentions?brand=globex&intent=question&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.mentions.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(expected.map((m) => m.raw.id).sort());
  });

  it('a quote in a filter is a literal on the server too', async () => {
    expect((await get(`/v1/summary?brand=${encodeURIComponent("acme' OR '1'='1")}`)).mentions).toBe(0);
  });

  it('runs analyst SQL read-only, within the row and time limits', async () => {
    const ok = await sql(`SELECT brand, count() AS n FROM ${t.store.table('mentions')} FINAL GROUP BY brand ORDER BY brand`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().rows.map((r: { brand: string }) => r.brand)).toEqual(['acme', 'globex']);
    expect((await sql(`DROP TABLE ${t.store.table('mentions')}`)).statusCode).toBe(400);
    const rows = await sql('SELECT number FROM system.numbers LIMIT 50', { maxRows: 10 });
    expect(rows.json().message).toMatch(/more than 10 rows/);
    const slow = await sql('SELECT count() FROM system.numbers WHERE NOT ignore(sipHash64(number))', { timeoutSeconds: 1 });
    expect(slow.statusCode).toBe(400);
    expect(slow.json().message).toMatch(/time limit/);
    expect((await t.store.counts()).mentions).toBe(t.data.length);
  });
});
