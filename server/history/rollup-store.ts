// Rollup rows in SQLite: merged on write (a bucket flushed twice adds up), pruned by age.
import { z } from 'zod';
import { ROLLUP_METRICS, type RollupMetric, type RollupRow } from '../../lib/history/rollup';
import type { Db } from '../store/database';

const RowSchema = z.object({
  res_ms: z.number(),
  node_id: z.string(),
  metric: z.enum(ROLLUP_METRICS),
  bucket: z.number(),
  count: z.number(),
  sum: z.number(),
  min: z.number(),
  max: z.number(),
});

const toRow = (r: unknown): RollupRow => {
  const p = RowSchema.parse(r);
  return {
    resMs: p.res_ms,
    nodeId: p.node_id,
    metric: p.metric,
    bucket: p.bucket,
    count: p.count,
    sum: p.sum,
    min: p.min,
    max: p.max,
  };
};

export class RollupStore {
  private readonly upsert;
  private readonly selectOne;
  private readonly selectNode;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`
      INSERT INTO history_rollups (res_ms, node_id, metric, bucket, count, sum, min, max)
      VALUES (@resMs, @nodeId, @metric, @bucket, @count, @sum, @min, @max)
      ON CONFLICT (res_ms, bucket, node_id, metric) DO UPDATE SET
        count = count + excluded.count, sum = sum + excluded.sum,
        min = MIN(min, excluded.min), max = MAX(max, excluded.max)`);
    this.selectOne = db.prepare(
      'SELECT * FROM history_rollups WHERE res_ms = ? AND bucket >= ? AND bucket < ? AND node_id = ? AND metric = ? ORDER BY bucket',
    );
    this.selectNode = db.prepare(
      'SELECT * FROM history_rollups WHERE res_ms = ? AND bucket >= ? AND bucket < ? ORDER BY bucket',
    );
  }

  /** One transaction for the whole batch. */
  write(rows: readonly RollupRow[]): void {
    if (!rows.length) return;
    this.db.transaction(() => {
      for (const r of rows) this.upsert.run(r);
    })();
  }

  series(
    resMs: number,
    nodeId: string,
    metric: RollupMetric,
    from: number,
    to: number,
  ): RollupRow[] {
    return this.selectOne.all(resMs, from, to, nodeId, metric).map(toRow);
  }

  /** Every node and metric of one resolution in [from, to). */
  range(resMs: number, from: number, to: number): RollupRow[] {
    return this.selectNode.all(resMs, from, to).map(toRow);
  }

  /** Deletes buckets older than each cutoff; returns rows removed. */
  prune(cutoffs: ReadonlyArray<{ resMs: number; before: number }>): number {
    const del = this.db.prepare('DELETE FROM history_rollups WHERE res_ms = ? AND bucket < ?');
    let n = 0;
    this.db.transaction(() => {
      for (const c of cutoffs) n += del.run(c.resMs, c.before).changes;
    })();
    return n;
  }

  count(): number {
    return z
      .object({ n: z.number() })
      .parse(this.db.prepare('SELECT COUNT(*) AS n FROM history_rollups').get()).n;
  }
}
