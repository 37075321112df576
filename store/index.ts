// The door to the store. Everything outside store/ talks to `Store` only.
import type { StoreConfig } from '../config/index.js';
import { ChdbEngine } from './chdb-engine.js';
import { ClickHouseStore } from './clickhouse-store.js';
import { ServerEngine } from './server-engine.js';
import type { Store } from './types.js';

export type * from './types.js';
export type { SelectOptions } from './engine.js';
export { sqlString, sqlLiteral, sqlIdentifier, sqlDateTime, sqlNumber, sqlTimeZone } from './escape.js';
export { startStoreStage, startDeadLetterStage, STORE_GROUP, DEAD_LETTER_GROUP, type StoreStageOptions } from './stage.js';
export { StoreUnavailableError, StoreAuthError, StoreQueryError, isTransientStoreError } from './errors.js';
export { createStoreWriter, createBatchWriter, writerOptionsFromConfig, type StoreWriter, type BatchWriter, type StoreWriterOptions } from './writer.js';
export { applyRetention, startRetention, type RetentionResult } from './retention.js';
export { startRollupRefresh, type RollupRefreshOptions } from './rollup.js';

/** Opens the configured store; call `migrate()` before first use. A server store checks it can log in before returning. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'embedded') return new ClickHouseStore(new ChdbEngine(config.path), 'earshot', 'embedded');
  if (config.kind === 'clickhouse') {
    const usernameEnv = config.usernameEnv ?? 'CLICKHOUSE_USER';
    const passwordEnv = config.passwordEnv ?? 'CLICKHOUSE_PASSWORD';
    const engine = new ServerEngine({
      url: config.url,
      username: process.env[usernameEnv] || 'default',
      password: process.env[passwordEnv] ?? '',
      credentialsFrom: { usernameEnv, passwordEnv },
    });
    const store = new ClickHouseStore(engine, config.database ?? 'earshot', 'clickhouse');
    try {
      await store.getDialect(); // logs in and reads the version once: fails fast with a clear error
    } catch (err) {
      await engine.close();
      throw err;
    }
    return store;
  }
  throw new Error(`unknown store.kind '${(config as { kind: string }).kind}': expected embedded or clickhouse`);
}
