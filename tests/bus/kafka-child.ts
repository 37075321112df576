// A Kafka consumer in its own process, for the "killed mid-batch" test (tests/bus/kafka.test.ts).
// It handles HANDLE_BATCHES batches (printing their values as committed work), then hangs in the
// next one (printing what it holds) until the test SIGKILLs it: no clean stop, no leave-group.
// Env: KAFKA_BROKERS, PREFIX, TOPIC, GROUP, HANDLE_BATCHES, BATCH_SIZE, SESSION_TIMEOUT, REBALANCE_TIMEOUT.
import { KafkaBus } from '../../bus/kafka.js';
import { kafkaBusConfig } from './kafka-fixtures.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`kafka-child expects ${name} in its environment`);
  return value;
};

const bus = new KafkaBus(kafkaBusConfig({ topicPrefix: env('PREFIX'), sessionTimeout: env('SESSION_TIMEOUT'), rebalanceTimeout: env('REBALANCE_TIMEOUT'), heartbeatInterval: '1s' }), { deadLetterTopic: 'dlq' });
const handleBatches = Number(env('HANDLE_BATCHES'));
let handled = 0;
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

await bus.consume({
  topic: env('TOPIC'),
  group: env('GROUP'),
  stage: 'child',
  maxBatchSize: Number(env('BATCH_SIZE')),
  handler: async (batch) => {
    const values = batch.map((m) => m.value);
    if (handled < handleBatches) {
      handled++;
      // Slow enough that a peer joining meanwhile finds this member busy but responsive.
      await new Promise((r) => setTimeout(r, 200));
      say({ event: 'done', values });
      return;
    }
    say({ event: 'holding', values });
    await new Promise(() => {}); // until SIGKILL
  },
});
say({ event: 'started' });
