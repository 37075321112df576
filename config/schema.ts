// The whole earshot config file, validated with zod. Sections live in their own files.
import { z } from 'zod';
import { Identifier } from './common.js';
import { SourceConfig } from './sources.js';
import { AlertsConfig, DigestConfig, SinkConfig } from './delivery.js';
import { BusConfig, StoreConfig } from './infrastructure.js';

export const BrandConfig = z.object({
  id: Identifier,
  name: z.string().min(1),
  /** Other names people use: handles, product names, common misspellings. */
  aliases: z.array(z.string().min(1)).default([]),
  /** Search queries sent to the sources (each source adapts the syntax). Default: name and aliases. */
  queries: z.array(z.string().min(1)).default([]),
  /** Texts containing any of these are not about the brand (e.g. a namesake). */
  exclude: z.array(z.string().min(1)).default([]),
});
export type BrandConfig = z.infer<typeof BrandConfig>;

export const TopicConfig = z.object({
  id: Identifier,
  label: z.string().min(1),
  /** Words or multi-word phrases; matched on normalised, stemmed tokens. */
  phrases: z.array(z.string().min(1)).min(1, 'a topic needs at least one phrase'),
  /** A mention containing any of these is not in the topic. */
  exclude: z.array(z.string().min(1)).default([]),
});
export type TopicConfig = z.infer<typeof TopicConfig>;

/** Extra phrases on top of the bundled lexicons (process/lexicons), per category or intent. */
export const ClassifyConfig = z
  .object({
    failureDemand: z.record(z.string(), z.array(z.string().min(1))).default({}),
    intent: z.record(z.string(), z.array(z.string().min(1))).default({}),
    batchSize: z.number().int().positive().default(500),
  })
  .prefault({});

export const ApiConfig = z
  .object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(8080),
    /** Names of environment variables that each hold one accepted bearer token. */
    tokenEnvs: z.array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/)).default(['EARSHOT_API_TOKEN']),
  })
  .prefault({});

/** /healthz, /readyz and /metrics for long-running processes (the API serves them on its own port). */
export const MetricsConfig = z
  .object({
    enabled: z.boolean().default(true),
    host: z.string().default('127.0.0.1'),
    /** 9464 is the port Prometheus exporters conventionally use. */
    port: z.number().int().min(0).max(65_535).default(9464),
  })
  .prefault({});

export const EarshotConfig = z
  .object({
    brands: z.array(BrandConfig).min(1, 'configure at least one brand'),
    sources: z.array(SourceConfig).default([]),
    taxonomy: z.object({ topics: z.array(TopicConfig).default([]) }).prefault({}),
    classify: ClassifyConfig,
    sinks: z.array(SinkConfig).default([]),
    alerts: AlertsConfig.prefault({}),
    digests: z.array(DigestConfig).default([]),
    store: StoreConfig.prefault({ kind: 'embedded' }),
    bus: BusConfig.prefault({ kind: 'embedded' }),
    api: ApiConfig,
    metrics: MetricsConfig,
  })
  .superRefine((cfg, ctx) => {
    const unique = (ids: string[], path: string) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id '${id}': ids must be unique` });
        seen.add(id);
      });
    };
    unique(cfg.brands.map((b) => b.id), 'brands');
    unique(cfg.taxonomy.topics.map((t) => t.id), 'taxonomy.topics');
    unique(cfg.sinks.map((s) => s.id), 'sinks');
    const brandIds = new Set(cfg.brands.map((b) => b.id));
    const sinkIds = new Set(cfg.sinks.map((s) => s.id));
    cfg.sources.forEach((s, i) =>
      s.brands?.forEach((b, j) => {
        if (!brandIds.has(b)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'brands', j], message: `unknown brand '${b}'; configured brands: ${[...brandIds].join(', ')}` });
      }),
    );
    const checkSinks = (sinks: string[], path: (string | number)[]) =>
      sinks.forEach((s, j) => {
        if (!sinkIds.has(s)) ctx.addIssue({ code: 'custom', path: [...path, j], message: `unknown sink '${s}'; add it under sinks: or use one of: ${[...sinkIds].join(', ') || '(none configured)'}` });
      });
    cfg.alerts.rules.forEach((r, i) => checkSinks(r.sinks, ['alerts', 'rules', i, 'sinks']));
    cfg.digests.forEach((d, i) => checkSinks(d.sinks, ['digests', i, 'sinks']));
  });
export type EarshotConfig = z.infer<typeof EarshotConfig>;
