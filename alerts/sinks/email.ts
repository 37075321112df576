import nodemailer from 'nodemailer';
import type { SinkConfig } from '../../config/index.js';
import type { OutboundMessage, Sink } from './types.js';

type EmailConfig = Extract<SinkConfig, { kind: 'email' }>;

export function emailSink(c: EmailConfig, env: NodeJS.ProcessEnv): Sink {
  const pass = c.passwordEnv ? env[c.passwordEnv] : undefined;
  if (c.passwordEnv && !pass) throw new Error(`sink '${c.id}': passwordEnv names ${c.passwordEnv}, which is not set`);
  const transport = nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    ...(c.user ? { auth: { user: c.user, pass: pass ?? '' } } : {}),
  });
  return {
    id: c.id,
    kind: 'email',
    retries: c.retries,
    maxBackoffMs: c.maxBackoff,
    async send(m: OutboundMessage) {
      await transport.sendMail({
        from: c.from,
        to: c.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
        headers: { 'X-Earshot-Delivery': m.key },
      });
    },
    async close() {
      transport.close();
    },
  };
}
