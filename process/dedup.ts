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
  const sig = new Uint32Array(K).fill(EMPTY);
  const s = normalized.length < SHINGLE ? normalized.padEnd(SHINGLE, ' ') : normalized;
  for (let i = 0; i + SHINGLE <= s.length; i++) {
    // FNV-1a over the shingle's UTF-16 units, then mixed.
    let h = 0x811c9dc5;
    for (let j = i; j < i + SHINGLE; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    const v = mix(h);
    const bin = Math.floor((v / 0x100000000) * K);
    // Keep values below EMPTY so a filled bin is never mistaken for an empty one.
    const value = v % EMPTY;
    if (value < sig[bin]!) sig[bin] = value;
  }
  for (let k = 0; k < K; k++) {
    if (sig[k] !== EMPTY) continue;
    for (let d = 1; d < K; d++) {
      const from = sig[(k + d) % K]!;
      if (from !== EMPTY) {
        // The distance goes into the value, so a borrowed value only matches the same borrowing.
        sig[k] = (mix(from ^ Math.imul(d, 0x9e3779b1)) % EMPTY) >>> 0;
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
  bandKeys: number[];
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
  private readonly buckets = new Map<number, Original[]>();

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
      const sig = minHashSignature(normalized);
      const bandKeys = new Array<number>(BANDS);
      for (let b = 0; b < BANDS; b++) {
        let h = mix(b + 0x9e3779b9);
        for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!);
        bandKeys[b] = h;
      }
      root = this.nearest(sig, bandKeys);
      if (!root) original = { id, sig, bandKeys };
    }

    const entry: Remembered = { id, root: root ?? id, time, exactKey: null, original };
    if (exactKey !== null && !this.exact.has(exactKey)) {
      this.exact.set(exactKey, entry.root);
      entry.exactKey = exactKey;
    }
    if (original) {
      for (const key of original.bandKeys) {
        const bucket = this.buckets.get(key);
        if (bucket) bucket.push(original);
        else this.buckets.set(key, [original]);
      }
    }
    this.byId.set(id, entry);
    this.queue.push(entry);
    this.evict();
    return root;
  }

  private nearest(sig: Uint32Array, bandKeys: number[]): string | null {
    let best: Original | null = null;
    let bestSim = this.threshold;
    const tried = new Set<Original>();
    for (const key of bandKeys) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      for (const candidate of bucket) {
        if (tried.has(candidate)) continue;
        tried.add(candidate);
        const sim = signatureSimilarity(sig, candidate.sig);
        if (sim >= bestSim) {
          best = candidate;
          bestSim = sim;
        }
      }
    }
    return best ? this.byId.get(best.id)?.root ?? best.id : null;
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
    if (e.original) {
      for (const key of e.original.bandKeys) {
        const bucket = this.buckets.get(key);
        if (!bucket) continue;
        const i = bucket.indexOf(e.original);
        if (i >= 0) bucket.splice(i, 1);
        if (bucket.length === 0) this.buckets.delete(key);
      }
    }
  }
}
