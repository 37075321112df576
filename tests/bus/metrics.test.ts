// Bus metrics through the real embedded bus: what the API serves at /metrics.
import { describe, expect, it } from 'vitest';
import { EmbeddedBus, instrumentBus, metricsRegistry } from '../../bus/index.js';
import { eventually } from './contract.js';

async function sample(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) throw new Error(`metric ${name} is not registered`);
  const { values } = await metric.get();
  const hit = values.find((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
  return hit?.value;
}

describe('bus metrics', () => {
  it('counts produced, consumed and dead-lettered messages and reports lag per partition', async () => {
    const bus = instrumentBus(new EmbeddedBus({ partitions: 2, deadLetterTopic: 'metrics-dlq' }));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const consumer = await bus.consume({
      topic: 'metrics-t',
      group: 'metrics-g',
      stage: 'metrics-stage',
      retryDelayMs: 1,
      maxAttempts: 1,
      handler: async (batch) => {
        await gate;
        if (batch.some((m) => m.value === 'poison')) throw new Error('poison');
      },
    });
    await bus.publish('metrics-t', ['a', 'b', 'poison', 'c', 'd'].map((value, i) => ({ key: `k${i}`, value })));
    expect(await sample('earshot_bus_messages_produced_total', { topic: 'metrics-t' })).toBe(5);
    await eventually(async () => {
      const lag = ((await sample('earshot_bus_consumer_lag', { group: 'metrics-g', partition: '0' })) ?? 0) + ((await sample('earshot_bus_consumer_lag', { group: 'metrics-g', partition: '1' })) ?? 0);
      expect(lag).toBe(5);
    });
    release();
    await eventually(async () => {
      expect(await sample('earshot_bus_messages_consumed_total', { topic: 'metrics-t', group: 'metrics-g' })).toBe(4);
      expect(await sample('earshot_bus_dead_letters_total', { topic: 'metrics-t', stage: 'metrics-stage' })).toBe(1);
      expect(await sample('earshot_bus_messages_produced_total', { topic: 'metrics-dlq' })).toBe(1);
      expect(await sample('earshot_bus_consumer_lag', { group: 'metrics-g', partition: '0' })).toBe(0);
    });
    const text = await metricsRegistry.metrics();
    expect(text).toMatch(/earshot_bus_consumer_lag\{group="metrics-g",topic="metrics-t",partition="1"\} 0/);
    await consumer.stop();
    await bus.close();
    // A stopped consumer's group is no longer scraped.
    expect(await sample('earshot_bus_consumer_lag', { group: 'metrics-g', partition: '0' })).toBeUndefined();
  });
});
