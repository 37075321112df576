// Shared by the Kafka tests and their child process: a validated kafka bus config (through the
// real config schema) and the broker list from KAFKA_BROKERS.
import { validateConfig } from '../../config/index.js';
import type { KafkaBusConfig } from '../../bus/kafka.js';

export const KAFKA_BROKERS = process.env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean) ?? [];

export function kafkaBusConfig(bus: Record<string, unknown> = {}): KafkaBusConfig {
  const config = validateConfig({
    brands: [{ id: 'acme', name: 'Acme' }],
    bus: { kind: 'kafka', brokers: KAFKA_BROKERS.length ? KAFKA_BROKERS : ['127.0.0.1:1'], logLevel: 'nothing', ...bus },
  });
  if (config.bus.kind !== 'kafka') throw new Error('expected a kafka bus config');
  return config.bus;
}
