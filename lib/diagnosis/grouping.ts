// Root-cause grouping: which node's failure a finding hangs under, so a dead master and the
// link_down of each of its replicas make one incident rather than one alarm per replica.
import type { Finding, Topology } from '../contracts';
import { rootUpstream } from './upstream-chain';

type Groupable = Pick<Finding, 'kind' | 'nodeId' | 'link' | 'cause'> & { rootNodeId?: string };

export function rootOf(finding: Groupable, topology: Topology): string | undefined {
  if (finding.rootNodeId) return finding.rootNodeId;
  const { kind, link, nodeId } = finding;
  if (kind === 'link_down' && link) {
    const upstream = topology.nodes.find((n) => n.id === link.upstream);
    // Explained from above when the rule said so, or when the upstream is gone right now.
    if (finding.cause === 'upstream_down' || (upstream && !upstream.reachable))
      return rootUpstream(topology, link.upstream);
    return link.replica;
  }
  // A node unreachable together with its upstream (host or rack down) joins the upstream.
  if (kind === 'node_unreachable' && nodeId) return rootUpstream(topology, nodeId);
  // The replica was wiped by what its master did.
  if (kind === 'replica_wiped' && link) return link.upstream;
  return nodeId ?? link?.replica;
}

/** Findings by root node id; findings without a subject go under ''. */
export function groupByRoot<F extends Groupable>(
  findings: F[],
  topology: Topology,
): Map<string, F[]> {
  const groups = new Map<string, F[]>();
  for (const f of findings) {
    const root = rootOf(f, topology) ?? '';
    groups.set(root, [...(groups.get(root) ?? []), f]);
  }
  return groups;
}
