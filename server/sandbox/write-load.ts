// A gentle, steady write load so offsets, lag and charts move. The key space is bounded
// (about 1 200 keys, lists trimmed), so memory stays flat however long the demo runs.
import type { Redis } from 'ioredis';
import { logger } from '../logger';

const log = logger('sandbox');
const TICK_MS = 100;
const PREFIX = 'replicaops:load:';

export class WriteLoad {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private carry = 0;
  private seq = 0;
  private isFailing = false;
  /** Commands acknowledged by the master since start (for tests and the demo's banner). */
  ops = 0;

  constructor(
    private readonly client: Redis,
    private readonly opsPerSec: number,
  ) {
    if (!(opsPerSec > 0)) throw new Error(`writeLoad.opsPerSec must be > 0, got ${opsPerSec}`);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // The client is lazy: connect before the first batch so it does not fail as "offline".
    void this.client
      .connect()
      .catch(() => undefined) // the loop reports failures itself
      .finally(() => this.schedule(0));
  }

  /** Stops the loop and closes its connection; the in-flight batch may still land. */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.client.disconnect();
  }

  // Self-rescheduling timeout: a slow or paused master can never make two batches overlap.
  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    const started = Date.now();
    const wanted = (this.opsPerSec * TICK_MS) / 1000 + this.carry;
    const count = Math.floor(wanted);
    this.carry = wanted - count;
    if (count > 0) {
      const batch = this.client.pipeline();
      for (let i = 0; i < count; i++) this.addOp(batch, this.seq++);
      try {
        const results = (await batch.exec()) ?? [];
        const failed = results.find(([err]) => err)?.[0];
        if (failed) throw failed;
        this.ops += count;
        if (this.isFailing) log.info('write load resumed');
        this.isFailing = false;
      } catch (err) {
        // Expected during drills (master killed or paused): say so once, keep trying.
        if (!this.isFailing)
          log.warn({ err: (err as Error).message }, 'write load failing; will keep retrying');
        this.isFailing = true;
      }
    }
    this.schedule(Math.max(0, TICK_MS - (Date.now() - started)));
  }

  private addOp(batch: ReturnType<Redis['pipeline']>, n: number): void {
    const value = `${n}:${Date.now()}:`.padEnd(64, 'x');
    switch (n % 4) {
      case 0:
        batch.set(`${PREFIX}str:${n % 1000}`, value);
        break;
      case 1:
        batch.incr(`${PREFIX}counter:${n % 100}`);
        break;
      case 2:
        batch.hset(`${PREFIX}hash:${n % 100}`, `f${n % 50}`, value);
        break;
      default:
        batch.lpush(`${PREFIX}list:${n % 20}`, value);
        batch.ltrim(`${PREFIX}list:${n % 20}`, 0, 99);
    }
  }
}
