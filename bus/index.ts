// The door to the bus. Nothing outside bus/ imports a Kafka client.
import type { BusConfig } from '../config/index.js';
import { TOPICS } from '../messages/index.js';
import { EmbeddedBus } from './embedded.js';
import { instrumentBus } from './metrics.js';
import type { Bus } from './types.js';

export * from './types.js';
export { consumeTyped, type Decoded } from './typed.js';
export { EmbeddedBus, partitionForKey } from './embedded.js';
export { metricsRegistry, instrumentBus, trackLag } from './metrics.js';

/**
 * Opens the configured bus and makes sure earshot's topics exist. `logDir` makes the embedded bus
 * durable; only the process running the stages passes it (one writer per log directory).
 */
export async function openBus(config: BusConfig, options: { logDir?: string } = {}): Promise<Bus> {
  let bus: Bus;
  if (config.kind === 'embedded') {
    bus = new EmbeddedBus({ partitions: config.partitions, deadLetterTopic: TOPICS.deadLetter, logDir: options.logDir, fsync: config.fsync });
  } else {
    // Loaded only here, so the embedded deployment never loads kafkajs.
    const { KafkaBus } = await import('./kafka.js');
    bus = new KafkaBus(config, { deadLetterTopic: TOPICS.deadLetter });
  }
  await bus.ensureTopics(Object.values(TOPICS));
  return instrumentBus(bus);
}
