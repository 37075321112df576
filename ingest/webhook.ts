// The webhook source: CRM and support tools POST RawMention JSON (one object, an array, or
// { mentions: [...] }; or NDJSON), signed with HMAC-SHA256 over the exact body bytes with a
// shared secret: header `X-Earshot-Signature: sha256=<hex>`. Answers 202 once the mentions are
// on the bus; otherwise a 4xx saying what to fix: 401 signature, 413 size, 415 content type,
// 400 payload (naming the field). A batch is all or nothing, so a sender can fix and resend it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Bus } from '../bus/index.js';
import type { SourceOf } from '../config/index.js';
import { RawMention, TOPICS, parseWith } from '../messages/index.js';
import { completeMention } from './file.js';

export const SIGNATURE_HEADER = 'x-earshot-signature';

/** The signature header value for a body: what senders compute. */
export function signWebhookBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function verifySignature(body: Buffer, header: string | undefined, secret: string): 'ok' | 'missing' | 'malformed' | 'mismatch' {
  if (!header) return 'missing';
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return 'malformed';
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(m[1]!, 'hex');
  return timingSafeEqual(expected, given) ? 'ok' : 'mismatch';
}

export interface WebhookPluginOptions {
  bus: Bus;
  secret: string;
  /** Route path. Default /ingest/webhook. */
  path?: string;
  maxBodyBytes?: number;
  now?: () => Date;
  /** Called after each accepted batch. */
  onAccepted?: (count: number) => void;
}

const JSON_TYPES = ['application/json', 'application/x-ndjson'];

function fail(reply: import('fastify').FastifyReply, status: number, error: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).send({ error, ...extra });
}

/** Decodes a body into mention candidates; throws with a reason for the sender. */
function decode(body: Buffer, contentType: string): unknown[] {
  const text = body.toString('utf8');
  if (contentType.startsWith('application/x-ndjson')) {
    return text
      .split(/\r?\n/)
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, i }) => {
        try {
          return JSON.parse(line) as unknown;
        } catch (err) {
          throw new Error(`line ${i + 1} is not valid JSON: ${(err as Error).message}`);
        }
      });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`body is not valid JSON: ${(err as Error).message}`);
  }
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object' && Array.isArray((value as { mentions?: unknown }).mentions)) return (value as { mentions: unknown[] }).mentions;
  return [value];
}

/** The webhook route as a fastify plugin, for mounting in another server (the API). */
export const webhookPlugin: FastifyPluginAsync<WebhookPluginOptions> = async (app, options) => {
  const path = options.path ?? '/ingest/webhook';
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const now = options.now ?? (() => new Date());
  // Raw bytes, so the signature is checked over exactly what was sent (this scope only).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: { code?: string; statusCode?: number; message: string }, _req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return fail(reply, 413, `body larger than the ${maxBodyBytes} bytes this webhook accepts: split the batch`);
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return fail(reply, 415, `expected Content-Type: application/json (or application/x-ndjson)`);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return fail(reply, err.statusCode, err.message);
    app.log.error({ err }, 'webhook failed');
    return fail(reply, 500, 'internal error');
  });

  app.post(path, { bodyLimit: maxBodyBytes }, async (req, reply) => {
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!JSON_TYPES.some((t) => contentType.startsWith(t))) return fail(reply, 415, 'expected Content-Type: application/json (or application/x-ndjson)');
    const body = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) return fail(reply, 400, 'empty body: send a RawMention, an array of them, or { "mentions": [...] }');
    const signature = verifySignature(body, req.headers[SIGNATURE_HEADER] as string | undefined, options.secret);
    if (signature === 'missing') return fail(reply, 401, `missing ${SIGNATURE_HEADER} header: send sha256=<hex HMAC-SHA256 of the body with the shared secret>`);
    if (signature === 'malformed') return fail(reply, 401, `malformed ${SIGNATURE_HEADER} header: expected sha256= followed by 64 hex digits`);
    if (signature === 'mismatch') return fail(reply, 401, `${SIGNATURE_HEADER} does not match the body: sign the exact bytes sent with the shared secret`);
    let items: unknown[];
    try {
      items = decode(body, contentType);
    } catch (err) {
      return fail(reply, 400, (err as Error).message);
    }
    if (items.length === 0) return fail(reply, 400, 'no mentions in the body');
    const at = now();
    const problems: string[] = [];
    const mentions: RawMention[] = [];
    items.forEach((item, i) => {
      const parsed = parseWith(RawMention, completeMention(item, at));
      if (parsed.ok) mentions.push(parsed.value);
      else problems.push(items.length === 1 ? parsed.reason : parsed.reason.split('; ').map((p) => `mentions[${i}].${p}`).join('; '));
    });
    if (problems.length) return fail(reply, 400, `invalid mention: ${problems[0]}`, { problems });
    try {
      await options.bus.publish(
        TOPICS.raw,
        mentions.map((m) => ({ key: m.id, value: JSON.stringify(m) })),
      );
    } catch (err) {
      req.log.error({ err }, 'webhook could not publish');
      return fail(reply, 503, 'the bus is unavailable; retry later');
    }
    options.onAccepted?.(mentions.length);
    return reply.code(202).send({ accepted: mentions.length, ids: mentions.map((m) => m.id) });
  });
};

export interface WebhookServer {
  readonly id: string;
  readonly app: FastifyInstance;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** A standalone server for a `kind: webhook` source; the secret comes from the env var the config names. */
export function createWebhookServer(options: { source: SourceOf<'webhook'>; bus: Bus; env?: Record<string, string | undefined>; log?: Logger; onAccepted?: (count: number) => void }): WebhookServer {
  const { source } = options;
  const id = source.id ?? 'webhook';
  const env = options.env ?? process.env;
  const secret = env[source.secretEnv];
  if (!secret) throw new Error(`${id}: the webhook secret is not set: export ${source.secretEnv}=… (a long random string shared with the senders)`);
  const app = Fastify({ loggerInstance: options.log as FastifyBaseLogger | undefined, bodyLimit: source.maxBodyBytes, disableRequestLogging: true }) as unknown as FastifyInstance;
  void app.register(webhookPlugin, { bus: options.bus, secret, path: source.path, maxBodyBytes: source.maxBodyBytes, onAccepted: options.onAccepted });
  return {
    id,
    app,
    async listen() {
      return app.listen({ host: source.host, port: source.port });
    },
    async close() {
      await app.close();
    },
  };
}
