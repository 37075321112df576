// Injection strings in every parameter leave the query's meaning alone: free-text parameters
// match literally (the fixture array says how many rows), constrained ones are refused with
// a 400, and the data is intact afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, hoursBefore, inRange, openTestApi, UNTIL, type TestApi } from './setup.js';

const PAYLOADS = [
  "acme' OR '1'='1",
  "acme' OR 1=1 --",
  "acme\\' OR 1=1 --",
  "') OR 1=1 --",
  'acme"; DROP TABLE earshot.mentions; --',
  "acme' UNION ALL SELECT * FROM earshot.mentions --",
  '%',
  '_',
  "acme'/*",
  'acme\u0000',
  '\\',
];

let t: TestApi;
beforeAll(async () => {
  t = await openTestApi();
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: AUTH });
const week = () => inRange(t.data, hoursBefore(24 * 7), UNTIL);

describe('free-text parameters match literally', () => {
  for (const payload of PAYLOADS) {
    const p = encodeURIComponent(payload);
    it(`brand=${JSON.stringify(payload)} matches no brand`, async () => {
      for (const path of ['summary', 'series', 'topics', 'failure-demand', 'ideas', 'mentions', 'topics/rising']) {
        const r = await get(`/v1/${path}?brand=${p}`);
        expect(r.statusCode, `${path}: ${r.body}`).toBe(200);
        const body = r.json();
        const n =
          path === 'summary' ? body.mentions
          : path === 'series' ? body.points.reduce((s: number, x: { mentions: number }) => s + x.mentions, 0)
          : path === 'failure-demand' ? body.demand
          : (body.topics ?? body.ideas ?? body.mentions).length;
        expect(n, path).toBe(0);
      }
      expect((await get(`/v1/alerts?brand=${p}`)).json().alerts).toEqual([]);
      expect((await get(`/v1/digests?brand=${p}`)).json().digests).toEqual([]);
    });

    it(`q=${JSON.stringify(payload)} finds exactly the texts containing it`, async () => {
      const r = await get(`/v1/mentions?limit=1000&q=${p}`);
      expect(r.statusCode, r.body).toBe(200);
      const expected = week().filter((m) => m.raw.text.toLowerCase().includes(payload.toLowerCase()));
      expect(r.json().mentions.map((m: { id: string }) => m.id).sort()).toEqual(expected.map((m) => m.raw.id).sort());
    });
  }
});

describe('constrained parameters refuse what does not fit', () => {
  const constrained = ['topic', 'language', 'source', 'sentiment', 'intent', 'failureCategory', 'since', 'until', 'interval', 'tz', 'limit', 'cursor', 'format'];
  for (const name of constrained) {
    it(`${name}=<injection> → 400 naming ${name}`, async () => {
      const path = name === 'interval' || name === 'tz' ? 'series' : name === 'cursor' || name === 'limit' ? 'mentions' : 'summary';
      const r = await get(`/v1/${path}?${name}=${encodeURIComponent("x' OR 1=1 --")}`);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().parameter).toBe(name);
    });
  }

  it('a well-formed cursor carrying an injection string is only a position', async () => {
    const createdAt = Math.floor(Date.parse('2026-03-09T12:00:00Z') / 1000);
    const id = "x:zzz' OR 1=1 --";
    const cursor = Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
    const r = await get(`/v1/mentions?limit=1000&since=2026-03-09T11:00:00Z&cursor=${cursor}`);
    expect(r.statusCode, r.body).toBe(200);
    const expected = inRange(t.data, new Date('2026-03-09T11:00:00Z'), UNTIL).filter((m) => {
      const s = Date.parse(m.raw.createdAt) / 1000;
      return s < createdAt || (s === createdAt && m.raw.id < id);
    });
    expect(r.json().mentions.map((m: { id: string }) => m.id).sort()).toEqual(expected.map((m) => m.raw.id).sort());
  });
});

describe('afterwards', () => {
  it('every table still holds what it held', async () => {
    expect((await t.store.counts()).mentions).toBe(t.data.length);
    expect(await t.store.alerts()).toHaveLength(2);
    expect(await t.store.digests()).toHaveLength(1);
  });
});
