// Rollup maths for long history: per node, per metric and per time bucket, the count, sum,
// min and max of the values seen. Buckets merge (two partial aggregates of the same bucket
// add up), so the server can flush an open bucket and add to it after a restart.
export const ROLLUP_METRICS = [
  /** 1 when the node answered the poll, 0 when not: the average is the reachable share. */
  'reachable',
  /** Replicas only: 1 when the link to the upstream is up. */
  'linkUp',
  /** Milliseconds unreachable / link down since the previous cycle: the sum is the downtime. */
  'unreachableMs',
  'linkDownMs',
  'lagSeconds',
  'offsetGapBytes',
  /** Heartbeat delay (only when the heartbeat runs). */
  'realDelayMs',
  'memoryUsedBytes',
  'memoryPct',
  'maxmemoryBytes',
  'opsPerSec',
  'cpuPct',
  /** Replication stream produced, bytes/s. */
  'replOffsetRate',
  'replOutputKbps',
  'replInputKbps',
  /** Counter increases: the sum is the increase within the bucket. */
  'syncFullDelta',
  'syncPartialOkDelta',
  'syncPartialErrDelta',
  /** 1 when rdb_last_bgsave_status / aof_last_bgrewrite_status read ok. */
  'rdbBgsaveOk',
  'aofRewriteOk',
  /** Seconds since the last successful RDB save, as INFO shows it. */
  'rdbSaveAgeSeconds',
  'forkUsec',
] as const;
export type RollupMetric = (typeof ROLLUP_METRICS)[number];

export const COUNTER_METRICS: ReadonlySet<RollupMetric> = new Set([
  'syncFullDelta',
  'syncPartialOkDelta',
  'syncPartialErrDelta',
  'unreachableMs',
  'linkDownMs',
]);

const ROLLUP_METRIC_SET: ReadonlySet<string> = new Set(ROLLUP_METRICS);

/** Asked for every node's every metric twice a poll (one per resolution): a set, not a scan. */
export function isRollupMetric(v: string): v is RollupMetric {
  return ROLLUP_METRIC_SET.has(v);
}

export interface Agg {
  count: number;
  sum: number;
  min: number;
  max: number;
}

export interface RollupRow extends Agg {
  /** Bucket width in ms (60 000 or 900 000 by default). */
  resMs: number;
  nodeId: string;
  metric: RollupMetric;
  /** Bucket start, ms since epoch, a multiple of resMs. */
  bucket: number;
}

export type RollupValues = Partial<Record<RollupMetric, number | null>>;

export const bucketStart = (t: number, resMs: number): number => Math.floor(t / resMs) * resMs;

export function mergeAgg(a: Agg, b: Agg): Agg {
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}

export const avgOf = (a: Agg): number => (a.count ? a.sum / a.count : 0);

/** Collects samples into buckets of several widths until `drain` hands them over. */
export class RollupAccumulator {
  /**
   * Open buckets by `resolution|node|bucket start`, then by metric. One key per node and
   * resolution per sample (not per metric), and rows updated in place: this runs for every node
   * on every poll.
   */
  private buckets = new Map<string, Map<string, RollupRow>>();

  constructor(private readonly resolutions: readonly number[]) {}

  add(nodeId: string, t: number, values: RollupValues): void {
    for (const resMs of this.resolutions) {
      const bucket = bucketStart(t, resMs);
      const key = `${resMs}|${nodeId}|${bucket}`;
      let rows = this.buckets.get(key);
      if (!rows) this.buckets.set(key, (rows = new Map()));
      for (const metric in values) {
        if (!isRollupMetric(metric)) continue;
        const v = values[metric];
        if (v === null || v === undefined || !Number.isFinite(v)) continue;
        const row = rows.get(metric);
        if (!row) {
          rows.set(metric, { resMs, nodeId, metric, bucket, count: 1, sum: v, min: v, max: v });
          continue;
        }
        row.count += 1;
        row.sum += v;
        if (v < row.min) row.min = v;
        if (v > row.max) row.max = v;
      }
    }
  }

  private rows(): RollupRow[] {
    const out: RollupRow[] = [];
    for (const rows of this.buckets.values()) for (const row of rows.values()) out.push(row);
    return out;
  }

  /** Every bucket collected so far (open ones too: the store merges them), then empty. */
  drain(): RollupRow[] {
    const rows = this.rows();
    this.buckets = new Map();
    return rows;
  }

  /** Copies of the collected buckets (not yet written), for queries that must see the last minute. */
  peek(filter: (r: RollupRow) => boolean): RollupRow[] {
    return this.rows()
      .filter(filter)
      .map((r) => ({ ...r }));
  }

  /** Open rows (one per resolution, node, metric and bucket). */
  get size(): number {
    let n = 0;
    for (const rows of this.buckets.values()) n += rows.size;
    return n;
  }
}

/** Merges rows of the same (resMs, node, metric, bucket). */
export function mergeRows(rows: readonly RollupRow[]): RollupRow[] {
  const out = new Map<string, RollupRow>();
  for (const r of rows) {
    const key = `${r.resMs}|${r.nodeId}|${r.metric}|${r.bucket}`;
    const prev = out.get(key);
    out.set(key, prev ? { ...prev, ...mergeAgg(prev, r) } : { ...r });
  }
  return [...out.values()];
}

/** Oldest bucket start each resolution keeps at `now`. */
export function retentionCutoffs(
  now: number,
  keep: ReadonlyArray<{ resMs: number; retentionMs: number }>,
): Array<{ resMs: number; before: number }> {
  return keep.map((k) => ({ resMs: k.resMs, before: bucketStart(now - k.retentionMs, k.resMs) }));
}

/** Chart points from buckets: counters as their increase, gauges as the average. */
export function rowsToPoints(
  rows: readonly RollupRow[],
): Array<{ t: number; v: number | null; min: number; max: number }> {
  return [...rows]
    .sort((a, b) => a.bucket - b.bucket)
    .map((r) => ({
      t: r.bucket,
      v: COUNTER_METRICS.has(r.metric) ? r.sum : avgOf(r),
      min: r.min,
      max: r.max,
    }));
}

/** The finest resolution whose retention covers `sinceMs`. */
export function pickResolution(
  now: number,
  sinceMs: number,
  keep: ReadonlyArray<{ resMs: number; retentionMs: number }>,
): number | null {
  const sorted = [...keep].sort((a, b) => a.resMs - b.resMs);
  return sorted.find((k) => now - k.retentionMs <= sinceMs)?.resMs ?? sorted.at(-1)?.resMs ?? null;
}
