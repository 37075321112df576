// Exact and near-duplicate marking across batches: retweets, quote-copies, copy-paste campaigns
// and bot floods with small variations collapse onto the first-seen original, so a spike of 500
// copies counts as one voice with 500 echoes.
//
// Method: text normalised to its words (URLs, @mentions, numbers, emoji and punctuation dropped,
// "RT @x:" prefixes stripped), character 4-gram shingles, one-permutation MinHash signatures of K values and LSH
// banding (B bands of R rows) to find candidates in time independent of the index size; a
// candidate is a duplicate when the signatures agree on at least `threshold` of their values
// (an estimate of the shingles' Jaccard similarity). Only originals enter the LSH index, so a
// flood of copies costs one exact-map entry each and never grows the buckets.
import type { AnalyzedText } from './text.js';

export interface NearDuplicateOptions {
  /** How long an original stays matchable (default 24 h), measured on the mentions' createdAt. */
  windowMs?: number;
  /** Minimum estimated Jaccard similarity of shingle sets (default 0.6). */
  threshold?: number;
  /** Bound on remembered texts (default 200 000); the oldest are forgotten first. */
  maxEntries?: number;
  /** Texts with fewer words than this are never near-duplicates, only reposts (default 5): two people may both write "thank you so much". */
  minWords?: number;
}

const SHINGLE = 4;
const BANDS = 24;
const ROWS = 4;
const K = BANDS * ROWS;
const EMPTY = 0xffffffff;
const SKIPPED_TYPES = new Set(['url', 'mention', 'number', 'ordinal', 'emoji', 'emoticon', 'punctuation', 'symbol', 'currency', 'email', 'time', 'quoted_phrase']);
/** Scratch for signatureInto's filled-bin marks (check() is synchronous, so one suffices). */
const FILLED = new Uint8Array(K);
const MIN_OWN_ROWS = 2;
const RT_PREFIX = /^\s*RT\s+@\w+/i;

/** murmur3 finaliser: a cheap, well-mixed 32-bit hash of a 32-bit value. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The words that carry the message, lowercased, joined by spaces. */
export function normalizeForDedup(text: AnalyzedText): { normalized: string; words: number } {
  const { tokens, types } = text;
  const words: string[] = [];
  let i = 0;
  if (RT_PREFIX.test(text.text)) while (i < tokens.length && (tokens[i] === 'retweet' || tokens[i] === 'rt' || types[i] === 'mention' || tokens[i] === ':')) i++;
  for (; i < tokens.length; i++) {
    const type = types[i]!;
    if (SKIPPED_TYPES.has(type)) continue;
    const token = tokens[i]!;
    words.push(type === 'hashtag' ? token.slice(1) : token);
  }
  return { normalized: words.join(' '), words: words.length };
}

/**
 * MinHash signature of the text's character shingles, by one-permutation hashing (Li, Owen &
 * Zhang 2012): each shingle is hashed once and lands in one of K bins, a bin keeps its minimum;
 * empty bins borrow from the next filled bin to the right, offset by the distance (rotation
 * densification, Shrivastava & Li 2014), so short texts still give K comparable values. Cost is
 * one hash per shingle instead of K.
 */
export function minHashSignature(normalized: string): Uint32Array {
  return signatureInto(normalized, new Uint32Array(K), null);
}

/** Fills `sig` (length K); when `filled` is given, marks the bins that got a value of their own (not borrowed). */
function signatureInto(normalized: string, sig: Uint32Array, filled: Uint8Array | null): Uint32Array {
  sig.fill(EMPTY);
  const s = normalized.length < SHINGLE ? normalized.padEnd(SHINGLE, ' ') : normalized;
  const n = s.length;
  // The first three units of the first shingle; each step shifts one in and one out.
  let c0 = 0, c1 = s.charCodeAt(0), c2 = s.charCodeAt(1), c3 = s.charCodeAt(2);
  for (let i = SHINGLE - 1; i < n; i++) {
    c0 = c1; c1 = c2; c2 = c3; c3 = s.charCodeAt(i);
    // FNV-1a over the shingle's four UTF-16 units, then mixed.
    let h = Math.imul(0x811c9dc5 ^ c0, 0x01000193);
    h = Math.imul(h ^ c1, 0x01000193);
    h = Math.imul(h ^ c2, 0x01000193);
    h = Math.imul(h ^ c3, 0x01000193);
    const v = mix(h);
    // Bin from the top 16 bits (integer multiply-shift), value below EMPTY so a filled bin is never mistaken for an empty one.
    const bin = ((v >>> 16) * K) >>> 16;
    const value = v === EMPTY ? EMPTY - 1 : v;
    if (value < sig[bin]!) sig[bin] = value;
  }
  if (filled) for (let k = 0; k < K; k++) filled[k] = sig[k] === EMPTY ? 0 : 1;
  for (let k = 0; k < K; k++) {
    if (sig[k] !== EMPTY) continue;
    for (let d = 1; d < K; d++) {
      const from = sig[(k + d) % K]!;
      if (from !== EMPTY) {
        // The distance goes into the value, so a borrowed value only matches the same borrowing.
        const borrowed = mix(from ^ Math.imul(d, 0x9e3779b1));
        sig[k] = borrowed === EMPTY ? EMPTY - 1 : borrowed;
        break;
      }
    }
  }
  return sig;
}

/** Share of equal signature values: an unbiased estimate of the shingle sets' Jaccard similarity. */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < K; k++) if (a[k] === b[k]) same++;
  return same / K;
}

interface Original {
  id: string;
  sig: Uint32Array;
  bandKeys: Int32Array;
  /** Its index in the band table's owner list. */
  slot: number;
  /** The check() call that last compared against this original: skips it in other bands of the same call. */
  seenBy: number;
}

/**
 * LSH buckets: band key → originals, as chained hashing over typed arrays. A JS Map with an
 * array per bucket cost ~24 boxed entries and arrays per original and dominated the index's
 * time; here an entry is three int32s and a lookup touches a few cache lines.
 */
class BandTable {
  /** Chain head per hash slot (entry index, -1 = empty); length is a power of two. */
  private heads = new Int32Array(1 << 12).fill(-1);
  private keys = new Int32Array(1 << 12);
  private owners = new Int32Array(1 << 12);
  private next = new Int32Array(1 << 12);
  private used = 0;
  private freeEntry = -1;
  private live = 0;
  readonly originals: (Original | undefined)[] = [];
  private freeSlots: number[] = [];

  private shift = 32 - 12;

  private slotOf(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  insert(original: Original): void {
    const slot = this.freeSlots.length ? this.freeSlots.pop()! : this.originals.length;
    this.originals[slot] = original;
    original.slot = slot;
    for (const key of original.bandKeys) {
      if (key < 0) continue;
      if (this.live >= this.heads.length) this.rehash(this.heads.length * 2);
      let e = this.freeEntry;
      if (e >= 0) this.freeEntry = this.next[e]!;
      else {
        if (this.used === this.keys.length) this.growEntries();
        e = this.used++;
      }
      const h = this.slotOf(key);
      this.keys[e] = key;
      this.owners[e] = slot;
      this.next[e] = this.heads[h]!;
      this.heads[h] = e;
      this.live++;
    }
  }

  remove(original: Original): void {
    for (const key of original.bandKeys) {
      if (key < 0) continue;
      const h = this.slotOf(key);
      let prev = -1;
      for (let e = this.heads[h]!; e >= 0; prev = e, e = this.next[e]!) {
        if (this.keys[e] !== key || this.owners[e] !== original.slot) continue;
        if (prev < 0) this.heads[h] = this.next[e]!;
        else this.next[prev] = this.next[e]!;
        this.next[e] = this.freeEntry;
        this.freeEntry = e;
        this.live--;
        break;
      }
    }
    this.originals[original.slot] = undefined;
    this.freeSlots.push(original.slot);
  }

  /** Calls `visit` with each original that has band key `key`. */
  forEach(key: number, visit: (o: Original) => void): void {
    for (let e = this.heads[this.slotOf(key)]!; e >= 0; e = this.next[e]!) if (this.keys[e] === key) visit(this.originals[this.owners[e]!]!);
  }

  private growEntries(): void {
    const size = this.keys.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.keys = grow(this.keys);
    this.owners = grow(this.owners);
    this.next = grow(this.next);
  }

  private rehash(size: number): void {
    const old = this.heads;
    this.heads = new Int32Array(size).fill(-1);
    this.shift = 32 - Math.log2(size);
    for (let h = 0; h < old.length; h++) {
      for (let e = old[h]!; e >= 0; ) {
        const after = this.next[e]!;
        const to = this.slotOf(this.keys[e]!);
        this.next[e] = this.heads[to]!;
        this.heads[to] = e;
        e = after;
      }
    }
  }
}

interface Remembered {
  id: string;
  root: string;
  time: number;
  exactKey: string | null;
  original: Original | null;
}

export class NearDuplicateIndex {
  private readonly windowMs: number;
  private readonly threshold: number;
  private readonly maxEntries: number;
  private readonly minWords: number;
  /** Insertion order, for eviction; `head` avoids shifting the array. */
  private queue: Remembered[] = [];
  private head = 0;
  private latest = -Infinity;
  private readonly byId = new Map<string, Remembered>();
  private readonly exact = new Map<string, string>();
  private readonly buckets = new BandTable();
  private checks = 0;

  constructor(options: NearDuplicateOptions = {}) {
    this.windowMs = options.windowMs ?? 24 * 3600_000;
    this.threshold = options.threshold ?? 0.6;
    this.maxEntries = options.maxEntries ?? 200_000;
    this.minWords = options.minWords ?? 5;
    if (!(this.threshold > 0 && this.threshold <= 1)) throw new Error(`NearDuplicateIndex: threshold must be in (0, 1], got ${this.threshold}`);
    if (!(this.maxEntries >= 1)) throw new Error(`NearDuplicateIndex: maxEntries must be at least 1, got ${this.maxEntries}`);
  }

  /** Remembered texts (for tests and metrics). */
  get size(): number {
    return this.byId.size;
  }

  /** Returns the id of the earlier mention this one repeats (retweet, copy-paste, template flood), or null. */
  check(id: string, text: AnalyzedText, createdAtMs: number, repostOf?: string): string | null {
    // At-least-once delivery replays mentions: the same id gets the same answer.
    const known = this.byId.get(id);
    if (known) return known.root === id ? null : known.root;

    const time = Number.isFinite(createdAtMs) ? createdAtMs : this.latest;
    if (time > this.latest) this.latest = time;
    this.evict();

    const { normalized, words } = normalizeForDedup(text);
    const usable = words >= this.minWords;
    const exactKey = usable ? normalized : null;

    let root: string | null = null;
    if (repostOf && repostOf !== id) root = this.byId.get(repostOf)?.root ?? repostOf;
    if (!root && exactKey !== null) root = this.exact.get(exactKey) ?? null;
    let original: Original | null = null;
    if (!root && usable) {
      const sig = signatureInto(normalized, new Uint32Array(K), FILLED);
      const bandKeys = new Int32Array(BANDS);
      for (let b = 0; b < BANDS; b++) {
        // A band with fewer than two values of its own is mostly borrowed from one shingle, often a
        // common one (" the"), and put unrelated short texts in the same bucket: it made most of
        // the candidates. Such bands are neither indexed nor probed. Cost: on 6–8-word tweets with
        // one word replaced, recall 0.387 → 0.373; none on the ≥ 8-word dedup eval.
        let own = 0;
        for (let r = 0; r < ROWS; r++) own += FILLED[b * ROWS + r]!;
        if (own < MIN_OWN_ROWS) {
          bandKeys[b] = -1;
          continue;
        }
        let h = mix(b + 0x9e3779b9);
        for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!);
        // 30 bits: a small integer in V8, so the bucket map hashes it without boxing.
        bandKeys[b] = h >>> 2;
      }
      root = this.nearest(sig, bandKeys);
      if (!root) original = { id, sig, bandKeys, slot: -1, seenBy: 0 };
    }

    const entry: Remembered = { id, root: root ?? id, time, exactKey: null, original };
    if (exactKey !== null && !this.exact.has(exactKey)) {
      this.exact.set(exactKey, entry.root);
      entry.exactKey = exactKey;
    }
    if (original) this.buckets.insert(original);
    this.byId.set(id, entry);
    this.queue.push(entry);
    this.evict();
    return root;
  }

  private nearest(sig: Uint32Array, bandKeys: Int32Array): string | null {
    const stamp = ++this.checks;
    let best: Original | null = null;
    // Equal values needed: at least the threshold, then more than the best so far.
    let need = Math.ceil(this.threshold * K - 1e-9);
    const consider = (candidate: Original) => {
      if (candidate.seenBy === stamp) return;
      candidate.seenBy = stamp;
      const other = candidate.sig;
      let same = 0;
      for (let k = 0; k < K; k++) {
        if (sig[k] === other[k]) same++;
        else if (same + (K - 1 - k) < need) return; // cannot reach `need` any more
      }
      if (same >= need) {
        best = candidate;
        need = same + 1;
      }
    };
    for (let b = 0; b < BANDS; b++) if (bandKeys[b]! >= 0) this.buckets.forEach(bandKeys[b]!, consider);
    const found = best as Original | null;
    return found ? this.byId.get(found.id)?.root ?? found.id : null;
  }

  private evict(): void {
    const oldest = this.latest - this.windowMs;
    while (this.head < this.queue.length) {
      const e = this.queue[this.head]!;
      if (this.byId.size <= this.maxEntries && e.time >= oldest) break;
      this.head++;
      this.forget(e);
    }
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private forget(e: Remembered): void {
    if (this.byId.get(e.id) === e) this.byId.delete(e.id);
    if (e.exactKey !== null && this.exact.get(e.exactKey) === e.root) this.exact.delete(e.exactKey);
    if (e.original) this.buckets.remove(e.original);
  }
}
