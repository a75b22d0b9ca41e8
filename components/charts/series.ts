// Pure helpers for live chart series: merge history with live samples, trim, downsample.
import type { HistoryMetric, HistoryPoint, NodeSample } from '@/lib/contracts';

export type SeriesMap = Partial<Record<HistoryMetric, HistoryPoint[]>>;

/** Union of two time-sorted series; on equal `t` the point from `b` wins. */
export function mergePoints(
  a: readonly HistoryPoint[],
  b: readonly HistoryPoint[],
): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const pa = a[i];
    const pb = b[j];
    if (pb === undefined || (pa !== undefined && pa.t < pb.t)) {
      out.push(pa!);
      i += 1;
    } else if (pa === undefined || pb.t < pa.t) {
      out.push(pb);
      j += 1;
    } else {
      out.push(pb);
      i += 1;
      j += 1;
    }
  }
  return out;
}

/** Points with `t >= sinceMs` (series are sorted, so this is a suffix). */
export function trimBefore(points: readonly HistoryPoint[], sinceMs: number): HistoryPoint[] {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t < sinceMs) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? (points as HistoryPoint[]) : points.slice(lo);
}

/** Appends one live sample to every metric it carries, dropping points older than `keepMs`. */
export function appendSample(series: SeriesMap, sample: NodeSample, keepMs: number): SeriesMap {
  const next: SeriesMap = { ...series };
  for (const [metric, v] of Object.entries(sample.values) as [HistoryMetric, number | null][]) {
    const prev = series[metric] ?? [];
    const last = prev[prev.length - 1];
    const point = { t: sample.t, v };
    const merged = !last || last.t < sample.t ? [...prev, point] : mergePoints(prev, [point]);
    next[metric] = trimBefore(merged, sample.t - keepMs);
  }
  return next;
}

/**
 * At most `max` points for drawing: each bucket keeps its largest value, because a spike of
 * lag or gap is what the operator must not miss.
 */
export function downsampleMax(points: readonly HistoryPoint[], max: number): HistoryPoint[] {
  if (points.length <= max) return points as HistoryPoint[];
  const size = Math.ceil(points.length / max);
  const out: HistoryPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    let pick: HistoryPoint | null = null;
    for (let k = i; k < Math.min(i + size, points.length); k += 1) {
      const p = points[k]!;
      if (pick === null || (p.v !== null && (pick.v === null || p.v > pick.v))) pick = p;
    }
    if (pick) out.push(pick);
  }
  return out;
}

/**
 * Inserts a null point wherever two neighbours are more than `maxGapMs` apart, so the line
 * breaks over a hole in the data (dashboard restart, missed polls) instead of bridging it.
 */
export function withGapBreaks(points: readonly HistoryPoint[], maxGapMs: number): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (let i = 0; i < points.length; i += 1) {
    const p = points[i]!;
    const prev = points[i - 1];
    if (prev && p.t - prev.t > maxGapMs) out.push({ t: prev.t + 1, v: null });
    out.push(p);
  }
  return out;
}

/**
 * Round-time ticks across [from, to]: every minute for 5 min, 3 min for 15 min, 10 min for 1 h,
 * 3 h for 24 h, a day for 7 d and 5 days for 30 d (a handful per axis at every window).
 */
export function timeTicks(from: number, to: number): number[] {
  const span = to - from;
  const H = 3600_000;
  const step =
    span <= 5 * 60_000 ? 60_000 : span <= 15 * 60_000 ? 3 * 60_000 : span <= H ? 10 * 60_000 : span <= 24 * H ? 3 * H : span <= 7 * 24 * H ? 24 * H : 5 * 24 * H;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}
