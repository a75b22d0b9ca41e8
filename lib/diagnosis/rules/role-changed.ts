// role_changed: a node switched between master and replica inside the window (failover by
// Sentinel or an operator, FAILOVER, REPLICAOF NO ONE). Informational: the operator confirms it
// was intended; split_brain and link_down report the dangerous outcomes separately.
import type { FindingCandidate } from '../diagnosis-input';
import {
  bi,
  findingHead,
  eventEvidence,
  fmtDuration,
  infoFields,
  isoTime,
  recentEvents,
  remedy,
  type Rule,
} from '../rule-kit';

export const roleChanged: Rule = (input) => {
  const latest = new Map<string, ReturnType<typeof recentEvents>>();
  for (const e of recentEvents(input, (ev) => ev.kind === 'role_changed')) {
    latest.set(e.nodeId, [...(latest.get(e.nodeId) ?? []), e]);
  }
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const out: FindingCandidate[] = [];
  for (const [nodeId, events] of latest) {
    const last = events[events.length - 1];
    if (!last) continue;
    const promoted = last.to === 'master';
    const ago = fmtDuration((input.now - last.at) / 1000);
    const view = byId.get(nodeId);
    const flaps = events.length > 1 ? ` (${events.length} role changes in the window)` : '';
    const flapsZh = events.length > 1 ? `（窗口内共 ${events.length} 次角色变化）` : '';
    out.push({
      ...findingHead('role_changed', nodeId, 'info'),
      nodeId,
      title: promoted
        ? bi(`${nodeId} was promoted to master`, `${nodeId} 被提升为主节点`)
        : bi(`${nodeId} became a replica`, `${nodeId} 变为从节点`),
      detail: bi(
        `${nodeId} changed from ${last.from ?? '?'} to ${last.to ?? '?'} at ${isoTime(last.at)} (${ago.en} ago)${flaps}.` +
          (promoted
            ? ' Clients that write must now use it, and the old master must not keep taking writes.'
            : ' It now copies its new upstream; data it held that the upstream lacks is discarded on full sync.'),
        `${nodeId} 于 ${isoTime(last.at)}（${ago.zh}前）从 ${last.from ?? '?'} 变为 ${last.to ?? '?'}${flapsZh}。` +
          (promoted
            ? '写入客户端现在必须使用它，旧主节点不能继续接受写入。'
            : '它现在复制新的上游；上游没有的数据会在全量同步时被丢弃。'),
      ),
      evidence: [
        ...events.slice(-3).map(eventEvidence),
        ...(view
          ? infoFields(view, 'replication', [
              'role',
              'master_host',
              'master_port',
              'master_replid',
              'master_replid2',
            ])
          : []),
      ],
      remedy: remedy(
        promoted
          ? `Confirm the promotion was intended (Sentinel +switch-master or an operator). Point writers to ${nodeId}, and re-point the old master under it as a replica (PSYNC2 makes that a partial resync).`
          : `Confirm ${nodeId} was meant to follow its new upstream and watch its sync finish.`,
        promoted
          ? `确认此次提升是预期内的（Sentinel +switch-master 或运维操作）。把写入方指向 ${nodeId}，并把旧主节点改为它的从节点（PSYNC2 下为增量同步）。`
          : `确认 ${nodeId} 应当跟随新的上游，并关注其同步完成。`,
      ),
    });
  }
  return out;
};
