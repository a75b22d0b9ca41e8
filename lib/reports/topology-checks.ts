// Topology-wide checks of a health report: config drift, consistency checks, drills, incidents,
// and the topology / capacity advice (relay replica, co-located replicas, backlog size).
import { maxOf, seriesOf } from './period-stats';
import { incidentBase, type IncidentSummary, type NodeReport, type ReportCheck, type ReportInput } from './report-types';

/** Settings that must match between a master and its replicas (a failover inherits them). */
const DRIFT_KEYS = [
  'maxmemory',
  'maxmemory-policy',
  'repl-backlog-size',
  'client-output-buffer-limit',
  'repl-timeout',
  'appendonly',
  'save',
  'repl-diskless-sync',
];

function driftCheck(input: ReportInput): ReportCheck {
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const drifted: string[] = [];
  for (const master of input.nodes.filter((n) => n.role === 'master' && n.config)) {
    const group = [master, ...input.nodes.filter((n) => n.upstream === master.id && n.config)];
    if (group.length < 2) continue;
    for (const key of DRIFT_KEYS) {
      const values = new Set(
        group.map((n) => byId.get(n.id)?.config?.[key]).filter((v) => v !== undefined),
      );
      if (values.size > 1) drifted.push(`${master.id}: ${key}`);
    }
  }
  if (!drifted.length)
    return { id: 'config.drift', status: 'ok', reason: 'reports.reason.noDrift' };
  return {
    id: 'config.drift',
    status: 'warn',
    reason: 'reports.reason.drift',
    params: { keys: drifted.join('; ') },
  };
}

function consistencyCheck(input: ReportInput): ReportCheck {
  const done = input.checkRuns.filter((r) => r.state === 'done');
  const failed = done.filter((r) => !r.ok).length;
  const params = { runs: done.length, failed };
  if (failed)
    return { id: 'consistency', status: 'fail', reason: 'reports.reason.checksFailed', params };
  if (!done.length) return { id: 'consistency', status: 'warn', reason: 'reports.reason.noChecks' };
  return { id: 'consistency', status: 'ok', reason: 'reports.reason.checksOk', params };
}

function drillCheck(input: ReportInput): ReportCheck {
  const passed = input.drills.filter((d) => d.passed === true).length;
  const failed = input.drills.filter((d) => d.passed === false).length;
  const params = { runs: input.drills.length, passed, failed };
  if (failed)
    return { id: 'drills', status: 'warn', reason: 'reports.reason.drillsFailed', params };
  // The seed asks for drills every month: a month without one is a finding, a day is not.
  if (!input.drills.length)
    return {
      id: 'drills',
      status: input.period === 'month' ? 'warn' : 'ok',
      reason: 'reports.reason.noDrills',
    };
  return { id: 'drills', status: 'ok', reason: 'reports.reason.drillsOk', params };
}

export function incidentSummaries(
  input: ReportInput,
  nodes: readonly NodeReport[],
): IncidentSummary[] {
  return input.incidents.map((i) => {
    const starts = nodes
      .flatMap((n) => [...n.figures.downEpisodes, ...n.figures.worstLagEpisodes])
      .filter((e) => e.incidentIds.includes(i.id))
      .map((e) => e.from);
    const faultStart = starts.length ? Math.min(...starts) : undefined;
    return {
      ...incidentBase(i),
      ...(i.resolvedAt !== undefined ? { recoverMs: i.resolvedAt - i.openedAt } : {}),
      // The fault began within the first bad bucket: opening − bucket start is an upper bound.
      ...(faultStart !== undefined && i.openedAt >= faultStart
        ? { detectMs: i.openedAt - faultStart }
        : {}),
    };
  });
}

function incidentCheck(list: readonly IncidentSummary[]): ReportCheck {
  const open = list.filter((i) => i.state !== 'resolved').length;
  const recover = list.map((i) => i.recoverMs).filter((v): v is number => v !== undefined);
  const params = {
    opened: list.length,
    resolved: list.length - open,
    open,
    mttrSeconds: recover.length
      ? Math.round(recover.reduce((a, b) => a + b, 0) / recover.length / 1000)
      : '—',
  };
  if (!list.length) return { id: 'incidents', status: 'ok', reason: 'reports.reason.noIncidents' };
  return {
    id: 'incidents',
    status: open ? 'fail' : 'warn',
    reason: 'reports.reason.incidents',
    params,
    incidentIds: list.map((i) => i.id),
  };
}

function adviceChecks(input: ReportInput, nodes: readonly NodeReport[]): ReportCheck[] {
  const out: ReportCheck[] = [];
  for (const master of input.nodes.filter((n) => n.role === 'master')) {
    const replicas = input.nodes.filter((n) => n.upstream === master.id);
    const outKbps = maxOf(seriesOf(input.rows, master.id, 'replOutputKbps'));
    if (replicas.length > input.advice.maxDirectReplicas) {
      // The relay: the healthiest replica — fewest down minutes, then lowest lag (p95, then max).
      const score = (n: NodeReport): number[] => [
        n.figures.unreachableMinutes + (n.figures.linkDownMinutes ?? 0),
        n.figures.lag?.p95 ?? Infinity,
        n.figures.lag?.max ?? Infinity,
      ];
      const byScore = (a: NodeReport, b: NodeReport): number =>
        score(a).reduce((d, v, i) => d || v - (score(b)[i] ?? 0), 0);
      const ranked = nodes.filter((n) => n.upstream === master.id).sort(byScore);
      out.push({
        id: 'advice.relay',
        status: 'warn',
        reason: 'reports.reason.relay',
        params: {
          master: master.id,
          replicas: replicas.length,
          max: input.advice.maxDirectReplicas,
          outKbps: outKbps === null ? '—' : Math.round(outKbps),
          relay: ranked[0]?.id ?? '—',
        },
      });
    }
    const colocated = replicas.filter((r) => r.host === master.host).map((r) => r.id);
    if (colocated.length)
      out.push({
        id: 'advice.colocated',
        status: 'warn',
        reason: 'reports.reason.colocated',
        params: { master: master.id, host: master.host, replicas: colocated.join(', ') },
      });
    out.push(backlogAdvice(input, master, nodes));
  }
  return out;
}

/** Backlog must cover the measured write rate × the longest outage of the period (at least 60 s). */
function backlogAdvice(
  input: ReportInput,
  master: ReportInput['nodes'][number],
  nodes: readonly NodeReport[],
): ReportCheck {
  const rate = maxOf(seriesOf(input.rows, master.id, 'replOffsetRate')) ?? 0;
  const outage = Math.max(
    60,
    ...nodes
      .filter((n) => n.upstream === master.id)
      .flatMap((n) => n.figures.downEpisodes.map((e) => (e.to - e.from) / 1000)),
  );
  const needed = Math.ceil(rate * outage);
  const current =
    master.replBacklogBytes ?? Number(master.config?.['repl-backlog-size'] ?? Number.NaN);
  const params = {
    master: master.id,
    rateKiB: Math.round(rate / 1024),
    outage: Math.round(outage),
    neededMiB: Math.ceil(needed / 1048576),
    currentMiB: Number.isFinite(current) ? Math.round((current / 1048576) * 10) / 10 : '—',
  };
  if (Number.isFinite(current) && current < needed)
    return { id: 'advice.backlog', status: 'warn', reason: 'reports.reason.backlogSmall', params };
  return { id: 'advice.backlog', status: 'ok', reason: 'reports.reason.backlogOk', params };
}

export function topologyChecks(
  input: ReportInput,
  nodes: readonly NodeReport[],
  incidents: readonly IncidentSummary[],
): ReportCheck[] {
  return [
    incidentCheck(incidents),
    driftCheck(input),
    consistencyCheck(input),
    drillCheck(input),
    ...adviceChecks(input, nodes),
  ];
}
