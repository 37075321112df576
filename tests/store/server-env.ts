// Where the server tests find their ClickHouse: CLICKHOUSE_URL (set by .ci/run). Each run works
// in its own database, dropped on close, so runs never see each other's rows.
import { randomBytes } from 'node:crypto';
import { ClickHouseStore } from '../../store/clickhouse-store.js';
import { openStore, type Store } from '../../store/index.js';

export const CLICKHOUSE_URL = process.env.CLICKHOUSE_URL || undefined;

/** Why server tests skip here (printed); undefined when a server is configured. */
export function serverSkipReason(file: string): string | undefined {
  if (CLICKHOUSE_URL) return undefined;
  const reason = `${file}: ClickHouse server tests skipped because CLICKHOUSE_URL is unset (.ci/run starts a server and sets it)`;
  console.warn(reason);
  return reason;
}

export function uniqueDatabase(prefix = 'earshot_test'): string {
  return `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
}

/** A server store in a fresh database, dropped when the store is closed. */
export async function openServerStore(url = CLICKHOUSE_URL!, database = uniqueDatabase()): Promise<ClickHouseStore> {
  const store = await openStore({
    kind: 'clickhouse',
    url,
    database,
    usernameEnv: 'CLICKHOUSE_USER',
    passwordEnv: 'CLICKHOUSE_PASSWORD',
    writer: { batchSize: 1000, flushInterval: 1000, maxRetryDelay: 1000 },
  });
  if (!(store instanceof ClickHouseStore)) throw new Error('expected openStore to return a ClickHouseStore');
  const close = store.close.bind(store);
  store.close = async () => {
    try {
      await store.engine.exec(`DROP DATABASE IF EXISTS ${database}`);
    } finally {
      await close();
    }
  };
  return store;
}

export type { Store };
