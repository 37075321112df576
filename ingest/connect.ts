// Config entry → connector.
import type { BrandConfig, SourceConfig, TopicConfig } from '../config/index.js';
import { createBlueskyConnector } from './connectors/bluesky.js';
import { createHackerNewsConnector } from './connectors/hackernews.js';
import { createMastodonConnector } from './connectors/mastodon.js';
import { createRedditConnector } from './connectors/reddit.js';
import { createRssConnector } from './connectors/rss.js';
import { createSimulateConnector } from './connectors/simulate.js';
import { createXConnector } from './connectors/x.js';
import { createFileConnector } from './file.js';
import type { Connector } from './types.js';

/** The id a source's cursor and status are kept under: its configured id, else its kind. */
export function sourceId(source: SourceConfig): string {
  return source.id ?? source.kind;
}

export interface ConnectorOptions {
  /** Taxonomy topics (the simulator writes about them). */
  topics?: readonly TopicConfig[];
}

/** Builds the connector for a polling or file source; throws for webhook (a server, see createWebhookServer). */
export function createConnector(source: SourceConfig, brands: readonly BrandConfig[], options: ConnectorOptions = {}): Connector {
  const id = sourceId(source);
  switch (source.kind) {
    case 'x':
      return createXConnector(id, source, brands);
    case 'reddit':
      return createRedditConnector(id, source, brands);
    case 'hackernews':
      return createHackerNewsConnector(id, source, brands);
    case 'mastodon':
      return createMastodonConnector(id, source, brands);
    case 'bluesky':
      return createBlueskyConnector(id, source, brands);
    case 'rss':
      return createRssConnector(id, source);
    case 'file':
      return createFileConnector(id, source);
    case 'simulate':
      return createSimulateConnector(id, source, brands, options.topics ?? []);
    case 'webhook':
      throw new Error(`source '${id}' is a webhook: it receives mentions, it is not polled; start it with createWebhookServer`);
  }
}
