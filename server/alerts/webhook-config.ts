// A configured webhook, and the face of it the API may show.
import type { Severity } from '../../lib/contracts';
import type { ConfigFile } from '../config-schema';

export type WebhookConfig = ConfigFile['alerts']['webhooks'][number];

export interface WebhookSummary {
  name: string;
  format: WebhookConfig['format'];
  minSeverity: Severity;
  hasSecret: boolean;
  /** Scheme, host and port only: the path and query of a webhook URL often are its token. */
  origin: string;
}

export function summarizeWebhook(w: WebhookConfig): WebhookSummary {
  return {
    name: w.name,
    format: w.format,
    minSeverity: w.minSeverity,
    hasSecret: Boolean(w.secret),
    origin: new URL(w.url).origin,
  };
}
