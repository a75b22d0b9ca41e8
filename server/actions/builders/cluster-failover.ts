// cluster.failover: CLUSTER FAILOVER [FORCE|TAKEOVER] on a cluster replica.
// - default: the replica asks its primary to stop writes, waits until it has every byte, then is
//   elected; no data loss, needs the primary up (operator).
// - FORCE: no handshake with the primary (it is down); a majority of primaries still votes.
//   Writes the replica did not receive are lost (admin, typed confirmation).
// - TAKEOVER: no vote at all; the replica bumps the epoch on its own. The Redis docs warn it
//   "violates the last-failover-wins principle of Redis Cluster" (admin, typed confirmation).
// A manual failover ignores the replica-validity limit, so the data age is shown, not enforced.
// Verified with CLUSTER SHARDS: the target is the primary of its shard, which still has its slots.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ActionParams, Bilingual, PreflightCheck } from '../../../lib/contracts';
import { parseInfo } from '../../../lib/info/info-parser';
import { check, reachability, roleCheck } from '../checks';
import type { LiveRedis } from '../live-redis';
import type { BuildContext, BuiltPlan, RunContext } from '../types';
import { addressOf, clusterShards, clusterView, shardOfNode } from './cluster-live';
import { commandStep, waitStep } from './steps';

const TAKEOVER_WARNING: Bilingual = {
  en: 'TAKEOVER promotes without the agreement of the other primaries. The Redis documentation warns that it violates the last-failover-wins principle of Redis Cluster: if the old primary\'s side is still serving, the configuration with the higher epoch wins and writes taken on the other side are lost. Use it only when no majority of primaries can be reached (https://redis.io/docs/latest/commands/cluster-failover/).',
  zh: 'TAKEOVER 不经其他主节点同意即提升。Redis 文档警告它违反了 Redis Cluster 的“最后一次故障转移获胜”原则：若旧主节点一侧仍在服务，纪元更高的配置获胜，另一侧接受的写入会丢失。仅在无法联系多数主节点时使用（https://redis.io/docs/latest/commands/cluster-failover/）。',
};
const FORCE_WARNING: Bilingual = {
  en: 'FORCE does not wait for the primary: writes it accepted that this replica has not received are lost. A majority of primaries must still vote for the promotion.',
  zh: 'FORCE 不等待主节点：主节点已接受但该从节点尚未收到的写入会丢失。仍需多数主节点投票同意提升。',
};

async function validityCheck(live: LiveRedis, target: string): Promise<PreflightCheck> {
  const [timeout, factor, ping, text] = await Promise.all([
    live.configGet(target, 'cluster-node-timeout').catch(() => null),
    live.configGet(target, 'cluster-replica-validity-factor').catch(() => null),
    live.configGet(target, 'repl-ping-replica-period').catch(() => null),
    live.call(target, ['INFO', 'replication']).catch(() => ''),
  ]);
  const down = parseInfo(String(text)).replication.master_link_down_since_seconds;
  const limitS = (Number(timeout) + Number(ping ?? 10) * 1000 + Number(timeout) * Number(factor)) / 1000;
  if (!timeout || !factor || Number(factor) === 0 || down === undefined || down < 0)
    return check('validity', true, 'link up (or validity factor 0): its data is current enough for an automatic failover too', '链路正常（或有效性因子为 0）：数据足够新，自动故障转移也会接受');
  const ok = down <= limitS;
  return check(
    'validity',
    true,
    ok
      ? `link down ${down} s, within the ${limitS} s limit an automatic failover accepts`
      : `link down ${down} s, past the ${limitS} s limit (node-timeout × validity-factor + ping period): an automatic failover would refuse it; a manual one may proceed`,
    ok ? `链路已断开 ${down} 秒，在自动故障转移接受的 ${limitS} 秒内` : `链路已断开 ${down} 秒，超过 ${limitS} 秒上限：自动故障转移会拒绝，手动故障转移仍可进行`,
  );
}

async function waitPromoted(ctx: RunContext, target: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  ctx.progress({ phase: 'step', message: { en: `waiting for ${target} to win the election`, zh: `等待 ${target} 赢得选举` } });
  for (;;) {
    if (ctx.signal?.aborted) throw new Error('the server is stopping; the run was interrupted');
    const n = await ctx.live.probe(target);
    if (n.role === 'master') return `${target} is a primary now`;
    if (Date.now() >= deadline) throw new Error(`${target} is still a ${n.role ?? 'node of unknown role'} after ${timeoutMs} ms: the failover did not happen (see its log)`);
    await sleep(ctx.timeouts.pollMs);
  }
}

export async function buildClusterFailover(ctx: BuildContext, target: string, params: ActionParams<'cluster.failover'>): Promise<BuiltPlan> {
  const mode = params.mode ?? 'default';
  const node = await ctx.live.probe(target);
  const preflight = [...reachability(node, 'replica'), roleCheck(node, 'replica')];
  const view = node.reachable ? await clusterView(ctx.live, target) : null;
  preflight.push(check('cluster_mode', view !== null, view ? `${target} is cluster node ${view.myself.nodeId}` : `${target} does not answer CLUSTER NODES (not in cluster mode?)`, view ? `${target} 是集群节点` : `${target} 未响应 CLUSTER NODES（不是集群模式？）`));
  const primaryLine = view?.byNodeId(view.myself.primaryNodeId);
  const primaryId = (primaryLine && addressOf(primaryLine)) ?? node.upstream;
  const primary = primaryId ? await ctx.live.probe(primaryId) : null;
  const primaryUp = Boolean(primary?.reachable) && !primaryLine?.flags.includes('fail');
  if (mode === 'default') {
    preflight.push(check('primary_up', primaryUp, primaryUp ? `primary ${primaryId} answers: it can hand over` : `primary ${primaryId ?? '?'} is down: the default mode needs it; use FORCE`, primaryUp ? `主节点 ${primaryId} 可达` : `主节点 ${primaryId ?? '?'} 不可达：默认模式需要它，请使用 FORCE`));
    preflight.push(check('link_up', node.linkStatus === 'up', `replication link ${node.linkStatus ?? 'unknown'}`, `复制链路 ${node.linkStatus ?? '未知'}`));
  }
  if (primary?.reachable && node.reachable) {
    const gap = primary.masterOffset - (node.replicaOffset ?? 0);
    const lag = primary.replicas.find((r) => r.id === target)?.lag;
    preflight.push(check('offset', true, `offset gap ${gap} B, lag ${lag ?? '?'} s${mode === 'default' ? ': the primary pauses writes until the replica has them all' : ''}`, `偏移量差距 ${gap} 字节，延迟 ${lag ?? '?'} 秒`));
  }
  if (node.reachable) preflight.push(await validityCheck(ctx.live, target));
  const warnings: Bilingual[] = mode === 'takeover' ? [TAKEOVER_WARNING, FORCE_WARNING] : mode === 'force' ? [FORCE_WARNING] : [];
  const args = ['CLUSTER', 'FAILOVER', ...(mode === 'default' ? [] : [mode.toUpperCase()])];
  const myNodeId = view?.myself.nodeId ?? '';
  return {
    steps: [
      commandStep(target, args, { en: 'Starts the failover on the replica; it returns at once and the election follows.', zh: '在从节点上发起故障转移；命令立即返回，随后进行选举。' }, ctx.timeouts.commandMs),
      waitStep(target, `${target} reports role:master`, { en: 'The replica wins the election and takes over the slots.', zh: '从节点赢得选举并接管槽。' }, ctx.timeouts.failoverMs * 2, (run) => waitPromoted(run, target, ctx.timeouts.failoverMs * 2)),
    ],
    preflight,
    warnings,
    destructive: mode !== 'default',
    involved: [target, ...(primaryId ? [primaryId] : [])],
    async verify(run) {
      const deadline = Date.now() + run.timeouts.convergeMs;
      for (;;) {
        const shards = await clusterShards(run.live, target);
        const mine = shards ? shardOfNode(shards, myNodeId) : null;
        const oldPrimary = mine?.shard.nodes.find((n) => n.nodeId === primaryLine?.nodeId);
        const settled = mine?.role === 'primary' && (!primary?.reachable || oldPrimary?.role === 'replica');
        if (settled || Date.now() >= deadline) {
          const checks = [check('primary_in_shards', mine?.role === 'primary' && mine.shard.slots.length > 0, mine?.role === 'primary' ? `CLUSTER SHARDS lists ${target} as the primary of slots ${mine.shard.slots.map(([a, b]) => `${a}-${b}`).join(', ')}` : `CLUSTER SHARDS lists ${target} as ${mine?.role ?? 'missing'}`, mine?.role === 'primary' ? `CLUSTER SHARDS 显示 ${target} 为主节点` : `CLUSTER SHARDS 显示 ${target} 为 ${mine?.role ?? '缺失'}`)];
          if (primary?.reachable) checks.push(check('old_primary_replica', oldPrimary?.role === 'replica', `old primary ${primaryId} is ${oldPrimary?.role ?? 'not in the shard'}`, `旧主节点 ${primaryId} 为 ${oldPrimary?.role ?? '不在分片中'}`));
          return checks;
        }
        await sleep(run.timeouts.pollMs);
      }
    },
  };
}
