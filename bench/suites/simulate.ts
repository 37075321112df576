// `npm run bench -- simulate [--million]`: how fast the simulator writes mentions, as a ratio
// to serialising the same mentions with JSON.stringify (what the demo does with each one before
// publishing), measured in the same process. Then a long lazy run (200k mentions, or 1M with
// --million) consumed and dropped, reporting heap growth, to show memory stays flat
// (NODE_OPTIONS=--expose-gc npm run bench -- simulate, for live-heap rather than garbage-inclusive figures).
import { validateConfig } from '../../config/index.js';
import { simulateMentions, type SimulationOptions } from '../../ingest/simulate.js';
import type { BenchSuite } from '../suite.js';

const config = validateConfig({
  brands: [
    { id: 'acme', name: 'Acme Broadband', aliases: ['Acme', '@acmebroadband'], exclude: ['wile e coyote'] },
    { id: 'globex', name: 'Globex', aliases: ['@globexshop'] },
  ],
  taxonomy: {
    topics: [
      { id: 'billing', label: 'Billing', phrases: ['bill', 'charge', 'invoice'] },
      { id: 'connectivity', label: 'Network', phrases: ['outage', 'wifi', 'broadband'] },
      { id: 'app', label: 'App', phrases: ['app', 'website', 'login'] },
      { id: 'delivery', label: 'Delivery', phrases: ['delivery', 'parcel', 'order'] },
    ],
  },
});
const START = Date.UTC(2026, 10, 24);
const DAY = 86_400_000;

function opts(mentionsPerDay: number, seed: number): SimulationOptions {
  return { brands: config.brands, topics: config.taxonomy.topics, startMs: START, endMs: START + DAY, mentionsPerDay, seed, spikes: [{ brand: 'acme', atMs: START + 14 * 3_600_000, multiplier: 8 }] };
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

export const suite: BenchSuite = {
  name: 'simulate',
  title: 'simulated mentions per second, as a ratio to JSON.stringify of the same mentions; heap over a long lazy run',
  async run(args) {
    const simMs: number[] = [];
    const refMs: number[] = [];
    let count = 0;
    for (let round = 0; round < 5; round++) {
      let t = performance.now();
      const mentions = [...simulateMentions(opts(10_000, round))].map((s) => s.mention);
      simMs.push(performance.now() - t);
      count = mentions.length;
      t = performance.now();
      let bytes = 0;
      for (const m of mentions) bytes += JSON.stringify(m).length;
      refMs.push(performance.now() - t);
      if (!bytes) throw new Error('nothing serialised');
    }
    const sim = median(simMs);
    const ref = median(refMs);
    console.log(`| run | mentions | median ms | mentions/s | × JSON.stringify time |`);
    console.log(`| --- | ---: | ---: | ---: | ---: |`);
    console.log(`| simulate one day at 10k/day (with a spike) | ${count} | ${sim.toFixed(0)} | ${Math.round((count * 1000) / sim).toLocaleString('en')} | ${(sim / ref).toFixed(1)} |`);
    console.log(`| JSON.stringify the same mentions (reference) | ${count} | ${ref.toFixed(1)} | ${Math.round((count * 1000) / ref).toLocaleString('en')} | 1.0 |`);

    const total = args.includes('--million') ? 1_000_000 : 200_000;
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    let n = 0;
    const t = performance.now();
    for (const s of simulateMentions(opts(total, 7))) {
      if (!s.mention.id) throw new Error('mention without id');
      if (++n % 20_000 === 0) {
        global.gc?.(); // without --expose-gc the figure includes uncollected garbage
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    const ms = performance.now() - t;
    if (!global.gc) console.log('\n(heap figures include garbage: run with NODE_OPTIONS=--expose-gc for live-heap figures)');
    console.log(`\nlazy run: ${n.toLocaleString('en')} mentions in ${(ms / 1000).toFixed(1)} s (${Math.round((n * 1000) / ms).toLocaleString('en')}/s); heap before ${(heapBefore / 1e6).toFixed(0)} MB, peak sampled ${(peak / 1e6).toFixed(0)} MB (growth ${((peak - heapBefore) / 1e6).toFixed(0)} MB; holding them all would take ~${((n * 1500) / 1e6).toFixed(0)} MB)`);
  },
};
