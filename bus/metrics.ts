// Bus metrics for Prometheus: messages produced and consumed, dead letters, and consumer lag per
// group and partition. `instrumentBus` wraps either bus, so both report the same series; the API
// serves `metricsRegistry` at /metrics (`await metricsRegistry.metrics()`).
import { Counter, Gauge, Registry } from 'prom-client';
import { DEAD_LETTER_HEADERS, type Bus, type ConsumeOptions, type Consumer, type OutgoingMessage, type PartitionLag } from './types.js';

/** earshot's registry; other rooms may register their own metrics on it. */
export const metricsRegistry = new Registry();

export const producedTotal = new Counter({
  name: 'earshot_bus_messages_produced_total',
  help: 'Messages accepted by the bus, by logical topic.',
  labelNames: ['topic'] as const,
  registers: [metricsRegistry],
});

export const consumedTotal = new Counter({
  name: 'earshot_bus_messages_consumed_total',
  help: 'Messages a consumer group handled successfully (retried attempts are not counted twice), by topic and group.',
  labelNames: ['topic', 'group'] as const,
  registers: [metricsRegistry],
});

export const deadLettersTotal = new Counter({
  name: 'earshot_bus_dead_letters_total',
  help: 'Messages sent to the dead-letter topic, by the topic they came from and the stage that gave up on them.',
  labelNames: ['topic', 'stage'] as const,
  registers: [metricsRegistry],
});

/** Which (bus, group, topic) lags to read at scrape time, with how many consumers asked. */
const lagSources = new Map<string, { bus: Bus; group: string; topic: string; refs: number }>();

export const consumerLag = new Gauge({
  name: 'earshot_bus_consumer_lag',
  help: 'Messages published but not yet committed by a consumer group, per partition (read at scrape time).',
  labelNames: ['group', 'topic', 'partition'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const reads = [...lagSources.values()].map(async ({ bus, group, topic }) => {
      let lags: PartitionLag[];
      try {
        lags = await bus.lag(group, topic);
      } catch {
        return; // the broker is unreachable: no lag series rather than a failed scrape
      }
      for (const l of lags) this.set({ group, topic, partition: String(l.partition) }, l.lag);
    });
    await Promise.all(reads);
  },
});

/** Reports `group`'s lag on `topic` at every scrape (instrumentBus does this for its consumers). */
export function trackLag(bus: Bus, group: string, topic: string): void {
  const key = `${group}\u0000${topic}`;
  const source = lagSources.get(key);
  if (source) source.refs++;
  else lagSources.set(key, { bus, group, topic, refs: 1 });
}

export function untrackLag(group: string, topic: string): void {
  const key = `${group}\u0000${topic}`;
  const source = lagSources.get(key);
  if (source && --source.refs <= 0) lagSources.delete(key);
}

/**
 * Makes `bus` count what goes through it, in place (both buses publish their dead letters through
 * their own `publish`, so patching the instance sees those too). A message carrying the
 * dead-letter stage header counts as a dead letter of its original topic. Consumed counts
 * successful handler calls: with delivery's retries and splits each handled message is counted
 * once, when the (sub)batch it was in succeeded.
 */
export function instrumentBus<B extends Bus>(bus: B): B {
  const publish = bus.publish.bind(bus);
  const consume = bus.consume.bind(bus);
  bus.publish = async (topic: string, messages: OutgoingMessage[]) => {
    await publish(topic, messages);
    producedTotal.inc({ topic }, messages.length);
    for (const m of messages) {
      const stage = m.headers?.[DEAD_LETTER_HEADERS.stage];
      if (stage !== undefined) deadLettersTotal.inc({ topic: m.headers?.[DEAD_LETTER_HEADERS.topic] ?? 'unknown', stage });
    }
  };
  bus.consume = async (options: ConsumeOptions): Promise<Consumer> => {
    const consumer = await consume({
      ...options,
      handler: async (messages, ctx) => {
        await options.handler(messages, ctx);
        consumedTotal.inc({ topic: options.topic, group: options.group }, messages.length);
      },
    });
    trackLag(bus, options.group, options.topic);
    void consumer.stopped.then(() => untrackLag(options.group, options.topic));
    return consumer;
  };
  return bus;
}
