// From what the cluster said (CLUSTER SHARDS or NODES from one node, CLUSTER INFO and NODES from
// every node that answered) to the model `/api/topology` carries as `cluster`. Pure.
import type { Cluster, ClusterFlag, ClusterMember, ClusterShard, Status, Topology } from '../contracts';
import { memberAddress, slotCount, type ClusterInfoReading, type ClusterNodeLine, type ShardReading } from './cluster-parse';

/** One node's own view of the cluster. */
export interface ObserverView {
  observer: string;
  info?: ClusterInfoReading;
  nodes?: ClusterNodeLine[];
}

export interface ClusterReadings {
  readFrom: string;
  readAt: number;
  source: 'shards' | 'nodes';
  shards: ShardReading[];
  views: ObserverView[];
}

const isFailedHealth = (h: string) => h === 'fail' || h === 'failed';

function shardIdOf(s: ShardReading): string {
  if (s.shardId) return s.shardId;
  const first = s.slots.map(([a]) => a).sort((a, b) => a - b)[0];
  return first !== undefined ? `slots-${first}` : `node-${(s.nodes[0]?.nodeId ?? 'none').slice(0, 8)}`;
}

/** Primaries that serve slots, as each says of itself: the ones whose failure reports count. */
function votingViews(views: ObserverView[]): Array<{ self: string; lines: ClusterNodeLine[] }> {
  return views.flatMap((v) => {
    const me = v.nodes?.find((l) => l.myself);
    return me && me.role === 'primary' && me.slots.length > 0 ? [{ self: me.nodeId, lines: v.nodes ?? [] }] : [];
  });
}

function memberFacts(nodeId: string, views: ObserverView[], readFrom: string) {
  const own = views.find((v) => v.observer === readFrom)?.nodes?.find((l) => l.nodeId === nodeId);
  const any = own ?? views.flatMap((v) => v.nodes ?? []).find((l) => l.nodeId === nodeId);
  const flags = new Set<ClusterFlag>();
  for (const v of views) for (const l of v.nodes ?? []) if (l.nodeId === nodeId) for (const f of l.flags) flags.add(f);
  // `fail` supersedes `pfail`: the cluster agreed.
  if (flags.has('fail')) flags.delete('pfail');
  const voters = votingViews(views).filter((v) => v.self !== nodeId);
  const reports = voters.filter((v) => v.lines.some((l) => l.nodeId === nodeId && (l.flags.includes('fail') || l.flags.includes('pfail'))));
  return { line: any, flags: [...flags], failReports: reports.length, primariesAsked: voters.length };
}

function shardHealth(primary: ClusterMember | undefined, replicas: ClusterMember[], hasSlots: boolean): Status {
  const down = (m: ClusterMember) => m.flags.includes('fail') || m.flags.includes('pfail') || isFailedHealth(m.health);
  if (!primary || down(primary)) return hasSlots ? 'critical' : 'warning';
  // A spare primary without slots loses nothing when it fails.
  return !hasSlots || replicas.some((r) => !down(r)) ? 'ok' : 'warning';
}

/**
 * `formerShard` remembers which shard a node belonged to: a killed primary whose replica took
 * over shows up as a slotless shard of its own, but it is a failed member of its old shard.
 */
export function buildCluster(r: ClusterReadings, formerShard: ReadonlyMap<string, string> = new Map()): Cluster {
  const members: ClusterMember[] = [];
  const shards: ClusterShard[] = [];
  const orphans: ClusterMember[] = [];
  for (const s of r.shards) {
    const id = shardIdOf(s);
    const shardMembers = s.nodes.map((n): ClusterMember => {
      const facts = memberFacts(n.nodeId, r.views, r.readFrom);
      return {
        id: memberAddress(n.host, n.port),
        nodeId: n.nodeId,
        shardId: id,
        role: n.role,
        ...(facts.line?.primaryNodeId ? { primaryNodeId: facts.line.primaryNodeId } : {}),
        health: n.health,
        flags: facts.flags,
        ...(facts.line ? { linkState: facts.line.linkState, configEpoch: facts.line.configEpoch } : {}),
        ...(n.replicationOffset !== undefined ? { replicationOffset: n.replicationOffset } : {}),
        failReports: facts.failReports,
        primariesAsked: facts.primariesAsked,
      };
    });
    const primary = shardMembers.find((m) => m.role === 'primary');
    const former = formerShard.get(s.nodes[0]?.nodeId ?? '');
    if (s.slots.length === 0 && shardMembers.length === 1 && primary && primary.flags.includes('fail') && former && former !== id) {
      orphans.push({ ...primary, shardId: former });
      continue;
    }
    const replicas = shardMembers.filter((m) => m.role === 'replica');
    members.push(...shardMembers);
    shards.push({
      id,
      slots: s.slots,
      primaryId: primary?.id ?? null,
      replicaIds: replicas.flatMap((m) => m.id ?? []),
      health: shardHealth(primary, replicas, s.slots.length > 0),
      slotCount: slotCount(s.slots),
      failedIds: [],
      chainedReplicaIds: [],
    });
  }
  for (const o of orphans) {
    const home = shards.find((s) => s.id === o.shardId);
    if (home && o.id) home.failedIds.push(o.id);
    members.push(o);
  }
  shards.sort((a, b) => (a.slots[0]?.[0] ?? 1e6) - (b.slots[0]?.[0] ?? 1e6) || a.id.localeCompare(b.id));
  const info = r.views.find((v) => v.observer === r.readFrom)?.info ?? r.views.find((v) => v.info)?.info;
  return {
    state: info?.state ?? 'unknown',
    slotsAssigned: info?.slotsAssigned ?? 0,
    slotsOk: info?.slotsOk ?? 0,
    slotsPfail: info?.slotsPfail ?? 0,
    slotsFail: info?.slotsFail ?? 0,
    currentEpoch: Math.max(0, ...r.views.map((v) => v.info?.currentEpoch ?? 0)),
    readFrom: r.readFrom,
    readAt: r.readAt,
    source: r.source,
    shards,
    members,
  };
}

/**
 * Nodes get their `shardId`; a replica whose upstream (from its own INFO) is itself a replica is
 * listed as chained, which Cluster does not allow (`CLUSTER REPLICATE` refuses a replica).
 */
export function withCluster(topology: Topology, cluster: Cluster): Topology {
  const shardOf = new Map(cluster.members.flatMap((m) => (m.id ? [[m.id, m.shardId] as const] : [])));
  const roleOf = new Map(topology.nodes.map((n) => [n.id, n.role]));
  const shards = cluster.shards.map((s) => ({
    ...promotedSince(s, topology, cluster),
    chainedReplicaIds: topology.nodes
      .filter((n) => shardOf.get(n.id) === s.id && n.role === 'replica' && n.upstream && roleOf.get(n.upstream) === 'replica')
      .map((n) => n.id),
  }));
  return {
    ...topology,
    nodes: topology.nodes.map((n) => {
      const shardId = shardOf.get(n.id);
      return shardId ? { ...n, shardId } : n;
    }),
    cluster: { ...cluster, shards },
  };
}

/**
 * A replica that says `role:master` in this poll's INFO while its primary is down has won the
 * election (a replica makes itself master only after a majority of primaries voted): show it as
 * the primary now, before the next cluster read has it, and the old primary as failed.
 */
function promotedSince(s: ClusterShard, topology: Topology, cluster: Cluster): ClusterShard {
  const nodeOf = (id: string) => topology.nodes.find((n) => n.id === id);
  const heir = s.replicaIds.find((id) => nodeOf(id)?.reachable && nodeOf(id)?.role === 'master');
  const old = s.primaryId ? cluster.members.find((m) => m.id === s.primaryId) : undefined;
  const oldNode = s.primaryId ? nodeOf(s.primaryId) : undefined;
  const oldDown = (old && (old.flags.includes('fail') || old.flags.includes('pfail'))) || oldNode?.reachable === false;
  if (!heir || !s.primaryId || !oldDown) return s;
  const replicaIds = s.replicaIds.filter((id) => id !== heir);
  // Until the next read: a primary that answers, with or without a replica left.
  return { ...s, primaryId: heir, replicaIds, failedIds: [...s.failedIds, s.primaryId], health: replicaIds.length ? 'ok' : 'warning' };
}

/** nodeId → shard id, to remember across readings (see `formerShard`). */
export function shardMemory(cluster: Cluster, into: Map<string, string>): void {
  for (const m of cluster.members) if (m.role === 'primary' || !into.has(m.nodeId)) into.set(m.nodeId, m.shardId);
}

/** One node's CLUSTER INFO from its own poll, and when it was read. */
export interface PollClusterInfo {
  id: string;
  info: ClusterInfoReading;
  at: number;
}

/**
 * State, slot counts and epoch from the polls' CLUSTER INFO read after the model was: the
 * node the model was read from when it answered, else the most recent reading. `cluster_state`
 * thus moves at poll speed; shards and members wait for the next CLUSTER SHARDS/NODES read.
 */
export function withPollClusterInfo(cluster: Cluster, readings: PollClusterInfo[]): Cluster {
  const fresh = readings.filter((r) => r.at > cluster.readAt);
  const own = fresh.find((r) => r.id === cluster.readFrom);
  const pick = own ?? fresh.reduce<PollClusterInfo | undefined>((a, r) => (a && a.at >= r.at ? a : r), undefined);
  if (!pick) return cluster;
  const { state, slotsAssigned, slotsOk, slotsPfail, slotsFail } = pick.info;
  const currentEpoch = Math.max(cluster.currentEpoch, ...fresh.map((r) => r.info.currentEpoch));
  return { ...cluster, state, slotsAssigned, slotsOk, slotsPfail, slotsFail, currentEpoch };
}
