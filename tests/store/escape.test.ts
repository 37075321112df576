// Every value reaches SQL through store/escape.ts. Property: any string sent as a literal comes
// back unchanged from both engines (chdb always; the server where CLICKHOUSE_URL is set), in
// batches of 100 literals per query, 10,000 strings per engine. Lone UTF-16 surrogate halves
// have no UTF-8 form and come back as U+FFFD, by decision (escape.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbEngine } from '../../store/chdb-engine.js';
import type { Engine } from '../../store/engine.js';
import { sqlString, sqlTimeZone } from '../../store/index.js';
import { ServerEngine } from '../../store/server-engine.js';
import { anyString, NASTY, wellFormed } from './random-strings.js';
import { CLICKHOUSE_URL, serverSkipReason } from './server-env.js';

async function roundTrip(engine: Engine, values: string[]): Promise<string[]> {
  const [row] = await engine.select<{ v: string[] }>(`SELECT [${values.map(sqlString).join(', ')}] AS v`);
  return row!.v;
}

function escapeProperties(name: string, open: () => Promise<Engine>, skip?: string) {
  describe.skipIf(Boolean(skip))(`escaping on ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
    });
    afterAll(async () => engine?.close());

    it('returns 10,000 random strings byte for byte (100 literals per query)', async () => {
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(anyString, { minLength: 100, maxLength: 100 }), async (values) => {
          const back = await roundTrip(engine, values);
          checked += values.length;
          expect(back.map((s) => Buffer.from(s, 'utf8').toString('hex'))).toEqual(values.map((s) => Buffer.from(wellFormed(s), 'utf8').toString('hex')));
        }),
        { numRuns: 100, seed: 20261124 },
      );
      expect(checked).toBeGreaterThanOrEqual(10_000);
    });

    it('returns every fixed nasty string and every single code unit 0x00–0xFFFF', async () => {
      expect(await roundTrip(engine, NASTY)).toEqual(NASTY.map(wellFormed));
      // All 65,536 UTF-16 code units, 4,096 per literal.
      const units = Array.from({ length: 16 }, (_, block) => String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => block * 4096 + i)));
      expect(await roundTrip(engine, units)).toEqual(units.map(wellFormed));
    });

    it('returns long unicode strings whole', async () => {
      const long = fc.sample(fc.string({ unit: 'binary', minLength: 20_000, maxLength: 20_000 }), { numRuns: 3, seed: 7 });
      for (const s of long) expect(await roundTrip(engine, [s])).toEqual([wellFormed(s)]);
    });
  });
}

escapeProperties('chdb', async () => new ChdbEngine(mkdtempSync(join(tmpdir(), 'earshot-escape-'))));
escapeProperties(
  'ClickHouse server',
  async () => new ServerEngine({ url: CLICKHOUSE_URL!, username: process.env.CLICKHOUSE_USER || 'default', password: process.env.CLICKHOUSE_PASSWORD ?? '' }),
  serverSkipReason('tests/store/escape.test.ts'),
);

describe('time zones reach SQL only when they are real zone names', () => {
  it('accepts IANA names and refuses anything else before SQL', () => {
    expect(sqlTimeZone('Asia/Kolkata')).toBe("'Asia/Kolkata'");
    expect(sqlTimeZone('America/Argentina/Buenos_Aires')).toBe("'America/Argentina/Buenos_Aires'");
    for (const bad of ["UTC'); DROP TABLE x; --", 'Mars/Olympus_Mons', '', '../../etc/passwd', 'UTC\0', "Europe/London' OR '1'='1"]) {
      expect(() => sqlTimeZone(bad)).toThrow(RangeError);
    }
  });
});
