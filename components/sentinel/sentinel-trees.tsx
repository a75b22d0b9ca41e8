'use client';
// The overview's tree with Sentinel: each group framed with its Sentinels, other nodes below.
// Without Sentinel groups it is the plain tree.
import type { Link, Sentinel, SentinelGroup, TopologyNode } from '@/lib/contracts';
import { TopologyTree } from '@/components/topology/topology-tree';
import { partitionByGroup } from './group-members';
import { SentinelFrame } from './sentinel-frame';

export function SentinelTrees({
  nodes,
  links,
  groups,
  sentinels,
}: {
  nodes: readonly TopologyNode[];
  links: readonly Link[];
  groups: readonly SentinelGroup[];
  sentinels: readonly Sentinel[];
}) {
  if (!groups.length) return <TopologyTree nodes={nodes} links={links} />;
  const { framed, rest } = partitionByGroup(groups, nodes, links);
  return (
    <div className="flex flex-col gap-5">
      {framed.map((f) => (
        <SentinelFrame key={f.group.name} group={f.group} sentinels={sentinels} nodes={f.nodes}>
          <TopologyTree nodes={f.nodes} links={f.links} />
        </SentinelFrame>
      ))}
      {rest.nodes.length > 0 && <TopologyTree nodes={rest.nodes} links={rest.links} />}
    </div>
  );
}
