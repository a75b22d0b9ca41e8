// replication_cycle: following master_host:master_port from node to node never reaches a master
// but comes back to a node already visited (reference §4 F13, §10.6). Redis does not notice:
// every member reports link up and ROLE connected while offsets freeze and writes are refused.
// Only reachable replicas whose INFO names their upstream count, so a node we cannot see never
// turns a broken chain into a false cycle.
import type { Evidence } from '../../contracts';
import type { FindingCandidate } from '../diagnosis-input';
import { findingHead, bi, infoFields, remedy, type Rule } from '../rule-kit';

export const replicationCycle: Rule = (input) => {
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const upstreamOf = (id: string): string | undefined => {
    const v = byId.get(id);
    return v?.reachable && v.info?.replication.role === 'replica' ? v.upstream : undefined;
  };
  const seenCycles = new Set<string>();
  const out: FindingCandidate[] = [];
  for (const start of input.nodes) {
    const path: string[] = [];
    const index = new Map<string, number>();
    let cur: string | undefined = start.id;
    while (cur !== undefined && !index.has(cur)) {
      index.set(cur, path.length);
      path.push(cur);
      cur = upstreamOf(cur);
    }
    if (cur === undefined) continue;
    const members = path.slice(index.get(cur));
    // Same cycle from any entry point: rotate so the smallest id leads.
    const minAt = members.indexOf(members.reduce((a, b) => (b < a ? b : a)));
    const cycle = [...members.slice(minAt), ...members.slice(0, minAt)];
    const key = cycle.join('>');
    if (seenCycles.has(key)) continue;
    seenCycles.add(key);

    const views = cycle.flatMap((id) => byId.get(id) ?? []);
    const offsets = views.map((v) => v.info?.replication.master_repl_offset ?? 0);
    // The node holding the most data is the safest one to turn back into the master.
    const best = views.reduce((a, b) =>
      (b.info?.replication.master_repl_offset ?? 0) > (a.info?.replication.master_repl_offset ?? 0)
        ? b
        : a,
    );
    const frozen = offsets.every((o) => o === offsets[0]);
    const evidence: Evidence[] = views.flatMap((v) =>
      infoFields(v, 'replication', [
        'role',
        'master_host',
        'master_port',
        'master_link_status',
        'master_repl_offset',
      ]),
    );
    const ring = [...cycle, cycle[0]].join(' → ');
    const self = cycle.length === 1;
    out.push({
      ...findingHead('replication_cycle', key, 'critical'),
      nodeId: cycle[0],
      title: self
        ? bi(`${cycle[0]} replicates from itself`, `${cycle[0]} 在复制自己`)
        : bi(`Replication cycle: ${ring}`, `复制环：${ring}`),
      detail: bi(
        `Following the upstream of each node (${ring}) never reaches a master. ` +
          (self
            ? 'A node that is its own master loops on -NOMASTERLINK and never gets data.'
            : `Redis does not detect this: links show up${frozen ? `, offsets are frozen at ${offsets[0]}` : ''}, and every write is refused with READONLY because no member is a master.`),
        `沿每个节点的上游查找（${ring}）永远到不了主节点。` +
          (self
            ? '以自己为主节点的节点会在 -NOMASTERLINK 中循环，永远拿不到数据。'
            : `Redis 不会发现这种情况：链路显示正常${frozen ? `，偏移量停在 ${offsets[0]}` : ''}，因没有主节点，所有写入都会被 READONLY 拒绝。`),
      ),
      evidence,
      remedy: remedy(
        `Break the cycle by promoting ${best.id} (highest offset, ${best.info?.replication.master_repl_offset ?? 0}): REPLICAOF NO ONE on it. The others then follow it through the existing links; point writers at it.`,
        `提升 ${best.id}（偏移量最高，${best.info?.replication.master_repl_offset ?? 0}）以打破环：对它执行 REPLICAOF NO ONE。其他节点会通过现有链路跟随它；把写入方指向它。`,
        'replica.promote',
        { nodeId: best.id },
      ),
    });
  }
  return out;
};
