// SCAN as a stream of key batches, with the next SCAN already in flight while the caller
// compares the current batch. Never KEYS. A `quota` stops early (sample mode); a non-zero start
// cursor wraps around once through cursor 0.
import type { Redis } from 'ioredis';

export interface ScanSpec {
  cursor: string;
  /** Stop after this many keys; undefined = the whole db. */
  quota?: number;
}

export async function* scanKeys(redis: Redis, spec: ScanSpec, count: number, seen?: Set<string>): AsyncGenerator<Buffer[]> {
  const quota = spec.quota ?? Number.POSITIVE_INFINITY;
  const scan = (cursor: string) => {
    // A small quota needs no big SCAN pages.
    const p = redis.scanBuffer(cursor, 'COUNT', Math.min(count, Math.max(10, quota - taken))) as Promise<[Buffer, Buffer[]]>;
    // The prefetched SCAN may be abandoned by a cancelled caller; its failure is not news.
    p.catch(() => undefined);
    return p;
  };
  let wrapped = spec.cursor === '0';
  let taken = 0;
  let pending: Promise<[Buffer, Buffer[]]> | null = scan(spec.cursor);
  while (pending) {
    const [nextBuf, keys]: [Buffer, Buffer[]] = await pending;
    const next: string = nextBuf.toString();
    let finished = false;
    if (next === '0') {
      if (wrapped) finished = true;
      wrapped = true;
    }
    let batch = seen ? keys.filter((k) => !seen.has(k.toString('latin1'))) : keys;
    if (taken + batch.length > quota) batch = batch.slice(0, quota - taken);
    // Only keys taken count as seen: another segment may still take the rest.
    if (seen) for (const k of batch) seen.add(k.toString('latin1'));
    taken += batch.length;
    if (taken >= quota) finished = true;
    pending = finished ? null : scan(next);
    if (batch.length) yield batch;
  }
}
