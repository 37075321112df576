// POST /v1/sql: the pre-check refuses writes, DDL and clauses the API controls, with reasons;
// the engine's readonly mode, time limit and row limit hold for what passes the pre-check.
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnalystSql } from '../../api/index.js';
import { AUTH, openTestApi, type TestApi } from './setup.js';

describe('checkAnalystSql (the pre-check)', () => {
  const accepted = [
    'SELECT 1',
    'select brand, count() from earshot.mentions FINAL group by brand;',
    'WITH 3 AS n SELECT n',
    '(SELECT 1) UNION ALL (SELECT 2)',
    "SELECT 'DROP TABLE x; INSERT INTO y SETTINGS readonly=0 FORMAT CSV' AS harmless_text",
    'SELECT `FORMAT` FROM (SELECT 1 AS `FORMAT`)',
    "SELECT format('{} {}', 'a', 'b') AS f",
    'SELECT 1 -- a trailing comment',
    'SELECT /* inline; comment */ 1',
  ];
  for (const sql of accepted) {
    it(`accepts ${JSON.stringify(sql)}`, () => expect(checkAnalystSql(sql).ok).toBe(true));
  }

  const refused: [string, RegExp][] = [
    ['INSERT INTO earshot.mentions (id) VALUES (1)', /must start with SELECT or WITH, not INSERT/],
    ['ALTER TABLE earshot.mentions DELETE WHERE 1', /not ALTER/],
    ['DROP TABLE earshot.mentions', /not DROP/],
    ['CREATE TABLE t (x UInt8) ENGINE = Memory', /not CREATE/],
    ['TRUNCATE TABLE earshot.mentions', /not TRUNCATE/],
    ['SYSTEM SHUTDOWN', /not SYSTEM/],
    ['SET readonly = 0', /not SET/],
    ['SELECT 1; DROP TABLE earshot.mentions', /only one statement/],
    ['SELECT 1; SELECT 2;', /only one statement/],
    ['SELECT 1 /* c */ ; INSERT INTO t VALUES (1)', /only one statement/],
    ['SELECT 1 SETTINGS readonly = 0', /SETTINGS clauses are not allowed/],
    ['SELECT * FROM earshot.mentions SETTINGS max_result_rows = 0', /SETTINGS/],
    ['SELECT 1 FORMAT CSV', /FORMAT clauses are not allowed/],
    ["SELECT 1 INTO OUTFILE '/tmp/x.csv'", /INTO OUTFILE/],
    ["SELECT 'unterminated", /unterminated string literal/],
    ['SELECT 1 /* never closed', /unterminated \/\* comment/],
    ['   ', /empty/],
    ['-- only a comment', /empty/],
  ];
  for (const [sql, reason] of refused) {
    it(`refuses ${JSON.stringify(sql)}`, () => {
      const r = checkAnalystSql(sql);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.reason).toMatch(reason);
    });
  }

  it('strips comments so none can swallow the engine\'s own SETTINGS clause', () => {
    const r = checkAnalystSql('SELECT 1 -- comment\n');
    expect(r).toEqual({ ok: true, sql: 'SELECT 1\n' });
    const semi = checkAnalystSql('SELECT 1; -- done');
    expect(semi).toEqual({ ok: true, sql: 'SELECT 1\n' });
  });
});

describe('POST /v1/sql over the embedded store', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await openTestApi({ sql: { maxRows: 1_000, maxSeconds: 5 } });
  });
  afterAll(async () => t?.close());

  const run = (sql: string, extra: Record<string, unknown> = {}, url = '/v1/sql') => t.app.inject({ method: 'POST', url, headers: AUTH, payload: { sql, ...extra } });

  it('answers a SELECT over mentions FINAL with columns and rows', async () => {
    const r = await run('SELECT brand, count() AS n FROM earshot.mentions FINAL GROUP BY brand ORDER BY brand');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.columns).toEqual(['brand', 'n']);
    const count = (b: string) => t.data.filter((m) => m.raw.brand === b).length;
    expect(body.rows.map((row: { brand: string; n: unknown }) => [row.brand, Number(row.n)])).toEqual([
      ['acme', count('acme')],
      ['globex', count('globex')],
    ]);
  });

  it('answers in CSV on request', async () => {
    const r = await run("SELECT 'a,\"b\"' AS s, 2 AS n", {}, '/v1/sql?format=csv');
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(parseCsv(r.body, { columns: true })).toEqual([{ s: 'a,"b"', n: '2' }]);
  });

  const writes: [string, RegExp][] = [
    ['INSERT INTO earshot.mentions (id) VALUES (1)', /INSERT/],
    ['ALTER TABLE earshot.mentions DELETE WHERE 1 = 1', /ALTER/],
    ['DROP TABLE earshot.mentions', /DROP/],
    ['CREATE TABLE earshot.x (a UInt8) ENGINE = Memory', /CREATE/],
    ['SELECT 1; DROP TABLE earshot.mentions', /one statement/],
    ['SELECT count() FROM earshot.mentions SETTINGS readonly = 0', /SETTINGS/],
  ];
  for (const [sql, reason] of writes) {
    it(`refuses ${sql.split(' ').slice(0, 2).join(' ')}… with a reason`, async () => {
      const r = await run(sql);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ parameter: 'sql' });
      expect(r.json().message).toMatch(/^parameter 'sql' was refused: /);
      expect(r.json().message).toMatch(reason);
    });
  }

  it('leaves the data as it was after all those attempts', async () => {
    expect((await t.store.counts()).mentions).toBe(t.data.length);
  });

  it('relies on readonly mode for what the pre-check lets through (a table function reading a file)', async () => {
    const r = await run("SELECT * FROM file('/etc/passwd', 'LineAsString') LIMIT 1");
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/readonly mode/);
  });

  it('refuses a result longer than the row limit, saying so', async () => {
    const r = await run('SELECT number FROM system.numbers LIMIT 50', { maxRows: 10 });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/more than 10 rows.*LIMIT/);
    // The server cap wins over a larger request.
    const capped = await run('SELECT number FROM system.numbers LIMIT 5000', { maxRows: 100_000 });
    expect(capped.json().message).toMatch(/more than 1000 rows/);
  });

  it('stops a query at the time limit', async () => {
    const started = Date.now();
    const r = await run('SELECT count() FROM system.numbers WHERE NOT ignore(sipHash64(number))', { timeoutSeconds: 1 });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/time limit of 1s/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('reports a query error with the engine\'s reason', async () => {
    const r = await run('SELECT no_such_column FROM earshot.mentions');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/no_such_column/);
  });
});
