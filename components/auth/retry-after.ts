// Seconds to wait from a 429's `Retry-After` header: delta-seconds or an HTTP date.
export const DEFAULT_RETRY_AFTER_S = 60;

export function retryAfterSeconds(header: string | null | undefined, nowMs: number): number {
  const value = header?.trim();
  if (!value) return DEFAULT_RETRY_AFTER_S;
  if (/^\d+$/.test(value)) return Math.max(1, Number(value));
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return DEFAULT_RETRY_AFTER_S;
  return Math.max(1, Math.ceil((at - nowMs) / 1000));
}
