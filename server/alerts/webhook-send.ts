// One HTTP attempt of one delivery, classified: delivered, retry later, or give up now. A 4xx
// (other than 408/429) means the receiver rejects this request as it is; retrying cannot help.
import { redactUrl } from '../../lib/redact';
import type { DeliveryRow } from './delivery-store';
import type { WebhookConfig } from './webhook-config';
import { signBody } from './webhook-signature';

export type SendResult =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status: number | null; error: string; retryAfterMs?: number }
  | { kind: 'fail'; status: number | null; error: string };

const SNIPPET_MAX = 200;

export async function sendOnce(
  hook: WebhookConfig,
  row: DeliveryRow,
  now: number,
  stopSignal: AbortSignal,
): Promise<SendResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'ReplicaOps-Webhook/1',
    'x-replicaops-event': row.event,
    'x-replicaops-delivery': String(row.id),
    'x-replicaops-timestamp': String(Math.floor(now / 1000)),
  };
  if (hook.secret) headers['x-replicaops-signature'] = signBody(hook.secret, row.payload);
  const res = await fetch(hook.url, {
    method: 'POST',
    headers,
    body: row.payload,
    // A redirect would carry a signed alert to a host nobody configured.
    redirect: 'manual',
    signal: AbortSignal.any([AbortSignal.timeout(hook.timeoutMs), stopSignal]),
  });
  // Drain the body so the connection can be reused; its start also explains a rejection.
  const text = await res.text().catch(() => '');
  const status = res.status;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  // A receiver may echo the URL it was called on (a 404 page): that path is the token.
  const snippet = scrubUrl(text.replace(/\s+/g, ' ').trim(), hook.url).slice(0, SNIPPET_MAX);
  const error = `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
  if (status >= 300 && status < 400)
    return {
      kind: 'fail',
      status,
      error: `${error} (redirect: point the webhook at the final URL)`,
    };
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now);
    return retryAfterMs === undefined
      ? { kind: 'retry', status, error }
      : { kind: 'retry', status, error, retryAfterMs };
  }
  return { kind: 'fail', status, error };
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A network error in words, without the webhook URL (its path is often the token). */
export function describeFetchError(
  err: unknown,
  hook: Pick<WebhookConfig, 'url' | 'timeoutMs'>,
): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  let text: string;
  if (e.name === 'TimeoutError') text = `no answer within ${hook.timeoutMs} ms`;
  else if (e.cause?.code) text = `${e.cause.code}${e.cause.message ? ` (${e.cause.message})` : ''}`;
  else text = e.cause?.message ?? e.message ?? String(err);
  return scrubUrl(text, hook.url).slice(0, 300);
}

/** Removes the webhook's URL, path and query from text (and credentials of any URL in it). */
export function scrubUrl(text: string, webhookUrl: string): string {
  const url = new URL(webhookUrl);
  let out = text;
  for (const part of [webhookUrl, url.pathname + url.search, url.pathname, url.search].filter(
    (s) => s.length > 1,
  ))
    out = out.split(part).join('…');
  return redactUrl(out);
}

/** `backoffMs · 2^(n−1)` ± jitter, capped; a receiver's Retry-After wins when it asks for longer. */
export function backoffDelay(
  attempts: number,
  retryAfterMs: number | undefined,
  o: { backoffMs: number; maxBackoffMs: number; jitter: number; random: () => number },
): number {
  const nominal = Math.min(o.maxBackoffMs, o.backoffMs * 2 ** Math.max(0, attempts - 1));
  const spread = nominal * (1 + o.jitter * (2 * o.random() - 1));
  return Math.round(Math.min(o.maxBackoffMs, Math.max(retryAfterMs ?? 0, spread)));
}
