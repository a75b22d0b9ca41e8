// Sentinel conditions of a drill, judged from what the dashboard shows (the monitor's view of
// the Sentinel group): quorum, the switch of master, the tree rebuilt under the new master.
import { fmtMs } from '../../lib/drills/scorecard';
import type { ConditionSpec } from '../../lib/drills/scenario-types';
import { textRef } from '../../lib/i18n/text-ref';
import type { CheckResult, ConditionContext } from './drill-conditions';

/** The first Sentinel group the dashboard knows (a drill sandbox has one). */
export function sentinelCheck(
  spec: Extract<ConditionSpec, { type: `sentinel_${string}` }>,
  ctx: ConditionContext,
): CheckResult {
  const t = ctx.topology();
  const g = t.groups?.[0];
  if (!g)
    return {
      ok: false,
      detail: 'no Sentinel group on the dashboard',
      detailText: textRef('condText.noSentinelGroup'),
    };
  switch (spec.type) {
    case 'sentinel_quorum':
      return { ok: g.ckquorum.ok === spec.ok, detail: `CKQUORUM ${g.name}: ${g.ckquorum.message}` };
    case 'sentinel_switched': {
      const old = ctx.targets.master.id;
      const sw =
        g.failover?.from === old
          ? g.failover.phases.find((p) => p.type === '+switch-master')
          : undefined;
      const moved = g.masterId !== null && g.masterId !== old;
      return sw && moved
        ? {
            ok: true,
            detail: `+switch-master ${old} → ${g.masterId ?? '?'} ${fmtMs(sw.at - ctx.faultAt())} after the kill`,
            detailText: textRef('condText.switched', {
              from: old,
              to: g.masterId ?? '?',
              time: fmtMs(sw.at - ctx.faultAt()),
            }),
          }
        : {
            ok: false,
            detail: `Sentinel's master of ${g.name}: ${g.masterId ?? '?'}${g.failover ? ` (failover ${g.failover.state})` : ''}`,
            detailText: g.failover
              ? textRef('condText.sentinelMasterFailover', {
                  group: g.name,
                  master: g.masterId ?? '?',
                  state: g.failover.state,
                })
              : textRef('condText.sentinelMaster', { group: g.name, master: g.masterId ?? '?' }),
          };
    }
    case 'sentinel_tree': {
      const master = g.masterId;
      const node = (id: string) => t.nodes.find((n) => n.id === id);
      const others = ctx.sb.nodes
        .map((n) => n.id)
        .filter((id) => id !== master && node(id)?.reachable);
      const astray = others.filter(
        (id) =>
          !t.links.some((l) => l.replica === id && l.upstream === master && l.linkStatus === 'up'),
      );
      const ok = !!master && node(master)?.role === 'master' && astray.length === 0;
      const sw = g.failover?.phases.find((p) => p.type === '+switch-master');
      const since = sw ? `, ${fmtMs(Date.now() - sw.at)} after +switch-master` : '';
      const replicas = others.length ? others.join(', ') : textRef('condText.noLiveReplica');
      const role = node(master ?? '')?.role ?? 'unknown';
      return {
        ok,
        detail: ok
          ? `${master} master; ${others.join(', ') || 'no live replica'} under it, link up${since}`
          : `Sentinel's master ${master ?? '?'} is ${role}; not under it with link up: ${astray.join(', ') || '—'}`,
        detailText: !ok
          ? textRef('condText.treeBad', {
              master: master ?? '?',
              role: textRef(`role.${role}`),
              astray: astray.join(', ') || '—',
            })
          : sw
            ? textRef('condText.treeOkSince', {
                master: master ?? '?',
                replicas,
                time: fmtMs(Date.now() - sw.at),
              })
            : textRef('condText.treeOk', { master: master ?? '?', replicas }),
      };
    }
  }
}
