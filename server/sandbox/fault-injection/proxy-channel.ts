// One direction of a proxied TCP connection: delays, rate-limits or holds bytes, in order,
// with bounded memory (the source socket is paused instead of buffering without limit).
import type { Socket } from 'node:net';

/** Shared token bucket: one per proxy and direction, so a cap holds across reconnects too. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  /** Largest slice sent at once: 50 ms of traffic, so the cap stays smooth at any rate. */
  readonly capacity: number;

  constructor(readonly bytesPerSec: number) {
    if (!(bytesPerSec > 0)) throw new Error(`bandwidth must be > 0 bytes/s, got ${bytesPerSec}`);
    this.capacity = Math.max(256, Math.floor(bytesPerSec / 20));
    this.tokens = this.capacity;
  }

  /** Bytes that may go now (0 until a worthwhile slice has accumulated). */
  take(wanted: number): number {
    this.refill();
    const slice = Math.min(wanted, this.capacity);
    if (this.tokens < slice) return 0;
    this.tokens -= slice;
    return slice;
  }

  /** Milliseconds until take(wanted) can grant something. */
  waitMs(wanted: number): number {
    this.refill();
    const missing = Math.min(wanted, this.capacity) - this.tokens;
    return Math.max(1, Math.ceil((missing / this.bytesPerSec) * 1000));
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) / 1000) * this.bytesPerSec,
    );
    this.last = now;
  }
}

export interface ChannelShaping {
  /** True while the link is black-holed: nothing moves, the source is not read. */
  isHeld(): boolean;
  latencyMs(): number;
  bucket(): TokenBucket | undefined;
  delivered(bytes: number): void;
}

interface Pending {
  data: Buffer;
  dueAt: number;
}

export class Channel {
  private readonly queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private isWaitingDrain = false;
  private isSourceEnded = false;
  private isFinished = false;

  constructor(
    private readonly src: Socket,
    private readonly dst: Socket,
    private readonly shaping: ChannelShaping,
    private readonly maxQueuedBytes: number,
  ) {
    src.on('data', (chunk: Buffer) => this.push(chunk));
    // A FIN is data too: it is delivered after the bytes before it, with the same delay.
    src.on('end', () => {
      this.isSourceEnded = true;
      this.pump();
    });
    dst.on('drain', () => {
      this.isWaitingDrain = false;
      this.pump();
    });
    this.pump();
  }

  get queuedBytes(): number {
    return this.queued;
  }

  /** Delivers whatever is due; re-arms its timer for the rest. Safe to call any time. */
  pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dst.destroyed) return;
    if (this.shaping.isHeld()) {
      // The kernel's socket buffers fill up and TCP flow control stops the sender: the
      // same thing a real black hole does to a sender waiting for ACKs.
      this.src.pause();
      return;
    }
    while (!this.isWaitingDrain) {
      const head = this.queue[0];
      if (!head) break;
      const wait = head.dueAt - Date.now();
      if (wait > 0) {
        this.schedule(wait);
        break;
      }
      const bucket = this.shaping.bucket();
      const grant = bucket ? bucket.take(head.data.length) : head.data.length;
      if (grant === 0) {
        this.schedule(bucket?.waitMs(head.data.length) ?? 1);
        break;
      }
      const slice = head.data.subarray(0, grant);
      head.data = head.data.subarray(grant);
      if (head.data.length === 0) this.queue.shift();
      this.queued -= grant;
      this.shaping.delivered(grant);
      if (!this.dst.write(slice)) this.isWaitingDrain = true;
    }
    this.adjustSource();
    if (this.queue.length === 0 && this.isSourceEnded && !this.isFinished) {
      this.isFinished = true;
      this.dst.end();
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private push(chunk: Buffer): void {
    this.queue.push({ data: chunk, dueAt: Date.now() + this.shaping.latencyMs() });
    this.queued += chunk.length;
    this.pump();
  }

  // Backpressure: stop reading above the cap, read again once half of it has gone out.
  private adjustSource(): void {
    if (this.shaping.isHeld() || this.queued >= this.maxQueuedBytes) this.src.pause();
    else if (this.queued <= this.maxQueuedBytes / 2 && !this.isWaitingDrain) this.src.resume();
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.pump(), Math.max(1, ms));
  }
}
