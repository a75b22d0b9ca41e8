// One poll cycle → the values each node contributes to the rollups. Pure: the monitor's cycle
// report and node views in, `{ nodeId → values }` out.
import type { NodeSample, Topology } from '../contracts';
import type { NodeView } from '../diagnosis/diagnosis-input';
import { num, str } from '../info/info-numbers';
import type { RollupValues } from './rollup';

const okFlag = (s: string | undefined): number | null =>
  s === undefined ? null : s === 'ok' ? 1 : 0;

/**
 * `dtMs`: time since the previous cycle (the caller caps it, so time the server was not watching
 * is not counted as downtime); a down node adds it to `unreachableMs`, a down link to `linkDownMs`.
 */
export function cycleValues(
  topology: Topology,
  samples: readonly NodeSample[],
  views: readonly NodeView[],
  t: number,
  dtMs: number,
): Map<string, RollupValues> {
  const out = new Map<string, RollupValues>();
  const viewOf = new Map(views.map((v) => [v.id, v]));
  const sampleOf = new Map(samples.map((s) => [s.nodeId, s.values]));
  const linkOf = new Map(topology.links.map((l) => [l.replica, l]));
  for (const node of topology.nodes) {
    const s = sampleOf.get(node.id) ?? {};
    const v = viewOf.get(node.id);
    const link = linkOf.get(node.id);
    const m = node.reachable ? v?.metrics : undefined;
    const info = node.reachable ? v?.info?.sections : undefined;
    const lastSave = info ? num(info, 'persistence', 'rdb_last_save_time') : undefined;
    const values: RollupValues = {
      reachable: node.reachable ? 1 : 0,
      unreachableMs: node.reachable ? 0 : dtMs,
      lagSeconds: s.lagSeconds ?? null,
      offsetGapBytes: s.offsetGapBytes ?? null,
      opsPerSec: s.opsPerSec ?? null,
      memoryPct: s.memoryPct ?? null,
      cpuPct: s.cpuPct ?? null,
      replOffsetRate: s.replOffsetRate ?? null,
      replOutputKbps: s.replOutputKbps ?? null,
      replInputKbps: s.replInputKbps ?? null,
      syncFullDelta: s.syncFullDelta ?? null,
      syncPartialOkDelta: s.syncPartialOkDelta ?? null,
      syncPartialErrDelta: s.syncPartialErrDelta ?? null,
      memoryUsedBytes: m?.usedMemoryBytes ?? null,
      maxmemoryBytes: m?.maxmemoryBytes ?? null,
      rdbBgsaveOk: info ? okFlag(str(info, 'persistence', 'rdb_last_bgsave_status')) : null,
      aofRewriteOk:
        info && num(info, 'persistence', 'aof_enabled') === 1
          ? okFlag(str(info, 'persistence', 'aof_last_bgrewrite_status'))
          : null,
      rdbSaveAgeSeconds:
        lastSave !== undefined && lastSave > 0
          ? Math.max(0, Math.round(t / 1000 - lastSave))
          : null,
      forkUsec: info ? (num(info, 'stats', 'latest_fork_usec') ?? null) : null,
    };
    if (link) {
      values.linkUp = link.linkStatus === 'up' ? 1 : 0;
      values.linkDownMs = link.linkStatus === 'up' ? 0 : dtMs;
    }
    out.set(node.id, values);
  }
  return out;
}
