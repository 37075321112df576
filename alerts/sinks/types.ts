// What a sink delivers: one message in every shape a sink may need, rendered once.
export interface OutboundFile {
  name: string;
  content: string;
}

export interface OutboundMessage {
  /** Idempotency key: the alert or digest id plus the event (`…#open`). */
  key: string;
  kind: 'alert.open' | 'alert.resolved' | 'digest';
  subject: string;
  /** Plain text / Markdown. */
  text: string;
  html?: string;
  /** Slack incoming-webhook body. */
  slack: { text: string; blocks: unknown[] };
  /** The generic JSON body. */
  json: Record<string, unknown>;
  /** What a file sink writes (one file per alert event or digest format). */
  files: OutboundFile[];
}

export interface Sink {
  readonly id: string;
  readonly kind: string;
  readonly retries: number;
  readonly maxBackoffMs: number;
  send(message: OutboundMessage): Promise<void>;
  close?(): Promise<void>;
}
