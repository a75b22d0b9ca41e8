// Health reports to the configured webhooks (JSON summary with a link, or Slack text), signed
// like alerts. A report is a digest, not an alert: a few quick retries, no delivery log row.
import type { Locale } from '../../lib/i18n';
import { reportSlackText, type ReportMessage } from '../../lib/reports/report-message';
import { logger } from '../logger';
import type { WebhookConfig } from './webhook-config';
import { describeFetchError, postSigned, scrubUrl } from './webhook-send';

const log = logger('reports');
const ATTEMPTS = 3;

export interface ReportDeliveryResult {
  webhook: string;
  ok: boolean;
  status: number | null;
  error?: string;
}

async function postOnce(hook: WebhookConfig, body: string): Promise<ReportDeliveryResult> {
  try {
    const { status, text } = await postSigned(hook, body, { event: 'report', at: Date.now() });
    if (status >= 200 && status < 300) return { webhook: hook.name, ok: true, status };
    return {
      webhook: hook.name,
      ok: false,
      status,
      error: `HTTP ${status} ${scrubUrl(text.slice(0, 200), hook.url)}`.trim(),
    };
  } catch (err) {
    return { webhook: hook.name, ok: false, status: null, error: describeFetchError(err, hook) };
  }
}

export async function deliverReport(
  hooks: readonly WebhookConfig[],
  message: ReportMessage,
  lang: Locale,
): Promise<ReportDeliveryResult[]> {
  return Promise.all(
    hooks.map(async (hook) => {
      const body = JSON.stringify(
        hook.format === 'slack' ? { text: reportSlackText(message, lang) } : message,
      );
      let result = await postOnce(hook, body);
      for (
        let i = 1;
        i < Math.min(ATTEMPTS, hook.maxAttempts) &&
        !result.ok &&
        (result.status === null || result.status >= 500 || result.status === 429);
        i++
      ) {
        await new Promise((r) => setTimeout(r, 1000 * 2 ** (i - 1)));
        result = await postOnce(hook, body);
      }
      if (!result.ok)
        log.warn({ webhook: hook.name, error: result.error }, 'report delivery failed');
      return result;
    }),
  );
}
