// The door to alerts: spike detection, alert content, delivery sinks (shared with digests).
export * from './detector.js';
export { parseSeriesCsv, inferInterval, parseTimestamp } from './series-csv.js';
