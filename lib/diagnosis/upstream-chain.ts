// Walking a replica's upstream chain: which node's failure explains an outage further down.
// Shared by link_down (its rootNodeId) and grouping (rootOf), so both name the same root.
import type { Topology } from '../contracts';

/** The node is reachable, replicates, and its own link is not up (down or re-syncing). */
export function isOwnLinkDown(topology: Topology, nodeId: string): boolean {
  const node = topology.nodes.find((n) => n.id === nodeId);
  const link = topology.links.find((l) => l.replica === nodeId);
  return !!node?.reachable && !!link && link.linkStatus !== 'up';
}

/**
 * From a failing node, climb while the failure is explained by the next node up: that node is
 * unreachable too (a whole host or rack gone), or the current node is itself cut off from it
 * (a chained replica's middle node answers -NOMASTERLINK, reference F12). Stops on cycles.
 */
export function rootUpstream(topology: Topology, start: string): string {
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  let cur = start;
  while (!seen.has(cur)) {
    seen.add(cur);
    const up = nodes.get(cur)?.upstream;
    if (!up || seen.has(up)) break;
    const upNode = nodes.get(up);
    const explained = (upNode !== undefined && !upNode.reachable) || isOwnLinkDown(topology, cur);
    if (!explained) break;
    cur = up;
  }
  return cur;
}
