// Per-source status (last poll, last error, counts), kept in memory by the scheduler and saved
// beside the cursors (key `status:<source id>`), so `earshot sources list` can show it from
// another process.
import type { Store } from '../store/index.js';

export interface SourceStatus {
  id: string;
  kind: string;
  /** idle (between polls), polling, failing (last poll failed; retried on schedule), stopped (credentials refused, or shut down), listening (webhook). */
  state: 'idle' | 'polling' | 'failing' | 'stopped' | 'listening';
  schedule?: string;
  lastPollAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  lastPoll?: { pages: number; published: number; rejected: number };
  /** Totals since the scheduler started. */
  polls: number;
  published: number;
  rejected: number;
  consecutiveFailures: number;
  skippedTicks?: number;
  /** Webhooks: the URL they accept posts on. */
  listening?: string;
}

export function statusKey(sourceId: string): string {
  return `status:${sourceId}`;
}

export async function saveSourceStatus(store: Store, status: SourceStatus): Promise<void> {
  await store.saveCursor(statusKey(status.id), JSON.stringify(status));
}

/** The last saved status of a source, or null if it never ran. */
export async function readSourceStatus(store: Store, sourceId: string): Promise<SourceStatus | null> {
  const text = await store.getCursor(statusKey(sourceId));
  if (!text) return null;
  try {
    return JSON.parse(text) as SourceStatus;
  } catch {
    return null;
  }
}
