// What a plan is set beside: the one-action-at-a-time lock of its topology, and the incident
// whose timeline gets the action.
import type { PreflightCheck } from '../../lib/contracts';
import type { IncidentService } from '../incidents/incident-service';
import type { ActionLock } from './action-lock';
import { ActionError } from './action-error';
import type { ActionStore } from './action-store';
import { check } from './checks';

type Incidents = Pick<IncidentService, 'findings' | 'list'> | undefined;

export function lockCheck(
  lock: ActionLock,
  store: ActionStore,
  topologyName: string,
): PreflightCheck {
  const h = lock.holder();
  const topo = `topology "${topologyName}"`;
  if (!h)
    return check(
      'no_other_action',
      true,
      `no other action is running on ${topo}`,
      '该拓扑上没有其他操作在运行',
    );
  const r = store.run(h.run_id);
  return check(
    'no_other_action',
    false,
    `run ${h.run_id} (${r?.action ?? '?'} on ${r?.target ?? '?'} by ${r?.actor ?? '?'}) is running on ${topo}: one action at a time`,
    `运行 ${h.run_id} 正在该拓扑上执行：同一时间只能执行一个操作`,
  );
}

/**
 * The finding's incident when the plan came from a finding; otherwise the newest unresolved
 * incident involving the target (a repair there belongs on that timeline too).
 */
export function incidentFor(
  incidents: Incidents,
  target: string,
  findingId: string | undefined,
): string | undefined {
  if (!incidents) {
    if (findingId) throw new ActionError('bad_request', `findingId: no finding ${findingId}`);
    return undefined;
  }
  if (findingId) {
    const f = incidents.findings('all', 10_000).find((x) => x.id === findingId);
    if (!f) throw new ActionError('bad_request', `findingId: no finding ${findingId}`);
    return f.incidentId;
  }
  const [newest] = [
    ...incidents.list({ state: 'open', node: target, limit: 1 }),
    ...incidents.list({ state: 'acknowledged', node: target, limit: 1 }),
  ].sort((a, b) => b.openedAt - a.openedAt);
  return newest?.id;
}
