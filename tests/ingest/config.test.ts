// Source config: every kind validates with its defaults, and a wrong entry names the field and the fix.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, validateConfig } from '../../config/index.js';
import { PROJECT_ROOT } from '../../cli/runtime.js';

const brands = [{ id: 'acme', name: 'Acme' }];
function problems(sources: unknown[]): string[] {
  try {
    validateConfig({ brands, sources });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('source config', () => {
  it('the example config validates, with the simulator first and enabled and every other kind present but disabled', () => {
    const config = loadConfig(`${PROJECT_ROOT}/config/earshot.example.yaml`);
    expect(config.sources[0]).toMatchObject({ kind: 'simulate', enabled: true });
    expect(new Set(config.sources.map((s) => s.kind))).toEqual(new Set(['simulate', 'x', 'reddit', 'hackernews', 'mastodon', 'bluesky', 'rss', 'webhook', 'file']));
    expect(config.sources.slice(1).every((s) => !s.enabled)).toBe(true);
  });

  it('fills defaults: env var names, base URLs, page budgets', () => {
    const config = validateConfig({ brands, sources: [{ kind: 'x' }, { kind: 'hackernews' }, { kind: 'webhook' }] });
    expect(config.sources[0]).toMatchObject({ bearerTokenEnv: 'X_BEARER_TOKEN', baseUrl: 'https://api.x.com', maxPages: 5, schedule: '*/5 * * * *' });
    expect(config.sources[1]).toMatchObject({ baseUrl: 'https://hn.algolia.com/api/v1', tags: '(story,comment)' });
    expect(config.sources[2]).toMatchObject({ secretEnv: 'EARSHOT_WEBHOOK_SECRET', maxBodyBytes: 1_048_576, path: '/ingest/webhook' });
  });

  it('names the field and the fix', () => {
    expect(problems([{ kind: 'reddit', userAgent: 'earshot' }])).toEqual([expect.stringMatching(/^sources\[0\]\.userAgent: expected Reddit's User-Agent format .*\(by \/u\/yourname\)/)]);
    expect(problems([{ kind: 'x', bearerTokenEnv: 'my token' }])).toEqual([expect.stringMatching(/^sources\[0\]\.bearerTokenEnv: expected the name of an environment variable/)]);
    expect(problems([{ kind: 'x', bearerToken: 'AAAA' }])).toEqual([expect.stringMatching(/^sources\[0\]: unknown field\(s\) 'bearerToken'/)]);
    expect(problems([{ kind: 'mastodon', instances: ['https://m.example'] }])).toEqual([expect.stringMatching(/^sources\[0\]\.hashtags: nothing to follow/)]);
    expect(problems([{ kind: 'mastodon', instances: ['https://m.example'], search: true }])).toEqual([expect.stringMatching(/^sources\[0\]\.accessTokenEnv: search: true needs accessTokenEnv/)]);
    expect(problems([{ kind: 'bluesky', identifierEnv: 'BSKY_ID' }])).toEqual([expect.stringMatching(/^sources\[0\]\.appPasswordEnv: set both identifierEnv and appPasswordEnv/)]);
    expect(problems([{ kind: 'rss', feeds: [{ url: 'ftp://x.example/feed', brand: 'acme' }] }])).toEqual([expect.stringMatching(/^sources\[0\]\.feeds\[0\]\.url: expected an http/)]);
    expect(problems([{ kind: 'x', maxResults: 500 }])).toEqual([expect.stringMatching(/maxResults: X recent search returns 10–100/)]);
    expect(problems([{ kind: 'hackernews', brands: ['nope'] }])).toEqual([expect.stringMatching(/^sources\[0\]\.brands\[0\]: unknown brand 'nope'/)]);
  });
});
