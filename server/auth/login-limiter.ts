// Login limiting with a progressive delay, never a lockout: a few free failures, then each try
// must wait twice as long as the one before (up to a cap) after the last failure. Keyed twice:
// by user name across every address (a password guessed from many addresses), and by address
// across every name (many names tried from one place). Unknown names use the same key space.
// Every attempt counts as a failure the moment it starts, so parallel guesses cannot slip past
// the count while their hashes are computed; a success gives its count back.

export interface DelayPolicy {
  /** Failures allowed before any delay. */
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key whose last failure is older than this starts afresh. */
  forgetAfterMs: number;
}

export const USER_POLICY: DelayPolicy = {
  free: 5,
  baseDelayMs: 2000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
};
export const ADDRESS_POLICY: DelayPolicy = {
  free: 20,
  baseDelayMs: 2000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
};

const MAX_KEYS = 50_000;

export function delayAfter(failures: number, p: DelayPolicy): number {
  if (failures < p.free) return 0;
  return Math.min(p.baseDelayMs * 2 ** Math.min(failures - p.free, 30), p.maxDelayMs);
}

export class ProgressiveLimiter {
  private readonly keys = new Map<string, { failures: number; lastAt: number }>();

  constructor(private readonly policy: DelayPolicy) {}

  /** Milliseconds until `key` may try again (0: now); counts nothing. */
  wait(key: string, now = Date.now()): number {
    const k = this.keys.get(key);
    if (!k || now - k.lastAt > this.policy.forgetAfterMs) return 0;
    return Math.max(0, k.lastAt + delayAfter(k.failures, this.policy) - now);
  }

  /** A try starts: it counts as a failure until it succeeds. */
  count(key: string, now = Date.now()): void {
    this.sweep(now);
    const k = this.keys.get(key);
    if (!k || now - k.lastAt > this.policy.forgetAfterMs)
      this.keys.set(key, { failures: 1, lastAt: now });
    else {
      k.failures++;
      k.lastAt = now;
    }
  }

  /** `wait`, and when it is 0, `count`. */
  take(key: string, now = Date.now()): number {
    const wait = this.wait(key, now);
    if (wait === 0) this.count(key, now);
    return wait;
  }

  /** The try failed: the delay runs from when the answer was known. */
  failed(key: string, now = Date.now()): void {
    const k = this.keys.get(key);
    if (k) k.lastAt = Math.max(k.lastAt, now);
  }

  /** The try succeeded: give back its count (`forget` clears the key's history too). */
  succeeded(key: string, forget: boolean): void {
    const k = this.keys.get(key);
    if (!k) return;
    if (forget || k.failures <= 1) this.keys.delete(key);
    else k.failures--;
  }

  private sweep(now: number): void {
    if (this.keys.size < MAX_KEYS) return;
    for (const [key, k] of this.keys)
      if (now - k.lastAt > this.policy.forgetAfterMs) this.keys.delete(key);
    // Still full (a spray of names from many addresses): drop the oldest entries, never grow.
    for (const key of this.keys.keys()) {
      if (this.keys.size < MAX_KEYS * 0.9) break;
      this.keys.delete(key);
    }
  }
}
