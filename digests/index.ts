// The door to digests: build one for a brand and period, render it, run a scheduled digest.
export { buildDigest, type Digest, type DigestInput, type DigestAlert, type DigestMention, type DigestTopic } from './build.js';
export { renderMarkdown, renderHtml, headlines, alertLine } from './render.js';
export { sentimentChart, failureDemandChart } from './charts.js';
export { runDigest, digestPeriod, digestId, digestMessage, type DigestRunOptions } from './run.js';
export { startScheduler, type SchedulerOptions, type RunningScheduler } from './scheduler.js';
