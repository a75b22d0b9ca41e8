// What changed between two cycles: the compact socket delta and the topology events. Pure.
import { linkKey, type Link, type Topology, type TopologyDelta, type TopologyEvent, type TopologyNode } from '../contracts';
import { jsonEqual } from './json-equal';

/** Fields whose change is news; `lastSeenAt`, offsets and rates move every cycle and are not. */
function nodeEvents(prev: TopologyNode, next: TopologyNode, at: number, seq: () => string): TopologyEvent[] {
  const out: TopologyEvent[] = [];
  const push = (kind: TopologyEvent['kind'], from?: string | null, to?: string | null) =>
    out.push({ id: seq(), at, kind, nodeId: next.id, from: from ?? null, to: to ?? null });
  if (prev.reachable && !next.reachable) push('node_unreachable', null, next.error?.code ?? null);
  if (!prev.reachable && next.reachable) push('node_reachable');
  if (next.reachable && prev.role !== next.role && prev.role !== 'unknown') push('role_changed', prev.role, next.role);
  if (prev.upstream !== next.upstream && (prev.upstream || next.upstream) && next.reachable)
    push('upstream_changed', prev.upstream ?? null, next.upstream ?? null);
  if (prev.runId && next.runId && prev.runId !== next.runId) push('run_id_changed', prev.runId, next.runId);
  if (prev.replId && next.replId && prev.replId !== next.replId) push('replid_changed', prev.replId, next.replId);
  return out;
}

export function diffTopology(
  prev: Topology | null,
  next: Topology,
  seq: () => string,
): { delta: TopologyDelta; events: TopologyEvent[] } {
  const at = next.generatedAt;
  const events: TopologyEvent[] = [];
  const prevNodes = new Map((prev?.nodes ?? []).map((n) => [n.id, n]));
  const prevLinks = new Map((prev?.links ?? []).map((l) => [linkKey(l), l]));
  const changedNodes: TopologyNode[] = [];
  const changedLinks: Link[] = [];

  for (const n of next.nodes) {
    const before = prevNodes.get(n.id);
    if (!before) {
      changedNodes.push(n);
      if (prev) events.push({ id: seq(), at, kind: 'node_added', nodeId: n.id, from: null, to: n.role });
      continue;
    }
    prevNodes.delete(n.id);
    if (!jsonEqual(before, n)) changedNodes.push(n);
    events.push(...nodeEvents(before, n, at, seq));
  }
  for (const gone of prevNodes.values()) {
    events.push({ id: seq(), at, kind: 'node_removed', nodeId: gone.id, from: gone.role, to: null });
  }

  for (const l of next.links) {
    const key = linkKey(l);
    const before = prevLinks.get(key);
    prevLinks.delete(key);
    if (!before || !jsonEqual(before, l)) changedLinks.push(l);
    const wasDown = before ? before.linkStatus === 'down' : false;
    if (before && !wasDown && l.linkStatus === 'down')
      events.push({ id: seq(), at, kind: 'link_down', nodeId: l.replica, from: l.upstream, to: null });
    if (before && wasDown && l.linkStatus !== 'down')
      events.push({ id: seq(), at, kind: 'link_up', nodeId: l.replica, from: l.upstream, to: l.linkStatus });
  }

  // Redis Cluster: the model travels whole when it changed (its read time alone is not news).
  const clusterShape = (t: Topology | null) => (t?.cluster ? { ...t.cluster, readAt: 0 } : null);
  const delta: TopologyDelta = {
    generatedAt: at,
    nodes: changedNodes,
    links: changedLinks,
    removedNodes: [...prevNodes.keys()],
    removedLinks: [...prevLinks.keys()],
  };
  if (!jsonEqual(clusterShape(prev), clusterShape(next))) delta.cluster = next.cluster ?? null;
  // Sentinels and their groups are small: sent whole when anything in them changed.
  if (!jsonEqual(prev?.sentinels, next.sentinels)) delta.sentinels = next.sentinels ?? [];
  if (!jsonEqual(prev?.groups, next.groups)) delta.groups = next.groups ?? [];
  return { delta, events };
}

export function isEmptyDelta(d: TopologyDelta): boolean {
  return (
    !d.nodes.length &&
    !d.links.length &&
    !d.removedNodes.length &&
    !d.removedLinks.length &&
    d.cluster === undefined &&
    !d.sentinels &&
    !d.groups
  );
}
