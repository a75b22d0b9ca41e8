// Fixed-window counter per key: `limit` attempts per `windowMs`. Returns how long to wait.
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** 0 when allowed (and counted), else milliseconds until the window resets. */
  take(key: string, now = Date.now()): number {
    if (this.hits.size > 10_000) this.sweep(now);
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    if (h.count >= this.limit) return h.resetAt - now;
    h.count++;
    return 0;
  }

  /** Forget a key (e.g. after a successful login, so only failures count). */
  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= now) this.hits.delete(k);
  }
}
