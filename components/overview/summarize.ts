// Pure: the figures of the summary bar.
import type { Link, Status, TopologyNode } from '@/lib/contracts';
import { worstStatus } from '@/components/ui/status-rank';

export interface TopologySummary {
  nodes: number;
  reachable: number;
  links: number;
  linksDown: number;
  worstLagSeconds: number | null;
  biggestGapBytes: number | null;
  overall: Status;
}

function maxOf(values: (number | null | undefined)[]): number | null {
  let max: number | null = null;
  for (const v of values) if (typeof v === 'number' && (max === null || v > max)) max = v;
  return max;
}

export function summarize(nodes: readonly TopologyNode[], links: readonly Link[]): TopologySummary {
  const statuses: Status[] = [...nodes.map((n) => n.status), ...links.map((l) => l.status)];
  // An unreachable node is an outage for the operator, whatever status the server gave it.
  if (nodes.some((n) => !n.reachable)) statuses.push('critical');
  return {
    nodes: nodes.length,
    reachable: nodes.filter((n) => n.reachable).length,
    links: links.length,
    linksDown: links.filter((l) => l.linkStatus === 'down').length,
    worstLagSeconds: maxOf(links.map((l) => l.lagSeconds)),
    biggestGapBytes: maxOf(links.map((l) => l.offsetGapBytes)),
    overall: worstStatus(statuses),
  };
}
