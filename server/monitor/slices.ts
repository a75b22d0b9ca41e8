// Long per-node work cut into short event-loop tasks. At 1,000 nodes one pass over every node
// (1,000 socket writes that each wake a redis-server, or 1,000 rule evaluations) held the loop
// for hundreds of ms; in slices, timers, sockets and HTTP get a turn between every group.

/** Lets every pending I/O callback and timer run before continuing. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `fn` for each item in order, `size` items per event-loop task. Returns what `fn` returned, in
 * the items' order. The first slice runs after a yield too, so the caller's task ends at once.
 */
export async function inSlices<T, R>(items: readonly T[], size: number, fn: (item: T, index: number) => R): Promise<R[]> {
  const out: R[] = [];
  const step = Math.max(1, Math.floor(size));
  for (let start = 0; start < items.length; start += step) {
    await yieldToLoop();
    items.slice(start, start + step).forEach((item, k) => out.push(fn(item, start + k)));
  }
  return out;
}
