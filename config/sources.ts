// Source sections: one entry per configured source, told apart by `kind`.
// Every polling source has an `id` (its cursor's name) and a cron `schedule`.
import { z } from 'zod';
import { CronExpression, EnvVarName, Identifier } from './common.js';

const sourceBase = {
  id: Identifier.optional(),
  enabled: z.boolean().default(true),
  /** Brand ids this source searches for; default: all brands. */
  brands: z.array(Identifier).optional(),
};
const polling = { ...sourceBase, schedule: CronExpression.default('*/5 * * * *') };

export const SimulateSource = z.object({
  ...polling,
  kind: z.literal('simulate'),
  /** Mentions per simulated day across all brands and channels. */
  mentionsPerDay: z.number().int().positive().default(10_000),
  seed: z.number().int().default(42),
});

export const FileSource = z.object({
  ...sourceBase,
  kind: z.literal('file'),
  path: z.string().min(1),
  format: z.enum(['jsonl', 'csv']).optional(),
  /** Re-read on this schedule to pick up appended lines; without one the file is imported once at start. */
  schedule: CronExpression.optional(),
});

/** An http(s) URL, kept as written (a feed's trailing slash matters). */
const HttpUrl = z
  .string()
  .url('expected an http(s) URL such as https://example.com')
  .refine((u) => /^https?:\/\//.test(u), { message: 'expected an http:// or https:// URL' });
/** A service root; `baseUrl` fields let tests and self-hosted instances point elsewhere. Paths are appended to it. */
const BaseUrl = HttpUrl.transform((u) => u.replace(/\/+$/, ''));
/** Pages fetched per query per poll; what is left is fetched by the next poll (the cursor keeps the place). */
const maxPages = z.number().int().min(1).max(100).default(5);

export const XSource = z
  .object({
    ...polling,
    kind: z.literal('x'),
    bearerTokenEnv: EnvVarName.default('X_BEARER_TOKEN'),
    baseUrl: BaseUrl.default('https://api.x.com'),
    maxPages,
    /** Tweets per page (the API allows 10–100). */
    maxResults: z.number().int().min(10, 'X recent search returns 10–100 tweets per page').max(100, 'X recent search returns 10–100 tweets per page').default(100),
    /** Operators appended to every brand query, e.g. `-is:retweet lang:en`. */
    queryFilter: z.string().default(''),
  })
  .strict();

export const RedditSource = z
  .object({
    ...polling,
    kind: z.literal('reddit'),
    clientIdEnv: EnvVarName.default('REDDIT_CLIENT_ID'),
    clientSecretEnv: EnvVarName.default('REDDIT_CLIENT_SECRET'),
    /** Reddit throttles generic agents and bans lying ones: `<platform>:<app id>:<version> (by /u/<username>)`. */
    userAgent: z
      .string()
      .regex(/^\S+:\S+:\S+ \(by \/u\/[A-Za-z0-9_-]+\)$/, "expected Reddit's User-Agent format '<platform>:<app id>:<version> (by /u/<reddit username>)', such as 'linux:earshot:v0.1.0 (by /u/yourname)'"),
    /** Also search all of Reddit (not only the subreddits below). */
    searchAll: z.boolean().default(true),
    /** Subreddits (without r/) whose posts are searched and whose new comments are scanned for the brand queries. */
    subreddits: z.array(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'expected a subreddit name without r/, such as broadband')).default([]),
    /** Scan the subreddits' new comments (Reddit's search API does not search comments). */
    comments: z.boolean().default(true),
    authUrl: BaseUrl.default('https://www.reddit.com'),
    baseUrl: BaseUrl.default('https://oauth.reddit.com'),
    maxPages,
    limit: z.number().int().min(1).max(100).default(100),
  })
  .strict();

export const HackerNewsSource = z
  .object({
    ...polling,
    kind: z.literal('hackernews'),
    baseUrl: BaseUrl.default('https://hn.algolia.com/api/v1'),
    /** Algolia tags filter: stories and comments by default. */
    tags: z.string().default('(story,comment)'),
    hitsPerPage: z.number().int().min(1).max(1000).default(100),
    maxPages,
  })
  .strict();

const Hashtag = z.string().regex(/^#?[\p{L}\p{N}_]+$/u, 'expected a hashtag such as acme or #acme');
export const MastodonSource = z
  .object({
    ...polling,
    kind: z.literal('mastodon'),
    instances: z.array(BaseUrl).min(1, 'list at least one instance URL, such as https://mastodon.social'),
    /** Hashtag timelines to follow; a plain tag belongs to the brand whose name or alias it matches. */
    hashtags: z.array(z.union([Hashtag, z.object({ tag: Hashtag, brand: Identifier }).strict()])).default([]),
    /** Full-text search for the brand queries (`/api/v2/search`); instances only answer it with an access token. */
    search: z.boolean().default(false),
    accessTokenEnv: EnvVarName.optional(),
    limit: z.number().int().min(1).max(40).default(40),
    maxPages,
  })
  .strict()
  .refine((s) => s.hashtags.length > 0 || s.search, { message: 'nothing to follow: add hashtags, or set search: true (with accessTokenEnv)', path: ['hashtags'] })
  .refine((s) => !s.search || s.accessTokenEnv, { message: 'search: true needs accessTokenEnv (Mastodon only answers status search for a logged-in user)', path: ['accessTokenEnv'] });

export const BlueskySource = z
  .object({
    ...polling,
    kind: z.literal('bluesky'),
    /** Where an app password logs in (your PDS); authenticated searches go through it. */
    service: BaseUrl.default('https://bsky.social'),
    /** Used without credentials; Bluesky often refuses unauthenticated search (then set the two env vars below). */
    appView: BaseUrl.default('https://public.api.bsky.app'),
    identifierEnv: EnvVarName.optional(),
    appPasswordEnv: EnvVarName.optional(),
    limit: z.number().int().min(1).max(100).default(100),
    maxPages,
  })
  .strict()
  .refine((s) => !s.identifierEnv === !s.appPasswordEnv, { message: 'set both identifierEnv and appPasswordEnv (an app password from Settings → App passwords), or neither', path: ['appPasswordEnv'] });

export const RssFeed = z
  .object({
    url: HttpUrl,
    brand: Identifier,
    /** Also follow each post's comment feed (`wfw:commentRss`, as WordPress publishes). */
    comments: z.boolean().default(true),
  })
  .strict();
export const RssSource = z
  .object({
    ...polling,
    kind: z.literal('rss'),
    feeds: z.array(RssFeed).min(1, 'list at least one feed: { url, brand }'),
    /** Comment feeds of the most recent posts kept under watch, per feed. */
    commentFeedsPerFeed: z.number().int().min(0).max(200).default(20),
  })
  .strict();

export const WebhookSource = z
  .object({
    ...sourceBase,
    kind: z.literal('webhook'),
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(8088),
    path: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, 'expected a URL path such as /ingest/webhook').default('/ingest/webhook'),
    /** Environment variable holding the shared secret senders sign bodies with (HMAC-SHA256). */
    secretEnv: EnvVarName.default('EARSHOT_WEBHOOK_SECRET'),
    maxBodyBytes: z.number().int().min(1_024).max(50 * 1024 * 1024).default(1024 * 1024),
  })
  .strict();

export const SourceConfig = z.discriminatedUnion('kind', [SimulateSource, FileSource, XSource, RedditSource, HackerNewsSource, MastodonSource, BlueskySource, RssSource, WebhookSource]);
export type SourceConfig = z.infer<typeof SourceConfig>;
export type SourceOf<K extends SourceConfig['kind']> = Extract<SourceConfig, { kind: K }>;
