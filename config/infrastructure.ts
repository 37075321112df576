// Which bus and which store: the two places the deployments differ.
import { z } from 'zod';
import { Duration, EnvVarName } from './common.js';

const writer = z
  .object({
    batchSize: z.number().int().positive().default(5_000),
    flushInterval: Duration.prefault('1s'),
    maxRetryDelay: Duration.prefault('30s'),
  })
  .prefault({});

/** Mentions older than this many days are dropped (whole months on servers without TTL); unset keeps everything. */
const retentionDays = z.number().int().positive().optional();

export const StoreConfig = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('embedded'),
    /** Directory of the embedded ClickHouse (chdb) database. */
    path: z.string().default('./data'),
    writer,
    retentionDays,
  }),
  z.object({
    kind: z.literal('clickhouse'),
    url: z.string().url(),
    database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a database name of letters, digits and _').default('earshot'),
    usernameEnv: EnvVarName.default('CLICKHOUSE_USER'),
    passwordEnv: EnvVarName.default('CLICKHOUSE_PASSWORD'),
    writer,
    retentionDays,
  }),
]);
export type StoreConfig = z.infer<typeof StoreConfig>;

export const BusConfig = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('embedded'),
    partitions: z.number().int().positive().default(4),
    /**
     * Directory of the bus's on-disk log (messages not yet committed survive a crash and are
     * redelivered). Default: `<store.path>/bus` when the store is embedded, else memory only.
     */
    path: z.string().optional(),
    /** fdatasync every publish batch: survives power loss, not only a process crash; slower. Default off. */
    fsync: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('kafka'),
    brokers: z.array(z.string().min(1)).min(1),
    clientId: z.string().default('earshot'),
    topicPrefix: z.string().default('earshot.'),
    partitions: z.number().int().positive().default(6),
    replicationFactor: z.number().int().positive().default(1),
    /** A consumer that sends no heartbeat for this long is dropped from its group. */
    sessionTimeout: Duration.prefault('30s'),
    heartbeatInterval: Duration.prefault('3s'),
    /** How long a rebalance waits for members to rejoin (a member busy in a batch finishes it first). */
    rebalanceTimeout: Duration.prefault('60s'),
    /** Upper bound of one fetch response: what a consumer holds in memory besides the batch in hand. */
    fetchMaxBytes: z.number().int().positive().default(10 * 1024 * 1024),
    ssl: z.boolean().default(false),
    sasl: z
      .object({
        mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
        usernameEnv: EnvVarName.default('KAFKA_USERNAME'),
        passwordEnv: EnvVarName.default('KAFKA_PASSWORD'),
      })
      .optional(),
    /** kafkajs's own log level (its logs go to stderr). */
    logLevel: z.enum(['nothing', 'error', 'warn', 'info', 'debug']).default('error'),
  }),
]);
export type BusConfig = z.infer<typeof BusConfig>;
