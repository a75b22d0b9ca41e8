// The shard view's data: per shard its primary, each replica with the link from the primary, and
// failed former members; a member's status from its cluster flags and its own poll. Pure.
import { linkKey, type Cluster, type ClusterMember, type ClusterShard, type Link, type SlotRange, type Status, type TopologyNode } from '@/lib/contracts';

/** Above this many shards a compact status strip heads the view. */
export const STRIP_THRESHOLD = 6;

export interface MemberRow {
  id: string;
  node?: TopologyNode;
  member?: ClusterMember;
  status: Status;
}

export interface ReplicaRow extends MemberRow {
  /** The replication link primary → this replica, as the poll sees it. */
  link: Link | null;
  /** It replicates from a replica (from its own INFO), which Cluster does not allow. */
  isChained: boolean;
}

export interface ShardRow {
  shard: ClusterShard;
  primary: MemberRow | null;
  replicas: ReplicaRow[];
  failed: MemberRow[];
}

export function memberStatus(node: TopologyNode | undefined, member: ClusterMember | undefined): Status {
  if (member?.flags.includes('fail') || (node && !node.reachable)) return 'critical';
  if (member?.flags.includes('pfail')) return 'warning';
  return node?.status ?? 'unknown';
}

export function shardRows(cluster: Cluster, nodes: Readonly<Record<string, TopologyNode>>, links: Readonly<Record<string, Link>>): ShardRow[] {
  const memberOf = new Map(cluster.members.flatMap((m) => (m.id ? [[m.id, m] as const] : [])));
  const row = (id: string): MemberRow => {
    const node = nodes[id];
    const member = memberOf.get(id);
    return { id, node, member, status: memberStatus(node, member) };
  };
  return cluster.shards.map((shard) => ({
    shard,
    primary: shard.primaryId ? row(shard.primaryId) : null,
    replicas: shard.replicaIds.map((id) => {
      const upstream = nodes[id]?.upstream ?? shard.primaryId;
      return {
        ...row(id),
        link: upstream ? (links[linkKey({ replica: id, upstream })] ?? null) : null,
        isChained: shard.chainedReplicaIds.includes(id),
      };
    }),
    failed: shard.failedIds.map(row),
  }));
}

/** `0-5460, 5461-10922`; long lists are cut with a count of the rest. */
export function slotText(ranges: SlotRange[], max = 4): string {
  const parts = ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  return parts.length > max ? `${parts.slice(0, max).join(', ')} +${parts.length - max}` : parts.join(', ');
}
