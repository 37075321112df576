// The dashboard: a static page whose script reads the /v1 API with the analyst's token. The
// page itself holds no data, so it is served without auth; the token lives in the tab's
// sessionStorage and travels only in the Authorization header (no cookie, so no CSRF). A strict
// Content-Security-Policy keeps scripts to our own files; the script writes mention text with
// textContent only.
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), 'dashboard');

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Chart.js's UMD bundle from node_modules: served by us, the machine running earshot may be offline. */
function chartJsBundle(): string {
  const main = createRequire(import.meta.url).resolve('chart.js');
  return readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8');
}

export function registerDashboard(app: FastifyInstance): void {
  const files: Record<string, { type: string; body: () => string }> = {
    '/': { type: 'text/html; charset=utf-8', body: () => readFileSync(join(here, 'index.html'), 'utf8') },
    '/dashboard/app.js': { type: 'text/javascript; charset=utf-8', body: () => readFileSync(join(here, 'app.js'), 'utf8') },
    '/dashboard/style.css': { type: 'text/css; charset=utf-8', body: () => readFileSync(join(here, 'style.css'), 'utf8') },
    '/dashboard/chart.umd.min.js': { type: 'text/javascript; charset=utf-8', body: chartJsBundle },
  };
  // Browsers ask for it on every page; an empty answer beats a 404 in the console.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  for (const [url, file] of Object.entries(files)) {
    let cached: string | undefined;
    app.get(url, { schema: { hide: true } }, async (_request, reply) => {
      cached ??= file.body();
      return reply
        .type(file.type)
        .header('Content-Security-Policy', DASHBOARD_CSP)
        .header('X-Frame-Options', 'DENY')
        .header('Cache-Control', 'no-cache')
        .send(cached);
    });
  }
}
