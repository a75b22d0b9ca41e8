// Pure checks of a proposed replication edge against a topology: cycles (Redis does not detect
// them in standalone mode, reference §7.3) and chains, plus who hangs below whom.
import type { Topology } from '../contracts';

export type UpstreamMap = ReadonlyMap<string, string | undefined>;

export function upstreamMap(topology: Topology): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const n of topology.nodes) m.set(n.id, n.role === 'replica' ? n.upstream : undefined);
  for (const l of topology.links) m.set(l.replica, l.upstream);
  return m;
}

/**
 * The ring `replica → upstream → … → replica` that `REPLICAOF upstream` on `replica` would close,
 * or null. Pointing a node at itself is the one-node ring.
 */
export function cycleIfAttached(
  upstreams: UpstreamMap,
  replica: string,
  upstream: string,
): string[] | null {
  const path = [replica];
  const seen = new Set<string>([replica]);
  let cur: string | undefined = upstream;
  while (cur !== undefined) {
    path.push(cur);
    if (cur === replica) return path;
    // An existing ring above us that does not include the replica is not ours to report here.
    if (seen.has(cur)) return null;
    seen.add(cur);
    cur = upstreams.get(cur);
  }
  return null;
}

/** Direct replicas of a node. */
export function replicasOf(upstreams: UpstreamMap, id: string): string[] {
  return [...upstreams].filter(([, up]) => up === id).map(([r]) => r);
}

/** Every node below `id`, at any depth (stops on rings). */
export function descendantsOf(upstreams: UpstreamMap, id: string): string[] {
  const out: string[] = [];
  const queue = [id];
  const seen = new Set<string>([id]);
  for (let cur = queue.shift(); cur !== undefined; cur = queue.shift()) {
    for (const r of replicasOf(upstreams, cur)) {
      if (seen.has(r)) continue;
      seen.add(r);
      out.push(r);
      queue.push(r);
    }
  }
  return out;
}
