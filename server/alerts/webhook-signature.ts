// HMAC signing of webhook bodies. A receiver recomputes the HMAC over the raw body bytes it got
// (before any JSON parsing) and compares in constant time, so a forged or altered alert is dropped.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-ReplicaOps-Signature';

/** `sha256=<hex HMAC-SHA256 of the exact body>` — the value of X-ReplicaOps-Signature. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when `header` is the signature of `body` under `secret`; false for anything malformed. */
export function verifySignature(
  secret: string,
  body: string | Buffer,
  header: string | string[] | undefined | null,
): boolean {
  if (typeof header !== 'string' || !/^sha256=[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = Buffer.from(signBody(secret, body), 'utf8');
  const given = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
