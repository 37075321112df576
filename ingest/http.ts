// Talking to source APIs politely: one retry policy for every connector.
//  - 429: wait until the reset the API announced (header), then retry;
//  - 5xx and network errors: capped exponential backoff with jitter, then give up for this poll
//    (the cursor keeps the place, the next poll carries on);
//  - 401/403: SourceAuthError naming the env var to fix; retrying would not help;
//  - a rate-limit budget at zero: wait for its reset before the next request (RateGate).
import { SourceAuthError, type IngestContext } from './types.js';

export interface RetryPolicy {
  /** Attempts of one request failing with 5xx/network errors before the poll gives up. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429 waits per request before the poll gives up. */
  maxRateLimitWaits: number;
  /** A reset further away than this ends the poll instead of holding the worker. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRateLimitWaits: 3,
  maxRateLimitWaitMs: 16 * 60_000,
};

/** Thrown by an attempt that may succeed if repeated; `waitUntil` (epoch ms) when the API said when. */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly options: { rateLimited?: boolean; waitUntil?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'RetryableError';
  }
}

/** The source answered in a way that retrying will not fix (a 400, a body that is not JSON). */
export class SourceRequestError extends Error {
  constructor(
    readonly sourceId: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${sourceId}: ${message}`);
    this.name = 'SourceRequestError';
  }
}

/** The retries ran out: the source is down or throttling; the next poll tries again. */
export class SourceUnavailableError extends Error {
  constructor(
    readonly sourceId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${sourceId}: ${message}`, options);
    this.name = 'SourceUnavailableError';
  }
}

function random(ctx: IngestContext): number {
  return ctx.random ? ctx.random() : Math.random();
}

/** Capped exponential backoff with "equal jitter": half fixed, half random, so clients spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy, rnd: number): number {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(capped / 2 + (capped / 2) * rnd);
}

/** Runs `attempt` under the retry policy. SourceAuthError and other errors pass straight through. */
export async function withRetry<T>(ctx: IngestContext, sourceId: string, what: string, attempt: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  let failures = 0;
  let rateLimitWaits = 0;
  for (;;) {
    ctx.signal.throwIfAborted();
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof RetryableError) || ctx.signal.aborted) throw err;
      let wait: number;
      if (err.options.rateLimited) {
        rateLimitWaits++;
        if (rateLimitWaits > policy.maxRateLimitWaits) throw new SourceUnavailableError(sourceId, `${what}: still rate limited after ${policy.maxRateLimitWaits} waits`, { cause: err });
        // Without an announced reset, back off as for a server error.
        wait = err.options.waitUntil !== undefined ? Math.max(0, err.options.waitUntil - ctx.now().getTime()) : backoffDelay(rateLimitWaits, policy, random(ctx));
        if (wait > policy.maxRateLimitWaitMs) throw new SourceUnavailableError(sourceId, `${what}: rate limited until ${new Date(err.options.waitUntil ?? 0).toISOString()}, longer than the ${Math.round(policy.maxRateLimitWaitMs / 1000)}s the worker waits; the next poll resumes`, { cause: err });
        ctx.log.warn({ source: sourceId, waitMs: wait }, `${what}: rate limited, waiting for the reset`);
      } else {
        failures++;
        if (failures >= policy.maxAttempts) throw new SourceUnavailableError(sourceId, `${what}: gave up after ${failures} attempts: ${err.message}`, { cause: err });
        wait = backoffDelay(failures, policy, random(ctx));
        ctx.log.warn({ source: sourceId, attempt: failures, waitMs: wait, err: err.message }, `${what}: failed, retrying`);
      }
      await ctx.sleep(wait, ctx.signal);
    }
  }
}

/**
 * Remembers a rate-limit budget from response headers: when it is spent, the next request
 * waits for the reset instead of earning a 429.
 */
export class RateGate {
  private blockedUntil = 0;

  constructor(private readonly sourceId: string) {}

  /** `remaining` requests left in the window that resets at `resetAt` (epoch ms). */
  update(remaining: number | undefined, resetAt: number | undefined): void {
    if (remaining !== undefined && remaining < 1 && resetAt !== undefined) this.blockedUntil = Math.max(this.blockedUntil, resetAt);
  }

  async wait(ctx: IngestContext, policy: RetryPolicy = DEFAULT_RETRY): Promise<void> {
    const wait = this.blockedUntil - ctx.now().getTime();
    if (wait <= 0) return;
    if (wait > policy.maxRateLimitWaitMs) throw new SourceUnavailableError(this.sourceId, `rate-limit budget spent until ${new Date(this.blockedUntil).toISOString()}; the next poll resumes`);
    ctx.log.info({ source: this.sourceId, waitMs: wait }, 'rate-limit budget spent, waiting for the reset');
    await ctx.sleep(wait, ctx.signal);
  }
}

export interface RateLimitInfo {
  remaining?: number;
  /** Epoch ms. */
  resetAt?: number;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const v = headers.get(name);
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Rate-limit headers in their channels' dialects. */
export const rateLimitHeaders = {
  /** X and Bluesky: reset as epoch seconds. */
  epochSeconds(headers: Headers, prefix: string): RateLimitInfo {
    const reset = numberHeader(headers, `${prefix}-reset`);
    return { remaining: numberHeader(headers, `${prefix}-remaining`), resetAt: reset === undefined ? undefined : reset * 1000 };
  },
  /** Reddit: reset as seconds from now. */
  secondsFromNow(headers: Headers, prefix: string, now: Date): RateLimitInfo {
    const reset = numberHeader(headers, `${prefix}-reset`);
    return { remaining: numberHeader(headers, `${prefix}-remaining`), resetAt: reset === undefined ? undefined : now.getTime() + reset * 1000 };
  },
  /** Mastodon: reset as an ISO timestamp. */
  isoTimestamp(headers: Headers, prefix: string): RateLimitInfo {
    const reset = headers.get(`${prefix}-reset`);
    const at = reset ? Date.parse(reset) : NaN;
    return { remaining: numberHeader(headers, `${prefix}-remaining`), resetAt: Number.isNaN(at) ? undefined : at };
  },
};

/** `Retry-After` as seconds or an HTTP date, as epoch ms. */
export function retryAfter(headers: Headers, now: Date): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return now.getTime() + secs * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : at;
}

export interface HttpRequest {
  sourceId: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /** Tells the user what to fix on 401/403, e.g. "the token in X_BEARER_TOKEN". */
  authHint: string;
  rateLimit?: (headers: Headers) => RateLimitInfo;
  gate?: RateGate;
  /** Statuses returned to the caller instead of handled here (e.g. 304, or 401 to refresh a token). */
  passStatuses?: number[];
  policy?: RetryPolicy;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}

/** One request under the retry policy; resolves with 2xx (and passStatuses) responses. */
export async function request(ctx: IngestContext, req: HttpRequest): Promise<HttpResponse> {
  const where = `${req.method ?? 'GET'} ${describeUrl(req.url)}`;
  return withRetry(
    ctx,
    req.sourceId,
    where,
    async () => {
      await req.gate?.wait(ctx, req.policy);
      let res: Response;
      try {
        res = await ctx.fetch(req.url, { method: req.method ?? 'GET', headers: req.headers, body: req.body, signal: ctx.signal });
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        throw new RetryableError(`network error: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`, { cause: err });
      }
      const text = await res.text();
      const limits = req.rateLimit?.(res.headers);
      if (limits) req.gate?.update(limits.remaining, limits.resetAt);
      if (req.passStatuses?.includes(res.status)) return { status: res.status, headers: res.headers, text };
      if (res.status === 401 || res.status === 403) {
        throw new SourceAuthError(req.sourceId, `${where} answered ${res.status} (${snippet(text) || res.statusText}); check ${req.authHint}`);
      }
      if (res.status === 429) {
        throw new RetryableError(`${where} answered 429`, { rateLimited: true, waitUntil: retryAfter(res.headers, ctx.now()) ?? limits?.resetAt });
      }
      if (res.status >= 500) throw new RetryableError(`${where} answered ${res.status} ${snippet(text)}`);
      if (res.status < 200 || res.status >= 300) throw new SourceRequestError(req.sourceId, `${where} answered ${res.status}: ${snippet(text)}`, res.status);
      return { status: res.status, headers: res.headers, text };
    },
    req.policy,
  );
}

/** `request` for a JSON body; a body that is not JSON is a SourceRequestError. */
export async function requestJson<T>(ctx: IngestContext, req: HttpRequest): Promise<HttpResponse & { data: T }> {
  const res = await request(ctx, req);
  try {
    return { ...res, data: (res.text ? JSON.parse(res.text) : null) as T };
  } catch {
    throw new SourceRequestError(req.sourceId, `${describeUrl(req.url)} answered ${res.status} with a body that is not JSON: ${snippet(res.text)}`, res.status);
  }
}
