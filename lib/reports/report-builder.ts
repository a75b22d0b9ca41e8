// The health report, built from data only: rollups of the period, the nodes as they are now,
// incidents, check runs, drills and log error counts in; a report whose every check says
// ok / warn / fail with its reason out.
import { nodeChecks, nodeFigures } from './node-checks';
import type { CheckStatus, HealthReport, NodeReport, ReportInput } from './report-types';
import { incidentSummaries, topologyChecks } from './topology-checks';

const RANK: Record<CheckStatus, number> = { ok: 0, warn: 1, fail: 2 };

export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'ok');
}

export function buildReport(input: ReportInput): HealthReport {
  const nodes: NodeReport[] = input.nodes.map((n) => {
    const figures = nodeFigures(input, n);
    const checks = nodeChecks(input, n, figures);
    return {
      id: n.id,
      role: n.role,
      ...(n.upstream ? { upstream: n.upstream } : {}),
      figures,
      checks,
      status: worstStatus(checks.map((c) => c.status)),
    };
  });
  const incidents = incidentSummaries(input, nodes);
  const checks = topologyChecks(input, nodes, incidents);
  return {
    period: input.period,
    from: input.from,
    to: input.to,
    generatedAt: input.generatedAt,
    topology: input.topology,
    resolutionMs: input.resolutionMs,
    status: worstStatus([...checks.map((c) => c.status), ...nodes.map((n) => n.status)]),
    checks,
    nodes,
    incidents,
  };
}
