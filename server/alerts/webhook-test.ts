// "Send test" for one webhook: a single POST with a message that says it is a test, signed like
// a real alert, no retries and no delivery row (it is about no finding). Errors are scrubbed of
// the webhook's path and query, which are often its token.
import type { WebhookTestResult } from '../../lib/contracts';
import type { WebhookConfig } from './webhook-config';
import { describeFetchError, scrubUrl } from './webhook-send';
import { signBody } from './webhook-signature';

const TEXT = 'ReplicaOps test message: this webhook is reachable. No action is needed.';

export function testPayload(hook: Pick<WebhookConfig, 'format'>, sentAt: number): string {
  return JSON.stringify(
    hook.format === 'slack'
      ? { text: `:white_check_mark: ${TEXT}` }
      : { event: 'test', text: TEXT, sentAt, source: 'replicaops' },
  );
}

export async function sendTestMessage(hook: WebhookConfig, now: () => number = Date.now): Promise<WebhookTestResult> {
  const at = now();
  const body = testPayload(hook, at);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'ReplicaOps-Webhook/1',
    'x-replicaops-event': 'test',
    'x-replicaops-timestamp': String(Math.floor(at / 1000)),
  };
  if (hook.secret) headers['x-replicaops-signature'] = signBody(hook.secret, body);
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(hook.timeoutMs),
    });
    const text = await res.text().catch(() => '');
    const ok = res.status >= 200 && res.status < 300;
    const snippet = scrubUrl(text.replace(/\s+/g, ' ').trim(), hook.url).slice(0, 200);
    return {
      at,
      ok,
      responseStatus: res.status,
      ...(ok ? {} : { error: `HTTP ${res.status}${snippet ? `: ${snippet}` : ''}` }),
      durationMs: now() - at,
    };
  } catch (err) {
    return { at, ok: false, error: describeFetchError(err, hook), durationMs: now() - at };
  }
}
