// Redis Cluster shard shape:
// - shard_without_replica: a shard serving slots whose primary has no healthy replica (none
//   listed, or every one flagged PFAIL/FAIL or unreachable): its failure loses those slots.
//   A shard whose primary is itself down is node_failed / cluster_state_fail instead.
// - replicas_colocated: a primary and all its replicas on one host. Loopback hosts are left
//   out: a cluster on one machine (a sandbox) is colocated by construction.
// - uneven_replicas: a shard without replica while another has several, and replica migration
//   cannot even it out because the rich primary would keep fewer than cluster-migration-barrier
//   replicas (a replica migrates only if its primary keeps at least that many; default 1).
import { findingHead } from '../rule-kit';
import type { ClusterShard, Evidence } from '../../contracts';
import type { DiagnosisInput, FindingCandidate } from '../diagnosis-input';
import type { Rule } from '../rule-kit';
import { cNote, cRemedy, configNumber, ct, hostOf, isDown, isHealthyReplica, isLoopback, memberById } from './cluster-kit';

function healthyReplicas(input: DiagnosisInput, s: ClusterShard): string[] {
  const cluster = input.topology.cluster;
  if (!cluster) return [];
  return s.replicaIds.filter((id) => {
    const m = memberById(cluster, id);
    return m ? isHealthyReplica(input, m) : false;
  });
}

/** Shards serving slots whose primary is up. */
function liveShards(input: DiagnosisInput): ClusterShard[] {
  const cluster = input.topology.cluster;
  if (!cluster) return [];
  return cluster.shards.filter((s) => {
    const p = memberById(cluster, s.primaryId);
    return s.slots.length > 0 && p && !isDown(p) && input.nodes.find((n) => n.id === p.id)?.reachable !== false;
  });
}

/** A primary serving no slots and followed by no replica, up and reachable: a node to repair with. */
function spareNode(input: DiagnosisInput): string | undefined {
  const cluster = input.topology.cluster;
  return cluster?.shards.find((s) => {
    const p = memberById(cluster, s.primaryId);
    return s.slots.length === 0 && s.replicaIds.length === 0 && p && !isDown(p) && input.nodes.find((n) => n.id === p.id)?.reachable === true;
  })?.primaryId ?? undefined;
}

export const shardWithoutReplica: Rule = (input) => {
  const cluster = input.topology.cluster;
  if (!cluster) return [];
  const spare = spareNode(input);
  return liveShards(input)
    .filter((s) => healthyReplicas(input, s).length === 0)
    .map((s): FindingCandidate => {
      const primary = memberById(cluster, s.primaryId)!;
      const states = s.replicaIds.map((id) => {
        const m = memberById(cluster, id);
        const reachable = input.nodes.find((n) => n.id === id)?.reachable;
        return `${id}: ${m?.flags.join(',') || m?.health || '?'}${reachable === false ? ', unreachable' : ''}`;
      });
      const none = ct('cluster.rule.noReplica.none');
      // The incident hangs under what took the replica away: a dead replica, or the dead old primary.
      const lostReplica = s.replicaIds.find((id) => input.nodes.find((n) => n.id === id)?.reachable === false || memberById(cluster, id)?.flags.length);
      const root = lostReplica ?? s.failedIds[0] ?? primary.id ?? undefined;
      const params = { shard: s.id, primary: primary.id ?? '?', count: s.slotCount, primaryNodeId: primary.nodeId };
      const evidence: Evidence[] = [
        cNote('cluster.view.slotCount', { count: s.slotCount }),
        ...s.replicaIds.map((id) => ({ type: 'note' as const, text: { en: states[s.replicaIds.indexOf(id)]!, zh: states[s.replicaIds.indexOf(id)]! } })),
      ];
      return {
        ...findingHead('shard_without_replica', s.id, 'warning'),
        nodeId: primary.id ?? undefined,
        title: ct('cluster.rule.noReplica.title', params),
        detail: {
          en: ct('cluster.rule.noReplica.detail', { ...params, replicas: states.join('; ') || none.en }).en,
          zh: ct('cluster.rule.noReplica.detail', { ...params, replicas: states.join('；') || none.zh }).zh,
        },
        evidence,
        // With a spare in the cluster, the fix is one guarded CLUSTER REPLICATE on it.
        remedy: spare && primary.id ? cRemedy('cluster.rule.noReplica.remedy', params, 'cluster.replicate', { nodeId: spare, primary: primary.id }) : cRemedy('cluster.rule.noReplica.remedy', params),
        ...(root ? { rootNodeId: root } : {}),
      };
    });
};

export const replicasColocated: Rule = (input) => {
  const cluster = input.topology.cluster;
  if (!cluster) return [];
  return cluster.shards.flatMap((s): FindingCandidate[] => {
    if (!s.primaryId || !s.replicaIds.length) return [];
    const host = hostOf(s.primaryId);
    if (isLoopback(host) || s.replicaIds.some((id) => hostOf(id) !== host)) return [];
    const primary = memberById(cluster, s.primaryId);
    const params = { shard: s.id, host, primary: s.primaryId, replicas: s.replicaIds.join(', '), primaryNodeId: primary?.nodeId ?? '?' };
    return [
      {
        ...findingHead('replicas_colocated', s.id, 'warning'),
        nodeId: s.primaryId,
        title: ct('cluster.rule.colocated.title', params),
        detail: ct('cluster.rule.colocated.detail', params),
        evidence: [s.primaryId, ...s.replicaIds].map((id) => ({ type: 'note' as const, text: { en: id, zh: id } })),
        remedy: cRemedy('cluster.rule.colocated.remedy', params),
      },
    ];
  });
};

export const unevenReplicas: Rule = (input) => {
  const cluster = input.topology.cluster;
  if (!cluster) return [];
  const shards = liveShards(input).map((s) => ({ s, healthy: healthyReplicas(input, s) }));
  const rich = shards.reduce<(typeof shards)[number] | undefined>((best, x) => (!best || x.healthy.length > best.healthy.length ? x : best), undefined);
  if (!rich || rich.healthy.length < 2) return [];
  // The replica that would migrate reads its own cluster-migration-barrier.
  const barrier = configNumber(input, rich.healthy[0]!, 'cluster-migration-barrier') ?? 1;
  if (rich.healthy.length > barrier) return [];
  return shards
    .filter((x) => x.healthy.length === 0)
    .map(({ s }): FindingCandidate => {
      const primary = memberById(cluster, s.primaryId);
      const params = { shard: s.id, rich: rich.s.id, count: rich.healthy.length, barrier, primaryNodeId: primary?.nodeId ?? '?' };
      return {
        ...findingHead('uneven_replicas', s.id, 'warning'),
        nodeId: s.primaryId ?? undefined,
        title: ct('cluster.rule.uneven.title', params),
        detail: ct('cluster.rule.uneven.detail', params),
        evidence: [{ type: 'config', nodeId: rich.healthy[0]!, name: 'cluster-migration-barrier', value: String(barrier) }],
        remedy: cRemedy('cluster.rule.uneven.remedy', params),
      };
    });
};
