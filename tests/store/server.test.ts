// The store contract on a ClickHouse server (Debian's 18.16 in CI), plus what only a server has:
// login and reachability errors, and the same answers as chdb on a generated data set.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbEngine } from '../../store/chdb-engine.js';
import { ClickHouseStore } from '../../store/clickhouse-store.js';
import { openStore, StoreAuthError, StoreUnavailableError, type Store } from '../../store/index.js';
import { storeContract } from './contract.js';
import { generateMentions, reprocess } from './generate.js';
import { CLICKHOUSE_URL, openServerStore, serverSkipReason } from './server-env.js';

const skip = serverSkipReason('tests/store/server.test.ts');

storeContract('ClickHouse server', () => openServerStore(), skip);

describe.skipIf(skip)('ClickHouse server connection errors', () => {
  it('names the host, the user and what to check when the password is wrong', async () => {
    process.env.EARSHOT_TEST_CH_PASSWORD = 'certainly-not-the-password';
    const err = await openStore({
      kind: 'clickhouse',
      url: CLICKHOUSE_URL!,
      database: 'earshot',
      usernameEnv: 'CLICKHOUSE_USER',
      passwordEnv: 'EARSHOT_TEST_CH_PASSWORD',
      writer: { batchSize: 1, flushInterval: 1, maxRetryDelay: 1 },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreAuthError);
    const message = (err as Error).message;
    expect(message).toContain(CLICKHOUSE_URL!);
    expect(message).toContain("user 'default'");
    expect(message).toContain('EARSHOT_TEST_CH_PASSWORD');
    expect(message).not.toContain('certainly-not-the-password');
  });

  it('says the server cannot be reached, and where, when nothing listens', async () => {
    const err = await openStore({
      kind: 'clickhouse',
      url: 'http://127.0.0.1:1',
      database: 'earshot',
      usernameEnv: 'CLICKHOUSE_USER',
      passwordEnv: 'CLICKHOUSE_PASSWORD',
      writer: { batchSize: 1, flushInterval: 1, maxRetryDelay: 1 },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/cannot reach ClickHouse at http:\/\/127\.0\.0\.1:1 .*ECONNREFUSED.*server is running/);
  });
});

describe.skipIf(skip)('the same answers from chdb and the server', () => {
  const since = new Date('2026-10-01T00:00:00Z');
  const range = { since, until: new Date('2026-10-15T00:00:00Z') };
  const stores: Store[] = [];
  let brandHours = 0;
  beforeAll(async () => {
    const base = generateMentions({ seed: 42, count: 4000, since, days: 14, echoShare: 0.15 });
    brandHours = new Set(base.map((m) => `${m.raw.brand} ${m.raw.createdAt.slice(0, 13)}`)).size;
    const data = [...base, ...reprocess(base.filter((_, i) => i % 9 === 0))];
    stores.push(new ClickHouseStore(new ChdbEngine(mkdtempSync(join(tmpdir(), 'earshot-parity-'))), 'earshot', 'embedded'), await openServerStore());
    for (const s of stores) {
      await s.migrate();
      for (let i = 0; i < data.length; i += 1000) await s.insertMentions(data.slice(i, i + 1000));
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  /** Runs `query` on both stores; float means compared to 1e-6, everything else exactly. */
  async function same<T>(query: (s: Store) => Promise<T>): Promise<T> {
    const [a, b] = await Promise.all(stores.map(query));
    const round = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(round) : v instanceof Date ? v.toISOString() : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)])) : typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v;
    expect(round(b)).toEqual(round(a));
    return a as T;
  }

  it('counts, series, rankings, pages and terms are identical', async () => {
    await sameViews();
  }, 120_000);

  it('and identical again once both have rolled their hours into the hourly rollup', async () => {
    await new Promise((done) => setTimeout(done, 1100)); // rolls hours changed before this second
    const rolled = await Promise.all(stores.map((s) => s.refreshRollup({ quietSeconds: 0 })));
    expect(rolled[0]!.hours).toBe(brandHours); // every hour of every brand that has mentions
    expect(rolled[1]).toEqual(rolled[0]);
    await sameViews();
  }, 120_000);

  async function sameViews(): Promise<void> {
    expect((await same((s) => s.counts())).mentions).toBe(4000);
    for (const filter of [undefined, { brand: 'acme' }, { brand: 'globex', originalsOnly: true }, { topic: 'billing' }, { sentiment: 'negative' as const, language: 'en' }, { text: 'refund' }]) {
      await same((s) => s.brands(range));
      expect((await same((s) => s.summary({ range, ...(filter ? { filter } : {}) }))).mentions).toBeGreaterThan(0);
      await same((s) => s.volumeSeries({ range, intervalSeconds: 3600, ...(filter ? { filter } : {}) }));
      await same((s) => s.volumeSeries({ range, intervalSeconds: 86_400, timeZone: 'Asia/Kolkata', ...(filter ? { filter } : {}) }));
      await same((s) => s.topTopics({ range, limit: 20, ...(filter ? { filter } : {}) }));
      await same((s) => s.failureDemand({ range, ...(filter ? { filter } : {}) }));
      await same((s) => s.topIdeas({ range, limit: 15, ...(filter ? { filter } : {}) }));
      await same((s) => s.termCounts({ range, limit: 30, ...(filter ? { filter } : {}) }));
      let cursor: string | undefined;
      for (let page = 0; page < 3; page++) {
        const p = await same((s) => s.mentions({ range, limit: 50, ...(filter ? { filter } : {}), ...(cursor ? { cursor } : {}) }));
        cursor = p.nextCursor ?? undefined;
        if (!cursor) break;
      }
    }
  }
});
