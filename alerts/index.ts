// The door to alerts: spike detection, alert content, delivery sinks (shared with digests).
export * from './detector.js';
export { parseSeriesCsv, inferInterval, parseTimestamp } from './series-csv.js';
export { detectSpikes, runAlertCycle, resendUndelivered, alertId, type SpikeRules, type DetectOptions, type CycleOptions, type CycleResult } from './evaluate.js';
export { buildAlertContent, reach, type AlertContent, type AlertExample } from './content.js';
export { alertMessage, type AlertEvent } from './messages.js';
export { emergingTerms, type EmergingTerm } from './terms.js';
export { withLease, tryClaim, release, type LeaseOptions } from './lease.js';
export { createSink, createSinks, deliver, sendWithRetry, isDelivered, signature, type Sink, type SinkDelivery, type OutboundMessage, type OutboundFile, type DeliverOptions } from './sinks/index.js';
export { median, mad, logPoissonUpperTail, logBinomialUpperTail, zFromLogUpperTail } from './stats.js';
