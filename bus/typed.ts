// Consuming a topic as typed messages: each value is decoded and validated against a schema;
// one that fails goes to the dead-letter topic with the validation error as its reason, and
// the handler sees only the valid ones (in order, with their bus messages beside them).
import type { z } from 'zod';
import type { BatchContext, Bus, BusMessage, ConsumeOptions, Consumer } from './types.js';

export interface Decoded<T> {
  value: T;
  message: BusMessage;
}

export interface TypedConsumeOptions<S extends z.ZodType> extends Omit<ConsumeOptions, 'handler'> {
  schema: S;
  handler: (batch: Decoded<z.infer<S>>[], ctx: BatchContext) => Promise<void>;
}

export function decodeBatch<S extends z.ZodType>(schema: S, messages: BusMessage[]): { valid: Decoded<z.infer<S>>[]; invalid: { message: BusMessage; reason: string }[] } {
  const valid: Decoded<z.infer<S>>[] = [];
  const invalid: { message: BusMessage; reason: string }[] = [];
  for (const message of messages) {
    let json: unknown;
    try {
      json = JSON.parse(message.value);
    } catch (err) {
      invalid.push({ message, reason: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    const result = schema.safeParse(json);
    if (result.success) valid.push({ value: result.data, message });
    else invalid.push({ message, reason: result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ') });
  }
  return { valid, invalid };
}

export function consumeTyped<S extends z.ZodType>(bus: Bus, options: TypedConsumeOptions<S>): Promise<Consumer> {
  const { schema, handler, ...rest } = options;
  return bus.consume({
    ...rest,
    handler: async (messages, ctx) => {
      const { valid, invalid } = decodeBatch(schema, messages);
      for (const bad of invalid) await ctx.deadLetter(bad.message, bad.reason);
      if (valid.length) await handler(valid, ctx);
    },
  });
}
