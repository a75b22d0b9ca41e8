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
import type { BuildContext, BuiltPlan, LiveNode, RunContext, Step } from '../types';
import { describe, describeZh, linkAndConverge } from '../waits';
import { detachSteps, failoverSteps, repointSteps, type Promotion } from './promote-steps';
import { buildSentinelFailover, managingGroup } from './sentinel-failover';

async function readPromotion(
  ctx: BuildContext,
  target: string,
  params: ActionParams<'replica.promote'>,
): Promise<Promotion> {
  const node = await ctx.live.probe(target);
  const oldId = node.role === 'replica' ? node.upstream : undefined;
  const old: LiveNode | null = oldId ? await ctx.live.probe(oldId) : null;
  const upstreams = liveUpstreams(ctx.topology, old ? [node, old] : [node]);
  const siblingIds = oldId
    ? [
        ...new Set([...replicasOf(upstreams, oldId), ...(old?.replicas.map((r) => r.id) ?? [])]),
      ].filter((id) => id !== target)
    : [];
  const siblings = await Promise.all(siblingIds.map((id) => ctx.live.probe(id)));
  const oldIsMaster = !!old?.reachable && old.role === 'master';
  const mode =
    oldIsMaster && versionAtLeast(old.version, [6, 2]) && node.linkStatus === 'up'
      ? 'failover'
      : 'detach';
  return {
    target,
    node,
    oldId,
    old,
    upstreams,
    siblingIds,
    siblings,
    inCycle: oldId ? cycleIfAttached(upstreams, target, oldId) !== null : false,
    oldIsMaster,
    mode,
    fence: params.fence !== false && mode === 'detach' && oldIsMaster,
    repoint: params.repoint === true,
    myOffset: node.replicaOffset ?? 0,
  };
}

/** Detaching: the candidate must hold every byte the old master and its replicas are known to have. */
function detachSyncCheck(
  ctx: BuildContext,
  p: Promotion,
  oldId: string,
  old: LiveNode,
  force: boolean,
): PreflightCheck {
  const { target, myOffset } = p;
  const lastKnown = ctx.topology.nodes.find((n) => n.id === oldId)?.offset ?? 0;
  const refs: Array<[string, number]> = [
    [oldId, old.reachable ? old.masterOffset : lastKnown],
    ...p.siblings
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
  return check(
    'candidate_synced',
    lost === 0 || force,
    lost === 0
      ? `${target} (offset ${myOffset}) has everything ${oldId} and its replicas are known to have`
      : `${target} is ${lost} bytes behind ${bestId}: promoting it loses them${better ? ` — ${better[0]} (offset ${better[1]}) is the better candidate` : ''}${force ? ' (forced)' : '; set force to accept the loss'}`,
    lost === 0
      ? `${target} 拥有全部已知数据`
      : `${target} 落后 ${bestId} ${lost} 字节：提升它会丢失这些数据${better ? `，${better[0]} 是更好的候选` : ''}`,
  );
}

function candidateChecks(
  ctx: BuildContext,
  p: Promotion,
  params: ActionParams<'replica.promote'>,
): PreflightCheck[] {
  const { target, node, oldId, old } = p;
  const preflight = [...reachability(node, 'candidate'), roleCheck(node, 'replica')];
  if (!oldId || !old) return preflight;
  if (p.mode === 'failover') {
    const gap = Math.max(0, old.masterOffset - p.myOffset);
    preflight.push(
      check(
        'candidate_synced',
        true,
        `${target} is ${gap} bytes behind ${oldId}; FAILOVER pauses writes on ${oldId} until ${target} has them (up to ${ctx.timeouts.failoverMs} ms)${params.force ? ', then FORCE fails over anyway' : ', else it aborts and nothing changes'}`,
        `${target} 落后 ${oldId} ${gap} 字节；FAILOVER 会暂停 ${oldId} 的写入直到追平${params.force ? '，超时后 FORCE 强制切换' : '，超时则放弃且不做任何改变'}`,
      ),
    );
  } else if (!p.inCycle) preflight.push(detachSyncCheck(ctx, p, oldId, old, params.force === true));
  return preflight;
}

async function promoteWarnings(
  ctx: BuildContext,
  p: Promotion,
  params: ActionParams<'replica.promote'>,
): Promise<Bilingual[]> {
  const { target, node, oldId, old } = p;
  const warnings: Bilingual[] = [];
  const say = (en: string, zh: string) => warnings.push({ en, zh });
  if (
    oldId &&
    old &&
    p.mode === 'detach' &&
    !p.inCycle &&
    p.oldIsMaster &&
    node.linkStatus !== 'up'
  )
    say(
      `${target}'s link is ${node.linkStatus}: FAILOVER needs an online replica, so this plan detaches it instead.`,
      `${target} 链路为 ${node.linkStatus}：FAILOVER 需要在线的从节点，因此改为直接脱离。`,
    );
  if (p.inCycle)
    say(
      `${target} sits in a replication cycle: REPLICAOF NO ONE breaks it and the ring follows ${target}.`,
      `${target} 位于复制环中：REPLICAOF NO ONE 会打破环，环上其他节点随之跟随 ${target}。`,
    );
  else if (old?.reachable && old.role === 'replica')
    say(
      `${oldId} is itself a replica: ${target} becomes a second master beside the top of that chain.`,
      `${oldId} 本身是从节点：${target} 将成为与链顶并存的另一个主节点。`,
    );
  if (oldId && !old?.reachable)
    say(
      `${oldId} is unreachable and cannot be fenced now: if it comes back it is a second master with old data (split brain). Re-attach it under ${target} (replica.reattach) before any client writes to it.`,
      `${oldId} 不可达，现在无法隔离：它恢复后会成为带旧数据的第二个主节点（脑裂）。在客户端写入之前，用 replica.reattach 把它挂到 ${target} 之下。`,
    );
  if (p.mode === 'detach' && p.oldIsMaster && params.fence === false)
    say(
      `fence is off: ${oldId} stays a writable master beside ${target} (split brain).`,
      `未隔离：${oldId} 仍是可写主节点，与 ${target} 并存（脑裂）。`,
    );
  const unreachable = p.siblings.filter((s) => !s.reachable).map((s) => s.id);
  if (p.repoint && unreachable.length)
    say(
      `Not reachable, so not re-pointed: ${unreachable.join(', ')}.`,
      `不可达，未重新指向：${unreachable.join('、')}。`,
    );
  if (!p.repoint && p.siblings.length && !p.inCycle)
    say(
      `${p.siblingIds.join(', ')} keep following ${oldId}${p.mode === 'failover' ? `, which becomes a replica of ${target} (a chain)` : ''}.`,
      `${p.siblingIds.join('、')} 继续跟随 ${oldId}。`,
    );
  const sentinel = await sentinelWarning(ctx.live, [oldId, target]);
  if (sentinel) warnings.push(sentinel);
  say(
    `Clients must be pointed at ${target}: ReplicaOps does not move client traffic.`,
    `需要把客户端指向 ${target}：ReplicaOps 不会迁移客户端流量。`,
  );
  return warnings;
}

function promoteVerify(p: Promotion, followers: string[], involved: string[]) {
  const { target } = p;
  return async (run: RunContext) => {
    const me = await run.live.probe(target);
    const checks = [
      check(
        'candidate_master',
        me.role === 'master',
        `${target} is ${describe(me)}`,
        `${target}：${describeZh(me)}`,
      ),
    ];
    for (const f of followers) checks.push(...(await linkAndConverge(run, f, target)));
    const masters = (await Promise.all(involved.map((id) => run.live.probe(id))))
      .filter((n) => n.reachable && n.role === 'master')
      .map((n) => n.id);
    const expectOne = p.mode === 'failover' || p.fence || p.inCycle;
    checks.push(
      check(
        'one_master',
        !expectOne || masters.length === 1,
        `masters now: ${masters.join(', ') || 'none'}`,
        `当前主节点：${masters.join('、') || '无'}`,
      ),
    );
    return checks;
  };
}

export async function buildPromote(
  ctx: BuildContext,
  target: string,
  params: ActionParams<'replica.promote'>,
): Promise<BuiltPlan> {
  // Sentinel manages this group: promotion is SENTINEL FAILOVER, never a hand-made REPLICAOF.
  const managed = ctx.sentinel ? managingGroup(ctx, target) : undefined;
  if (ctx.sentinel && managed) return buildSentinelFailover(ctx, ctx.sentinel, managed, target, params);
  const p = await readPromotion(ctx, target, params);
  const preflight = candidateChecks(ctx, p, params);
  const warnings = await promoteWarnings(ctx, p, params);
  const steps: Step[] = [];
  const followers: string[] = [];
  if (p.mode === 'failover' && p.oldId) {
    steps.push(...failoverSteps(ctx, target, p.oldId, params.force === true));
    followers.push(p.oldId);
  } else {
    const detached = detachSteps(ctx, p);
    steps.push(...detached.steps);
    followers.push(...detached.followers);
  }
  if (p.repoint) {
    const repointed = repointSteps(ctx, p);
    steps.push(...repointed);
    followers.push(...repointed.map((s) => s.nodeId));
  }
  const involved = [
    target,
    ...(p.oldId ? [p.oldId] : []),
    ...p.siblingIds,
    ...descendantsOf(p.upstreams, target),
  ];
  return {
    steps,
    preflight,
    warnings,
    destructive: true,
    involved,
    verify: promoteVerify(p, followers, involved),
  };
}
