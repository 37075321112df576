// Bearer tokens for the analyst API. Tokens come from environment variables named in the config
// (api.tokenEnvs), never from the file. Comparison is constant-time over SHA-256 digests, so
// neither a token's content nor its length leaks through response timing.
import { createHash, timingSafeEqual } from 'node:crypto';

export class NoTokenConfiguredError extends Error {
  constructor(tokenEnvs: readonly string[]) {
    super(
      `the API needs at least one bearer token: set ${tokenEnvs.length ? tokenEnvs.join(' or ') : 'an environment variable named in api.tokenEnvs'} ` +
        `(e.g. export ${tokenEnvs[0] ?? 'EARSHOT_API_TOKEN'}=$(openssl rand -hex 32)), or start with --no-auth for local use on a loopback address`,
    );
    this.name = 'NoTokenConfiguredError';
  }
}

/** Tokens shorter than this are refused at start-up: they can be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** Reads the accepted tokens from the named environment variables (unset or empty ones are skipped). */
export function tokensFromEnv(tokenEnvs: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const tokens: string[] = [];
  for (const name of tokenEnvs) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (value.length < MIN_TOKEN_LENGTH) throw new Error(`the token in ${name} is ${value.length} characters long: use at least ${MIN_TOKEN_LENGTH} (e.g. openssl rand -hex 32)`);
    tokens.push(value);
  }
  return tokens;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export type AuthResult = { ok: true } | { ok: false; reason: string };

/** Checks an Authorization header against the accepted tokens. */
export function createTokenChecker(tokens: readonly string[]): (authorization: string | undefined) => AuthResult {
  const accepted = tokens.map(digest);
  return (authorization) => {
    if (!authorization) return { ok: false, reason: 'missing bearer token: send the header Authorization: Bearer <token>' };
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (!m) return { ok: false, reason: "malformed Authorization header: expected 'Bearer <token>'" };
    const presented = digest(m[1]!);
    // Compare against every token without stopping early: timing does not reveal which matched.
    let match = false;
    for (const a of accepted) match = timingSafeEqual(a, presented) || match;
    return match ? { ok: true } : { ok: false, reason: 'invalid bearer token' };
  };
}

/** Loopback hosts, where --no-auth is allowed. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
