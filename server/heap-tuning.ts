// How far V8 lets the heap grow between two full garbage collections. By default the old
// generation may grow to up to 4× what survived the last one when the process allocates fast —
// and watching 1,000 nodes is allocating fast: every poll's parsed INFO, each cycle's topology
// and deltas live about a second, long enough to be promoted, then die. The measured effect at
// 1,000 nodes (docs/performance.md, "Heap growth at 1,000 nodes"): RSS 578–620 MB with V8's
// heuristics, 416 MB with a fixed growth of 2× (367–370 MB at 1.5×, which cost CPU), CPU per
// node within the runs' noise. Set at startup of the server process (dist/server.js, the profile
// entry); a `--heap-growing-percent` on the node command line wins (0 = V8's own heuristics).
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 100;

/** Applies the growth limit unless the command line chose one. Returns whether it applied it. */
export function tuneHeap(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a))) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
