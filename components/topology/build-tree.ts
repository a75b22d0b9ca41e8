// Pure: turns the flat node/link lists into a forest for drawing. Roots are nodes without an
// upstream; nodes whose upstream is not monitored, or that sit in a cycle, go to `detached`.
import type { Link, TopologyNode } from '@/lib/contracts';
import { compareIds } from './compare-ids';

export interface TreeNode {
  node: TopologyNode;
  /** The link from this node to its parent (or to its missing upstream for detached roots). */
  link: Link | null;
  children: TreeNode[];
}

export interface DetachedTree {
  tree: TreeNode;
  reason: 'missing_upstream' | 'cycle';
  /** The upstream id this root points at, when known. */
  upstream: string | null;
}

export interface Forest {
  roots: TreeNode[];
  detached: DetachedTree[];
}

const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);

const ROLE_ORDER: Record<TopologyNode['role'], number> = { master: 0, replica: 1, unknown: 2 };

export function buildForest(nodes: readonly TopologyNode[], links: readonly Link[]): Forest {
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const linkByReplica = new Map<string, Link>();
  for (const l of links) if (!linkByReplica.has(l.replica)) linkByReplica.set(l.replica, l);

  const upstreamOf = (n: TopologyNode): string | null =>
    linkByReplica.get(n.id)?.upstream ?? n.upstream ?? null;

  const childrenOf = new Map<string, TopologyNode[]>();
  const rootNodes: TopologyNode[] = [];
  const missing: { node: TopologyNode; upstream: string }[] = [];
  for (const n of [...nodes].sort(byId)) {
    const up = upstreamOf(n);
    if (up === null) rootNodes.push(n);
    else if (up !== n.id && nodeById.has(up)) {
      const list = childrenOf.get(up) ?? [];
      list.push(n);
      childrenOf.set(up, list);
    } else if (up !== n.id) missing.push({ node: n, upstream: up });
    // up === n.id (replicating from itself) is left for the cycle pass below.
  }

  const visited = new Set<string>();
  const grow = (n: TopologyNode): TreeNode => {
    visited.add(n.id);
    const children = (childrenOf.get(n.id) ?? [])
      .filter((c) => !visited.has(c.id))
      .map((c) => grow(c));
    return { node: n, link: linkByReplica.get(n.id) ?? null, children };
  };

  rootNodes.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || byId(a, b));
  const roots = rootNodes.map((n) => grow(n));
  const detached: DetachedTree[] = missing.map(({ node, upstream }) => ({
    tree: grow(node),
    reason: 'missing_upstream',
    upstream,
  }));

  // Whatever is still unvisited hangs off a cycle: break it at the smallest id.
  for (const n of [...nodes].sort(byId)) {
    if (visited.has(n.id)) continue;
    detached.push({ tree: grow(n), reason: 'cycle', upstream: upstreamOf(n) });
  }
  return { roots, detached };
}
