// "Send test" for one webhook: a single POST with a message that says it is a test, signed like
// a real alert, no retries and no delivery row (it is about no finding). Errors are scrubbed of
// the webhook's path and query, which are often its token.
import type { WebhookTestResult } from '../../lib/contracts';
import type { WebhookConfig } from './webhook-config';
import { describeFetchError, httpError, postSigned } from './webhook-send';

const TEXT = 'ReplicaOps test message: this webhook is reachable. No action is needed.';

export function testPayload(hook: Pick<WebhookConfig, 'format'>, sentAt: number): string {
  return JSON.stringify(
    hook.format === 'slack'
      ? { text: `:white_check_mark: ${TEXT}` }
      : { event: 'test', text: TEXT, sentAt, source: 'replicaops' },
  );
}

export async function sendTestMessage(
  hook: WebhookConfig,
  now: () => number = Date.now,
): Promise<WebhookTestResult> {
  const at = now();
  const body = testPayload(hook, at);
  try {
    const { status, text } = await postSigned(hook, body, { event: 'test', at });
    const ok = status >= 200 && status < 300;
    return {
      at,
      ok,
      responseStatus: status,
      ...(ok ? {} : { error: httpError(status, text, hook.url) }),
      durationMs: now() - at,
    };
  } catch (err) {
    return { at, ok: false, error: describeFetchError(err, hook), durationMs: now() - at };
  }
}
