// What a cluster node says right now, for the cluster actions' preflight and verification:
// its CLUSTER NODES view (who is primary of whom, flags) and CLUSTER SHARDS.
import { memberAddress, parseClusterNodes, parseClusterShards, type ClusterNodeLine, type ShardReading } from '../../../lib/cluster/cluster-parse';
import type { LiveRedis } from '../live-redis';

export interface ClusterLiveView {
  lines: ClusterNodeLine[];
  myself: ClusterNodeLine;
  byAddress(id: string): ClusterNodeLine | undefined;
  byNodeId(nodeId: string | undefined): ClusterNodeLine | undefined;
}

export const addressOf = (l: ClusterNodeLine): string | null => memberAddress(l.host, l.port);

/** CLUSTER NODES of `id`; null when it does not answer or is not in cluster mode. */
export async function clusterView(live: LiveRedis, id: string): Promise<ClusterLiveView | null> {
  try {
    const lines = parseClusterNodes(String(await live.call(id, ['CLUSTER', 'NODES'])));
    const myself = lines.find((l) => l.myself);
    if (!myself) return null;
    return {
      lines,
      myself,
      byAddress: (addr) => lines.find((l) => addressOf(l) === addr),
      byNodeId: (nodeId) => (nodeId ? lines.find((l) => l.nodeId === nodeId) : undefined),
    };
  } catch {
    return null;
  }
}

/** CLUSTER SHARDS of `id` (CLUSTER NODES-derived shards are not needed: 7.0+ only here). */
export async function clusterShards(live: LiveRedis, id: string): Promise<ShardReading[] | null> {
  try {
    return parseClusterShards(await live.call(id, ['CLUSTER', 'SHARDS']));
  } catch {
    return null;
  }
}

/** The shard of `nodeId` in a CLUSTER SHARDS reply, and that node's role there. */
export function shardOfNode(shards: ShardReading[], nodeId: string): { shard: ShardReading; role: 'primary' | 'replica' } | null {
  for (const shard of shards) {
    const n = shard.nodes.find((x) => x.nodeId === nodeId);
    if (n) return { shard, role: n.role };
  }
  return null;
}
