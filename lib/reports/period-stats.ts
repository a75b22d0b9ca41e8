// Period maths over rollup buckets: bounds of a day/week/month, percentiles, episodes, trends.
import { avgOf, type RollupMetric, type RollupRow } from '../history/rollup';
import type { ReportPeriod } from './report-types';

const DAY_MS = 24 * 3600_000;

/** [from, to) of the day / week (from Monday) / month containing `at`, in a zone `tzOffsetMinutes` east of UTC. */
export function periodBounds(
  period: ReportPeriod,
  at: number,
  tzOffsetMinutes = 0,
): { from: number; to: number } {
  const shift = tzOffsetMinutes * 60_000;
  const local = new Date(at + shift);
  const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  if (period === 'day') return { from: dayStart - shift, to: dayStart + DAY_MS - shift };
  if (period === 'week') {
    const sinceMonday = (local.getUTCDay() + 6) % 7;
    const from = dayStart - sinceMonday * DAY_MS;
    return { from: from - shift, to: from + 7 * DAY_MS - shift };
  }
  const from = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1);
  const to = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1);
  return { from: from - shift, to: to - shift };
}

/** Nearest-rank percentile; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? null;
}

/** Rows grouped by node and metric once per rows array: a month of 10 nodes is ~600 000 rows. */
const seriesIndex = new WeakMap<readonly RollupRow[], Map<string, readonly RollupRow[]>>();

export function seriesOf(
  rows: readonly RollupRow[],
  nodeId: string,
  metric: RollupMetric,
): readonly RollupRow[] {
  let index = seriesIndex.get(rows);
  if (!index) {
    const groups = new Map<string, RollupRow[]>();
    for (const r of rows) {
      const key = `${r.nodeId}|${r.metric}`;
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    }
    for (const g of groups.values()) g.sort((a, b) => a.bucket - b.bucket);
    index = groups;
    seriesIndex.set(rows, index);
  }
  return index.get(`${nodeId}|${metric}`) ?? [];
}

/** Minutes a 0/1 metric spent at 0 (its average below 1 × the bucket width). */
export function zeroMinutes(series: readonly RollupRow[], resMs: number): number {
  return series.reduce((m, r) => m + (1 - avgOf(r)) * (resMs / 60_000), 0);
}

/** p50 of bucket averages, p95 and max of bucket maxima (the buckets hold no raw samples). */
export function spread(
  series: readonly RollupRow[],
): { p50: number; p95: number; max: number } | null {
  if (!series.length) return null;
  const maxima = series.map((r) => r.max);
  return {
    p50: percentile(series.map(avgOf), 50) ?? 0,
    p95: percentile(maxima, 95) ?? 0,
    max: Math.max(...maxima),
  };
}

/** Consecutive buckets where `bad(row)` holds, as episodes with their peak (`peakOf`). */
export function episodes(
  series: readonly RollupRow[],
  resMs: number,
  bad: (r: RollupRow) => boolean,
  peakOf: (r: RollupRow) => number,
): Array<{ from: number; to: number; peak: number }> {
  const out: Array<{ from: number; to: number; peak: number }> = [];
  for (const r of series) {
    if (!bad(r)) continue;
    const last = out.at(-1);
    if (last && last.to >= r.bucket) {
      last.to = r.bucket + resMs;
      last.peak = Math.max(last.peak, peakOf(r));
    } else out.push({ from: r.bucket, to: r.bucket + resMs, peak: peakOf(r) });
  }
  return out;
}

/** Least-squares slope of bucket averages, per ms; null with fewer than 2 buckets or no time spread. */
export function slopePerMs(series: readonly RollupRow[]): number | null {
  if (series.length < 2) return null;
  const xs = series.map((r) => r.bucket);
  const ys = series.map(avgOf);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? 0) - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? null : num / den;
}

export const sumOf = (series: readonly RollupRow[]): number =>
  series.reduce((s, r) => s + r.sum, 0);
export const maxOf = (series: readonly RollupRow[]): number | null =>
  series.length ? Math.max(...series.map((r) => r.max)) : null;
export const minOf = (series: readonly RollupRow[]): number | null =>
  series.length ? Math.min(...series.map((r) => r.min)) : null;
