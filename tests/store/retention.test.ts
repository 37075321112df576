// Retention on both engines: whole expired months are dropped everywhere; where the engine has
// TTL (not Debian's 18.16) the mentions table also gets a TTL, set once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbEngine } from '../../store/chdb-engine.js';
import { ClickHouseStore } from '../../store/clickhouse-store.js';
import { applyRetention } from '../../store/index.js';
import { enriched } from './fixtures.js';
import { openServerStore, serverSkipReason } from './server-env.js';

const DAY = 86_400_000;

function retentionCases(name: string, open: () => Promise<ClickHouseStore>, skip?: string) {
  describe.skipIf(Boolean(skip))(`retention on ${name}`, () => {
    let store: ClickHouseStore;
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    beforeAll(async () => {
      store = await open();
      await store.migrate();
      await store.insertMentions([
        enriched({ nativeId: 'old-400', createdAt: ago(400) }),
        enriched({ nativeId: 'old-100', createdAt: ago(100) }),
        enriched({ nativeId: 'recent-1', createdAt: ago(1) }),
        enriched({ nativeId: 'recent-0', createdAt: ago(0) }),
      ]);
      await store.insertDeadLetters([{ stage: 'process', reason: 'bad', payload: '{}', at: ago(100) }, { stage: 'process', reason: 'bad', payload: '{}', at: ago(1) }]);
    });
    afterAll(async () => store?.close());

    it('drops every month that ended before the cutoff, in mentions and dead letters, and keeps the rest', async () => {
      const result = await applyRetention(store, 30, now);
      expect(result.dropped.filter((d) => d.startsWith('mentions:'))).toHaveLength(2);
      expect(result.dropped.filter((d) => d.startsWith('dead_letters:'))).toHaveLength(1);
      // The rollup's change log goes with the months it describes.
      expect(result.dropped.filter((d) => d.startsWith('mention_changes:'))).toHaveLength(2);
      expect(await store.counts()).toEqual({ mentions: 2, deadLetters: 1 });
      const ids = (await store.mentions({ range: { since: new Date(0), until: new Date(now.getTime() + DAY) }, limit: 10 })).rows.map((r) => r.id);
      expect(ids.sort()).toEqual(['x:recent-0', 'x:recent-1']);
    });

    it('sets the TTL where the engine has one, once; the second run changes nothing', async () => {
      const dialect = await store.getDialect();
      const second = await applyRetention(store, 30, now);
      expect(second).toEqual({ dropped: [], ttlSet: false });
      const [t] = await store.engine.select<{ engine_full: string }>(`SELECT engine_full FROM system.tables WHERE database = '${store.db}' AND name = 'mentions'`);
      expect(t!.engine_full.includes('TTL created_at + toIntervalDay(30)')).toBe(dialect.supportsTtl);
      for (const table of ['mention_rollup', 'mention_rollup_hours', 'mention_changes']) {
        const [r] = await store.engine.select<{ engine_full: string }>(`SELECT engine_full FROM system.tables WHERE database = '${store.db}' AND name = '${table}'`);
        expect(r!.engine_full.includes('TTL hour + toIntervalDay(30)'), table).toBe(dialect.supportsTtl);
      }
    });

    it('refuses a retention that is not a positive whole number of days', async () => {
      await expect(applyRetention(store, 0)).rejects.toThrow(RangeError);
      await expect(applyRetention(store, 1.5)).rejects.toThrow(RangeError);
    });
  });
}

retentionCases('chdb', async () => new ClickHouseStore(new ChdbEngine(mkdtempSync(join(tmpdir(), 'earshot-retention-'))), 'earshot', 'embedded'));
retentionCases('ClickHouse server', () => openServerStore(), serverSkipReason('tests/store/retention.test.ts'));
