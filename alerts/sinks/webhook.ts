import { createHmac } from 'node:crypto';
import type { SinkConfig } from '../../config/index.js';
import type { OutboundMessage, Sink } from './types.js';

type WebhookConfig = Extract<SinkConfig, { kind: 'webhook' }>;

/** The signature a receiver recomputes over the raw body: `sha256=` + hex HMAC-SHA256. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookSink(c: WebhookConfig, env: NodeJS.ProcessEnv): Sink {
  const url = c.url ?? (c.urlEnv ? env[c.urlEnv] : undefined);
  if (!url) throw new Error(`sink '${c.id}': set url, or urlEnv to an environment variable holding the webhook URL${c.urlEnv ? ` (${c.urlEnv} is not set)` : ''}`);
  const secret = c.secretEnv ? env[c.secretEnv] : undefined;
  if (c.secretEnv && !secret) throw new Error(`sink '${c.id}': secretEnv names ${c.secretEnv}, which is not set`);
  return {
    id: c.id,
    kind: 'webhook',
    retries: c.retries,
    maxBackoffMs: c.maxBackoff,
    async send(m: OutboundMessage) {
      const body = JSON.stringify(c.format === 'slack' ? m.slack : { kind: m.kind, key: m.key, subject: m.subject, ...m.json });
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'earshot', 'x-earshot-delivery': m.key };
      if (secret) headers['x-earshot-signature'] = signature(secret, body);
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(c.timeout) });
      if (!res.ok) throw new Error(`webhook ${c.id}: POST ${new URL(url).host} answered ${res.status} ${res.statusText}`);
      await res.arrayBuffer();
    },
  };
}
