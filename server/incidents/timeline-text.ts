// Human lines for timeline entries, in both languages, and the metric snapshot kept at key
// moments (the in-memory history lasts an hour; the snapshot lasts as long as the incident).
import type { Topology, TopologyEvent } from '../../lib/contracts';

const KIND_TEXT: Record<TopologyEvent['kind'], [string, string]> = {
  node_added: ['appeared in the topology', '出现在拓扑中'],
  node_removed: ['removed from the topology', '已从拓扑中移除'],
  node_unreachable: ['became unreachable', '无法连接'],
  node_reachable: ['is reachable again', '恢复连接'],
  role_changed: ['changed role', '角色变化'],
  upstream_changed: ['changed upstream', '上游节点变化'],
  replid_changed: ['got a new replication ID', '复制 ID 变化'],
  run_id_changed: ['restarted (new run_id)', '已重启（run_id 变化）'],
  link_down: ['lost its link to its upstream', '与上游的复制链路断开'],
  link_up: ['link to its upstream is back', '与上游的复制链路恢复'],
  sentinel: ['Sentinel event', 'Sentinel 事件'],
};

export function describeEvent(e: TopologyEvent): { en: string; zh: string } {
  if (e.sentinel) {
    // `to` carries the failover summary on +switch-master / +failover-end, else Sentinel's text.
    const what = `${e.sentinel.type} ${e.to ?? e.sentinel.text}`;
    const by = e.sentinel.seenBy.join(', ');
    return { en: `Sentinel ${what} (seen by ${by})`, zh: `Sentinel ${what}（报告者：${by}）` };
  }
  const [en, zh] = KIND_TEXT[e.kind];
  const change = e.from || e.to ? ` (${e.from ?? '–'} → ${e.to ?? '–'})` : '';
  return { en: `${e.nodeId} ${en}${change}`, zh: `${e.nodeId} ${zh}${change}` };
}

/** Links and nodes around `rootNodeId` (or all when unknown): status, gap, lag, offsets. */
export function metricSnapshot(topology: Topology, rootNodeId?: string): Record<string, unknown> {
  const relevant = (id: string) => !rootNodeId || id === rootNodeId;
  const links = topology.links.filter((l) => !rootNodeId || relevant(l.upstream) || relevant(l.replica));
  const ids = new Set([...(rootNodeId ? [rootNodeId] : []), ...links.flatMap((l) => [l.upstream, l.replica])]);
  const nodes = topology.nodes.filter((n) => !rootNodeId || ids.has(n.id));
  return {
    nodes: nodes.map((n) => ({ id: n.id, role: n.role, reachable: n.reachable, status: n.status, offset: n.offset ?? null, error: n.error?.code ?? null })),
    links: links.map((l) => ({
      upstream: l.upstream,
      replica: l.replica,
      linkStatus: l.linkStatus,
      offsetGapBytes: l.offsetGapBytes,
      lagSeconds: l.lagSeconds,
      status: l.status,
    })),
  };
}
