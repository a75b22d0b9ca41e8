// Pure: applies a versioned `topology:delta` to the client's topology state. Unchanged nodes and
// links keep their object identity, so only the cells and cards that changed re-render.
import { LinkSchema, NodeSchema, type TopologyPatch } from '@/lib/contracts';
import { patchItem } from '@/lib/topology/topology-delta';
import type { TopologyState } from '@/components/topology/topology-state';

/** The next state, or null when the delta is for another version or does not apply: re-read. */
export function applyPatchToState(
  state: TopologyState,
  heldVersion: number | null,
  patch: TopologyPatch,
): TopologyState | null {
  if (heldVersion === null || patch.baseVersion !== heldVersion) return null;
  const nodes = { ...state.nodes };
  for (const key of patch.nodes.remove) delete nodes[key];
  for (const item of patch.nodes.upsert) {
    const node = patchItem(nodes[item.key], item, NodeSchema);
    if (!node) return null;
    nodes[item.key] = node;
  }
  const links = { ...state.links };
  for (const key of patch.links.remove) delete links[key];
  for (const item of patch.links.upsert) {
    const link = patchItem(links[item.key], item, LinkSchema);
    if (!link) return null;
    links[item.key] = link;
  }
  return { ...state, nodes, links, generatedAt: patch.generatedAt };
}
