// split_brain: two or more reachable masters that belong to one replication group, so clients
// can write to both and the histories diverge.
//
// Rule: masters A and B are in one group when
//   (a) their replication IDs chain: A.master_replid2 == B.master_replid (A was promoted out of
//       B's history, reference §7.2 shiftReplicationId), or both carry the same non-zero
//       master_replid2 (two replicas of one dead master both promoted); or
//   (b) a topology event in the window shows one of them replicating from the other
//       (`upstream_changed` from B), which catches an old master that restarted with a fresh ID.
// Groups are the connected components of that relation. Critical unless the replication-offset
// rate proves one side takes no writes (then warning: diverging is possible, not happening).
import type { Evidence } from '../../contracts';
import type { DiagnosisInput, FindingCandidate, NodeView } from '../diagnosis-input';
import {
  bi,
  findingHead,
  eventEvidence,
  fmtBytes,
  infoFields,
  metricEvidence,
  recentEvents,
  remedy,
  series,
  type Rule,
} from '../rule-kit';

const NO_ID = '0'.repeat(40);
/** Above this the offset moves for writes, not just the 14-byte PING every 10 s (§6). */
const WRITE_RATE_FLOOR = 5;

function related(input: DiagnosisInput, a: NodeView, b: NodeView): boolean {
  const ra = a.info?.replication;
  const rb = b.info?.replication;
  if (!ra || !rb) return false;
  const id2a = ra.master_replid2 && ra.master_replid2 !== NO_ID ? ra.master_replid2 : undefined;
  const id2b = rb.master_replid2 && rb.master_replid2 !== NO_ID ? rb.master_replid2 : undefined;
  if (id2a && (id2a === rb.master_replid || id2a === id2b)) return true;
  if (id2b && id2b === ra.master_replid) return true;
  return (
    recentEvents(
      input,
      (e) =>
        e.kind === 'upstream_changed' &&
        ((e.nodeId === a.id && e.from === b.id) || (e.nodeId === b.id && e.from === a.id)),
    ).length > 0
  );
}

function writeRate(input: DiagnosisInput, view: NodeView): number | null {
  const pts = series(input, view.id, 'replOffsetRate');
  if (pts.length) return pts.reduce((s, p) => s + p.v, 0) / pts.length;
  return view.metrics?.replOffsetRate ?? null;
}

/** Masters that share one replication history: the connected components of `related`. */
function masterGroups(input: DiagnosisInput): NodeView[][] {
  const masters = input.nodes.filter((n) => n.reachable && n.info?.replication.role === 'master');
  // Union-find over the masters.
  const parent = new Map(masters.map((m) => [m.id, m.id]));
  const find = (id: string): string => {
    const p = parent.get(id) ?? id;
    return p === id ? id : find(p);
  };
  masters.forEach((a, i) => {
    for (const b of masters.slice(i + 1)) {
      if (related(input, a, b)) parent.set(find(a.id), find(b.id));
    }
  });
  const groups = new Map<string, NodeView[]>();
  for (const m of masters) groups.set(find(m.id), [...(groups.get(find(m.id)) ?? []), m]);
  return [...groups.values()];
}

function splitFinding(input: DiagnosisInput, group: NodeView[]): FindingCandidate | null {
  group.sort((a, b) => a.id.localeCompare(b.id));
  const ids = group.map((g) => g.id);
  // The newest history is the one that shifted an older ID into replid2: keep that side.
  const keep =
    group.find((g) => {
      const id2 = g.info?.replication.master_replid2;
      return id2 && id2 !== NO_ID && group.some((o) => o.info?.replication.master_replid === id2);
    }) ??
    group.find((g) => g.info?.replication.master_replid2 !== NO_ID) ??
    group[0];
  if (!keep) return null; // groups hold two or more masters; this satisfies the index check
  const others = group.filter((g) => g !== keep);
  const rates = group.map((g) => ({ id: g.id, rate: writeRate(input, g) }));
  const idle = rates.some((r) => r.rate !== null && r.rate <= WRITE_RATE_FLOOR);

  const evidence: Evidence[] = [];
  for (const g of group) {
    evidence.push(
      ...infoFields(g, 'replication', [
        'role',
        'connected_slaves',
        'master_replid',
        'master_replid2',
        'second_repl_offset',
        'master_repl_offset',
      ]),
    );
  }
  for (const r of rates)
    if (r.rate !== null)
      evidence.push(
        metricEvidence(r.id, 'replOffsetRate', Math.round(r.rate), WRITE_RATE_FLOOR, 'B/s'),
      );
  evidence.push(
    ...recentEvents(
      input,
      (e) =>
        ids.includes(e.nodeId) && (e.kind === 'role_changed' || e.kind === 'upstream_changed'),
    ).map(eventEvidence),
  );
  const rateText = rates
    .map((r) => `${r.id} ${r.rate === null ? '?' : `${fmtBytes(r.rate)}/s`}`)
    .join(', ');
  const otherIds = others.map((o) => o.id).join(', ');

  return {
    ...findingHead('split_brain', ids, idle ? 'warning' : 'critical'),
    nodeId: keep.id,
    title: bi(
      `Split brain: ${ids.length} masters in one replication group (${ids.join(', ')})`,
      `脑裂：同一复制组中出现 ${ids.length} 个主节点（${ids.join('、')}）`,
    ),
    detail: bi(
      `${ids.join(' and ')} are all masters but share one replication history, so each may accept writes the other never sees (write rates: ${rateText}). ${keep.id} carries the newer history.` +
        (idle ? ' At least one side shows no writes yet: fix it before clients find it.' : ''),
      `${ids.join(' 和 ')} 都是主节点却属于同一复制历史，各自可能接受对方看不到的写入（写入速率：${rateText}）。${keep.id} 持有较新的复制历史。` +
        (idle ? '至少一方暂未出现写入：请在客户端写入之前修复。' : ''),
    ),
    evidence,
    remedy: remedy(
      `Decide which master clients must use (normally ${keep.id}, the promoted one) and move all writers there. Then re-point ${otherIds} under it as replica(s). Writes that reached ${otherIds} after the split are discarded by that resync: export them first (SCAN + type-specific reads, never KEYS) if they matter.`,
      `确定客户端应使用的主节点（通常是被提升的 ${keep.id}），把所有写入方切换过去。然后把 ${otherIds} 重新指向它作为从节点。分裂后写入 ${otherIds} 的数据会在重新同步时被丢弃：如有需要请先导出（用 SCAN 加按类型读取，不要用 KEYS）。`,
      'replica.reattach',
      { nodeId: others[0]?.id, upstream: keep.id },
    ),
  };
}

export const splitBrain: Rule = (input) => {
  const out: FindingCandidate[] = [];
  for (const group of masterGroups(input)) {
    if (group.length < 2) continue;
    const finding = splitFinding(input, group);
    if (finding) out.push(finding);
  }
  return out;
};
