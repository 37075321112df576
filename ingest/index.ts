// The door to ingest: connectors for each channel, the worker that publishes their pages, the
// scheduler that runs them, the webhook receiver and the mention-file reader.
export * from './types.js';
export { createConnector, sourceId, type ConnectorOptions } from './connect.js';
export { runPoll, pageMessages, type PollResult, type RunPollOptions } from './worker.js';
export { startIngestScheduler, type IngestScheduler, type IngestSchedulerOptions } from './scheduler.js';
export { readSourceStatus, saveSourceStatus, statusKey, type SourceStatus } from './status.js';
export { readMentionFile, formatFromPath, completeMention, createFileConnector, type MentionFileFormat, type MentionFileLine } from './file.js';
export { createWebhookServer, webhookPlugin, signWebhookBody, verifySignature, SIGNATURE_HEADER, type WebhookServer, type WebhookPluginOptions } from './webhook.js';
export { createIngestContext, abortableSleep } from './context.js';
export { DEFAULT_RETRY, SourceRequestError, SourceUnavailableError, type RetryPolicy } from './http.js';
