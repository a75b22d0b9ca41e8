// Which cluster shard a node or a finding belongs to, so incidents group by shard: the findings
// of a primary and its replicas that open together make one incident named after the shard. Pure.
import type { Bilingual, ClusterShard, Finding, Topology } from '../contracts';
import { translate, type Dictionary } from '../i18n';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';

/** The shard a node is a member of now (primary, replica, or failed former member). */
export function shardOfNode(
  topology: Topology,
  nodeId: string | undefined,
): ClusterShard | undefined {
  const cluster = topology.cluster;
  if (!cluster || !nodeId) return undefined;
  const id =
    topology.nodes.find((n) => n.id === nodeId)?.shardId ??
    cluster.members.find((m) => m.id === nodeId)?.shardId;
  return (
    (id !== undefined ? cluster.shards.find((s) => s.id === id) : undefined) ??
    cluster.shards.find(
      (s) =>
        s.primaryId === nodeId || s.replicaIds.includes(nodeId) || s.failedIds.includes(nodeId),
    )
  );
}

type Placeable = Pick<Finding, 'kind' | 'nodeId' | 'link'>;

/**
 * The shard a finding is about: that of its root node, else of its own node or link. Findings
 * about the whole cluster name none: `epoch_collision` (two primaries), and `cluster_state_fail`
 * unless a failed primary explains it (its node is merely where CLUSTER INFO was read).
 */
export function shardOfFinding(
  finding: Placeable,
  rootNodeId: string | undefined,
  topology: Topology,
): ClusterShard | undefined {
  if (!topology.cluster || finding.kind === 'epoch_collision') return undefined;
  if (finding.kind === 'cluster_state_fail')
    return rootNodeId && rootNodeId !== finding.nodeId
      ? shardOfNode(topology, rootNodeId)
      : undefined;
  for (const id of [rootNodeId, finding.nodeId, finding.link?.replica, finding.link?.upstream]) {
    const shard = shardOfNode(topology, id);
    if (shard) return shard;
  }
  return undefined;
}

/** Whether any node of an incident (its root or a node involved) is a member of `shard` now. */
export function involvesShard(
  nodeIds: ReadonlyArray<string | undefined>,
  shard: ClusterShard,
  topology: Topology,
): boolean {
  return nodeIds.some((id) => id !== undefined && shardOfNode(topology, id)?.id === shard.id);
}

/** An incident's title named after its shard: "Shard slots-0 (slots 0-5460): <first finding>". */
export function shardIncidentTitle(shard: ClusterShard, title: Bilingual): Bilingual {
  const ranges = shard.slots.slice(0, 3).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  const more = shard.slots.length > 3 ? ', …' : '';
  const say = (dict: Dictionary, lang: 'en' | 'zh') =>
    translate(dict, 'cluster.incident.title', {
      shard: shard.id,
      slots: ranges.length ? ranges.join(', ') + more : translate(dict, 'cluster.view.noSlots'),
      title: title[lang],
    });
  return { en: say(en, 'en'), zh: say(zhCN, 'zh') };
}
