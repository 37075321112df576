// The door to configuration.
export { loadConfig, validateConfig, ConfigError, formatPath } from './load.js';
export { EarshotConfig, BrandConfig, TopicConfig } from './schema.js';
export type { SourceConfig, SourceOf } from './sources.js';
export type { SinkConfig, AlertRule, DigestConfig } from './delivery.js';
export type { StoreConfig, BusConfig } from './infrastructure.js';
export { parseDuration } from './common.js';
