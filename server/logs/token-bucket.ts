// Per-key token bucket (tokens = log lines): a runaway shipper gets 429s instead of starving the
// event loop and the other senders.
export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    /** Buckets kept; full (idle) ones are dropped first when it is exceeded. */
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, n: number): TakeResult {
    const now = this.now();
    const b = this.refill(key, now);
    // A batch bigger than the burst could never pass: let it through on a full bucket and go into
    // debt, so the sender waits for the whole batch's worth afterwards.
    const need = Math.min(n, this.burst);
    if (b.tokens >= need) {
      b.tokens -= n;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((need - b.tokens) / this.ratePerSec) * 1000) };
  }

  private refill(key: string, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
      return b;
    }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.ratePerSec);
    b.at = now;
    return b;
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.ratePerSec >= this.burst) this.buckets.delete(key);
    }
    // Still full of busy senders: forget the oldest rather than grow without bound.
    while (this.buckets.size >= this.maxKeys) {
      const first = this.buckets.keys().next().value;
      if (first === undefined) break;
      this.buckets.delete(first);
    }
  }
}
