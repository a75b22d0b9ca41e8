// The commands of replica.promote: FAILOVER TO (and the wait for the swap), or REPLICAOF NO ONE
// with the fence of the old master, and the re-pointing of the siblings.
import type { BuildContext, LiveNode, Step } from '../types';
import { describe } from '../waits';
import { commandStep, hostPort, waitStep } from './steps';

/** Everything the plan is decided from, read live once. */
export interface Promotion {
  target: string;
  node: LiveNode;
  oldId: string | undefined;
  old: LiveNode | null;
  upstreams: Map<string, string | undefined>;
  siblingIds: string[];
  siblings: LiveNode[];
  inCycle: boolean;
  oldIsMaster: boolean;
  mode: 'failover' | 'detach';
  fence: boolean;
  repoint: boolean;
  myOffset: number;
}

/** FAILOVER TO on the old master, then a wait until the roles have swapped (or it gave up). */
export function failoverSteps(
  ctx: BuildContext,
  target: string,
  oldId: string,
  force: boolean,
): Step[] {
  const [host, port] = hostPort(target);
  const budget = ctx.timeouts.failoverMs + ctx.timeouts.syncMs;
  return [
    commandStep(
      oldId,
      [
        'FAILOVER',
        'TO',
        host,
        port,
        ...(force ? ['FORCE'] : []),
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
      budget,
      async (run) => {
        const deadline = Date.now() + budget;
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
  ];
}

/** REPLICAOF NO ONE on the candidate, fence the old master, re-point the siblings when asked. */
export function detachSteps(
  ctx: BuildContext,
  p: Promotion,
): { steps: Step[]; followers: string[] } {
  const { target, oldId } = p;
  const [host, port] = hostPort(target);
  const steps: Step[] = [
    commandStep(
      target,
      ['REPLICAOF', 'NO', 'ONE'],
      {
        en: `${target} becomes a master; it keeps its data and its replication history as replid2, so nodes that followed the same history can attach with a partial resync.`,
        zh: `${target} 成为主节点；保留数据并把原复制历史记为 replid2，同一历史的节点可以增量同步挂上来。`,
      },
      ctx.timeouts.commandMs,
    ),
  ];
  const followers: string[] = [];
  if (p.fence && oldId) {
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
  return { steps, followers };
}

export function repointSteps(ctx: BuildContext, p: Promotion): Step[] {
  const [host, port] = hostPort(p.target);
  return p.siblings
    .filter((x) => x.reachable)
    .map((s) =>
      commandStep(
        s.id,
        ['REPLICAOF', host, port],
        {
          en: `Re-point ${s.id} to ${p.target}: same history, so a partial resync.`,
          zh: `把 ${s.id} 指向 ${p.target}：同一复制历史，增量同步。`,
        },
        ctx.timeouts.commandMs,
      ),
    );
}
