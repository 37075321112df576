// Claims on delivery work, so two scheduler processes never both send one alert or digest.
//
// ClickHouse has no transactions or compare-and-set, so the winner is decided by reading back:
//   1. if a live claim by someone else exists, back off;
//   2. append our claim (key, owner, claimedAt = now, expiresAt = now + ttl);
//   3. wait `settleMs`, then read every live claim on the key: the oldest (claimedAt, then
//      owner) wins. Every claimer reads the same rows and reaches the same verdict; a claimer
//      whose insert lands after the winner already read back sees the older winning claim and
//      loses. Losers and the winner (when done) release their claim by rewriting its expiry.
// Failure modes, documented rather than hidden:
//   - clocks: claimedAt comes from each process's clock; a claimer whose clock runs behind by
//     more than `settleMs` can win after another already started. Keep hosts on NTP and
//     settleMs above the skew plus the insert latency.
//   - replicas: on a replicated cluster with asynchronous replication a read may miss a fresh
//     claim; point schedulers at one replica or use insert_quorum.
//   - crash after sending, before the delivered state is saved: the next winner (after the
//     ttl) sends again: delivery is at-least-once, duplicates only in that window.
import type { LeaseClaim, Store } from '../store/index.js';

export interface LeaseOptions {
  owner: string;
  ttlMs?: number;
  settleMs?: number;
  clock?: () => number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function tryClaim(store: Store, key: string, o: LeaseOptions): Promise<LeaseClaim | null> {
  const clock = o.clock ?? Date.now;
  const now = clock();
  const live = await store.leases(key, now);
  if (live.some((c) => c.owner !== o.owner)) return null;
  const claim: LeaseClaim = { key, owner: o.owner, claimedAt: now, expiresAt: now + (o.ttlMs ?? 120_000) };
  await store.saveLease(claim);
  await sleep(o.settleMs ?? 250);
  const [winner] = await store.leases(key, clock());
  if (winner && winner.owner === claim.owner && winner.claimedAt === claim.claimedAt) return claim;
  await release(store, claim);
  return null;
}

export async function release(store: Store, claim: LeaseClaim): Promise<void> {
  await store.saveLease({ ...claim, expiresAt: claim.claimedAt });
}

/** Runs `work` only if this process wins the claim on `key`; returns whether it ran. */
export async function withLease(store: Store, key: string, o: LeaseOptions, work: () => Promise<void>): Promise<boolean> {
  const claim = await tryClaim(store, key, o);
  if (!claim) return false;
  try {
    await work();
  } finally {
    await release(store, claim);
  }
  return true;
}
