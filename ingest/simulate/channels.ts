// What each channel's posts look like: native ids and permalinks shaped like the real ones,
// authors (derived from a hash, so none are kept in memory) with heavy-tailed followings,
// engagement, language hints, and how casual the writing is.
import type { Author, Engagement, Source } from '../../messages/index.js';
import { Random, hash32 } from './random.js';
import type { NoiseProfile } from './noise.js';

export type Channel = Exclude<Source, 'webhook' | 'file' | 'simulate'>;
export const CHANNELS: readonly Channel[] = ['x', 'reddit', 'hackernews', 'mastodon', 'bluesky', 'rss'];

/** Share of all mentions per channel: X heaviest. */
export const CHANNEL_SHARE: Record<Channel, number> = { x: 0.46, reddit: 0.15, bluesky: 0.12, mastodon: 0.08, hackernews: 0.06, rss: 0.13 };
/** During a surge people go to X first. */
export const SPIKE_CHANNEL_SHARE: Record<Channel, number> = { x: 0.62, reddit: 0.1, bluesky: 0.13, mastodon: 0.08, hackernews: 0.02, rss: 0.05 };

export const NOISE: Record<Channel, NoiseProfile> = {
  x: { casual: 1, emoji: true, hashtags: true },
  bluesky: { casual: 0.9, emoji: true, hashtags: true },
  mastodon: { casual: 0.7, emoji: true, hashtags: true },
  reddit: { casual: 0.5, emoji: false, hashtags: false },
  hackernews: { casual: 0.15, emoji: false, hashtags: false },
  rss: { casual: 0.2, emoji: false, hashtags: false },
};

export const MAX_LENGTH: Record<Channel, number> = { x: 280, bluesky: 300, mastodon: 500, reddit: 4000, hackernews: 4000, rss: 4000 };

/** Share of a channel's posts that reply in an existing thread (when one is open). */
export const REPLY_SHARE: Record<Channel, number> = { x: 0.2, bluesky: 0.2, mastodon: 0.22, reddit: 0.65, hackernews: 0.75, rss: 0.6 };

/** Typical delay between posting and our fetching it. */
export const FETCH_LAG_MS: Record<Channel, number> = { x: 30_000, bluesky: 45_000, mastodon: 60_000, reddit: 180_000, hackernews: 120_000, rss: 900_000 };

const FIRST = ['james', 'sarah', 'mo', 'priya', 'tom', 'emma', 'liam', 'olivia', 'noah', 'amelia', 'jack', 'isla', 'harry', 'ava', 'oscar', 'mia', 'leo', 'grace', 'ali', 'zara', 'chen', 'ana', 'luca', 'sofia', 'kwame', 'aoife', 'ravi', 'nina', 'dan', 'beth', 'sam', 'jo', 'rhys', 'megan', 'connor', 'hannah', 'yusuf', 'lily', 'marcus', 'chloe'];
const LAST = ['smith', 'jones', 'taylor', 'brown', 'williams', 'wilson', 'evans', 'thomas', 'khan', 'patel', 'walker', 'wright', 'roberts', 'hughes', 'green', 'hall', 'wood', 'clarke', 'murphy', 'kelly', 'obi', 'nguyen', 'rossi', 'silva', 'ali', 'price', 'lewis', 'scott', 'mills', 'reid'];
const WORDS = ['coffee', 'pixel', 'night', 'grumpy', 'tiny', 'urban', 'lazy', 'cosmic', 'retro', 'salty', 'northern', 'quiet', 'rainy', 'bold', 'stray', 'lucky', 'sunny', 'dusty', 'wild', 'paper'];
const NOUNS = ['fox', 'owl', 'cat', 'dev', 'panda', 'biscuit', 'rider', 'gamer', 'dad', 'mum', 'otter', 'toast', 'badger', 'moth', 'cyclist', 'pilot'];
const INSTANCES = ['mastodon.social', 'mastodon.social', 'mastodon.online', 'fosstodon.org', 'mas.to', 'hachyderm.io', 'mstdn.social', 'mastodon.world', 'chaos.social', 'mastodon.scot', 'toot.community'];
const SUBREDDITS = ['CasualUK', 'britishproblems', 'HomeNetworking', 'UKPersonalFinance', 'LegalAdviceUK', 'mildlyinfuriating', 'techsupport', 'unitedkingdom', 'AskUK', 'CustomerService', 'assholedesign'];
export const RSS_SITES = ['broadbandwatch.example', 'consumerdesk.example', 'techpulse-news.example', 'thesavingsblog.example', 'gadgetreviewer.example', 'retailweekly.example'];
const BASE32_SORT = '234567abcdefghijklmnopqrstuvwxyz';

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export interface SimAuthor extends Author {
  /** Instance (Mastodon), DID (Bluesky): what ids and urls are built from. */
  home?: string;
}

/** The author at position `index` of a channel's pool; the same seed and index give the same person. */
export function authorFor(channel: Channel, index: number, seed: number): SimAuthor {
  const r = new Random(hash32(seed, channel, index));
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const name = `${cap(first)} ${cap(last)}`;
  const num = String(r.int(1, 9999));
  // Followers: Pareto with shape below 1, so a few accounts have millions.
  const followers = Math.min(25_000_000, Math.floor(r.pareto(6, 0.8)));
  const base = r.pick([`${first}${last}`, `${first}_${last}${r.int(1, 99)}`, `${r.pick(WORDS)}${r.pick(NOUNS)}${num}`, `the${last}${num.slice(0, 2)}`, `${first}${num}`, `${first[0]}${last}`]).slice(0, 15);
  switch (channel) {
    case 'x':
      return { id: String(r.int(10_000, 99_999) * 1_000_000 + r.int(0, 999_999)), handle: base, name, followers };
    case 'reddit': {
      const handle = r.chance(0.45) ? `${cap(r.pick(WORDS))}-${cap(r.pick(NOUNS))}-${r.int(1000, 9999)}` : r.chance(0.1) ? `throwaway_${num}` : base;
      return { id: `t2_${r.int(36 ** 5, 36 ** 7).toString(36)}`, handle, name: handle };
    }
    case 'hackernews': {
      const handle = r.chance(0.5) ? `${first[0]}${last}` : `${r.pick(WORDS)}${r.pick(NOUNS)}`;
      return { id: handle, handle };
    }
    case 'mastodon': {
      const instance = r.pick(INSTANCES);
      return { id: String(r.int(100_000, 111_999_999)), handle: `${base}@${instance}`, name, followers: Math.floor(followers / 4), home: instance };
    }
    case 'bluesky': {
      let did = 'did:plc:';
      for (let i = 0; i < 24; i++) did += BASE32_SORT[r.int(0, 31)];
      return { id: did, handle: `${base.replace(/_/g, '-').toLowerCase()}.bsky.social`, name, followers: Math.floor(followers / 3), home: did };
    }
    case 'rss':
      return { id: `${first}-${last}-${num}`, handle: `${first}${last[0]}`, name };
  }
}

/** An influencer: the account that starts a pile-on. */
export function influencerFor(channel: Channel, seed: number, tag: string | number): SimAuthor {
  const a = authorFor(channel, 1_000_000 + hash32(tag) % 1000, seed);
  const r = new Random(hash32(seed, 'influencer', tag));
  return { ...a, followers: r.int(150_000, 900_000) };
}

/** Engagement counters as the channel reports them (at fetch time). */
export function engagementFor(channel: Channel, followers: number | undefined, reach: number, r: Random): Engagement {
  const f = followers ?? 50;
  const spread = Math.exp(r.normal() * 1.1);
  const base = Math.sqrt(f) * reach * spread;
  switch (channel) {
    case 'x':
    case 'bluesky': {
      const likes = Math.floor(base * 0.4);
      return { likes, reposts: Math.floor(likes * 0.18 * r.next()), replies: Math.floor(likes * 0.12 * r.next()), quotes: Math.floor(likes * 0.04 * r.next()) };
    }
    case 'mastodon': {
      const likes = Math.floor(base * 0.3);
      return { likes, reposts: Math.floor(likes * 0.3 * r.next()), replies: Math.floor(likes * 0.1 * r.next()) };
    }
    case 'reddit':
      return { score: Math.floor(Math.exp(r.normal() * 1.6 + 1.2) * reach) - r.int(0, 2), replies: Math.floor(Math.exp(r.normal() * 1.2) * reach) };
    case 'hackernews':
      return { score: Math.max(1, Math.floor(Math.exp(r.normal() * 1.5 + 1.5) * reach)), replies: Math.floor(Math.exp(r.normal() * 1.3) * reach) };
    case 'rss':
      return {};
  }
}

/** Makes native ids that sort by time, as the real ones do, and never repeat within a run. */
export class IdMaker {
  private seq = 0;
  private lastHn = 0;
  private lastRedditPost = 0;
  private lastRedditComment = 0;

  constructor(private readonly r: Random) {}

  /** X snowflake: milliseconds since the Twitter epoch, shifted past worker and sequence bits. */
  x(ms: number): string {
    const seq = this.seq++ & 0x3fffff;
    return ((BigInt(ms - 1_288_834_974_657) << 22n) | BigInt(seq)).toString();
  }

  /** Mastodon: milliseconds shifted 16 bits, plus a sequence. */
  mastodon(ms: number): string {
    return ((BigInt(ms) << 16n) | BigInt(this.seq++ & 0xffff)).toString();
  }

  /** Bluesky record key (TID): microseconds and a clock id, base32-sortable, 13 chars. */
  blueskyRkey(ms: number): string {
    let v = ((BigInt(ms) * 1000n + BigInt(this.r.int(0, 999))) << 10n) | BigInt(this.seq++ & 0x3ff);
    let out = '';
    for (let i = 0; i < 13; i++) {
      out = BASE32_SORT[Number(v & 31n)] + out;
      v >>= 5n;
    }
    return out;
  }

  /** Hacker News item id: one counter for the whole site, ~14k items a day. */
  hackernews(ms: number): number {
    const estimate = 42_000_000 + Math.floor((ms - Date.UTC(2024, 10, 1)) / 6_200);
    this.lastHn = Math.max(Math.max(1_000_000, estimate), this.lastHn + 1 + this.r.int(0, 40));
    return this.lastHn;
  }

  /** Reddit base-36 ids: posts (t3) and comments (t1) have their own counters. */
  reddit(ms: number, kind: 't3' | 't1'): string {
    const minutes = (ms - Date.UTC(2024, 10, 1)) / 60_000;
    if (kind === 't3') {
      this.lastRedditPost = Math.max(Math.max(36 ** 5, 2_900_000_000 + Math.floor(minutes * 900)), this.lastRedditPost + 1 + this.r.int(0, 300));
      return this.lastRedditPost.toString(36);
    }
    this.lastRedditComment = Math.max(Math.max(36 ** 6, 46_000_000_000 + Math.floor(minutes * 6_000)), this.lastRedditComment + 1 + this.r.int(0, 2000));
    return this.lastRedditComment.toString(36);
  }

  counter(): number {
    return this.seq++;
  }
}

export function subredditFor(brandTag: string, r: Random): string {
  return r.chance(0.3) ? brandTag : r.pick(SUBREDDITS);
}

/** URL path slug as Reddit and blogs make them from a title. */
export function slugify(title: string, max = 50): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, max)
      .replace(/_+$/, '') || 'post'
  );
}
