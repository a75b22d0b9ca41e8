// Pure: applies a versioned `topology:delta` to the client's topology state. The store holds the
// topology of the version it is at (arrays, as the server diffed them); unchanged nodes and links
// keep their object identity, so only the cells and cards that changed re-render.
import { linkKey, type Topology, type TopologyPatch } from '@/lib/contracts';
import { applyTopologyPatch } from '@/lib/topology/topology-delta';
import type { TopologyState } from '@/components/topology/topology-state';

export interface HeldTopology {
  topology: Topology;
  version: number;
}

/** The next state and held version, or null when the delta does not apply: re-read. */
export function applyPatchToState(
  state: TopologyState,
  held: HeldTopology | null,
  patch: TopologyPatch,
): { state: TopologyState; held: HeldTopology } | null {
  if (!held) return null;
  const topology = applyTopologyPatch(held.topology, held.version, patch);
  if (!topology) return null;
  return {
    state: {
      ...state,
      nodes: Object.fromEntries(topology.nodes.map((n) => [n.id, n])),
      links: Object.fromEntries(topology.links.map((l) => [linkKey(l), l])),
      generatedAt: topology.generatedAt,
    },
    held: { topology, version: patch.version },
  };
}
