// Bounded impact of a compare run: a keys/s cap, a slow-down while the master's latency is
// high, and the rate/ETA the progress bar shows. Clocks are passed in, so all of it is testable.

/** Virtual-time pacer: `delayFor(n, now)` says how long to wait before reading n more keys. */
export class Pacer {
  private nextAt = 0;
  factor = 1;

  constructor(private readonly ratePerSec: number) {}

  get effectiveRate(): number {
    return this.ratePerSec * this.factor;
  }

  delayFor(keys: number, nowMs: number): number {
    // Idle time is not saved up: a pause must not turn into a burst afterwards.
    const start = Math.max(this.nextAt, nowMs);
    this.nextAt = start + (keys * 1000) / this.effectiveRate;
    return start - nowMs;
  }
}

/** Halves the pace when the master's PING is above the threshold, recovers slowly below half of it. */
export class LatencyBackoff {
  backoffs = 0;

  constructor(
    private readonly pacer: Pacer,
    private readonly thresholdMs: number,
    private readonly minFactor = 1 / 64,
  ) {}

  /** `latencyMs` null: the PING timed out, the strongest signal there is. */
  observe(latencyMs: number | null): void {
    if (latencyMs === null || latencyMs > this.thresholdMs) {
      if (this.pacer.factor > this.minFactor) this.backoffs++;
      this.pacer.factor = Math.max(this.minFactor, this.pacer.factor / 2);
    } else if (latencyMs < this.thresholdMs / 2) {
      this.pacer.factor = Math.min(1, this.pacer.factor * 1.25);
    }
  }
}

/** Rate over a sliding window and the ETA it implies. */
export class ProgressMeter {
  private readonly points: Array<[number, number]> = [];

  constructor(private readonly windowMs = 5000) {}

  update(done: number, nowMs: number): void {
    this.points.push([nowMs, done]);
    while (this.points.length > 2 && (this.points[0]?.[0] ?? nowMs) < nowMs - this.windowMs) this.points.shift();
  }

  progress(done: number, total: number): { done: number; total: number; rate: number; etaMs: number | null } {
    const first = this.points[0];
    const last = this.points[this.points.length - 1];
    const span = first && last ? last[0] - first[0] : 0;
    const rate = first && last && span > 0 ? ((last[1] - first[1]) * 1000) / span : 0;
    const left = Math.max(0, total - done);
    return { done, total: Math.max(total, done), rate: Math.round(rate), etaMs: rate > 0 ? Math.round((left * 1000) / rate) : null };
  }
}
