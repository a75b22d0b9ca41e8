// Who compares with whom: a replica's root master (chains included) and a master's whole
// replica subtree, from the monitor's latest topology.
import type { Topology } from '../contracts';

export interface SubtreeEntry {
  replica: string;
  upstream: string;
  /** 1 = direct replica. */
  depth: number;
}

/** The master at the top of `replicaId`'s chain; null if the chain has no master or loops. */
export function rootMasterOf(topology: Topology, replicaId: string): string | null {
  const upstreamOf = new Map(topology.links.map((l) => [l.replica, l.upstream]));
  const seen = new Set<string>([replicaId]);
  let current = upstreamOf.get(replicaId);
  while (current !== undefined) {
    if (seen.has(current)) return null; // replication cycle: nobody is the source of truth
    seen.add(current);
    const next = upstreamOf.get(current);
    if (next === undefined) break;
    current = next;
  }
  if (current === undefined) return null;
  return topology.nodes.find((n) => n.id === current)?.role === 'master' ? current : null;
}

/** Every replica under `masterId`, breadth first (direct replicas, then theirs, …). */
export function subtreeOf(topology: Topology, masterId: string): SubtreeEntry[] {
  const out: SubtreeEntry[] = [];
  const seen = new Set<string>([masterId]);
  let level = [masterId];
  for (let depth = 1; level.length; depth++) {
    const next: string[] = [];
    for (const up of level) {
      for (const l of topology.links) {
        if (l.upstream !== up || seen.has(l.replica)) continue;
        seen.add(l.replica);
        out.push({ replica: l.replica, upstream: up, depth });
        next.push(l.replica);
      }
    }
    level = next;
  }
  return out;
}

/** Masters that have at least one replica link. */
export function mastersWithReplicas(topology: Topology): string[] {
  const ups = new Set(topology.links.map((l) => l.upstream));
  // An unreachable master cannot take the canary write (its replicas' links are findings
  // already); leaving it out keeps one dead node from failing the whole canary.
  return topology.nodes.filter((n) => n.role === 'master' && n.reachable && ups.has(n.id)).map((n) => n.id);
}
