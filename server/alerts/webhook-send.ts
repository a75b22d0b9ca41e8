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

export interface SignedPost {
  /** `x-replicaops-event`: alert events, `report`, `test`. */
  event: string;
  /** Sent as `x-replicaops-timestamp` (seconds). */
  at: number;
  /** `x-replicaops-delivery`: the delivery row's id, for alerts. */
  delivery?: number;
  signal?: AbortSignal;
}

/**
 * One POST of a JSON body to a webhook, signed with its secret (alerts, reports and the test
 * message alike). Answers the status and the response text; throws what fetch throws.
 */
export async function postSigned(
  hook: WebhookConfig,
  body: string,
  o: SignedPost,
): Promise<{ status: number; text: string; headers: Headers }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'ReplicaOps-Webhook/1',
    'x-replicaops-event': o.event,
    ...(o.delivery === undefined ? {} : { 'x-replicaops-delivery': String(o.delivery) }),
    'x-replicaops-timestamp': String(Math.floor(o.at / 1000)),
  };
  if (hook.secret) headers['x-replicaops-signature'] = signBody(hook.secret, body);
  const timeout = AbortSignal.timeout(hook.timeoutMs);
  const res = await fetch(hook.url, {
    method: 'POST',
    headers,
    body,
    // A redirect would carry a signed message to a host nobody configured.
    redirect: 'manual',
    signal: o.signal ? AbortSignal.any([timeout, o.signal]) : timeout,
  });
  // Drain the body so the connection can be reused; its start also explains a rejection.
  const text = await res.text().catch(() => '');
  return { status: res.status, text, headers: res.headers };
}

/** `HTTP 404: <start of the answer>`, without the webhook's URL (a 404 page may echo its token). */
export function httpError(status: number, text: string, webhookUrl: string): string {
  const snippet = scrubUrl(text.replace(/\s+/g, ' ').trim(), webhookUrl).slice(0, SNIPPET_MAX);
  return `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
}

export async function sendOnce(
  hook: WebhookConfig,
  row: DeliveryRow,
  now: number,
  stopSignal: AbortSignal,
): Promise<SendResult> {
  const { status, text, headers } = await postSigned(hook, row.payload, {
    event: row.event,
    delivery: row.id,
    at: now,
    signal: stopSignal,
  });
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  const error = httpError(status, text, hook.url);
  if (status >= 300 && status < 400)
    return {
      kind: 'fail',
      status,
      error: `${error} (redirect: point the webhook at the final URL)`,
    };
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'), now);
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
  const cause = prop(err, 'cause');
  const code = text(prop(cause, 'code'));
  const causeMessage = text(prop(cause, 'message'));
  let out: string;
  if (prop(err, 'name') === 'TimeoutError') out = `no answer within ${hook.timeoutMs} ms`;
  else if (code) out = `${code}${causeMessage ? ` (${causeMessage})` : ''}`;
  else out = causeMessage ?? text(prop(err, 'message')) ?? String(err);
  return scrubUrl(out, hook.url).slice(0, 300);
}

/** A property of a thrown value, whatever was thrown (fetch throws TypeError with a cause). */
function prop(v: unknown, key: 'name' | 'message' | 'code' | 'cause'): unknown {
  if (typeof v !== 'object' || v === null) return undefined;
  const value: unknown = Reflect.get(v, key);
  return value;
}
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

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
