import { describe, expect, it } from 'vitest';
import { BrandConfig, TopicConfig, validateConfig } from '../../config/index.js';
import { FAILURE_CATEGORIES, RawMention } from '../../messages/index.js';
import { parseSpikeSpec, simulateMentions, type SimulatedMention, type SimulationOptions } from '../../ingest/simulate.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// a Tuesday, so the weekday factor is the same for every test day
const START = Date.UTC(2026, 10, 24);

const config = validateConfig({
  brands: [
    { id: 'acme', name: 'Acme Broadband', aliases: ['Acme', '@acmebroadband', 'acme broadband'], queries: ['acme broadband', '@acmebroadband'], exclude: ['wile e coyote'] },
    { id: 'globex', name: 'Globex', aliases: ['Globex', '@globexshop'], queries: ['globex', '@globexshop'] },
  ],
  taxonomy: {
    topics: [
      { id: 'billing', label: 'Billing and charges', phrases: ['bill', 'billing', 'invoice', 'charge', 'charged', 'overcharged', 'direct debit', 'payment'] },
      { id: 'refunds', label: 'Refunds and cancellations', phrases: ['refund', 'money back', 'cancel', 'cancellation', 'compensation'] },
      { id: 'delivery', label: 'Delivery and orders', phrases: ['delivery', 'parcel', 'package', 'courier', 'order', 'tracking'] },
      { id: 'connectivity', label: 'Network and outages', phrases: ['outage', 'internet down', 'no signal', 'wifi', 'broadband', 'connection', 'router'] },
      { id: 'app', label: 'App and website', phrases: ['app', 'website', 'login', 'password', 'checkout', 'crash', 'update'] },
      { id: 'customer_service', label: 'Customer service', phrases: ['customer service', 'support', 'helpline', 'on hold', 'agent', 'live chat'] },
      { id: 'pricing', label: 'Pricing and plans', phrases: ['price', 'plan', 'contract', 'deal', 'discount', 'tariff'] },
      { id: 'product_quality', label: 'Product quality', phrases: ['quality', 'broken', 'faulty', 'damaged', 'battery', 'screen'] },
    ],
  },
});

function options(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return { brands: config.brands, topics: config.taxonomy.topics, startMs: START, endMs: START + DAY, mentionsPerDay: 10_000, seed: 42, ...overrides };
}

const cache = new Map<string, SimulatedMention[]>();
function day(overrides: Partial<SimulationOptions> = {}): SimulatedMention[] {
  const key = JSON.stringify(overrides);
  let got = cache.get(key);
  if (!got) cache.set(key, (got = [...simulateMentions(options(overrides))]));
  return got;
}

const SPIKE_AT = START + 14 * HOUR;
const spikeDay = () => day({ spikes: [{ brand: 'acme', atMs: SPIKE_AT, multiplier: 8 }] });
const at = (s: SimulatedMention) => Date.parse(s.mention.createdAt);
const share = (items: SimulatedMention[], f: (s: SimulatedMention) => boolean) => items.filter(f).length / items.length;

describe('simulateMentions', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = [...simulateMentions(options({ endMs: START + 6 * HOUR }))];
    const b = [...simulateMentions(options({ endMs: START + 6 * HOUR }))];
    const c = [...simulateMentions(options({ endMs: START + 6 * HOUR, seed: 43 }))];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.length).toBeGreaterThan(500);
    expect(c.slice(0, 50).map((s) => s.mention.text)).not.toEqual(a.slice(0, 50).map((s) => s.mention.text));
  });

  it('produces valid RawMentions in createdAt order, with unique ids, inside the window', () => {
    const all = day();
    let last = 0;
    const ids = new Set<string>();
    for (const { mention } of all) {
      const parsed = RawMention.safeParse(mention);
      if (!parsed.success) throw new Error(`${mention.id}: ${parsed.error.message}`);
      // what the pipeline would store is what we produced: nothing dropped or defaulted
      expect(parsed.data).toEqual(mention);
      const t = Date.parse(mention.createdAt);
      expect(t).toBeGreaterThanOrEqual(last);
      expect(t).toBeGreaterThanOrEqual(START);
      expect(t).toBeLessThan(START + DAY);
      expect(Date.parse(mention.fetchedAt)).toBeGreaterThan(t);
      last = t;
      expect(ids.has(mention.id)).toBe(false);
      ids.add(mention.id);
    }
    // about the asked-for volume, echoes included
    expect(all.length).toBeGreaterThan(9_000);
    expect(all.length).toBeLessThan(11_000);
  });

  it('shapes ids, permalinks and language hints like each channel does', () => {
    const shapes: Record<string, { id: RegExp; url: RegExp }> = {
      x: { id: /^x:\d{18,19}$/, url: /^https:\/\/x\.com\/\w{1,15}\/status\/\d{18,19}$/ },
      reddit: { id: /^reddit:t[13]_[0-9a-z]{6,8}$/, url: /^https:\/\/www\.reddit\.com\/r\/\w+\/comments\/[0-9a-z]+\/\w+\/([0-9a-z]+\/)?$/ },
      hackernews: { id: /^hackernews:\d{7,9}$/, url: /^https:\/\/news\.ycombinator\.com\/item\?id=\d+$/ },
      mastodon: { id: /^mastodon:[a-z.]+\/\d{17,19}$/, url: /^https:\/\/[a-z.]+\/@[\w-]+\/\d{17,19}$/ },
      bluesky: { id: /^bluesky:at:\/\/did:plc:[a-z2-7]{24}\/app\.bsky\.feed\.post\/[2-7a-z]{13}$/, url: /^https:\/\/bsky\.app\/profile\/[\w.-]+\/post\/[2-7a-z]{13}$/ },
      rss: { id: /^rss:https:\/\/[\w.-]+\/\d{4}\/\d{2}\/[\w-]+\/(#comment-\d+)?$/, url: /^https:\/\/[\w.-]+\/\d{4}\/\d{2}\/[\w-]+\/(#comment-\d+)?$/ },
    };
    const seen = new Set<string>();
    for (const { mention } of day()) {
      const shape = shapes[mention.source]!;
      seen.add(mention.source);
      expect(mention.id).toMatch(shape.id);
      expect(mention.url).toMatch(shape.url);
      if (mention.langHint !== undefined) expect(['x', 'bluesky', 'mastodon']).toContain(mention.source);
      if (mention.source === 'reddit' && mention.nativeId.startsWith('t3_')) expect(mention.title).toBeTruthy();
      if (mention.source === 'hackernews' && !mention.parentId) expect(mention.title).toBeTruthy();
    }
    expect([...seen].sort()).toEqual(Object.keys(shapes).sort());
    const x = day().filter((s) => s.mention.source === 'x');
    expect(share(x, (s) => s.mention.langHint !== undefined)).toBe(1);
  });

  it('links replies and reposts to earlier mentions of the same run', () => {
    const all = day();
    const earlier = new Map<string, SimulatedMention>();
    let replies = 0;
    for (const s of all) {
      const m = s.mention;
      if (m.parentId) {
        replies++;
        const parent = earlier.get(m.parentId);
        expect(parent, `parent of ${m.id}`).toBeDefined();
        expect(parent!.mention.source).toBe(m.source);
        expect(m.threadId).toBe(parent!.mention.threadId);
      }
      if (m.repostOf) {
        const original = earlier.get(m.repostOf);
        expect(original).toBeDefined();
        expect(m.text.startsWith(`RT @${original!.mention.author.handle}: `)).toBe(true);
        expect(s.truth).toMatchObject({ kind: 'echo', duplicateOf: m.repostOf });
      }
      if (s.truth.duplicateOf) expect(earlier.has(s.truth.duplicateOf)).toBe(true);
      earlier.set(m.id, s);
    }
    expect(replies / all.length).toBeGreaterThan(0.1);
  });

  it('is quiet at night and busy by day', () => {
    const hours = new Array<number>(24).fill(0);
    for (const s of day()) hours[new Date(s.mention.createdAt).getUTCHours()]!++;
    const night = hours[2]! + hours[3]! + hours[4]!;
    const evening = hours[18]! + hours[19]! + hours[20]!;
    const morning = hours[9]! + hours[10]! + hours[11]!;
    expect(night * 4).toBeLessThan(evening);
    expect(night * 3).toBeLessThan(morning);
  });

  it('follows utcOffsetHours: the quiet hours move with the zone', () => {
    const shifted = day({ utcOffsetHours: -8 }); // 03:00 local is 11:00 UTC
    const hours = new Array<number>(24).fill(0);
    for (const s of shifted) hours[new Date(s.mention.createdAt).getUTCHours()]!++;
    expect(hours[11]! * 3).toBeLessThan(hours[3]!);
  });

  it('splits volume by brand and channel, X heaviest', () => {
    const all = day();
    expect(share(all, (s) => s.mention.brand === 'acme')).toBeGreaterThan(0.55);
    expect(share(all, (s) => s.mention.brand === 'globex')).toBeGreaterThan(0.25);
    const byChannel: Record<string, number> = {};
    for (const s of all) byChannel[s.mention.source] = (byChannel[s.mention.source] ?? 0) + 1;
    const ranked = Object.entries(byChannel).sort((a, b) => b[1] - a[1]);
    expect(ranked[0]![0]).toBe('x');
    expect(ranked[0]![1] / all.length).toBeGreaterThan(0.35);
    const even = day({ brandShares: { acme: 1, globex: 3 } });
    expect(share(even, (s) => s.mention.brand === 'globex')).toBeGreaterThan(0.65);
  });

  it('mixes sentiment roughly 35% negative, 40% neutral, 25% positive, varying by topic', () => {
    const all = day();
    const neg = share(all, (s) => s.truth.sentiment === 'negative');
    const neu = share(all, (s) => s.truth.sentiment === 'neutral');
    const pos = share(all, (s) => s.truth.sentiment === 'positive');
    expect(neg).toBeGreaterThan(0.28);
    expect(neg).toBeLessThan(0.42);
    expect(neu).toBeGreaterThan(0.33);
    expect(neu).toBeLessThan(0.48);
    expect(pos).toBeGreaterThan(0.18);
    expect(pos).toBeLessThan(0.32);
    const negOn = (topic: string) => share(all.filter((s) => s.truth.topic === topic && s.truth.kind !== 'echo'), (s) => s.truth.sentiment === 'negative');
    expect(negOn('refunds')).toBeGreaterThan(negOn('product_quality') + 0.1);
  });

  it('covers every failure-demand category, ideas, questions and praise, in varied words', () => {
    const originals = day().filter((s) => s.truth.kind !== 'echo');
    for (const category of FAILURE_CATEGORIES) expect(originals.filter((s) => s.truth.failureCategory === category).length, category).toBeGreaterThan(50);
    for (const kind of ['complaint', 'failure', 'idea', 'praise', 'question', 'neutral'] as const) expect(originals.filter((s) => s.truth.kind === kind).length, kind).toBeGreaterThan(200);
    const texts = (f: (s: SimulatedMention) => boolean) => originals.filter(f).map((s) => s.mention.text.toLowerCase());
    const has = (list: string[], re: RegExp) => list.filter((t) => re.test(t)).length;
    const failures = texts((s) => s.truth.kind === 'failure');
    expect(has(failures, /still waiting|still no/)).toBeGreaterThan(30);
    expect(has(failures, /third|(\d|two|three|four|five|six|multiple|so many) times|twice/)).toBeGreaterThan(30);
    expect(has(failures, /you told me|told me|said/)).toBeGreaterThan(30);
    expect(has(failures, /refund|cancel/)).toBeGreaterThan(30);
    const ideas = texts((s) => s.truth.kind === 'idea');
    for (const re of [/you should/, /i wish/, /would love/, /please bring back/]) expect(has(ideas, re), String(re)).toBeGreaterThan(4);
    // hundreds of surface forms, not ten
    const distinct = new Set(originals.map((s) => s.mention.text));
    expect(distinct.size / originals.length).toBeGreaterThan(0.8);
    expect(distinct.size).toBeGreaterThan(6_000);
  });

  it('words independent posts differently: few originals nearly repeat an earlier one', () => {
    const originals = day()
      .filter((s) => s.truth.kind !== 'echo' && !s.mention.author.id.startsWith('official-') && s.mention.text.split(' ').length >= 8)
      .slice(0, 1500);
    const words = originals.map((s) => new Set(s.mention.text.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean)));
    let repeats = 0;
    for (let i = 1; i < words.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = words[i]!;
        const b = words[j]!;
        let shared = 0;
        for (const w of a) if (b.has(w)) shared++;
        if (shared / (a.size + b.size - shared) >= 0.7) {
          repeats++;
          break;
        }
      }
    }
    expect(repeats / originals.length).toBeLessThan(0.08);
  });

  it('writes topic texts with the topic words, but not only the configured phrases', () => {
    const topical = day().filter((s) => s.truth.topic && s.truth.kind !== 'echo' && s.truth.language === 'en' && !s.mention.parentId);
    const phrasesOf = new Map(config.taxonomy.topics.map((t) => [t.id, t.phrases.map((p) => p.toLowerCase())]));
    const withPhrase = share(topical, (s) => phrasesOf.get(s.truth.topic!)!.some((p) => s.mention.text.toLowerCase().includes(p)));
    expect(withPhrase).toBeGreaterThan(0.45);
    expect(withPhrase).toBeLessThan(0.97);
  });

  it('includes retweets, copy-paste duplicates and bot floods as echoes', () => {
    const all = day({ endMs: START + 3 * DAY });
    const x = all.filter((s) => s.mention.source === 'x');
    const rtShare = share(x, (s) => s.mention.repostOf !== undefined);
    expect(rtShare).toBeGreaterThan(0.05);
    expect(rtShare).toBeLessThan(0.3);
    const echoShare = share(all, (s) => s.truth.kind === 'echo');
    expect(echoShare).toBeGreaterThan(0.04);
    expect(echoShare).toBeLessThan(0.2);
    const copies = all.filter((s) => s.truth.kind === 'echo' && !s.mention.repostOf && !s.truth.bot);
    expect(copies.length).toBeGreaterThan(50);
    const byId = new Map(all.map((s) => [s.mention.id, s.mention.text]));
    // a copy is the original give or take a few characters
    for (const c of copies.slice(0, 50)) expect(similar(c.mention.text, byId.get(c.truth.duplicateOf!)!)).toBe(true);
    const bots = all.filter((s) => s.truth.bot);
    expect(bots.length).toBeGreaterThan(15);
    // a flood is many near-identical posts in a short time
    const first = bots.find((s) => s.truth.kind === 'neutral')!;
    const flood = bots.filter((s) => s.truth.duplicateOf === first.mention.id);
    expect(flood.length).toBeGreaterThan(10);
    expect(at(flood[flood.length - 1]!) - at(first)).toBeLessThan(30 * 60_000);
  });

  it('writes about 5% in other languages, with the language hint where the channel gives one', () => {
    const all = day();
    const foreign = all.filter((s) => s.truth.kind === 'foreign');
    expect(foreign.length / all.length).toBeGreaterThan(0.03);
    expect(foreign.length / all.length).toBeLessThan(0.08);
    expect(new Set(foreign.map((s) => s.truth.language)).size).toBeGreaterThanOrEqual(5);
    const onX = foreign.filter((s) => s.mention.source === 'x');
    expect(share(onX, (s) => s.mention.langHint === s.truth.language)).toBeGreaterThan(0.85);
    expect(foreign.some((s) => s.mention.source === 'hackernews')).toBe(false);
  });

  it('keeps ground truth out of the mention', () => {
    const allowed = new Set(Object.keys(RawMention.shape));
    for (const { mention } of day().slice(0, 2000)) for (const key of Object.keys(mention)) expect(allowed.has(key), key).toBe(true);
  });

  it('draws followers from a heavy tail', () => {
    const followers = day()
      .map((s) => s.mention.author.followers)
      .filter((f): f is number => f !== undefined)
      .sort((a, b) => a - b);
    const q = (p: number) => followers[Math.floor(p * (followers.length - 1))]!;
    expect(q(0.5)).toBeLessThan(100);
    expect(q(0.99)).toBeGreaterThan(100 * q(0.5));
    expect(followers[followers.length - 1]!).toBeGreaterThan(100_000);
  });

  it('injects a negative spike: the brand negative volume rises by about the multiplier in the window', () => {
    const window = (s: SimulatedMention) => at(s) >= SPIKE_AT && at(s) < SPIKE_AT + 45 * 60_000 && s.mention.brand === 'acme' && s.truth.sentiment === 'negative';
    const base = day().filter(window).length;
    const spiked = spikeDay().filter(window);
    expect(base).toBeGreaterThan(30);
    expect(spiked.length / base).toBeGreaterThan(8 * 0.8);
    // outage by default, in failure-demand words, with a shared hashtag and many retweets
    const spikeOnes = spiked.filter((s) => s.truth.kind === 'spike');
    expect(share(spikeOnes, (s) => s.truth.topic === 'connectivity')).toBe(1);
    expect(share(spikeOnes, (s) => s.truth.failureCategory !== undefined)).toBeGreaterThan(0.6);
    expect(share(spiked, (s) => /#acmedown/i.test(s.mention.text))).toBeGreaterThan(0.3);
    expect(share(spiked, (s) => /outage|down|no internet|no (connection|wifi|signal)/i.test(s.mention.text))).toBeGreaterThan(0.5);
    expect(spiked.filter((s) => s.mention.repostOf).length).toBeGreaterThan(spikeOnes.length * 0.15);
    // the other brand is untouched
    const globex = (items: SimulatedMention[]) => items.filter((s) => s.mention.brand === 'globex' && at(s) >= SPIKE_AT && at(s) < SPIKE_AT + 45 * 60_000).length;
    expect(globex(spikeDay())).toBeLessThan(globex(day()) * 1.5);
    // before the spike both runs look alike in volume
    const before = (items: SimulatedMention[]) => items.filter((s) => at(s) < SPIKE_AT).length;
    expect(Math.abs(before(spikeDay()) - before(day())) / before(day())).toBeLessThan(0.05);
  });

  it('puts a spike on the asked-for topic and duration', () => {
    const spikes = day({ spikes: [{ brand: 'globex', atMs: START + 9 * HOUR, multiplier: 6, durationMs: 20 * 60_000, topic: 'billing' }] }).filter((s) => s.truth.kind === 'spike');
    expect(spikes.length).toBeGreaterThan(50);
    for (const s of spikes) {
      expect(s.mention.brand).toBe('globex');
      expect(s.truth.topic).toBe('billing');
      expect(at(s)).toBeGreaterThanOrEqual(START + 9 * HOUR);
      expect(at(s)).toBeLessThan(START + 9 * HOUR + 20 * 60_000);
    }
    expect(share(spikes, (s) => /charg|billing|debit|refund|payment/i.test(s.mention.text))).toBeGreaterThan(0.7);
  });

  it('maps configured topics to phrase banks, and writes around unknown topics with their own phrases', () => {
    const topics: TopicConfig[] = [
      TopicConfig.parse({ id: 'network', label: 'Network', phrases: ['outage', 'wifi', 'signal', 'router'] }),
      TopicConfig.parse({ id: 'sustainability', label: 'Sustainability', phrases: ['recycling', 'carbon footprint', 'packaging waste'] }),
    ];
    const all = [...simulateMentions(options({ topics, endMs: START + 12 * HOUR, spikes: [{ brand: 'acme', atMs: START + 8 * HOUR, multiplier: 5, topic: 'sustainability' }] }))];
    const net = all.filter((s) => s.truth.topic === 'network' && s.truth.kind !== 'echo' && s.truth.language === 'en' && !s.mention.parentId);
    expect(share(net, (s) => /wifi|wi-fi|internet|broadband|router|signal|outage|connection|fibre|speed/i.test(s.mention.text))).toBeGreaterThan(0.6);
    const green = all.filter((s) => s.truth.topic === 'sustainability' && s.truth.kind !== 'echo' && !s.mention.parentId);
    expect(green.length).toBeGreaterThan(50);
    expect(share(green, (s) => /recycling|carbon footprint|packaging waste/i.test(s.mention.text))).toBeGreaterThan(0.9);
  });

  it('mentions the brand by name, alias or handle, and sets the matching query', () => {
    const originals = day().filter((s) => !s.mention.parentId && s.truth.kind !== 'echo' && !s.truth.namesake);
    const named = (s: SimulatedMention) => (s.mention.brand === 'acme' ? /acme/i : /globex/i).test(s.mention.text);
    expect(share(originals, named)).toBeGreaterThan(0.95);
    for (const s of originals.filter((o) => o.mention.source === 'x').slice(0, 500)) {
      const brand = config.brands.find((b) => b.id === s.mention.brand)!;
      expect(brand.queries).toContain(s.mention.query);
    }
    const namesakes = day().filter((s) => s.truth.namesake);
    expect(namesakes.length).toBeGreaterThan(5);
    for (const s of namesakes) expect(s.mention.text.toLowerCase()).toContain('wile e coyote');
  });

  it('keeps to the channels asked for', () => {
    const all = [...simulateMentions(options({ channels: ['reddit', 'hackernews'], endMs: START + 6 * HOUR, spikes: [{ brand: 'acme', atMs: START + HOUR, multiplier: 4 }] }))];
    expect(all.length).toBeGreaterThan(100);
    for (const s of all) expect(['reddit', 'hackernews']).toContain(s.mention.source);
    expect(all.some((s) => s.mention.repostOf)).toBe(false);
  });

  it('handles windows that do not fall on whole minutes', () => {
    const all = [...simulateMentions(options({ startMs: START + 12 * HOUR + 1234, endMs: START + 12 * HOUR + 1234 + 30 * 60_000 + 500 }))];
    expect(all.length).toBeGreaterThan(100);
    for (const s of all) {
      expect(at(s)).toBeGreaterThanOrEqual(START + 12 * HOUR + 1234);
      expect(at(s)).toBeLessThan(START + 12 * HOUR + 1234 + 30 * 60_000 + 500);
    }
  });

  it('is lazy: the first mentions of a ten-year simulation come without generating the rest', () => {
    const gen = simulateMentions(options({ endMs: START + 3650 * DAY, mentionsPerDay: 1_000_000 }));
    const first: SimulatedMention[] = [];
    for (const s of gen) {
      first.push(s);
      if (first.length === 5_000) break;
    }
    expect(first).toHaveLength(5_000);
    // 5,000 mentions at a million a day is a few minutes of simulated time, not years
    expect(at(first[first.length - 1]!) - START).toBeLessThan(HOUR);
  });

  it('rejects bad options, naming what was expected', () => {
    expect(() => simulateMentions(options({ spikes: [{ brand: 'initech', atMs: START, multiplier: 5 }] }))).toThrow(/spike brand 'initech' is not a configured brand \(acme, globex\)/);
    expect(() => simulateMentions(options({ spikes: [{ brand: 'acme', atMs: START, multiplier: 5, topic: 'weather' }] }))).toThrow(/spike topic 'weather' is not a taxonomy topic/);
    expect(() => simulateMentions(options({ spikes: [{ brand: 'acme', atMs: START, multiplier: 0.5 }] }))).toThrow(/multiplier must be at least 1/);
    expect(() => simulateMentions(options({ endMs: START }))).toThrow(/expected startMs < endMs/);
    expect(() => simulateMentions(options({ mentionsPerDay: 0 }))).toThrow(/mentionsPerDay > 0/);
    expect(() => simulateMentions(options({ channels: ['webhook'] }))).toThrow(/channels must include at least one of x, reddit/);
    expect(() => simulateMentions(options({ brands: [] as BrandConfig[] }))).toThrow(/at least one brand/);
  });
});

describe('parseSpikeSpec', () => {
  it('reads brand, offset, multiplier, and the optional duration and topic', () => {
    expect(parseSpikeSpec('brand=acme,at=+14h,x=8', START)).toEqual({ brand: 'acme', atMs: START + 14 * HOUR, multiplier: 8 });
    expect(parseSpikeSpec('brand=acme, at=+1h30m, x=2.5, for=45m, topic=billing', START)).toEqual({ brand: 'acme', atMs: START + 90 * 60_000, multiplier: 2.5, durationMs: 45 * 60_000, topic: 'billing' });
    expect(parseSpikeSpec('x=4,topic=app,at=2026-11-24T09:15:00Z,brand=globex', 0)).toEqual({ brand: 'globex', atMs: Date.parse('2026-11-24T09:15:00Z'), multiplier: 4, topic: 'app' });
  });

  it('rejects bad specs, naming the bad part and the expected form', () => {
    const cases: [string, RegExp][] = [
      ['brand=acme,at=+14h', /missing 'x='/],
      ['brand=acme,at=14h,x=8', /bad part 'at=14h'.*\+DURATION/],
      ['brand=acme,at=+14 hours,x=8', /bad part 'at=\+14 hours'/],
      ['brand=acme,at=+14h,x=lots', /bad part 'x=lots'.*multiplier/],
      ['brand=acme,at=+14h,x=0.5', /bad part 'x=0.5'/],
      ['brand=acme,at=+14h,x=8,for=0m', /bad part 'for=0m'/],
      ['brand=acme,at=+14h,x=8,colour=red', /unknown key 'colour'/],
      ['brand=acme,brand=globex,at=+1h,x=8', /'brand' given twice/],
      ['brand=acme,,at=+1h,x=8', /empty part/],
      ['brand=acme,at=+1h,x', /bad part 'x': expected key=value/],
      ['brand=Acme Inc,at=+1h,x=8', /bad part 'brand=Acme Inc'/],
      ['', /empty part/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseSpikeSpec(text, START), text).toThrow(message);
      expect(() => parseSpikeSpec(text, START), text).toThrow(/expected brand=ID,at=\+DURATION,x=MULTIPLIER/);
    }
  });
});

/** Mostly the same words: a copy with a word or two added, dropped or retyped. */
function similar(a: string, b: string): boolean {
  const words = (t: string) => new Set(t.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean));
  const x = words(a);
  const y = words(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / (x.size + y.size - shared) >= 0.6;
}
