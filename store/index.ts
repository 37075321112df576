// The door to the store. Everything outside store/ talks to `Store` only.
import type { StoreConfig } from '../config/index.js';
import { ChdbEngine } from './chdb-engine.js';
import { ClickHouseStore } from './clickhouse-store.js';
import type { Store } from './types.js';

export type * from './types.js';
export type { SelectOptions } from './engine.js';
export { sqlString, sqlLiteral, sqlIdentifier, sqlDateTime, sqlNumber } from './escape.js';
export { startStoreStage, startDeadLetterStage, STORE_GROUP, DEAD_LETTER_GROUP, type StoreStageOptions } from './stage.js';

/** Opens the configured store; call `migrate()` before first use. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'embedded') return new ClickHouseStore(new ChdbEngine(config.path), 'earshot', 'embedded');
  throw new Error('the ClickHouse server store is not available in this build yet (store.kind: clickhouse)');
}
