// replica.reconnect: CLIENT KILL TYPE master on the replica. It reconnects at once and asks for a
// partial resync (reference §9, s02); nothing is written and nothing is discarded unless the
// backlog no longer covers the gap.
import type { ActionParams } from '../../../lib/contracts';
import { check, reachability, roleCheck, upstreamHealth } from '../checks';
import type { BuildContext, BuiltPlan } from '../types';
import { linkAndConverge } from '../waits';
import { commandStep } from './steps';

export async function buildReconnect(
  ctx: BuildContext,
  target: string,
  _params: ActionParams<'replica.reconnect'>,
): Promise<BuiltPlan> {
  const node = await ctx.live.probe(target);
  const preflight = [...reachability(node, 'replica'), roleCheck(node, 'replica')];
  const upstream = node.upstream;
  const up = upstream ? await ctx.live.probe(upstream) : null;
  if (up) preflight.push(...reachability(up, 'upstream'), upstreamHealth(up));
  else if (node.reachable)
    preflight.push(
      check('upstream_known', false, `${target} names no upstream`, `${target} 没有上游`),
    );
  const before = { full: up?.syncFull ?? 0, partial: up?.syncPartialOk ?? 0 };
  return {
    steps: [
      commandStep(
        target,
        ['CLIENT', 'KILL', 'TYPE', 'master'],
        {
          en: 'Drops only the replication link of this replica; it reconnects within a second and offers its replid and offset for a partial resync.',
          zh: '只断开该从节点的复制连接；它会在一秒内重连，并用其 replid 与偏移量请求增量同步。',
        },
        ctx.timeouts.commandMs,
      ),
    ],
    preflight,
    warnings:
      up && node.linkStatus === 'down'
        ? [
            {
              en: 'The link is already down: reconnecting only helps once the cause is fixed.',
              zh: '链路已断开：只有在原因修复后，重连才有帮助。',
            },
          ]
        : [],
    destructive: false,
    involved: [target, ...(upstream ? [upstream] : [])],
    async verify(run) {
      if (!upstream) return [check('link_up', false, 'no upstream', '没有上游节点')];
      const checks = await linkAndConverge(run, target, upstream);
      const after = await run.live.probe(upstream);
      const full = after.syncFull - before.full;
      const partial = (after.syncPartialOk ?? 0) - before.partial;
      checks.push(
        check(
          'sync_kind',
          true,
          full > 0
            ? `full resync (${full}) — the backlog did not cover the gap`
            : partial > 0
              ? 'partial resync: nothing re-transferred'
              : 'no new sync counted',
          full > 0 ? `发生了全量同步（${full}）` : '增量同步',
        ),
      );
      return checks;
    },
  };
}
