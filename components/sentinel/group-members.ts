// Which nodes a Sentinel group frames, and what the nodes themselves say about its master. Pure.
import type { Link, SentinelGroup, TopologyNode } from '@/lib/contracts';

/** Sentinel's master, the replicas Sentinel lists, and everything replicating below them. */
export function groupMembers(group: SentinelGroup, links: readonly Link[]): Set<string> {
  const members = new Set<string>([...(group.masterId ? [group.masterId] : []), ...(group.replicas ?? []).map((r) => r.id)]);
  const below = new Map<string, string[]>();
  for (const l of links) below.set(l.upstream, [...(below.get(l.upstream) ?? []), l.replica]);
  const queue = [...members];
  while (queue.length) {
    const id = queue.shift() as string;
    for (const r of below.get(id) ?? []) {
      if (members.has(r)) continue;
      members.add(r);
      queue.push(r);
    }
  }
  return members;
}

/** Reachable nodes of the group that report role master (more than one: split brain). */
export function nodesSayMaster(members: ReadonlySet<string>, nodes: readonly TopologyNode[]): string[] {
  return nodes.filter((n) => members.has(n.id) && n.reachable && n.role === 'master').map((n) => n.id).sort();
}

/** Splits the nodes into one list per group (first group wins a node) and the rest. */
export function partitionByGroup(
  groups: readonly SentinelGroup[],
  nodes: readonly TopologyNode[],
  links: readonly Link[],
): { framed: Array<{ group: SentinelGroup; nodes: TopologyNode[]; links: Link[] }>; rest: { nodes: TopologyNode[]; links: Link[] } } {
  const taken = new Set<string>();
  const framed = groups.map((group) => {
    const members = groupMembers(group, links);
    for (const id of taken) members.delete(id);
    for (const id of members) taken.add(id);
    return {
      group,
      nodes: nodes.filter((n) => members.has(n.id)),
      links: links.filter((l) => members.has(l.replica)),
    };
  });
  return { framed, rest: { nodes: nodes.filter((n) => !taken.has(n.id)), links: links.filter((l) => !taken.has(l.replica)) } };
}
