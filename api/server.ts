import type { Logger } from 'pino';
// The analyst API server: /v1 behind bearer tokens, the dashboard, the OpenAPI document, and
// the observability routes.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { EarshotConfig } from '../config/index.js';
import type { Store } from '../store/index.js';
import { createTokenChecker } from './auth.js';
import { registerDashboard } from './dashboard.js';
import { apiLatency, apiRequests } from './metrics.js';
import { observabilityRoutes, runChecks, type Readiness } from './observability.js';
import { ParameterError } from './params.js';
import { registerRoutes } from './routes.js';

export interface ApiOptions {
  store: Store;
  /** Accepted bearer tokens; `null` turns auth off (the CLI allows that only on loopback with --no-auth). */
  tokens: readonly string[] | null;
  /** Brand names and topic labels for answers; optional. */
  config?: Pick<EarshotConfig, 'brands' | 'taxonomy'>;
  /** Limits for POST /v1/sql (defaults: 10,000 rows, 30 s). */
  sql?: { maxRows?: number; maxSeconds?: number };
  /** /readyz; default: the store answers `SELECT 1`. */
  readiness?: () => Promise<Readiness>;
  /** Extra Prometheus registries served at /metrics (e.g. the bus's). */
  registries?: Registry[];
  /** The process's pino logger; requests are logged through it. Default: no request logs. */
  logger?: Logger;
  /** Clock for default ranges (tests pin it). */
  now?: () => Date;
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error', 503: 'Service Unavailable' };

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** One ajv error as a sentence naming the parameter: `parameter 'limit' must be <= 1000`. */
export function describeValidation(errors: AjvError[], where: string | undefined): { parameter: string; message: string } {
  const e = errors[0]!;
  const place = where === 'body' ? 'body field' : where === 'querystring' ? 'parameter' : `${where ?? 'request'} field`;
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'additionalProperties') {
    const name = String(e.params.additionalProperty);
    return { parameter: name, message: `unknown ${place} '${name}': check the spelling (the OpenAPI document at /openapi.json lists the accepted ones)` };
  }
  if (e.keyword === 'required') {
    const name = String(e.params.missingProperty);
    return { parameter: name, message: `${place} '${name}' is required` };
  }
  if (e.keyword === 'enum') {
    return { parameter: path, message: `${place} '${path}' must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}` };
  }
  if (e.keyword === 'pattern') {
    return { parameter: path, message: `${place} '${path}' has an unexpected form (${patternHint(path)})` };
  }
  if (e.keyword === 'type' && !path) return { parameter: '', message: `the ${where ?? 'request'} ${e.message ?? 'is invalid'}` };
  return { parameter: path, message: `${place} '${path}' ${e.message ?? 'is invalid'}` };
}

function patternHint(name: string): string {
  if (name === 'since' || name === 'until') return 'expected an ISO-8601 date or date-time such as 2026-03-01T12:00:00Z, or a look-back such as 24h or 7d';
  if (name === 'topic') return 'expected a lowercase topic id such as billing';
  if (name === 'language') return 'expected an ISO 639-1 code such as en, or und';
  if (name === 'cursor') return 'pass back the nextCursor of the previous page unchanged';
  if (name === 'tz') return 'expected an IANA time zone such as Europe/Berlin';
  return 'see /openapi.json';
}

export async function buildApi(options: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Fastify 5 takes an existing pino instance as loggerInstance (`logger` is for options).
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    // Unknown query parameters are errors (a typo should not silently widen a query); strings
    // are coerced to the schema's numbers and booleans.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false } },
    bodyLimit: 256 * 1024,
  });
  const { store } = options;

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'earshot analyst API',
        version: '1',
        description: 'Read-only views over earshot\'s store: brands, time series, topics, failure demand, ideas, mentions, alerts, digests, and read-only SQL. Every /v1 route takes `Authorization: Bearer <token>`; tabular answers come as CSV with `?format=csv` or `Accept: text/csv`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    apiRequests.inc({ route, status: String(reply.statusCode) });
    apiLatency.observe({ route }, reply.elapsedTime / 1000);
  });

  if (options.tokens) {
    if (!options.tokens.length) throw new Error('buildApi: tokens is an empty list; pass at least one token, or null to turn auth off');
    const check = createTokenChecker(options.tokens);
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/v1/') && request.url !== '/v1') return;
      const result = check(request.headers.authorization);
      if (!result.ok) {
        return reply.code(401).header('WWW-Authenticate', 'Bearer realm="earshot"').send({ statusCode: 401, error: 'Unauthorized', message: result.reason });
      }
    });
  }

  app.setErrorHandler((error: FastifyError & { parameter?: string }, request, reply) => {
    if (error.validation) {
      const { parameter, message } = describeValidation(error.validation as AjvError[], error.validationContext);
      return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message, parameter });
    }
    if (error instanceof ParameterError || (error.parameter && error.statusCode && error.statusCode < 500)) {
      const status = error.statusCode ?? 400;
      return reply.code(status).send({ statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message: error.message, parameter: error.parameter });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : undefined;
    if (status) return reply.code(status).send({ statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message: error.message });
    if (error.name === 'StoreUnavailableError') {
      request.log.warn({ err: error }, 'store unavailable');
      return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'the store is not reachable right now; try again shortly' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'internal error; the server log has the details' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url.split('?')[0]}; the API is described at /openapi.json` }),
  );

  registerRoutes(app, {
    store,
    now: options.now ?? (() => new Date()),
    brandNames: new Map((options.config?.brands ?? []).map((b) => [b.id, b.name])),
    topicLabels: new Map((options.config?.taxonomy.topics ?? []).map((t) => [t.id, t.label])),
    sql: { maxRows: options.sql?.maxRows ?? 10_000, maxSeconds: options.sql?.maxSeconds ?? 30 },
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerDashboard(app);
  observabilityRoutes(app, {
    readiness: options.readiness ?? (() => runChecks({ store: () => store.select('SELECT 1 AS ok') })),
    ...(options.registries ? { registries: options.registries } : {}),
  });
  await app.ready();
  return app;
}
