// The master's responsiveness during a run: PING round trips on a connection of their own
// (`--latency` style), every 250 ms. A PING that fails or times out reports null.
import type { Redis } from 'ioredis';

const PING_EVERY_MS = 250;

/** Starts the loop; returns the function that stops it. */
export function watchLatency(ping: Redis, observe: (ms: number | null) => void, everyMs = PING_EVERY_MS): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    const t0 = performance.now();
    let ms: number | null = null;
    try {
      await ping.ping();
      ms = performance.now() - t0;
    } catch {
      // A PING that times out is the strongest reason to slow down: observe(null).
    }
    if (stopped) return;
    observe(ms);
    timer = setTimeout(() => void tick(), everyMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
