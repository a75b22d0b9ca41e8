// replica.promote in a Sentinel-managed group: SENTINEL FAILOVER <name> on a Sentinel, never a
// REPLICAOF of our own that Sentinel would undo. Sentinel chooses the replica itself (lowest
// non-zero replica-priority, then largest offset, then run id: Redis docs "Replica selection
// and priority"), so the plan says which one it will most likely pick. Verified by Sentinel's
// +switch-master and by the nodes' roles.
import type { ActionParams, Bilingual, PreflightCheck, SentinelGroup } from '../../../lib/contracts';
import { check } from '../checks';
import type { BuildContext, BuiltPlan, LiveNode, SentinelGate, Step } from '../types';
import { describe, describeZh } from '../waits';

const BAD_FLAGS = ['s_down', 'o_down', 'disconnected'];

function eligibility(ctx: BuildContext, group: SentinelGroup, live: Map<string, LiveNode>, master: LiveNode | undefined) {
  return (group.replicas ?? []).map((r) => {
    const n = live.get(r.id);
    const gap = n?.reachable && master?.reachable ? Math.max(0, master.masterOffset - (n.replicaOffset ?? 0)) : null;
    const why: string[] = [];
    if (r.priority === 0) why.push('replica-priority 0 (never promoted)');
    const flags = r.flags.filter((f) => BAD_FLAGS.includes(f));
    if (flags.length) why.push(`Sentinel flags ${flags.join(',')}`);
    if (!n?.reachable) why.push('unreachable');
    else if (n.linkStatus !== 'up' && master?.reachable) why.push(`link ${n.linkStatus ?? 'unknown'}`);
    if (gap !== null && gap > ctx.thresholds.gapCriticalBytes) why.push(`${gap} bytes behind`);
    return { id: r.id, priority: r.priority ?? 100, offset: n?.replicaOffset ?? 0, why };
  });
}

type Candidate = ReturnType<typeof eligibility>[number];

/** The group's nodes as they are now, and whom Sentinel can and most likely will choose. */
interface FailoverReading {
  ids: string[];
  me: Candidate | undefined;
  likely: Candidate | undefined;
}

async function readFailover(ctx: BuildContext, group: SentinelGroup, target: string): Promise<FailoverReading> {
  const oldMaster = group.masterId;
  const ids = [...new Set([...(oldMaster ? [oldMaster] : []), ...(group.replicas ?? []).map((r) => r.id)])];
  const live = new Map((await Promise.all(ids.map((id) => ctx.live.probe(id)))).map((n) => [n.id, n]));
  const master = oldMaster ? live.get(oldMaster) : undefined;
  const candidates = eligibility(ctx, group, live, master);
  const eligible = candidates.filter((c) => c.why.length === 0);
  return {
    ids,
    me: candidates.find((c) => c.id === target),
    likely: [...eligible].sort((a, b) => a.priority - b.priority || b.offset - a.offset || a.id.localeCompare(b.id))[0],
  };
}

function failoverChecks(group: SentinelGroup, target: string, me: Candidate | undefined): PreflightCheck[] {
  const reachable = group.reachableSentinelIds?.length ?? 0;
  return [
    check('sentinel_quorum', group.ckquorum.ok, `SENTINEL CKQUORUM ${group.name}: ${group.ckquorum.message} (${reachable} of ${group.sentinelIds.length} reachable)`, `SENTINEL CKQUORUM ${group.name}：${group.ckquorum.message}`),
    check(
      'sentinel_idle',
      group.failover?.state !== 'in_progress',
      group.failover?.state === 'in_progress' ? `Sentinel is already failing over ${group.name}` : `no failover of ${group.name} in progress`,
      group.failover?.state === 'in_progress' ? `Sentinel 正在对 ${group.name} 故障转移` : `${group.name} 没有进行中的故障转移`,
    ),
    check(
      'candidate_eligible',
      !!me && me.why.length === 0,
      !me ? `${target} is not among the replicas Sentinel lists for ${group.name}` : me.why.length ? `${target} cannot be chosen by Sentinel: ${me.why.join('; ')}` : `${target} is eligible (priority ${me.priority}, link up, lag small)`,
      !me ? `${target} 不在 Sentinel 为 ${group.name} 列出的从节点中` : me.why.length ? `Sentinel 不会选择 ${target}：${me.why.join('；')}` : `${target} 符合条件`,
    ),
  ];
}

function failoverWarnings(group: SentinelGroup, target: string, likely: Candidate | undefined, params: ActionParams<'replica.promote'>): Bilingual[] {
  const warnings: Bilingual[] = [
    {
      en: `Sentinel manages ${group.name}: this promotion runs SENTINEL FAILOVER ${group.name}, and Sentinel re-points the other replicas and tells its clients the new master.`,
      zh: `${group.name} 由 Sentinel 管理：此次提升执行 SENTINEL FAILOVER ${group.name}，由 Sentinel 重新指向其他从节点并告知客户端新的主节点。`,
    },
  ];
  if (likely && likely.id !== target)
    warnings.push({
      en: `Sentinel chooses the replica itself and will most likely pick ${likely.id} (priority ${likely.priority}, offset ${likely.offset}), not ${target}. To get ${target}, give it a lower replica-priority than the others first.`,
      zh: `Sentinel 自行选择从节点，很可能选 ${likely.id}（priority ${likely.priority}，offset ${likely.offset}），而不是 ${target}。若要选 ${target}，请先把它的 replica-priority 设得比其他节点低。`,
    });
  if (params.force) warnings.push({ en: 'force has no effect with Sentinel: it applies its own rules.', zh: 'Sentinel 模式下 force 无效：Sentinel 按自己的规则执行。' });
  return warnings;
}

/** SENTINEL FAILOVER on one Sentinel, then the wait for its +switch-master. */
function failoverSteps(ctx: BuildContext, gate: SentinelGate, group: SentinelGroup, target: string): Step[] {
  const oldMaster = group.masterId;
  let startedAt = 0;
  const timeoutMs = (group.failoverTimeoutMs ?? 180_000) + ctx.timeouts.failoverMs;
  return [
    {
      nodeId: group.reachableSentinelIds?.[0] ?? oldMaster ?? target,
      command: `SENTINEL FAILOVER ${group.name}`,
      why: { en: `A Sentinel of ${group.name} fails it over without asking the others (a forced failover).`, zh: `由 ${group.name} 的一个 Sentinel 直接执行故障转移（无需其他 Sentinel 同意）。` },
      timeoutMs: ctx.timeouts.commandMs,
      async run() {
        startedAt = Date.now();
        const { sentinelId, reply } = await gate.command(group.name, 'SENTINEL', 'FAILOVER', group.name);
        return `${sentinelId}: ${String(reply)}`;
      },
    },
    {
      nodeId: oldMaster ?? target,
      command: `(wait) +switch-master for ${group.name}`,
      why: { en: 'Sentinel announces the new master with +switch-master.', zh: 'Sentinel 以 +switch-master 宣布新的主节点。' },
      timeoutMs,
      isWait: true,
      async run(run) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const f = gate.group(group.name)?.failover;
          const g = gate.group(group.name);
          // +switch-master seen, and the Sentinels' polled answer names the new master too.
          if (f && f.startedAt >= startedAt - 1000 && f.phases.some((p) => p.type === '+switch-master') && g?.masterId === f.to)
            return `+switch-master: ${f.from} → ${f.to ?? '?'}`;
          if (f && f.startedAt >= startedAt - 1000 && f.state === 'failed') throw new Error(`Sentinel gave up: ${f.reason ?? 'aborted'}`);
          if (Date.now() > deadline) throw new Error(`no +switch-master for ${group.name} within ${timeoutMs} ms`);
          await new Promise((r) => setTimeout(r, run.timeouts.pollMs));
        }
      },
    },
  ];
}

/** Sentinel names a new master, it is one, and it is the target (Sentinel may choose another). */
function failoverVerify(gate: SentinelGate, group: SentinelGroup, target: string): BuiltPlan['verify'] {
  const oldMaster = group.masterId;
  return async (run) => {
    const g = gate.group(group.name);
    const now = g?.masterId ?? null;
    const me2 = await run.live.probe(target);
    const moved = now !== null && now !== oldMaster;
    const newNode = now ? await run.live.probe(now) : null;
    return [
      check('sentinel_switched', moved, `Sentinel's master of ${group.name}: ${oldMaster ?? '?'} → ${now ?? '?'}`, `Sentinel 认定的 ${group.name} 主节点：${oldMaster ?? '?'} → ${now ?? '?'}`),
      check(
        'new_master_role',
        newNode?.role === 'master',
        `${now ?? '?'} is ${newNode ? describe(newNode) : 'unknown'}`,
        `${now ?? '?'}：${newNode ? describeZh(newNode) : '未知'}`,
      ),
      check(
        'candidate_master',
        me2.role === 'master',
        me2.role === 'master' ? `${target} is the master` : `Sentinel chose ${now ?? '?'}; ${target} is ${describe(me2)}`,
        me2.role === 'master' ? `${target} 是主节点` : `Sentinel 选择了 ${now ?? '?'}；${target}：${describeZh(me2)}`,
      ),
    ];
  };
}

export async function buildSentinelFailover(
  ctx: BuildContext,
  gate: SentinelGate,
  group: SentinelGroup,
  target: string,
  params: ActionParams<'replica.promote'>,
): Promise<BuiltPlan> {
  const { ids, me, likely } = await readFailover(ctx, group, target);
  return {
    steps: failoverSteps(ctx, gate, group, target),
    preflight: failoverChecks(group, target, me),
    warnings: failoverWarnings(group, target, likely, params),
    destructive: true,
    involved: ids,
    verify: failoverVerify(gate, group, target),
  };
}

/** The Sentinel group that manages the target's replication, if any (for the promote hook). */
export function managingGroup(ctx: BuildContext, target: string): SentinelGroup | undefined {
  const g = ctx.sentinel?.groupOf(ctx.canonical(target));
  return g && (g.replicas ?? []).some((r) => r.id === ctx.canonical(target)) ? g : undefined;
}

/** replica.reattach in a Sentinel group: anything but Sentinel's master is refused, with why. */
export function sentinelReattachCheck(ctx: BuildContext, target: string, upstream: string): PreflightCheck | null {
  // Only nodes Sentinel manages (its master, the replicas it lists): Sentinel leaves
  // sub-replicas and nodes it does not know alone.
  const g = ctx.sentinel?.groupOf(ctx.canonical(target));
  if (!g?.masterId) return null;
  const ok = ctx.canonical(upstream) === g.masterId;
  return check(
    'sentinel_master',
    ok,
    ok
      ? `${upstream} is Sentinel's master of ${g.name}`
      : `Sentinel manages ${g.name} and its master is ${g.masterId}: a re-attach of ${target} under ${upstream} would be undone by Sentinel within seconds (it re-points replicas to its master). Re-attach under ${g.masterId}, or change Sentinel's view first (SENTINEL FAILOVER / SENTINEL RESET ${g.name}).`,
    ok
      ? `${upstream} 是 Sentinel 认定的 ${g.name} 主节点`
      : `${g.name} 由 Sentinel 管理，其主节点是 ${g.masterId}：把 ${target} 挂到 ${upstream} 下会在几秒内被 Sentinel 撤销。请挂到 ${g.masterId} 下，或先改变 Sentinel 的视图（SENTINEL FAILOVER / SENTINEL RESET ${g.name}）。`,
  );
}

/** config.apply on a node Sentinel manages: the settings Sentinel acts on (or rewrites) say so. */
export function sentinelConfigWarnings(ctx: BuildContext, target: string, names: string[]): Bilingual[] {
  const g = ctx.sentinel?.groupOf(ctx.canonical(target));
  if (!g) return [];
  const out: Bilingual[] = [];
  if (names.includes('replica-priority') || names.includes('slave-priority'))
    out.push({
      en: `Sentinel (${g.name}) reads replica-priority to choose whom to promote: the lowest non-zero value wins, 0 means never. The change counts from Sentinel's next INFO of ${target} (every 10 s).`,
      zh: `Sentinel（${g.name}）依据 replica-priority 选择提升对象：数值最小的非 0 者优先，0 表示永不提升。Sentinel 下次读取 ${target} 的 INFO（每 10 秒）后生效。`,
    });
  if (names.some((n) => n === 'replicaof' || n === 'slaveof' || n === 'masterauth' || n === 'masteruser'))
    out.push({
      en: `Sentinel (${g.name}) sets the replication of ${target} itself and rewrites its config file on every reconfiguration: a change here may be undone.`,
      zh: `Sentinel（${g.name}）自行设置 ${target} 的复制关系，并在每次重新配置时改写其配置文件：此处的修改可能被撤销。`,
    });
  return out;
}
