// The `simulate` source: realistic brand mentions for demos, tests and benchmarks, generated
// lazily in time order from a seed. It writes text only; what each mention really is (its
// kind, topic, failure category, the original it copies) goes in a separate `truth` so tests
// can score the classifiers, and never reaches the pipeline.
//
// Time of day is UTC unless `utcOffsetHours` says otherwise (BrandConfig carries no zone).
import type { FailureCategory, RawMention, Source } from '../messages/index.js';
import { FAILURE_CATEGORIES } from '../messages/index.js';
import type { BrandConfig, TopicConfig } from '../config/index.js';
import { parseDuration } from '../config/index.js';
import { Random, hash32 } from './simulate/random.js';
import { expand, type SlotResolver } from './simulate/template.js';
import { SHARED_SLOTS, generatedSlot } from './simulate/slots.js';
import { GENERIC_BANK, bankForTopic, type BaseKind, type SpikeBucket, type TopicBank } from './simulate/topics.js';
import { BRAND_REPLIES, ELABORATION, GENERAL, HN_STORIES, NAMESAKE, REPLY_AGREE, SPAM } from './simulate/general.js';
import { FOREIGN, FOREIGN_EXTRAS, FOREIGN_LANGUAGES } from './simulate/foreign.js';
import { compose } from './simulate/compose.js';
import { paraphrase } from './simulate/paraphrase.js';
import { roughen, shortLink, varyCopy, type Sentiment } from './simulate/noise.js';
import {
  CHANNELS,
  CHANNEL_SHARE,
  FETCH_LAG_MS,
  IdMaker,
  MAX_LENGTH,
  NOISE,
  REPLY_SHARE,
  RSS_SITES,
  SPIKE_CHANNEL_SHARE,
  authorFor,
  engagementFor,
  influencerFor,
  slugify,
  subredditFor,
  type Channel,
  type SimAuthor,
} from './simulate/channels.js';

export interface SpikeSpec {
  brand: string;
  /** Absolute epoch ms of the spike's start. */
  atMs: number;
  /** How many times the brand's usual negative volume, e.g. 8. */
  multiplier: number;
  /** Default 45 minutes. */
  durationMs?: number;
  /** Taxonomy topic id the spike is about; default picked from the taxonomy (outage, billing, app, delivery first). */
  topic?: string;
}

export interface SimulationOptions {
  brands: BrandConfig[];
  topics: TopicConfig[];
  /** Simulated time window [startMs, endMs). */
  startMs: number;
  endMs: number;
  /** Baseline volume across all brands and channels, echoes included. */
  mentionsPerDay: number;
  seed: number;
  spikes?: SpikeSpec[];
  /** Default: x, reddit, hackernews, mastodon, bluesky, rss. */
  channels?: Source[];
  /** Hours added to UTC for the daily curve (0 = the curve follows UTC). */
  utcOffsetHours?: number;
  /** Relative volume per brand id; default: the first brand loudest, falling off by rank. */
  brandShares?: Record<string, number>;
}

export type TruthKind = 'complaint' | 'failure' | 'idea' | 'praise' | 'question' | 'neutral' | 'spike' | 'echo' | 'foreign';

export interface MentionTruth {
  kind: TruthKind;
  failureCategory?: FailureCategory;
  /** Taxonomy topic id the text was written about. */
  topic?: string;
  /** Id of the mention this one repeats (retweet, copy-paste, bot flood). */
  duplicateOf?: string;
  /** The sentiment the text was written with. */
  sentiment: Sentiment;
  /** ISO 639-1 language the text was written in. */
  language: string;
  /** Posted by a spam bot. */
  bot?: true;
  /** Matches the brand's name but is about something else (the brand's `exclude` terms). */
  namesake?: true;
}

export interface SimulatedMention {
  mention: RawMention;
  truth: MentionTruth;
}

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
const DEFAULT_SPIKE_MS = 45 * MINUTE;

/** Relative volume per local hour: quiet at night, a morning peak and a bigger evening one. */
const HOURLY = [0.42, 0.28, 0.19, 0.14, 0.14, 0.2, 0.38, 0.75, 1.15, 1.35, 1.32, 1.25, 1.3, 1.25, 1.2, 1.15, 1.15, 1.22, 1.38, 1.5, 1.55, 1.38, 1.05, 0.7];
const HOURLY_MEAN = HOURLY.reduce((a, b) => a + b, 0) / 24;
/** Weekdays a little busier than weekends; averages 1 over a week. */
const WEEKDAY_FACTOR = [0.925, 1.03, 1.03, 1.03, 1.03, 1.03, 0.925];

/** Share of volume that is originals; the rest arrives as retweets, copies and floods. */
const ORIGINAL_SHARE = 0.93;
const FOREIGN_SHARE = 0.05;
const NAMESAKE_SHARE = 0.008;
const BRAND_REPLY_SHARE = 0.03;
const NO_TOPIC_SHARE = 0.15;
const FLOODS_PER_DAY = 2;
/** Share of a brand's usual volume that is negative: a spike of x multiplies this. */
const NEGATIVE_SHARE = 0.35;

const BASE_MIX: Record<BaseKind, number> = { complaint: 0.16, failure: 0.22, praise: 0.33, question: 0.11, idea: 0.06, neutral: 0.12 };
const CHANNEL_MIX: Partial<Record<Channel, Partial<Record<BaseKind, number>>>> = {
  hackernews: { neutral: 2.2, question: 1.3, praise: 0.6, failure: 0.5, complaint: 0.8 },
  rss: { neutral: 2.5, failure: 0.6, praise: 0.8 },
  reddit: { question: 1.6, failure: 1.1 },
};
const KIND_SENTIMENT: Record<BaseKind, Sentiment> = { complaint: 'negative', failure: 'negative', praise: 'positive', question: 'neutral', idea: 'neutral', neutral: 'neutral' };
/** How far a post of each kind travels (engagement, retweets). */
const REACH: Record<BaseKind | 'spike', number> = { complaint: 1.2, failure: 1, praise: 0.8, question: 0.4, idea: 0.7, neutral: 1, spike: 2.5 };
/** How often people talk about each kind of topic, before a per-brand tilt. */
const BANK_WEIGHT: Record<string, number> = { connectivity: 0.18, billing: 0.12, delivery: 0.12, app: 0.14, customer_service: 0.12, pricing: 0.1, refunds: 0.08, product_quality: 0.08, generic: 0.08 };
const SPIKE_TAG_SUFFIX: Record<string, string> = { connectivity: 'Down', billing: 'DoubleCharge', app: 'AppDown', delivery: 'Delays', refunds: 'Refunds', customer_service: 'Fail', pricing: 'PriceRise', product_quality: 'Recall', generic: 'Fail' };
const DEFAULT_SPIKE_BANKS = ['connectivity', 'billing', 'app', 'delivery'];

const SOCIAL: ReadonlySet<Channel> = new Set(['x', 'bluesky', 'mastodon']);

interface BrandRt {
  cfg: BrandConfig;
  share: number;
  refs: Record<string, number>;
  handle: string;
  word: string;
  tag: string;
  /** Lowercase words of the brand's names, kept free of typos. */
  words: ReadonlySet<string>;
  queries: string[];
  topicWeights: Record<string, number>;
}

interface TopicRt {
  cfg: TopicConfig;
  bank: TopicBank;
  slots: Record<string, readonly string[]>;
}

interface SpikeRt {
  spec: SpikeSpec;
  brand: BrandRt;
  topic: TopicRt | undefined;
  bank: TopicBank;
  slots: Record<string, readonly string[]>;
  endMs: number;
  vars: Record<string, string>;
  started: boolean;
}

/** What a later reply needs to know about a post. */
interface Posted {
  mention: RawMention;
  brand: BrandRt;
  topic: TopicRt | undefined;
  sentiment: Sentiment;
  kind: BaseKind;
  /** Reddit post / RSS article the thread hangs off. */
  rootUrl?: string;
  rootTitle?: string;
}

interface Pending {
  t: number;
  seq: number;
  item: SimulatedMention;
}

/** Simulated mentions in createdAt order, generated lazily (a minute at a time). */
export function simulateMentions(options: SimulationOptions): Generator<SimulatedMention> {
  const sim = new Simulation(options); // validates now, not at the first next()
  return sim.run();
}

class Simulation {
  private readonly rng: Random;
  private readonly ids: IdMaker;
  private readonly brands: BrandRt[];
  private readonly topics: TopicRt[];
  private readonly spikes: SpikeRt[];
  private readonly channels: Channel[];
  private readonly channelShare: Partial<Record<Channel, number>>;
  private readonly spikeChannelShare: Partial<Record<Channel, number>>;
  private readonly poolSize: Record<Channel, number>;
  private readonly pending: Pending[] = [];
  private pendingSeq = 0;
  /** Recent posts per channel, for replies: a ring, so memory stays flat. */
  private readonly recent = new Map<Channel, Posted[]>();
  private readonly recentNext = new Map<Channel, number>();

  constructor(private readonly o: SimulationOptions) {
    validate(o);
    this.rng = new Random(o.seed);
    this.ids = new IdMaker(new Random(hash32(o.seed, 'ids')));
    const chosen = (o.channels ?? CHANNELS).filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c));
    if (chosen.length === 0) throw new Error(`simulate: channels must include at least one of ${CHANNELS.join(', ')}; got ${(o.channels ?? []).join(', ') || 'none'}`);
    this.channels = chosen;
    this.channelShare = Object.fromEntries(chosen.map((c) => [c, CHANNEL_SHARE[c]]));
    this.spikeChannelShare = Object.fromEntries(chosen.map((c) => [c, SPIKE_CHANNEL_SHARE[c]]));
    this.poolSize = Object.fromEntries(CHANNELS.map((c) => [c, Math.max(300, Math.round(o.mentionsPerDay * CHANNEL_SHARE[c] * 4))])) as Record<Channel, number>;
    this.topics = o.topics.map((cfg) => {
      const bank = bankForTopic(cfg);
      return { cfg, bank, slots: bank === GENERIC_BANK ? { thing: cfg.phrases } : bank.slots };
    });
    this.brands = buildBrands(o, this.topics);
    this.spikes = (o.spikes ?? []).map((spec) => this.buildSpike(spec));
  }

  *run(): Generator<SimulatedMention> {
    const { startMs, endMs } = this.o;
    const perMinute = (this.o.mentionsPerDay / 1440) * ORIGINAL_SHARE;
    for (let m = startMs; m < endMs; m += MINUTE) {
      const bucketEnd = Math.min(m + MINUTE, endMs);
      const span = bucketEnd - m;
      if ((m - startMs) % DAY_MS === 0) this.planFloods(m, Math.min(m + DAY_MS, endMs));
      const lambda = perMinute * this.curve(m + span / 2) * (span / MINUTE);

      // what starts in this minute: the usual chatter, spike surges, bot floods
      const starts: { t: number; brand: BrandRt; spike?: SpikeRt; question?: boolean }[] = [];
      for (const brand of this.brands) {
        const n = this.rng.poisson(lambda * brand.share);
        for (let i = 0; i < n; i++) starts.push({ t: m + Math.floor(this.rng.next() * span), brand });
      }
      for (const spike of this.spikes) {
        const from = Math.max(m, spike.spec.atMs);
        const to = Math.min(bucketEnd, spike.endMs);
        if (from >= to) continue;
        const u = ((from + to) / 2 - spike.spec.atMs) / (spike.endMs - spike.spec.atMs);
        const extra = (spike.spec.multiplier - 1) * perMinute * this.curve((from + to) / 2) * ((to - from) / MINUTE) * spike.brand.share * NEGATIVE_SHARE * spikeShape(u);
        const negatives = this.rng.poisson(extra);
        const questions = this.rng.poisson(extra * 0.12);
        for (let i = 0; i < negatives + questions; i++) starts.push({ t: from + Math.floor(this.rng.next() * (to - from)), brand: spike.brand, spike, question: i >= negatives });
      }
      starts.sort((a, b) => a.t - b.t);

      const made: SimulatedMention[] = [];
      for (const s of starts) made.push(s.spike ? this.spikeMention(s.t, s.spike, s.question === true) : this.baseMention(s.t, s.brand));

      // merge with echoes due in this minute (scheduled at least a minute after their original)
      let i = 0;
      while (i < made.length || (this.pending.length && this.pending[0]!.t < bucketEnd)) {
        const due = this.pending.length && this.pending[0]!.t < bucketEnd ? this.pending[0]! : undefined;
        if (due && (i >= made.length || due.t <= Date.parse(made[i]!.mention.createdAt))) {
          heapPop(this.pending);
          yield due.item;
        } else {
          yield made[i++]!;
        }
      }
    }
  }

  // ── volume ────────────────────────────────────────────────────────────────────────────

  /** Relative volume at a moment: hour of day (linear between hours) and weekday. */
  private curve(ms: number): number {
    const local = ms + (this.o.utcOffsetHours ?? 0) * 3_600_000;
    const hour = (((local / 3_600_000) % 24) + 24) % 24;
    const h0 = Math.floor(hour);
    const f = hour - h0;
    const hourly = (HOURLY[h0]! * (1 - f) + HOURLY[(h0 + 1) % 24]! * f) / HOURLY_MEAN;
    const day = new Date(local).getUTCDay();
    return hourly * WEEKDAY_FACTOR[day]!;
  }

  // ── ordinary mentions ─────────────────────────────────────────────────────────────────

  private baseMention(t: number, brand: BrandRt): SimulatedMention {
    const r = this.rng;
    const channel = r.weighted(this.channelShare);
    const u = r.next();
    if (u < NAMESAKE_SHARE && brand.cfg.exclude.length) return this.namesake(t, brand, channel);
    if (u < NAMESAKE_SHARE + FOREIGN_SHARE) {
      // Hacker News is English-only in practice
      const elsewhere = Object.fromEntries(Object.entries(this.channelShare).filter(([c]) => c !== 'hackernews'));
      if (channel !== 'hackernews' || Object.keys(elsewhere).length) return this.foreign(t, brand, channel === 'hackernews' ? (r.weighted(elsewhere) as Channel) : channel);
    }
    if (SOCIAL.has(channel) && r.chance(BRAND_REPLY_SHARE)) {
      const parent = this.findParent(channel, brand, (p) => p.sentiment === 'negative' || p.kind === 'question');
      if (parent) return this.brandReply(t, brand, channel, parent);
    }

    let parent = r.chance(REPLY_SHARE[channel]) ? this.findParent(channel, brand) : undefined;
    // HN threads hang off stories: start one if none is open; a third of blog items are news pieces
    if (!parent && (channel === 'hackernews' || (channel === 'rss' && r.chance(0.35)))) return this.threadRoot(t, brand, channel);

    const topic = parent?.topic && r.chance(0.7) ? parent.topic : this.pickTopic(brand);
    const bank = topic?.bank;
    let kind: BaseKind;
    let template: string;
    let failureCategory: FailureCategory | undefined;
    let aboutTopic = topic !== undefined;
    if (parent && r.chance(0.35)) {
      aboutTopic = false; // "same here" carries no topic words of its own
      // "same here": agreeing with the parent
      const sentiment = parent.sentiment;
      kind = sentiment === 'negative' ? 'complaint' : sentiment === 'positive' ? 'praise' : 'neutral';
      template = r.pick(REPLY_AGREE[sentiment]);
    } else {
      kind = this.pickKind(bank, channel);
      if (kind === 'failure') {
        failureCategory = r.weighted({ ...Object.fromEntries(FAILURE_CATEGORIES.map((c) => [c, 1])), ...bank?.failureMix } as Record<FailureCategory, number>);
        template = r.pick((bank ?? GENERAL).failure[failureCategory]);
      } else {
        template = r.pick((bank ?? GENERAL)[kind]);
      }
    }
    const sentiment = KIND_SENTIMENT[kind];
    const resolve = this.resolver(brand, topic, channel, t);
    const voice = kind === 'question' || kind === 'idea' ? kind : sentiment;
    let text = compose(paraphrase(expand(template, r, resolve), r), voice, r, (part) => expand(part, r, resolve));
    let title: string | undefined;
    if ((channel === 'reddit' || channel === 'rss') && !parent) title = this.title(kind, bank, resolve);
    if (channel === 'reddit' || channel === 'hackernews' || channel === 'rss') text = this.elaborate(text, sentiment, channel === 'reddit' && !parent ? 2 : 1, resolve);
    text = roughen(text, sentiment, NOISE[channel], r, brand.tag, brand.words);
    if (channel === 'x' && r.chance(0.04)) text += ' ' + shortLink(r);

    const author = this.pickAuthor(channel);
    const truth: MentionTruth = { kind, sentiment, language: 'en', ...(topic && aboutTopic ? { topic: topic.cfg.id } : {}), ...(failureCategory ? { failureCategory } : {}) };
    const made = this.post({ t, channel, brand, author, text, title, parent, reach: REACH[kind], language: 'en' });
    this.remember(channel, { mention: made.mention, brand, topic, sentiment, kind, ...made.root });
    this.scheduleEchoes(made.mention, truth, REACH[kind], false);
    return { mention: made.mention, truth };
  }

  /** A Hacker News story or a blog article about the brand, which later comments reply to. */
  private threadRoot(t: number, brand: BrandRt, channel: 'hackernews' | 'rss'): SimulatedMention {
    const r = this.rng;
    const topic = r.chance(0.5) ? this.pickTopic(brand) : undefined;
    const resolve = this.resolver(brand, topic, channel, t);
    let title: string;
    let text: string;
    if (channel === 'hackernews') {
      title = expand(r.pick(HN_STORIES), r, resolve);
      text = title;
    } else {
      title = capitalise(expand(r.pick((topic?.bank ?? GENERAL).neutral), r, resolve));
      text = this.elaborate(title + '.', 'neutral', 2, resolve);
    }
    const author = this.pickAuthor(channel);
    const truth: MentionTruth = { kind: 'neutral', sentiment: 'neutral', language: 'en', ...(topic ? { topic: topic.cfg.id } : {}) };
    const made = this.post({ t, channel, brand, author, text, title, reach: 1.5, language: 'en' });
    this.remember(channel, { mention: made.mention, brand, topic, sentiment: 'neutral', kind: 'neutral', ...made.root });
    return { mention: made.mention, truth };
  }

  private foreign(t: number, brand: BrandRt, channel: Channel): SimulatedMention {
    const r = this.rng;
    const language = r.weighted(FOREIGN_LANGUAGES);
    const template = r.pick(FOREIGN[language]!);
    const topic = template.bank ? this.topics.find((tp) => tp.bank.id === template.bank) : undefined;
    const resolve = this.resolver(brand, topic, channel, t);
    let filled = expand(template.text, r, resolve);
    const extras = FOREIGN_EXTRAS[language] ?? [];
    for (let i = 0, n = r.int(1, 2); i < n && extras.length; i++) filled = (/[.!?]$/.test(filled) ? filled : filled + '.') + ' ' + expand(r.pick(extras), r, resolve);
    const text = roughen(filled, template.sentiment, { ...NOISE[channel], hashtags: false }, r, brand.tag, brand.words);
    const truth: MentionTruth = {
      kind: 'foreign',
      sentiment: template.sentiment,
      language,
      ...(topic ? { topic: topic.cfg.id } : {}),
      ...(template.failureCategory ? { failureCategory: template.failureCategory } : {}),
    };
    const made = this.post({ t, channel, brand, author: this.pickAuthor(channel), text, reach: 0.6, language, title: channel === 'reddit' ? titleFrom(text) : undefined });
    this.remember(channel, { mention: made.mention, brand, topic, sentiment: template.sentiment, kind: template.kind, ...made.root });
    return { mention: made.mention, truth };
  }

  private namesake(t: number, brand: BrandRt, channel: Channel): SimulatedMention {
    const r = this.rng;
    const resolve: SlotResolver = (name, rr) => (name === 'exclude' ? rr.pick(brand.cfg.exclude) : name === 'brandword' ? brand.word : undefined);
    // kept clean: the exclude term must survive for the brand filter to have something to find
    const text = expand(r.pick(NAMESAKE), r, resolve);
    const made = this.post({ t, channel, brand, author: this.pickAuthor(channel), text, reach: 0.5, language: 'en', title: channel === 'reddit' ? titleFrom(text) : undefined });
    return { mention: made.mention, truth: { kind: 'neutral', sentiment: 'neutral', language: 'en', namesake: true } };
  }

  private brandReply(t: number, brand: BrandRt, channel: Channel, parent: Posted): SimulatedMention {
    const r = this.rng;
    const user = parent.mention.author.name?.split(' ')[0] ?? parent.mention.author.handle;
    const base = this.resolver(brand, undefined, channel, t);
    const resolve: SlotResolver = (name, rr) => (name === 'user' ? user : base(name, rr));
    const thanks = parent.sentiment === 'positive';
    const template = thanks ? BRAND_REPLIES[3]! : r.pick(BRAND_REPLIES.filter((_, i) => i !== 3));
    const text = `@${parent.mention.author.handle.split('@')[0]} ${expand(template, r, resolve)}`;
    const author = officialAuthor(brand, channel, this.o.seed);
    const made = this.post({ t, channel, brand, author, text, parent, reach: 0.3, language: 'en' });
    return { mention: made.mention, truth: { kind: 'neutral', sentiment: thanks ? 'positive' : 'neutral', language: 'en' } };
  }

  // ── the spike ─────────────────────────────────────────────────────────────────────────

  private spikeMention(t: number, spike: SpikeRt, question: boolean): SimulatedMention {
    const r = this.rng;
    const channel = spike.started ? r.weighted(this.spikeChannelShare) : this.channels.includes('x') ? 'x' : this.channels[0]!;
    const buckets = Object.fromEntries(Object.entries(spike.bank.spikeMix).filter(([b]) => (question ? b === 'question' : b !== 'question') && spike.bank.spike[b as SpikeBucket]?.length));
    const bucket = (Object.keys(buckets).length ? r.weighted(buckets) : question ? 'question' : 'complaint') as SpikeBucket;
    const templates = spike.bank.spike[bucket] ?? GENERIC_BANK.spike[bucket]!;
    const resolve = this.resolver(spike.brand, spike.topic, channel, t, spike);
    const sentiment: Sentiment = bucket === 'question' ? 'neutral' : 'negative';
    // the surge hashtag stays at the end, after whatever the person adds
    const filled = expand(r.pick(templates), r, resolve);
    const tag = / #\w+$/.exec(filled)?.[0] ?? '';
    let text = compose(paraphrase(filled.slice(0, filled.length - tag.length), r), question ? 'question' : 'negative', r, (part) => expand(part, r, resolve)) + tag;
    const parent = spike.started && r.chance(REPLY_SHARE[channel] * 0.4) ? this.findParent(channel, spike.brand) : undefined;
    let title: string | undefined;
    if (channel === 'reddit' && !parent) title = titleFrom(text.replace(/#\w+/g, ''));
    if (!SOCIAL.has(channel)) text = this.elaborate(text.replace(/\s*#\w+/g, ''), sentiment, 1, resolve);
    text = roughen(text, sentiment, NOISE[channel], r, spike.vars.spike_tag!, spike.brand.words);
    // the first voice of a surge is often someone with a big following
    const author = spike.started ? this.pickAuthor(channel) : influencerFor(channel, this.o.seed, spike.spec.atMs);
    spike.started = true;
    const truth: MentionTruth = {
      kind: 'spike',
      sentiment,
      language: 'en',
      ...(spike.topic ? { topic: spike.topic.cfg.id } : {}),
      ...((FAILURE_CATEGORIES as readonly string[]).includes(bucket) ? { failureCategory: bucket as FailureCategory } : {}),
    };
    const made = this.post({ t, channel, brand: spike.brand, author, text, title, parent, reach: REACH.spike, language: 'en' });
    this.remember(channel, { mention: made.mention, brand: spike.brand, topic: spike.topic, sentiment, kind: bucket === 'question' ? 'question' : 'failure', ...made.root });
    this.scheduleEchoes(made.mention, truth, REACH.spike, true);
    return { mention: made.mention, truth };
  }

  private buildSpike(spec: SpikeSpec): SpikeRt {
    const brand = this.brands.find((b) => b.cfg.id === spec.brand)!;
    const topic = spec.topic !== undefined ? this.topics.find((tp) => tp.cfg.id === spec.topic) : defaultSpikeTopic(this.topics);
    const bank = topic?.bank ?? GENERIC_BANK;
    const r = new Random(hash32(this.o.seed, 'spike', spec.brand, spec.atMs));
    const start = new Date(spec.atMs + (this.o.utcOffsetHours ?? 0) * 3_600_000);
    const hour = start.getUTCHours();
    const vars: Record<string, string> = {
      spike_place: r.pick(SHARED_SLOTS.city!),
      spike_tag: `#${brand.word}${SPIKE_TAG_SUFFIX[bank.id] ?? 'Fail'}`,
      spike_code: generatedSlot('code', r)!,
      spike_money: generatedSlot('money', r)!,
      spike_version: `${r.int(5, 9)}.${r.int(0, 9)}.${r.int(0, 9)}`,
      spike_pct: `${r.int(12, 29)}%`,
      since_spike: `since ${hour % 12 || 12}${hour < 12 ? 'am' : 'pm'}`,
    };
    return { spec, brand, topic, bank, slots: topic?.slots ?? { thing: ['service'] }, endMs: spec.atMs + (spec.durationMs ?? DEFAULT_SPIKE_MS), vars, started: false };
  }

  // ── echoes: retweets, copy-paste, bot floods ─────────────────────────────────────────

  private scheduleEchoes(original: RawMention, truth: MentionTruth, reach: number, surge: boolean): void {
    const r = this.rng;
    const echoTruth = (): MentionTruth => ({ kind: 'echo', duplicateOf: original.id, sentiment: truth.sentiment, language: truth.language, ...(truth.topic ? { topic: truth.topic } : {}) });
    const t0 = Date.parse(original.createdAt);
    if (original.source === 'x' && !this.brandAccount(original)) {
      const rts = Math.min(400, r.poisson((original.engagement.reposts ?? 0) * 0.6 + (surge ? 0.4 : 0)));
      for (let i = 0; i < rts; i++) {
        const t = t0 + MINUTE + Math.floor(r.exponential(surge ? 6 * MINUTE : 25 * MINUTE));
        if (t < this.o.endMs) this.schedule(t, this.retweet(t, original), echoTruth());
      }
    }
    // people copy-paste complaints (and the odd rave), not small talk
    const copyChance = surge ? 0.08 : truth.sentiment === 'negative' ? 0.025 : truth.sentiment === 'positive' ? 0.008 : 0;
    if (original.text.length > 40 && !original.parentId && r.chance(copyChance)) {
      const copies = 1 + r.poisson(surge ? 1.5 : 0.6);
      const brand = this.brands.find((b) => b.cfg.id === original.brand)!;
      for (let i = 0; i < copies; i++) {
        const t = t0 + MINUTE + Math.floor(r.exponential(surge ? 8 * MINUTE : 40 * MINUTE));
        if (t >= this.o.endMs) continue;
        const channel = r.chance(0.6) && SOCIAL.has(original.source as Channel) ? (original.source as Channel) : r.weighted(pickSocial(this.channelShare));
        // drop the reply-to handles a copy would not carry, but keep the brand's
        const text = varyCopy(original.text.replace(/^(@\S+\s+)+/, (lead) => lead.split(/\s+/).filter((h) => h.toLowerCase() === brand.handle.toLowerCase()).map((h) => h + ' ').join('')), r);
        const made = this.post({ t, channel, brand, author: this.pickAuthor(channel), text, reach: 0.3, language: truth.language, title: channel === 'reddit' ? titleFrom(text) : undefined });
        this.schedule(t, made.mention, echoTruth());
      }
    }
  }

  private retweet(t: number, original: RawMention): RawMention {
    const author = this.pickAuthor('x');
    const nativeId = this.ids.x(t);
    let text = `RT @${original.author.handle}: ${original.text}`;
    // the X API truncates retweet text
    if (text.length > 140) text = text.slice(0, 139).trimEnd() + '…';
    return {
      schemaVersion: 1,
      id: `x:${nativeId}`,
      source: 'x',
      nativeId,
      url: `https://x.com/${author.handle}/status/${nativeId}`,
      author: stripHome(author),
      text,
      createdAt: iso(t),
      fetchedAt: iso(t + this.lag('x')),
      ...(original.threadId ? { threadId: original.threadId } : {}),
      repostOf: original.id,
      engagement: {},
      ...(original.langHint ? { langHint: original.langHint } : {}),
      brand: original.brand,
      query: original.query,
    };
  }

  /** Bot floods for one day: at least one in a whole day, a few on average. */
  private planFloods(from: number, to: number): void {
    const r = this.rng;
    const count = to - from === DAY_MS ? 1 + r.poisson(FLOODS_PER_DAY - 1) : r.poisson((FLOODS_PER_DAY * (to - from)) / DAY_MS);
    const shares = Object.fromEntries(this.brands.map((b, i) => [String(i), b.share]));
    for (let i = 0; i < count; i++) this.scheduleFlood(from + Math.floor(r.next() * (to - from)), this.brands[Number(r.weighted(shares))]!);
  }

  private scheduleFlood(t0: number, brand: BrandRt): void {
    const r = this.rng;
    const channel: Channel = this.channels.includes('x') ? 'x' : r.weighted(pickSocial(this.channelShare));
    const resolve: SlotResolver = (name, rr) => (name === 'link' ? shortLink(rr) : this.resolver(brand, undefined, channel, t0)(name, rr));
    const template = r.pick(SPAM);
    const posts = r.int(15, 60);
    const bots = Array.from({ length: r.int(3, 8) }, (_, i) => botAuthor(channel, this.o.seed, hash32(brand.cfg.id, t0, i)));
    const duration = r.int(5, 25) * MINUTE;
    let first: RawMention | undefined;
    const times = Array.from({ length: posts }, () => t0 + MINUTE + Math.floor(r.next() * duration)).sort((a, b) => a - b);
    for (const t of times) {
      if (t >= this.o.endMs) break;
      const text = expand(template, r, resolve) + (r.chance(0.5) ? ' ' + r.pick(['🔥', '💥', '🎁', '✅', '']) : '');
      const made = this.post({ t, channel, brand, author: r.pick(bots), text, reach: 0.05, language: 'en' });
      const truth: MentionTruth = first
        ? { kind: 'echo', duplicateOf: first.id, sentiment: 'neutral', language: 'en', bot: true }
        : { kind: 'neutral', sentiment: 'neutral', language: 'en', bot: true };
      first ??= made.mention;
      this.schedule(t, made.mention, truth);
    }
  }

  private schedule(t: number, mention: RawMention, truth: MentionTruth): void {
    heapPush(this.pending, { t, seq: this.pendingSeq++, item: { mention, truth } });
  }

  // ── building a RawMention shaped like the channel's own ──────────────────────────────

  private post(p: {
    t: number;
    channel: Channel;
    brand: BrandRt;
    author: SimAuthor;
    text: string;
    title?: string | undefined;
    parent?: Posted | undefined;
    reach: number;
    language: string;
  }): { mention: RawMention; root: { rootUrl?: string; rootTitle?: string } } {
    const { t, channel, author, parent } = p;
    const r = this.rng;
    let text = p.text.replace(/\s{2,}/g, ' ').replace(/\s+([.,!?])/g, '$1').trim();
    if (parent && SOCIAL.has(channel) && !text.startsWith('@')) text = `@${parent.mention.author.handle.split('@')[0]} ${text}`;
    if (text.length > MAX_LENGTH[channel]) text = text.slice(0, MAX_LENGTH[channel] - 1).trimEnd() + '…';

    let nativeId: string;
    let url: string;
    let title = p.title;
    let root: { rootUrl?: string; rootTitle?: string } = {};
    switch (channel) {
      case 'x':
        nativeId = this.ids.x(t);
        url = `https://x.com/${author.handle}/status/${nativeId}`;
        break;
      case 'mastodon': {
        const id = this.ids.mastodon(t);
        nativeId = `${author.home}/${id}`;
        url = `https://${author.home}/@${author.handle.split('@')[0]}/${id}`;
        break;
      }
      case 'bluesky': {
        const rkey = this.ids.blueskyRkey(t);
        nativeId = `at://${author.home}/app.bsky.feed.post/${rkey}`;
        url = `https://bsky.app/profile/${author.handle}/post/${rkey}`;
        break;
      }
      case 'reddit':
        if (parent?.rootUrl) {
          const id = this.ids.reddit(t, 't1');
          nativeId = `t1_${id}`;
          url = `${parent.rootUrl}${id}/`;
          root = { rootUrl: parent.rootUrl, ...(parent.rootTitle ? { rootTitle: parent.rootTitle } : {}) };
        } else {
          const id = this.ids.reddit(t, 't3');
          title ??= titleFrom(text);
          nativeId = `t3_${id}`;
          url = `https://www.reddit.com/r/${subredditFor(p.brand.word, r)}/comments/${id}/${slugify(title)}/`;
          root = { rootUrl: url, rootTitle: title };
        }
        break;
      case 'hackernews': {
        // a top-level HN item is a story, and stories have titles
        if (!parent) title ??= titleFrom(text);
        nativeId = String(this.ids.hackernews(t));
        url = `https://news.ycombinator.com/item?id=${nativeId}`;
        break;
      }
      case 'rss':
        if (parent?.rootUrl) {
          url = `${parent.rootUrl}#comment-${10_000 + this.ids.counter()}`;
          title = `Comment on ${parent.rootTitle ?? 'post'} by ${author.name ?? author.handle}`;
          root = { rootUrl: parent.rootUrl, ...(parent.rootTitle ? { rootTitle: parent.rootTitle } : {}) };
        } else {
          const d = new Date(t);
          title ??= titleFrom(text);
          url = `https://${RSS_SITES[hash32(author.id) % RSS_SITES.length]}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${slugify(title).replace(/_/g, '-')}-${this.ids.counter()}/`;
          root = { rootUrl: url, rootTitle: title };
        }
        nativeId = url;
        break;
    }
    const id = `${channel}:${nativeId}`;
    const threadId = parent ? (parent.mention.threadId ?? parent.mention.id) : id;
    const langHint = this.langHint(channel, p.language, text, author);
    const mention: RawMention = {
      schemaVersion: 1,
      id,
      source: channel,
      nativeId,
      url,
      author: stripHome(author),
      text,
      ...(title !== undefined ? { title } : {}),
      createdAt: iso(t),
      fetchedAt: iso(t + this.lag(channel)),
      threadId: channel === 'reddit' && !parent ? id : threadId,
      ...(parent ? { parentId: parent.mention.id } : {}),
      engagement: engagementFor(channel, author.followers, p.reach, r),
      ...(langHint ? { langHint } : {}),
      brand: p.brand.cfg.id,
      query: channel === 'rss' ? (url.split('/')[2] ?? '') : queryFor(p.brand, text),
    };
    return { mention, root };
  }

  /** What the channel says the language is: X and Bluesky mostly right, Mastodon often the user's default. */
  private langHint(channel: Channel, language: string, text: string, author: SimAuthor): string | undefined {
    const r = this.rng;
    switch (channel) {
      case 'x':
        return text.replace(/@\S+|#\S+|https?:\S+/g, '').trim().length < 12 ? 'und' : r.chance(0.97) ? language : 'und';
      case 'bluesky':
        return r.chance(0.85) ? language : undefined;
      case 'mastodon':
        if (!r.chance(0.65)) return undefined;
        if (r.chance(0.1)) return language === 'en' ? (author.home === 'chaos.social' ? 'de' : 'en') : 'en';
        return language;
      default:
        return undefined;
    }
  }

  private lag(channel: Channel): number {
    return Math.floor(this.rng.exponential(FETCH_LAG_MS[channel])) + 1000;
  }

  // ── choices ───────────────────────────────────────────────────────────────────────────

  private pickAuthor(channel: Channel): SimAuthor {
    // skewed towards low indices: a few people post a lot
    const index = Math.floor(Math.pow(this.rng.next(), 2.2) * this.poolSize[channel]);
    return authorFor(channel, index, this.o.seed);
  }

  private pickTopic(brand: BrandRt): TopicRt | undefined {
    if (this.topics.length === 0 || this.rng.chance(NO_TOPIC_SHARE)) return undefined;
    const id = this.rng.weighted(brand.topicWeights);
    return this.topics.find((tp) => tp.cfg.id === id);
  }

  private pickKind(bank: TopicBank | undefined, channel: Channel): BaseKind {
    const w = {} as Record<BaseKind, number>;
    for (const k of Object.keys(BASE_MIX) as BaseKind[]) w[k] = BASE_MIX[k] * (bank?.mix[k] ?? 1) * (CHANNEL_MIX[channel]?.[k] ?? 1);
    return this.rng.weighted(w);
  }

  /** A Reddit post title from the bank, or undefined to use the post's first words. */
  private title(kind: BaseKind, bank: TopicBank | undefined, resolve: SlotResolver): string | undefined {
    const titles = bank?.titles[kind];
    if (titles?.length && this.rng.chance(0.7)) return expand(this.rng.pick(titles), this.rng, resolve);
    return undefined;
  }

  private elaborate(text: string, sentiment: Sentiment, max: number, resolve: SlotResolver): string {
    const n = this.rng.int(0, max);
    let out = /[.!?…]$/.test(text) ? text : text + '.';
    const used = new Set<string>();
    for (let i = 0; i < n; i++) {
      const line = this.rng.pick(ELABORATION[sentiment]);
      if (!used.has(line)) out += ' ' + expand(line, this.rng, resolve), used.add(line);
    }
    return out;
  }

  private findParent(channel: Channel, brand: BrandRt, accept?: (p: Posted) => boolean): Posted | undefined {
    const ring = this.recent.get(channel);
    if (!ring?.length) return undefined;
    const start = this.rng.int(0, ring.length - 1);
    for (let k = 0; k < Math.min(ring.length, 12); k++) {
      const p = ring[(start + k) % ring.length]!;
      if (p.brand === brand && !this.brandAccount(p.mention) && (!accept || accept(p))) return p;
    }
    return undefined;
  }

  private remember(channel: Channel, posted: Posted): void {
    const ring = this.recent.get(channel) ?? [];
    const next = this.recentNext.get(channel) ?? 0;
    ring[next % 40] = posted;
    this.recent.set(channel, ring);
    this.recentNext.set(channel, next + 1);
  }

  private brandAccount(m: RawMention): boolean {
    return m.author.id.startsWith('official-');
  }

  /** Slot values for one mention: spike, topic, brand, then shared banks. */
  private resolver(brand: BrandRt, topic: TopicRt | undefined, channel: Channel, t: number, spike?: SpikeRt): SlotResolver {
    const social = SOCIAL.has(channel);
    return (name, r) => {
      switch (name) {
        case 'brand':
          return r.weighted(social ? { ...brand.refs, [brand.handle]: 3 } : brand.refs);
        case 'handle':
          return social ? brand.handle : brand.cfg.name;
        case 'brandname':
          return brand.cfg.name;
        case 'tag':
          return brand.word;
        case 'spike_tag':
          return spike && social && r.chance(0.65) ? spike.vars.spike_tag : '';
        case 'spike_elapsed':
          return elapsed(t - (spike?.spec.atMs ?? t));
      }
      // people rarely put emoji in Reddit, HN and blog comments
      if (!social && name.startsWith('emoji_') && r.chance(0.8)) return '';
      if (spike?.vars[name] !== undefined) return spike.vars[name];
      const own = (spike?.slots ?? topic?.slots)?.[name];
      if (own) return r.pick(own);
      const shared = SHARED_SLOTS[name];
      if (shared) return r.pick(shared);
      const generated = generatedSlot(name, r);
      if (generated !== undefined) return generated;
      // a topic-specific slot used by a general template: fall back to a word of the topic
      if (name === 'thing') return topic ? r.pick(topic.cfg.phrases) : 'service';
      if (name === 'since_spike') return r.pick(SHARED_SLOTS.since!);
      return GENERIC_SLOT_FALLBACK[name];
    };
  }
}

/** Slots a bank's templates use that another bank may lack (a config topic mapped oddly). */
const GENERIC_SLOT_FALLBACK: Record<string, string> = {
  device: 'router',
  speedpaid: '500Mb',
  speedgot: '10Mb',
  down: 'down',
  courier: 'the courier',
  product: 'product',
  feature: 'dark mode',
  plan: 'plan',
};

// ── setup ───────────────────────────────────────────────────────────────────────────────

function validate(o: SimulationOptions): void {
  const where = 'simulate';
  if (!o.brands.length) throw new Error(`${where}: expected at least one brand`);
  if (!Number.isFinite(o.startMs) || !Number.isFinite(o.endMs) || o.endMs <= o.startMs) throw new Error(`${where}: expected startMs < endMs, got ${o.startMs} and ${o.endMs}`);
  if (!(o.mentionsPerDay > 0)) throw new Error(`${where}: expected mentionsPerDay > 0, got ${o.mentionsPerDay}`);
  if (!Number.isInteger(o.seed)) throw new Error(`${where}: expected an integer seed, got ${o.seed}`);
  const brandIds = o.brands.map((b) => b.id);
  const topicIds = o.topics.map((tp) => tp.id);
  for (const s of o.spikes ?? []) {
    if (!brandIds.includes(s.brand)) throw new Error(`${where}: spike brand '${s.brand}' is not a configured brand (${brandIds.join(', ')})`);
    if (s.topic !== undefined && !topicIds.includes(s.topic)) throw new Error(`${where}: spike topic '${s.topic}' is not a taxonomy topic (${topicIds.join(', ') || 'none configured'})`);
    if (!(s.multiplier >= 1)) throw new Error(`${where}: spike multiplier must be at least 1, got ${s.multiplier}`);
    if (s.durationMs !== undefined && !(s.durationMs > 0)) throw new Error(`${where}: spike duration must be positive, got ${s.durationMs}ms`);
  }
}

function buildBrands(o: SimulationOptions, topics: TopicRt[]): BrandRt[] {
  const raw = o.brands.map((b, i) => o.brandShares?.[b.id] ?? 1 / Math.pow(i + 1, 0.8));
  const total = raw.reduce((a, b) => a + b, 0);
  return o.brands.map((cfg, i) => {
    const atAlias = cfg.aliases.find((a) => a.startsWith('@'));
    const handle = atAlias ?? '@' + cfg.name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const word = (cfg.name.split(/\s+/)[0] ?? cfg.id).replace(/[^\p{L}\p{N}]/gu, '') || cfg.id;
    const refs: Record<string, number> = { [cfg.name]: 3 };
    for (const a of cfg.aliases) if (!a.startsWith('@')) refs[a] = (refs[a] ?? 0) + 2;
    const topicWeights: Record<string, number> = {};
    for (const tp of topics) {
      const tilt = 0.5 + hash32(o.seed, cfg.id, tp.cfg.id) / 2 ** 32; // each brand is talked about differently
      topicWeights[tp.cfg.id] = (BANK_WEIGHT[tp.bank.id] ?? 0.08) * tilt;
    }
    return {
      cfg,
      share: raw[i]! / total,
      refs,
      handle,
      word,
      tag: `#${word}Fail`,
      words: new Set([cfg.name, ...cfg.aliases].flatMap((a) => a.toLowerCase().replace(/^@/, '').split(/\s+/))),
      queries: cfg.queries.length ? cfg.queries : [cfg.name, ...cfg.aliases],
      topicWeights,
    };
  });
}

function defaultSpikeTopic(topics: TopicRt[]): TopicRt | undefined {
  for (const id of DEFAULT_SPIKE_BANKS) {
    const found = topics.find((tp) => tp.bank.id === id);
    if (found) return found;
  }
  return topics[0];
}

function officialAuthor(brand: BrandRt, channel: Channel, seed: number): SimAuthor {
  const base = authorFor(channel, 0, hash32(seed, 'official', brand.cfg.id));
  const local = brand.handle.slice(1);
  const handle = channel === 'mastodon' ? `${local}@${base.home}` : channel === 'bluesky' ? `${local}.bsky.social` : local;
  return { ...base, id: `official-${brand.cfg.id}-${channel}`, handle, name: brand.cfg.name, followers: 40_000 + (hash32(brand.cfg.id) % 200_000) };
}

function botAuthor(channel: Channel, seed: number, n: number): SimAuthor {
  const base = authorFor(channel, 5_000_000 + (n % 100_000), seed);
  const handle = `deals_${['hub', 'zone', 'alert', 'daily', 'uk'][n % 5]}${n % 10_000}`;
  return { ...base, id: `bot-${n}`, handle: channel === 'mastodon' ? `${handle}@${base.home}` : channel === 'bluesky' ? `${handle}.bsky.social` : handle, followers: n % 40 };
}

// ── small helpers ───────────────────────────────────────────────────────────────────────

/** Ramps up within a few minutes, peaks, then eases off; averages 1 over the window. */
function spikeShape(u: number): number {
  const shape = u < 0.08 ? u / 0.08 : 1 - (0.6 * (u - 0.08)) / 0.92;
  return shape / 0.684;
}

function elapsed(ms: number): string {
  const min = Math.max(5, Math.round(ms / MINUTE / 5) * 5);
  if (min < 60) return `${min} minutes`;
  const h = Math.round(min / 30) / 2;
  return h === 1 ? 'an hour' : `${h} hours`;
}

function queryFor(brand: BrandRt, text: string): string {
  const lower = text.toLowerCase();
  return brand.queries.find((q) => lower.includes(q.toLowerCase())) ?? brand.queries[0] ?? brand.cfg.name;
}

function pickSocial(share: Partial<Record<Channel, number>>): Partial<Record<Channel, number>> {
  const social = Object.fromEntries(Object.entries(share).filter(([c]) => SOCIAL.has(c as Channel)));
  return Object.keys(social).length ? social : share;
}

function stripHome(a: SimAuthor): RawMention['author'] {
  return { id: a.id, handle: a.handle, ...(a.name !== undefined ? { name: a.name } : {}), ...(a.followers !== undefined ? { followers: a.followers } : {}) };
}

/** A post title from its text: the first sentence, cut at a word boundary. */
function titleFrom(text: string, max = 80): string {
  const first = (text.trim().split(/(?<=[.!?])\s/)[0] ?? text).trim();
  if (first.length <= max) return capitalise(first);
  const cut = first.slice(0, max);
  return capitalise(cut.slice(0, Math.max(cut.lastIndexOf(' '), 20)).trimEnd()) + '…';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function heapPush(heap: Pending[], item: Pending): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(heap[i]!, heap[p]!)) break;
    [heap[i], heap[p]] = [heap[p]!, heap[i]!];
    i = p;
  }
}

function heapPop(heap: Pending[]): Pending | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length && last) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
  return top;
}

function before(a: Pending, b: Pending): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

// ── spike specs from the command line ───────────────────────────────────────────────────

const SPIKE_FORM = 'brand=ID,at=+DURATION,x=MULTIPLIER[,for=DURATION][,topic=ID] (e.g. brand=acme,at=+14h,x=8,for=45m,topic=billing)';

/**
 * Parses `brand=acme,at=+14h,x=8[,for=45m][,topic=billing]`. `at` is an offset from `startMs`
 * (`+14h`, `+90m`, `+1h30m`) or an ISO timestamp. Throws naming the bad part and the form.
 */
export function parseSpikeSpec(text: string, startMs: number): SpikeSpec {
  const fail = (why: string): never => {
    throw new Error(`spike '${text}': ${why}; expected ${SPIKE_FORM}`);
  };
  const fields = new Map<string, string>();
  for (const part of text.split(',').map((p) => p.trim())) {
    if (!part) fail('empty part (stray comma?)');
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) fail(`bad part '${part}': expected key=value`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!['brand', 'at', 'x', 'for', 'topic'].includes(key)) fail(`unknown key '${key}' in '${part}'`);
    if (fields.has(key)) fail(`'${key}' given twice`);
    fields.set(key, value);
  }
  for (const key of ['brand', 'at', 'x']) if (!fields.has(key)) fail(`missing '${key}='`);

  const brand = fields.get('brand')!;
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(brand)) fail(`bad part 'brand=${brand}': expected a brand id (lowercase letters, digits, - and _)`);

  const at = fields.get('at')!;
  let atMs: number;
  if (at.startsWith('+')) {
    const offset = parseOffset(at.slice(1));
    if (offset === undefined) fail(`bad part 'at=${at}': expected an offset from the start such as +14h, +90m or +1h30m`);
    atMs = startMs + offset!;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(at) && !Number.isNaN(Date.parse(at))) {
    atMs = Date.parse(at);
  } else {
    atMs = fail(`bad part 'at=${at}': expected +DURATION from the start (e.g. at=+14h) or an ISO timestamp`);
  }

  const xText = fields.get('x')!;
  const multiplier = Number(xText);
  if (!/^\d+(\.\d+)?$/.test(xText) || !(multiplier >= 1)) fail(`bad part 'x=${xText}': expected a multiplier of at least 1, such as x=8`);

  const spec: SpikeSpec = { brand, atMs, multiplier };
  const forText = fields.get('for');
  if (forText !== undefined) {
    const d = parseOffset(forText);
    if (d === undefined || d <= 0) fail(`bad part 'for=${forText}': expected a duration such as for=45m or for=2h`);
    spec.durationMs = d!;
  }
  const topic = fields.get('topic');
  if (topic !== undefined) {
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(topic)) fail(`bad part 'topic=${topic}': expected a taxonomy topic id`);
    spec.topic = topic;
  }
  return spec;
}

/** `14h`, `90m`, `1h30m`, `45s`: a sum of parseDuration terms. */
function parseOffset(text: string): number | undefined {
  const terms = text.match(/\d+\s*(?:ms|s|m|h|d|w)/g);
  if (!terms || terms.join('') !== text.replace(/\s+/g, '')) return undefined;
  try {
    return terms.reduce((sum, term) => sum + parseDuration(term), 0);
  } catch {
    return undefined;
  }
}
