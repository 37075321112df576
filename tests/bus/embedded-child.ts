// A durable embedded bus in its own process, for the crash test (tests/bus/embedded.test.ts).
// Publishes TOTAL messages (in batches of 10, printing each published batch), has a consumer
// handle HANDLE_BATCHES batches (printing them as committed once the next one starts), then hang
// in the next one (printing what it holds) until the test SIGKILLs it.
// Env: LOG_DIR, TOTAL, HANDLE_BATCHES, BATCH_SIZE.
import { EmbeddedBus } from '../../bus/embedded.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`embedded-child expects ${name} in its environment`);
  return value;
};
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

const bus = new EmbeddedBus({ partitions: 1, logDir: env('LOG_DIR') });
const total = Number(env('TOTAL'));
for (let i = 0; i < total; i += 10) {
  const values = Array.from({ length: Math.min(10, total - i) }, (_, j) => String(i + j));
  await bus.publish('t', values.map((value) => ({ key: 'k', value })));
  say({ event: 'published', values });
}
const handleBatches = Number(env('HANDLE_BATCHES'));
let handled = 0;
let previous: string[] = [];
await bus.consume({
  topic: 't',
  group: 'g',
  stage: 'child',
  maxBatchSize: Number(env('BATCH_SIZE')),
  handler: async (batch) => {
    // The previous batch was committed before this one was fetched (one partition).
    if (previous.length) say({ event: 'committed', values: previous });
    const values = batch.map((m) => m.value);
    if (handled < handleBatches) {
      handled++;
      previous = values;
      return;
    }
    say({ event: 'holding', values });
    // A pending timer keeps the process alive (a bare pending promise would let it exit).
    await new Promise(() => setInterval(() => {}, 60_000)); // until SIGKILL
  },
});
