// cluster.replicate: CLUSTER REPLICATE <node-id> on a cluster node, to give a shard without
// replica a spare (or move a replica). Guarded like replica.reattach: the primary must be a
// primary of the target's own cluster (as the target's CLUSTER NODES lists it) and not failed;
// Redis itself refuses a primary that serves slots or holds keys, so the preflight says so first.
// The node keeps the cluster's masterauth; nothing else is changed.
import type { ActionParams, Bilingual } from '../../../lib/contracts';
import { check, reachability, upstreamHealth } from '../checks';
import type { BuildContext, BuiltPlan } from '../types';
import { linkAndConverge } from '../waits';
import { addressOf, clusterView } from './cluster-live';
import { commandStep } from './steps';

export async function buildClusterReplicate(ctx: BuildContext, target: string, params: ActionParams<'cluster.replicate'>): Promise<BuiltPlan> {
  const primaryId = ctx.canonical(params.primary);
  const [node, up] = await Promise.all([ctx.live.probe(target), ctx.live.probe(primaryId)]);
  const preflight = [...reachability(node, 'target'), ...reachability(up, 'primary')];
  const view = node.reachable ? await clusterView(ctx.live, target) : null;
  preflight.push(check('cluster_mode', view !== null, view ? `${target} is a cluster node` : `${target} does not answer CLUSTER NODES (not in cluster mode?)`, view ? `${target} 是集群节点` : `${target} 不是集群节点？`));
  const primaryLine = view?.byAddress(primaryId);
  const isPrimary = primaryLine?.role === 'primary' && !primaryLine.flags.includes('fail');
  preflight.push(
    check(
      'same_cluster',
      Boolean(primaryLine) && isPrimary,
      !primaryLine ? `${primaryId} is not a node of ${target}'s cluster` : isPrimary ? `${primaryId} is a primary of the same cluster (${primaryLine.nodeId})` : `${primaryId} is a ${primaryLine.role}${primaryLine.flags.length ? ` (${primaryLine.flags.join(',')})` : ''}, not a live primary`,
      !primaryLine ? `${primaryId} 不在 ${target} 所在的集群中` : isPrimary ? `${primaryId} 是同一集群的主节点` : `${primaryId} 不是在线的主节点`,
    ),
  );
  if (up.reachable) preflight.push(upstreamHealth(up));
  const me = view?.myself;
  if (me?.role === 'primary') {
    const empty = me.slots.length === 0 && node.keys === 0;
    preflight.push(check('empty_primary', empty, empty ? `${target} is a primary without slots or keys` : `${target} serves ${me.slots.length} slot range(s) and ${node.keys} keys: Redis refuses to make it a replica (move its slots first)`, empty ? `${target} 是没有槽和数据的主节点` : `${target} 持有槽或数据：Redis 会拒绝`));
  }
  if (me?.role === 'replica' && me.primaryNodeId === primaryLine?.nodeId)
    preflight.push(check('change_needed', false, `${target} already replicates from ${primaryId}`, `${target} 已在复制 ${primaryId}`));
  const warnings: Bilingual[] = [];
  const current = me?.role === 'replica' ? view?.byNodeId(me.primaryNodeId) : undefined;
  if (current && current.nodeId !== primaryLine?.nodeId) {
    const from = addressOf(current) ?? current.nodeId;
    warnings.push({ en: `${target} leaves ${from}'s shard, which keeps one replica fewer.`, zh: `${target} 将离开 ${from} 的分片，该分片少一个从节点。` });
  }
  return {
    steps: [
      commandStep(target, ['CLUSTER', 'REPLICATE', primaryLine?.nodeId ?? '?'], { en: `Make ${target} a replica of ${primaryId}; it full-syncs from it.`, zh: `使 ${target} 成为 ${primaryId} 的从节点；它会从其全量同步。` }, ctx.timeouts.commandMs),
    ],
    preflight,
    warnings,
    destructive: false,
    involved: [target, primaryId],
    verify: (run) => linkAndConverge(run, target, primaryId),
  };
}
