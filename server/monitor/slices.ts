// Long per-node work cut into short event-loop tasks. At 1,000 nodes one pass over every node
// (1,000 socket writes that each wake a redis-server, or 1,000 rule evaluations) held the loop
// for hundreds of ms; in slices, timers, sockets and HTTP get a turn between every group.

/** Lets every pending I/O callback and timer run before continuing. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `fn` for each item in order, `size` items per event-loop task. Returns what `fn` returned, in
 * the items' order. The first slice runs after a yield too, so the caller's task ends at once;
 * with `gapMs`, each later slice waits that long (a timer) instead of a bare yield.
 */
export async function inSlices<T, R>(
  items: readonly T[],
  size: number,
  fn: (item: T, index: number) => R,
  gapMs = 0,
): Promise<R[]> {
  const out: R[] = [];
  const step = Math.max(1, Math.floor(size));
  for (let start = 0; start < items.length; start += step) {
    await (start > 0 && gapMs > 0 ? new Promise((resolve) => setTimeout(resolve, gapMs)) : yieldToLoop());
    items.slice(start, start + step).forEach((item, k) => out.push(fn(item, start + k)));
  }
  return out;
}
