// replica.resync: force a full resync the way that really forces it (reference §7.3, s04):
// REPLICAOF NO ONE gives the replica a new random replid, so its next PSYNC to the same master
// cannot match and becomes a full sync. Both commands go in one MULTI/EXEC: the replica is a
// writable master only inside that transaction, where no client command can run. No FLUSHALL:
// a read-only replica refuses it (READONLY), and the full sync replaces the dataset anyway.
import type { ActionParams, Bilingual } from '../../../lib/contracts';
import { descendantsOf } from '../../../lib/actions/topology-checks';
import { check, liveUpstreams, mb, reachability, roleCheck, upstreamHealth } from '../checks';
import type { BuildContext, BuiltPlan, Step } from '../types';
import { convergeCheck, waitLinkUp } from '../waits';
import { hostPort, transactionStep, waitStep } from './steps';

/** NO ONE + back to the same upstream in one transaction, then the wait for the full sync. */
function resyncSteps(ctx: BuildContext, target: string, upstream: string): Step[] {
  const [host, port] = hostPort(upstream);
  return [
    transactionStep(
      target,
      [
        ['REPLICAOF', 'NO', 'ONE'],
        ['REPLICAOF', host, port],
      ],
      {
        en: 'New replication ID, then back to the same upstream, atomically: the PSYNC that follows cannot match and becomes a full sync.',
        zh: '原子地更换复制 ID 并重新指向同一上游：随后的 PSYNC 无法匹配，必然全量同步。',
      },
      ctx.timeouts.commandMs,
    ),
    waitStep(
      target,
      `full sync of ${target} from ${upstream}, link up`,
      {
        en: 'Bytes received are reported live from master_sync_read_bytes / master_sync_total_bytes.',
        zh: '实时报告 master_sync_read_bytes / master_sync_total_bytes 的接收进度。',
      },
      ctx.timeouts.syncMs,
      async (run) => {
        await waitLinkUp(run, target, upstream, ctx.timeouts.syncMs);
        return 'link up';
      },
    ),
  ];
}

export async function buildResync(
  ctx: BuildContext,
  target: string,
  _params: ActionParams<'replica.resync'>,
): Promise<BuiltPlan> {
  const node = await ctx.live.probe(target);
  const preflight = [...reachability(node, 'replica'), roleCheck(node, 'replica')];
  const upstream = node.upstream;
  const up = upstream ? await ctx.live.probe(upstream) : null;
  const warnings: Bilingual[] = [];
  if (!upstream || !up) {
    if (node.reachable)
      preflight.push(
        check('upstream_known', false, `${target} names no upstream`, `${target} 没有上游`),
      );
  } else {
    preflight.push(...reachability(up, 'upstream'), upstreamHealth(up));
    preflight.push(
      check(
        'data_discarded',
        true,
        `${target} will discard ${node.keys} keys (${mb(node.usedMemory)} used) and load ${upstream}'s ${up.keys} keys`,
        `${target} 将丢弃 ${node.keys} 个 key（已用 ${mb(node.usedMemory)}），并加载 ${upstream} 的 ${up.keys} 个 key`,
      ),
    );
    warnings.push({
      en: `${upstream} forks for a BGSAVE (copy-on-write memory) and streams its whole dataset (${mb(up.usedMemory)} in memory); ${target} keeps serving its old data until the RDB is loaded (repl-diskless-load disabled), then answers -LOADING while it loads.`,
      zh: `${upstream} 会 fork 执行 BGSAVE（写时复制会占用内存）并传输整个数据集（内存中 ${mb(up.usedMemory)}）；${target} 在 RDB 接收完之前仍提供旧数据（repl-diskless-load 为 disabled 时），加载期间返回 -LOADING。`,
    });
  }
  warnings.push({
    en: 'Why not FLUSHALL first: a read-only replica rejects it with READONLY, and the full sync replaces the data anyway. Why MULTI/EXEC: between REPLICAOF NO ONE and REPLICAOF the replica is a writable master; inside one transaction no client write can land in that window.',
    zh: '为什么不先 FLUSHALL：只读从节点会以 READONLY 拒绝，且全量同步本来就会替换数据。为什么用 MULTI/EXEC：在 REPLICAOF NO ONE 与 REPLICAOF 之间从节点是可写主节点；放在一个事务中，任何客户端写入都无法插入这段时间。',
  });
  const below = upstream ? descendantsOf(liveUpstreams(ctx.topology, [node]), target) : [];
  if (below.length)
    warnings.push({
      en: `${below.join(', ')} replicate from ${target}: they are disconnected when its replication ID changes and reconnect (likely with a full sync of their own).`,
      zh: `${below.join('、')} 从 ${target} 复制：其复制 ID 改变时它们会断开并重连（很可能也需要全量同步）。`,
    });
  const syncFullBefore = up?.syncFull ?? 0;
  const steps = upstream ? resyncSteps(ctx, target, upstream) : [];
  return {
    steps,
    preflight,
    warnings,
    destructive: true,
    involved: [target, ...(upstream ? [upstream] : []), ...below],
    async verify(run) {
      if (!upstream) return [];
      const after = await run.live.probe(upstream);
      const full = after.syncFull - syncFullBefore;
      return [
        check(
          'full_sync_happened',
          full >= 1,
          `${upstream} sync_full ${syncFullBefore} → ${after.syncFull}`,
          `${upstream} 的 sync_full ${syncFullBefore} → ${after.syncFull}`,
        ),
        await convergeCheck(run, target, upstream),
      ];
    },
  };
}
