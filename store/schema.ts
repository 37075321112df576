// Versioned schema migrations. Each migration is a list of statements built for the engine's
// dialect; applied ids are recorded in schema_migrations so `migrate` is safe to run again.
import type { Dialect } from './dialect.js';
import type { Engine } from './engine.js';
import { sqlString } from './escape.js';

export interface Migration {
  id: string;
  statements(db: string, d: Dialect): string[];
}

export const MIGRATIONS: Migration[] = [
  {
    id: '0001_mentions',
    statements: (db, d) => [
      // One row per mention id. ReplacingMergeTree keeps the highest `version`
      // (processing version, then processing time), so replays and reprocessing never
      // double-count once queries read with FINAL. The order key starts with brand and time:
      // nearly every analyst query is "this brand, this period".
      `CREATE TABLE IF NOT EXISTS ${db}.mentions (
        id String,
        source ${d.lowCardinalityString},
        native_id String,
        brand ${d.lowCardinalityString},
        query String,
        url String,
        author_id String,
        author_handle String,
        author_name String,
        author_followers Nullable(UInt32),
        text String,
        title String,
        created_at DateTime('UTC'),
        fetched_at DateTime('UTC'),
        thread_id String,
        parent_id String,
        repost_of String,
        likes UInt32,
        reposts UInt32,
        replies UInt32,
        quotes UInt32,
        score Int32,
        lang_hint String,
        language ${d.lowCardinalityString},
        language_confidence Float32,
        duplicate_of String,
        sentiment_score Float32,
        sentiment_label ${d.lowCardinalityString},
        topics Array(String),
        failure_demand UInt8,
        failure_category ${d.lowCardinalityString},
        intent ${d.lowCardinalityString},
        key_phrases Array(String),
        processing_version UInt32,
        processed_at DateTime('UTC'),
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      PARTITION BY toYYYYMM(created_at)
      ORDER BY (brand, created_at, id)`,
      `CREATE TABLE IF NOT EXISTS ${db}.dead_letters (
        at DateTime('UTC'),
        stage String,
        source String,
        reason String,
        payload String,
        original_topic String,
        partition Int32,
        offset String
      ) ENGINE = MergeTree
      PARTITION BY toYYYYMM(at)
      ORDER BY (at, stage)`,
      // Ingest cursors: the newest `version` (ms since epoch) per source wins.
      `CREATE TABLE IF NOT EXISTS ${db}.source_cursors (
        source_id String,
        cursor String,
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      ORDER BY source_id`,
      // Alerts: one row per alert id; each state change (opened, delivered, resolved) is a new
      // row with a higher version.
      `CREATE TABLE IF NOT EXISTS ${db}.alerts (
        id String,
        rule String,
        brand String,
        topic String,
        status String,
        started_at DateTime('UTC'),
        ended_at Nullable(DateTime('UTC')),
        observed Float64,
        expected Float64,
        score Float64,
        payload String,
        delivery String,
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      ORDER BY id`,
      `CREATE TABLE IF NOT EXISTS ${db}.digests (
        id String,
        digest String,
        brand String,
        period_start DateTime('UTC'),
        period_end DateTime('UTC'),
        created_at DateTime('UTC'),
        markdown String,
        html String,
        delivery String,
        version UInt64
      ) ENGINE = ReplacingMergeTree(version)
      ORDER BY id`,
    ],
  },
];

export const LEASES_MIGRATION: Migration = {
  id: '0002_leases',
  statements: (db) => [
    // Delivery claims (alerts/lease.ts): a claim row is keyed by (key, owner, claimed_at_ms);
    // a release rewrites it with an earlier expiry and a higher version.
    `CREATE TABLE IF NOT EXISTS ${db}.leases (
      key String,
      owner String,
      claimed_at_ms UInt64,
      expires_at_ms UInt64,
      version UInt64
    ) ENGINE = ReplacingMergeTree(version)
    ORDER BY (key, owner, claimed_at_ms)`,
  ],
};
MIGRATIONS.push(LEASES_MIGRATION);

/**
 * The hourly rollup the time series read (store/rollup.ts says how it stays exact). The
 * materialized view records which (brand, hour) each insert touched and when; the rollup holds
 * counts per brand, hour, sentiment label, failure category and topic, recomputed from the
 * base table (FINAL) for hours changed since their last roll, which mention_rollup_hours
 * records. All partitioned by month, like mentions, so retention drops them together.
 */
export const ROLLUP_MIGRATION: Migration = {
  id: '0003_rollup',
  statements: (db, d) => [
    `CREATE TABLE IF NOT EXISTS ${db}.mention_changes (
      brand ${d.lowCardinalityString},
      hour DateTime('UTC'),
      changed_at DateTime('UTC')
    ) ENGINE = ReplacingMergeTree(changed_at)
    PARTITION BY toYYYYMM(hour)
    ORDER BY (brand, hour)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.mention_changes_mv TO ${db}.mention_changes AS
      SELECT brand, toStartOfHour(created_at) AS hour, now() AS changed_at FROM ${db}.mentions GROUP BY brand, hour`,
    // Hours stored before this migration: changed now, so they are rolled like any other.
    `INSERT INTO ${db}.mention_changes SELECT brand, toStartOfHour(created_at) AS hour, now() AS changed_at FROM ${db}.mentions GROUP BY brand, hour`,
    // One row per key; topic '' for mentions without one. A mention with several topics adds to
    // each topic's row: the t_* columns count it on every one (for a topic filter), the plain
    // ones on its first only (so sums without a topic filter count it once). A re-roll writes
    // every key the hour had again with a later rolled_at, zeros included; FINAL keeps the latest.
    `CREATE TABLE IF NOT EXISTS ${db}.mention_rollup (
      brand ${d.lowCardinalityString},
      hour DateTime('UTC'),
      sentiment_label ${d.lowCardinalityString},
      failure_category ${d.lowCardinalityString},
      topic String,
      mentions UInt64,
      voices UInt64,
      failure_demand UInt64,
      sentiment_sum Float64,
      t_mentions UInt64,
      t_voices UInt64,
      t_failure_demand UInt64,
      t_sentiment_sum Float64,
      rolled_at DateTime('UTC')
    ) ENGINE = ReplacingMergeTree(rolled_at)
    PARTITION BY toYYYYMM(hour)
    ORDER BY (brand, hour, sentiment_label, failure_category, topic)`,
    // When each hour was last rolled: written after its rollup rows, so a roll cut short leaves
    // the hour marked changed (read from the base table) rather than half-rolled.
    `CREATE TABLE IF NOT EXISTS ${db}.mention_rollup_hours (
      brand ${d.lowCardinalityString},
      hour DateTime('UTC'),
      rolled_at DateTime('UTC')
    ) ENGINE = ReplacingMergeTree(rolled_at)
    PARTITION BY toYYYYMM(hour)
    ORDER BY (brand, hour)`,
  ],
};
MIGRATIONS.push(ROLLUP_MIGRATION);

export async function applyMigrations(engine: Engine, db: string, dialect: Dialect): Promise<string[]> {
  await engine.exec(`CREATE DATABASE IF NOT EXISTS ${db}`);
  await engine.exec(`CREATE TABLE IF NOT EXISTS ${db}.schema_migrations (id String, applied_at DateTime('UTC')) ENGINE = MergeTree ORDER BY id`);
  const done = new Set((await engine.select<{ id: string }>(`SELECT id FROM ${db}.schema_migrations`)).map((r) => r.id));
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    for (const statement of m.statements(db, dialect)) await engine.exec(statement);
    await engine.exec(`INSERT INTO ${db}.schema_migrations (id, applied_at) VALUES (${sqlString(m.id)}, now())`);
    applied.push(m.id);
  }
  return applied;
}
