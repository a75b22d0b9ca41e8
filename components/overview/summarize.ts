// Pure: the figures of the summary bar.
import type { Link, Status, TopologyNode } from '@/lib/contracts';
import { worstStatus } from '@/components/ui/status-rank';

export interface TopologySummary {
  nodes: number;
  reachable: number;
  links: number;
  linksDown: number;
  /** Largest known value; see lagUnknown / gapUnknown before reading it as "the worst". */
  worstLagSeconds: number | null;
  biggestGapBytes: number | null;
  /** Links whose lag / gap is not known now (down, syncing, replica not answering). */
  lagUnknown: number;
  gapUnknown: number;
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
    lagUnknown: links.filter((l) => l.lagSeconds === null).length,
    gapUnknown: links.filter((l) => l.offsetGapBytes === null).length,
    overall: worstStatus(statuses),
  };
}

/**
 * How a worst-of figure reads: the value when every link has one; "unknown" when some do not
 * and the known ones say nothing (0 while a link is down is not "no lag"); at least the known
 * maximum otherwise.
 */
export function worstReading(value: number | null, unknown: number): { kind: 'value' | 'unknown' | 'atLeast'; value: number | null } {
  if (unknown === 0) return { kind: value === null ? 'unknown' : 'value', value };
  return value !== null && value > 0 ? { kind: 'atLeast', value } : { kind: 'unknown', value: null };
}
