// The process stage as a bus consumer: mentions.raw → classify → mentions.enriched. The batch
// is committed only after its enriched records are published (at-least-once; the store's
// dedup by id makes replays harmless).
import { consumeTyped, type Bus, type Consumer } from '../bus/index.js';
import { RawMention, TOPICS } from '../messages/index.js';
import { createClassifier, type ClassifierConfig } from './classifier.js';

export interface ProcessStageOptions {
  bus: Bus;
  config: ClassifierConfig;
  group?: string;
  batchSize?: number;
  /** Called after each batch is published (metrics, progress). */
  onBatch?: (count: number, elapsedMs: number) => void;
}

export const PROCESS_GROUP = 'earshot-process';

export function startProcessStage(options: ProcessStageOptions): Promise<Consumer> {
  const classifier = createClassifier(options.config);
  return consumeTyped(options.bus, {
    topic: TOPICS.raw,
    group: options.group ?? PROCESS_GROUP,
    stage: 'process',
    schema: RawMention,
    maxBatchSize: options.batchSize ?? options.config.classify.batchSize,
    handler: async (batch) => {
      const started = performance.now();
      const enriched = classifier.classifyBatch(batch.map((d) => d.value));
      await options.bus.publish(
        TOPICS.enriched,
        enriched.map((m) => ({ key: m.raw.id, value: JSON.stringify(m) })),
      );
      options.onBatch?.(enriched.length, performance.now() - started);
    },
  });
}
