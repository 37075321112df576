// The store's lease methods (migration 0002_leases), contract-style on the embedded store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.js';

describe('store leases', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: 'embedded', path: mkdtempSync(join(tmpdir(), 'earshot-leases-')) } as never);
    expect(await store.migrate()).toContain('0002_leases');
  });
  afterAll(async () => store?.close());

  it('lists live claims oldest first, and a release rewrites the expiry', async () => {
    await store.saveLease({ key: 'k', owner: 'b', claimedAt: 1_000, expiresAt: 61_000 });
    await store.saveLease({ key: 'k', owner: 'a', claimedAt: 1_500, expiresAt: 61_500 });
    await store.saveLease({ key: 'other', owner: 'a', claimedAt: 900, expiresAt: 60_000 });
    expect((await store.leases('k', 2_000)).map((c) => c.owner)).toEqual(['b', 'a']);
    expect(await store.leases('k', 61_200)).toEqual([{ key: 'k', owner: 'a', claimedAt: 1_500, expiresAt: 61_500 }]);
    await store.saveLease({ key: 'k', owner: 'b', claimedAt: 1_000, expiresAt: 1_000 });
    expect((await store.leases('k', 2_000)).map((c) => c.owner)).toEqual(['a']);
  });
});
