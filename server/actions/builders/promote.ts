// replica.promote. With its master up and Redis ≥ 6.2: FAILOVER TO the candidate, run on the
// master — it pauses writes, waits until the candidate has every byte, then swaps roles, so
// nothing is lost and the old master is fenced by becoming a replica (reference §9, s05).
// Otherwise: REPLICAOF NO ONE on the candidate; then fence a reachable old master with
// REPLICAOF <candidate> straight away (it turns read-only at once; min-replicas-to-write would
// only block writes while it lacks replicas, and it keeps its old replicas, so it is not a
// fence), and re-point the siblings. An unreachable old master cannot be fenced: it returns as
// a second master, which the split_brain finding reports, and the plan says so up front.
import type { ActionParams, Bilingual, PreflightCheck } from '../../../lib/contracts';
import { cycleIfAttached, descendantsOf, replicasOf } from '../../../lib/actions/topology-checks';
import {
  check,
  liveUpstreams,
  reachability,
  roleCheck,
  sentinelWarning,
  versionAtLeast,
} from '../checks';
import type { BuildContext, BuiltPlan, LiveNode, Step } from '../types';
import { describe, linkAndConverge } from '../waits';
import { buildSentinelFailover, managingGroup } from './sentinel-failover';
import { commandStep, hostPort, waitStep } from './steps';

export async function buildPromote(
  ctx: BuildContext,
  target: string,
  params: ActionParams<'replica.promote'>,
): Promise<BuiltPlan> {
  const managed = ctx.sentinel ? managingGroup(ctx, target) : undefined;
  if (ctx.sentinel && managed) return buildSentinelFailover(ctx, ctx.sentinel, managed, target, params);
  const node = await ctx.live.probe(target);
  const preflight: PreflightCheck[] = [
    ...reachability(node, 'candidate'),
    roleCheck(node, 'replica'),
  ];
  const warnings: Bilingual[] = [];
  const oldId = node.role === 'replica' ? node.upstream : undefined;
  const old: LiveNode | null = oldId ? await ctx.live.probe(oldId) : null;
  const upstreams = liveUpstreams(ctx.topology, old ? [node, old] : [node]);
  const siblingIds = oldId
    ? [
        ...new Set([...replicasOf(upstreams, oldId), ...(old?.replicas.map((r) => r.id) ?? [])]),
      ].filter((id) => id !== target)
    : [];
  const siblings = await Promise.all(siblingIds.map((id) => ctx.live.probe(id)));
  const inCycle = oldId ? cycleIfAttached(upstreams, target, oldId) !== null : false;
  const oldIsMaster = !!old?.reachable && old.role === 'master';
  const mode =
    oldIsMaster && versionAtLeast(old.version, [6, 2]) && node.linkStatus === 'up'
      ? 'failover'
      : 'detach';
  const repoint = params.repoint === true;
  const fence = params.fence !== false && mode === 'detach' && oldIsMaster;
  const myOffset = node.replicaOffset ?? 0;

  if (oldId && old) {
    if (mode === 'failover') {
      const gap = Math.max(0, old.masterOffset - myOffset);
      preflight.push(
        check(
          'candidate_synced',
          true,
          `${target} is ${gap} bytes behind ${oldId}; FAILOVER pauses writes on ${oldId} until ${target} has them (up to ${ctx.timeouts.failoverMs} ms)${params.force ? ', then FORCE fails over anyway' : ', else it aborts and nothing changes'}`,
          `${target} 落后 ${oldId} ${gap} 字节；FAILOVER 会暂停 ${oldId} 的写入直到追平${params.force ? '，超时后 FORCE 强制切换' : '，超时则放弃且不做任何改变'}`,
        ),
      );
    } else if (!inCycle) {
      const lastKnown = ctx.topology.nodes.find((n) => n.id === oldId)?.offset ?? 0;
      const refs: Array<[string, number]> = [
        [oldId, old.reachable ? old.masterOffset : lastKnown],
        ...siblings
          .filter((s) => s.reachable)
          .map((s): [string, number] => [s.id, s.replicaOffset ?? 0]),
      ];
      const [bestId, best] = refs.reduce((a, b) => (b[1] > a[1] ? b : a));
      const better = refs
        .slice(1)
        .reduce<[string, number] | null>(
          (a, b) => (b[1] > myOffset && (!a || b[1] > a[1]) ? b : a),
          null,
        );
      const lost = Math.max(0, best - myOffset);
      preflight.push(
        check(
          'candidate_synced',
          lost === 0 || params.force === true,
          lost === 0
            ? `${target} (offset ${myOffset}) has everything ${oldId} and its replicas are known to have`
            : `${target} is ${lost} bytes behind ${bestId}: promoting it loses them${better ? ` — ${better[0]} (offset ${better[1]}) is the better candidate` : ''}${params.force ? ' (forced)' : '; set force to accept the loss'}`,
          lost === 0
            ? `${target} 拥有全部已知数据`
            : `${target} 落后 ${bestId} ${lost} 字节：提升它会丢失这些数据${better ? `，${better[0]} 是更好的候选` : ''}`,
        ),
      );
      if (oldIsMaster && node.linkStatus !== 'up')
        warnings.push({
          en: `${target}'s link is ${node.linkStatus}: FAILOVER needs an online replica, so this plan detaches it instead.`,
          zh: `${target} 链路为 ${node.linkStatus}：FAILOVER 需要在线的从节点，因此改为直接脱离。`,
        });
    }
  }
  if (inCycle)
    warnings.push({
      en: `${target} sits in a replication cycle: REPLICAOF NO ONE breaks it and the ring follows ${target}.`,
      zh: `${target} 位于复制环中：REPLICAOF NO ONE 会打破环，环上其他节点随之跟随 ${target}。`,
    });
  else if (old?.reachable && old.role === 'replica')
    warnings.push({
      en: `${oldId} is itself a replica: ${target} becomes a second master beside the top of that chain.`,
      zh: `${oldId} 本身是从节点：${target} 将成为与链顶并存的另一个主节点。`,
    });
  if (oldId && !old?.reachable)
    warnings.push({
      en: `${oldId} is unreachable and cannot be fenced now: if it comes back it is a second master with old data (split brain). Re-attach it under ${target} (replica.reattach) before any client writes to it.`,
      zh: `${oldId} 不可达，现在无法隔离：它恢复后会成为带旧数据的第二个主节点（脑裂）。在客户端写入之前，用 replica.reattach 把它挂到 ${target} 之下。`,
    });
  if (mode === 'detach' && oldIsMaster && params.fence === false)
    warnings.push({
      en: `fence is off: ${oldId} stays a writable master beside ${target} (split brain).`,
      zh: `未隔离：${oldId} 仍是可写主节点，与 ${target} 并存（脑裂）。`,
    });
  const unreachable = siblings.filter((s) => !s.reachable).map((s) => s.id);
  if (repoint && unreachable.length)
    warnings.push({
      en: `Not reachable, so not re-pointed: ${unreachable.join(', ')}.`,
      zh: `不可达，未重新指向：${unreachable.join('、')}。`,
    });
  if (!repoint && siblings.length && !inCycle)
    warnings.push({
      en: `${siblingIds.join(', ')} keep following ${oldId}${mode === 'failover' ? `, which becomes a replica of ${target} (a chain)` : ''}.`,
      zh: `${siblingIds.join('、')} 继续跟随 ${oldId}。`,
    });
  const sentinel = await sentinelWarning(ctx.live, [oldId, target]);
  if (sentinel) warnings.push(sentinel);
  warnings.push({
    en: `Clients must be pointed at ${target}: ReplicaOps does not move client traffic.`,
    zh: `需要把客户端指向 ${target}：ReplicaOps 不会迁移客户端流量。`,
  });

  const [host, port] = hostPort(target);
  const steps: Step[] = [];
  const followers: string[] = [];
  if (mode === 'failover' && oldId) {
    steps.push(
      commandStep(
        oldId,
        [
          'FAILOVER',
          'TO',
          host,
          port,
          ...(params.force ? ['FORCE'] : []),
          'TIMEOUT',
          String(ctx.timeouts.failoverMs),
        ],
        {
          en: `${oldId} pauses writes, waits until ${target} has its offset, then becomes ${target}'s replica; ${target} continues the same history (partial resync).`,
          zh: `${oldId} 暂停写入，等待 ${target} 追平偏移量后降为其从节点；${target} 延续同一复制历史（增量同步）。`,
        },
        ctx.timeouts.commandMs,
      ),
      waitStep(
        oldId,
        `${target} is master and ${oldId} replicates from it`,
        {
          en: 'FAILOVER runs in the background; watch master_failover_state until it is done.',
          zh: 'FAILOVER 在后台执行；等待 master_failover_state 结束。',
        },
        ctx.timeouts.failoverMs + ctx.timeouts.syncMs,
        async (run) => {
          const deadline = Date.now() + ctx.timeouts.failoverMs + ctx.timeouts.syncMs;
          for (;;) {
            const [c, o] = await Promise.all([run.live.probe(target), run.live.probe(oldId)]);
            if (c.role === 'master' && o.role === 'replica' && o.upstream === target)
              return 'roles swapped';
            // FAILOVER sets its state before replying OK, so a master back at no-failover gave up.
            if (o.role === 'master' && o.failoverState === 'no-failover' && c.role === 'replica')
              throw new Error(
                `FAILOVER aborted: ${target} did not catch up in time; nothing changed and ${oldId} takes writes again`,
              );
            if (Date.now() > deadline)
              throw new Error(
                `FAILOVER did not finish (${oldId}: ${describe(o)}; ${target}: ${describe(c)})`,
              );
            await new Promise((r) => setTimeout(r, ctx.timeouts.pollMs));
          }
        },
      ),
    );
    followers.push(oldId);
  } else {
    steps.push(
      commandStep(
        target,
        ['REPLICAOF', 'NO', 'ONE'],
        {
          en: `${target} becomes a master; it keeps its data and its replication history as replid2, so nodes that followed the same history can attach with a partial resync.`,
          zh: `${target} 成为主节点；保留数据并把原复制历史记为 replid2，同一历史的节点可以增量同步挂上来。`,
        },
        ctx.timeouts.commandMs,
      ),
    );
    if (fence && oldId) {
      steps.push(
        commandStep(
          oldId,
          ['REPLICAOF', host, port],
          {
            en: `Fence the old master at once: as a replica of ${target} it refuses client writes (READONLY). Writes it took after ${target}'s offset are discarded by its resync.`,
            zh: `立即隔离旧主节点：作为 ${target} 的从节点它会拒绝客户端写入（READONLY）。它在 ${target} 偏移量之后接受的写入会在同步时被丢弃。`,
          },
          ctx.timeouts.commandMs,
        ),
      );
      followers.push(oldId);
    }
  }
  if (repoint)
    for (const s of siblings.filter((x) => x.reachable)) {
      steps.push(
        commandStep(
          s.id,
          ['REPLICAOF', host, port],
          {
            en: `Re-point ${s.id} to ${target}: same history, so a partial resync (reference F9, s27a).`,
            zh: `把 ${s.id} 指向 ${target}：同一复制历史，增量同步。`,
          },
          ctx.timeouts.commandMs,
        ),
      );
      followers.push(s.id);
    }
  const involved = [
    target,
    ...(oldId ? [oldId] : []),
    ...siblingIds,
    ...descendantsOf(upstreams, target),
  ];
  return {
    steps,
    preflight,
    warnings,
    destructive: true,
    involved,
    async verify(run) {
      const me = await run.live.probe(target);
      const checks = [
        check(
          'candidate_master',
          me.role === 'master',
          `${target} is ${describe(me)}`,
          `${target}：${describe(me)}`,
        ),
      ];
      for (const f of followers) checks.push(...(await linkAndConverge(run, f, target)));
      const masters = (await Promise.all(involved.map((id) => run.live.probe(id))))
        .filter((n) => n.reachable && n.role === 'master')
        .map((n) => n.id);
      const expectOne = mode === 'failover' || fence || inCycle;
      checks.push(
        check(
          'one_master',
          !expectOne || masters.length === 1,
          `masters now: ${masters.join(', ') || 'none'}`,
          `当前主节点：${masters.join('、') || '无'}`,
        ),
      );
      return checks;
    },
  };
}
