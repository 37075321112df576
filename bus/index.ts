// The door to the bus. Nothing outside bus/ imports a Kafka client.
import type { BusConfig } from '../config/index.js';
import { TOPICS } from '../messages/index.js';
import { EmbeddedBus } from './embedded.js';
import type { Bus } from './types.js';

export * from './types.js';
export { consumeTyped, decodeBatch, type Decoded } from './typed.js';
export { EmbeddedBus, partitionForKey } from './embedded.js';

/** Opens the configured bus and makes sure earshot's topics exist. */
export async function openBus(config: BusConfig): Promise<Bus> {
  let bus: Bus;
  if (config.kind === 'embedded') {
    bus = new EmbeddedBus({ partitions: config.partitions, deadLetterTopic: TOPICS.deadLetter });
  } else {
    throw new Error('the kafka bus is not available in this build yet (bus.kind: kafka)');
  }
  await bus.ensureTopics(Object.values(TOPICS));
  return bus;
}
