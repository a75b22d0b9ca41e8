// replica_wiped: a replica's key count collapsed (lost more than half and more than 100 keys)
// in the window, after its upstream restarted or changed replication ID: the signature of a
// persistence-less master coming back empty and full-syncing its emptiness (reference F10, §10.8).
import type { Evidence, TopologyEvent } from '../../contracts';
import type { DiagnosisInput, FindingCandidate, NodeView } from '../diagnosis-input';
import {
  bi,
  findingHead,
  configEvidence,
  eventEvidence,
  fmtDuration,
  infoFields,
  logEvidence,
  recentNodeEvents,
  recentLogs,
  remedy,
  replicaLinks,
  series,
  type Rule,
} from '../rule-kit';

const MIN_LOST_KEYS = 100;
const MIN_LOST_RATIO = 0.5;
const LOADED_LINE = /keys loaded: \d+/;

const keysOf = (info: { keyspace: Array<{ keys: number }> } | undefined): number | null =>
  info ? info.keyspace.reduce((n, db) => n + db.keys, 0) : null;

export const replicaWiped: Rule = (input) => {
  const out: FindingCandidate[] = [];
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  for (const view of input.nodes) {
    const master = view.upstream;
    if (!view.reachable || view.info?.replication.role !== 'replica' || !master) continue;
    const resets = recentNodeEvents(input, master, (e) => e.kind === 'run_id_changed' || e.kind === 'replid_changed');
    const reset = resets[0];
    if (!reset) continue;
    const now = view.metrics?.keys ?? keysOf(view.info);
    if (now === null) continue;
    const points = series(input, view.id, 'keys');
    const before = points.filter((p) => p.t <= reset.at);
    const peak = Math.max(0, ...(before.length ? before : points).map((p) => p.v));
    const lost = peak - now;
    if (lost <= MIN_LOST_KEYS || now > peak * (1 - MIN_LOST_RATIO)) continue;

    out.push(wipedFinding(input, byId, view, { master, reset, resets, peak, now, points }));
  }
  return out;
};

interface Wipe {
  master: string;
  /** The first restart or new replication ID of the master in the window. */
  reset: TopologyEvent;
  resets: TopologyEvent[];
  peak: number;
  now: number;
  points: Array<{ t: number; v: number }>;
}

/** A sibling that has not re-synced yet still holds the data: promoting it is the rescue. */
function survivorOf(
  input: DiagnosisInput,
  byId: Map<string, NodeView>,
  view: NodeView,
  w: Wipe,
): NodeView | undefined {
  return replicaLinks(input, w.master)
    .map((l) => byId.get(l.replica))
    .find(
      (s) =>
        s &&
        s.id !== view.id &&
        s.reachable &&
        (s.metrics?.keys ?? keysOf(s.info) ?? 0) >= w.peak * MIN_LOST_RATIO,
    );
}

function wipeEvidence(
  input: DiagnosisInput,
  byId: Map<string, NodeView>,
  view: NodeView,
  w: Wipe,
): Evidence[] {
  const evidence: Evidence[] = [
    {
      type: 'delta',
      nodeId: view.id,
      field: 'keys',
      from: w.peak,
      to: w.now,
      windowMs: input.now - (w.points[0]?.t ?? w.reset.at),
    },
    ...w.resets.map(eventEvidence),
    ...infoFields(view, 'replication', ['master_replid', 'master_link_status']),
    ...infoFields(view, 'persistence', ['rdb_last_load_keys_loaded']),
    ...recentLogs(input, view.id, (l) => LOADED_LINE.test(l.message))
      .slice(-2)
      .map(logEvidence),
  ];
  const save = byId.get(w.master)?.config?.save;
  if (save !== undefined) evidence.push(configEvidence(w.master, 'save', save));
  return evidence;
}

function wipedRemedy(master: string, survivor: NodeView | undefined) {
  return survivor
    ? remedy(
        `${survivor.id} still holds the data: detach and promote it now (before it re-syncs too), point clients and the other replicas to it, then re-point ${master} under it. Turn persistence on before ${master} serves again.`,
        `${survivor.id} 仍保留着数据：立即将其脱离并提升为主节点（在它也重新同步之前），把客户端和其他从节点指向它，然后把 ${master} 改为它的从节点。${master} 重新提供服务前先开启持久化。`,
        'replica.promote',
        { nodeId: survivor.id },
      )
    : remedy(
        `Stop writes to ${master}, restore the latest RDB/AOF backup onto it (restart it from the backup file), and let the replicas full-sync again. Do not RESTORE keys into the replicas: they are read-only and refuse it. Turn persistence on for ${master} (save or appendonly) so a restart cannot do this again.`,
        `停止向 ${master} 写入，用最近的 RDB/AOF 备份恢复它（从备份文件重启），再让从节点重新全量同步。不要向从节点执行 RESTORE：它们是只读的，会拒绝写入。为 ${master} 开启持久化（save 或 appendonly），避免重启再次造成数据丢失。`,
      );
}

function wipedFinding(
  input: DiagnosisInput,
  byId: Map<string, NodeView>,
  view: NodeView,
  w: Wipe,
): FindingCandidate {
  const { master, reset, peak, now } = w;
  const lost = peak - now;
  const ago = fmtDuration((input.now - reset.at) / 1000);
  return {
    ...findingHead('replica_wiped', view.id, 'critical'),
    nodeId: view.id,
    link: { upstream: master, replica: view.id },
    rootNodeId: master,
    title: bi(
      `Replica ${view.id} lost ${lost} of ${peak} keys after ${master} restarted`,
      `${master} 重启后从节点 ${view.id} 丢失 ${peak} 个 key 中的 ${lost} 个`,
    ),
    detail: bi(
      `${master} came back ${ago.en} ago with a new ${reset.kind === 'run_id_changed' ? 'run id' : 'replication ID'}, ${view.id} full-synced from it and now holds ${now} keys instead of ${peak}. This is the data-loss pattern of a master restarted without persistence: the replica copied the empty dataset.`,
      `${master} 在 ${ago.zh} 前以新的${reset.kind === 'run_id_changed' ? ' run id ' : '复制 ID '}重新上线，${view.id} 随即从它全量同步，key 数量从 ${peak} 变为 ${now}。这是主节点在无持久化情况下重启导致的数据丢失：从节点复制了空数据集。`,
    ),
    evidence: wipeEvidence(input, byId, view, w),
    remedy: wipedRemedy(master, survivorOf(input, byId, view, w)),
  };
}
