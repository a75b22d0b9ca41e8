// What a reader of a node's in-memory series may ask for beyond "points since t". The diagnosis
// runs every poll over every node: at 1,000 nodes and a full hour of history, reading whole
// windows as point objects (600 per node for a 10-minute window, only to sum a counter delta that
// is almost always 0) cost more than everything else in a cycle.
import type { HistoryPoint } from '../contracts';

export interface HistoryQueryOptions {
  /**
   * Leave out points whose value is 0, except the window's first point (it dates the window).
   * For per-poll delta series, where a sum and the non-zero points are all a reader needs.
   */
  dropZeros?: boolean;
  /** Only the newest `newest` points of the window. */
  newest?: number;
}

/**
 * The points of `points` (oldest first) a query selects: `t ≥ sinceMs`, then the options. The
 * reference for every store of series (server/monitor/history.ts answers the same from its rings).
 */
export function selectPoints(points: readonly HistoryPoint[], sinceMs: number, opts: HistoryQueryOptions = {}): HistoryPoint[] {
  let out = points.filter((p) => p.t >= sinceMs);
  if (opts.dropZeros) out = out.filter((p, i) => i === 0 || p.v !== 0);
  if (opts.newest !== undefined) out = out.slice(Math.max(0, out.length - Math.max(0, Math.floor(opts.newest))));
  return out;
}
