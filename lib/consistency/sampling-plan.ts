// Where a `sample` compare reads its keys: quotas per db in proportion to their sizes, each
// split into segments that start SCAN at a random cursor. SCAN walks buckets in hash order, so a
// run of buckets is already a uniform sample of keys; random starts vary it between runs.
// Never KEYS, never RANDOMKEY loops.

export interface DbKeys {
  db: number;
  keys: number;
}

export interface SampleSegment {
  db: number;
  /** SCAN cursor to start from ("0" = from the beginning). */
  cursor: string;
  quota: number;
}

/** Largest-remainder split of `total` over `weights`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

/**
 * @param random  uniform in [0, 1); injected so the plan is testable.
 * A db no larger than its quota is read whole (one segment from cursor 0).
 */
export function planSample(dbs: readonly DbKeys[], sampleSize: number, random: () => number, segmentsPerDb = 8): SampleSegment[] {
  const live = dbs.filter((d) => d.keys > 0);
  const total = live.reduce((n, d) => n + d.keys, 0);
  const quotas = apportion(Math.min(sampleSize, total), live.map((d) => d.keys));
  const plan: SampleSegment[] = [];
  live.forEach((d, i) => {
    const quota = quotas[i] ?? 0;
    if (quota <= 0) return;
    if (quota >= d.keys) return void plan.push({ db: d.db, cursor: '0', quota: d.keys });
    const segments = Math.max(1, Math.min(segmentsPerDb, Math.floor(quota / 50)));
    for (const q of apportion(quota, Array.from({ length: segments }, () => 1))) {
      if (q > 0) plan.push({ db: d.db, cursor: String(Math.floor(random() * 2 ** 32)), quota: q });
    }
  });
  return plan;
}

/** `db0:keys=12,expires=0,avg_ttl=0` lines of INFO keyspace → key counts per db. */
export function parseKeyspace(info: string): DbKeys[] {
  const out: DbKeys[] = [];
  for (const m of info.matchAll(/^db(\d+):keys=(\d+)/gm)) out.push({ db: Number(m[1]), keys: Number(m[2]) });
  return out;
}
