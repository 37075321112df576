// `earshot run --demo` (what `npm start` runs): a simulated day of mentions with one injected
// negative spike, through the real pipeline (in-process bus, classifiers, embedded
// ClickHouse), then the spike detector over the stored series, a summary on stdout and a
// Markdown digest on disk.
import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { EarshotConfig } from '../config/index.js';
import { TOPICS } from '../messages/index.js';
import { parseSpikeSpec, simulateMentions } from '../ingest/simulate.js';
import { formatTable, percent } from './format.js';
import { drained, openPipeline } from './pipeline.js';
import { Progress } from './progress.js';

export interface DemoOptions {
  spikes: string[];
  mentions: number;
  seed: number;
  outDir: string;
  /** After the summary, serve the API and dashboard on the demo's store until Ctrl-C. */
  serve?: { auth: boolean };
}

const HOUR = 3_600_000;

export async function runDemo(baseConfig: EarshotConfig, log: Logger, options: DemoOptions): Promise<void> {
  const started = performance.now();
  // The demo owns its own data directory and starts it fresh, so every run shows the same day.
  const dataDir = resolve(baseConfig.store.kind === 'embedded' ? baseConfig.store.path : './data', 'demo');
  rmSync(dataDir, { recursive: true, force: true });
  const config: EarshotConfig = {
    ...baseConfig,
    store: { kind: 'embedded', path: dataDir, writer: baseConfig.store.writer },
    bus: { kind: 'embedded', partitions: 4 },
  };
  // The simulated day is yesterday (UTC), fast-forwarded.
  const dayStart = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR - 24 * HOUR;
  const dayEnd = dayStart + 24 * HOUR;
  const specs = options.spikes.length ? options.spikes : [`brand=${config.brands[0]!.id},at=+14h,x=8`];
  const spikes = specs.map((s) => parseSpikeSpec(s, dayStart));

  const progress = new Progress(options.mentions);
  const pipeline = await openPipeline(config, log, ['process', 'store'], {
    onProcessed: (n) => progress.add('classified', n),
    onStored: (n) => progress.add('stored', n),
  });
  let published = 0;
  try {
    let batch: { key: string; value: string }[] = [];
    for (const { mention } of simulateMentions({
      brands: config.brands,
      topics: config.taxonomy.topics,
      startMs: dayStart,
      endMs: dayEnd,
      mentionsPerDay: options.mentions,
      seed: options.seed,
      spikes,
    })) {
      batch.push({ key: mention.id, value: JSON.stringify(mention) });
      if (batch.length === 500) {
        await pipeline.bus.publish(TOPICS.raw, batch);
        published += batch.length;
        progress.add('simulated', batch.length);
        batch = [];
      }
    }
    if (batch.length) {
      await pipeline.bus.publish(TOPICS.raw, batch);
      published += batch.length;
      progress.add('simulated', batch.length);
    }
    progress.setTotal(published);
    await drained(pipeline.bus);
    progress.done();

    const store = pipeline.store;
    const range = { since: new Date(dayStart), until: new Date(dayEnd) };
    const seconds = (performance.now() - started) / 1000;
    const counts = await store.counts();
    const out: string[] = [];
    out.push(`earshot demo: ${published.toLocaleString('en')} mentions simulated for ${new Date(dayStart).toISOString().slice(0, 10)} (UTC), classified and stored in ${seconds.toFixed(1)} s`);
    out.push(`store: ${relative(process.cwd(), dataDir) || dataDir} (embedded ClickHouse) holds ${counts.mentions.toLocaleString('en')} mentions, ${counts.deadLetters} dead letters`);

    out.push('', 'Volume and sentiment');
    const brandRows = [];
    for (const b of config.brands) {
      const s = await store.summary({ range, filter: { brand: b.id } });
      brandRows.push({
        brand: b.id,
        mentions: s.mentions,
        voices: s.voices,
        negative: percent(s.negative, s.mentions),
        neutral: percent(s.neutral, s.mentions),
        positive: percent(s.positive, s.mentions),
        unscored: s.unscored,
        'mean sentiment': s.meanSentiment,
      });
    }
    out.push(formatTable(brandRows));

    out.push('', 'Top topics');
    out.push(formatTable((await store.topTopics({ range, limit: 8 })).map((t) => ({ topic: t.topic, mentions: t.mentions, negative: percent(t.negative, t.mentions), 'failure demand': t.failureDemand }))));

    const fd = await store.failureDemand({ range });
    out.push('', `Failure demand: ${percent(fd.failureDemand, fd.demand)} of ${fd.demand.toLocaleString('en')} contacts (original voices)`);
    out.push(formatTable(fd.byCategory.map((c) => ({ category: c.category, mentions: c.mentions, share: percent(c.mentions, fd.failureDemand) }))));

    out.push('', 'Top customer ideas');
    out.push(formatTable((await store.topIdeas({ range, limit: 5 })).map((i) => ({ brand: i.brand, echoes: i.echoes, idea: i.text })), undefined, 100));

    const { evaluateDemo } = await import('./demo-alerts.js');
    const report = await evaluateDemo(store, config, range, spikes, options.outDir);
    out.push('', ...report);
    console.log(out.join('\n'));
    if (options.serve) {
      const { startApiService } = await import('./services.js');
      const { onShutdown } = await import('./pipeline.js');
      const api = await startApiService(config, store, log, { auth: options.serve.auth });
      console.log(`\nDashboard: ${api.address}/  (the demo day is ${new Date(dayStart).toISOString().slice(0, 10)}; Ctrl-C to stop)`);
      await onShutdown(log, () => api.stop());
    }
  } finally {
    await pipeline.close();
  }
}
