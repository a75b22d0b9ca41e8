// Pure: the time window the incident's lag chart covers, and which replicas it draws.
import type { Finding, FindingKind, Incident, Link } from '@/lib/contracts';

/** The chart shows the incident plus this much before and after. */
export const WINDOW_MARGIN_MS = 5 * 60_000;
/** The server keeps history in memory for the last hour only. */
export const HISTORY_SPAN_MS = 60 * 60_000;
/** More lines than this stop being readable. */
export const MAX_CHART_REPLICAS = 6;

export interface IncidentWindow {
  /** Incident start − 5 min. */
  from: number;
  /** Incident end (or now) + 5 min, never past now. */
  to: number;
  /** `full`: history covers the window; `partial`: only its recent part; `none`: too old. */
  coverage: 'full' | 'partial' | 'none';
  /** Where the history that still exists starts (≥ from). */
  chartFrom: number;
}

export function incidentWindow(
  incident: Pick<Incident, 'openedAt' | 'resolvedAt'>,
  now: number,
): IncidentWindow {
  const from = incident.openedAt - WINDOW_MARGIN_MS;
  const to = Math.min(now, (incident.resolvedAt ?? now) + WINDOW_MARGIN_MS);
  const historyStart = now - HISTORY_SPAN_MS;
  const coverage = to <= historyStart ? 'none' : from >= historyStart ? 'full' : 'partial';
  return { from, to, coverage, chartFrom: Math.max(from, historyStart) };
}

/** Kinds whose subject node is a replica with a link worth charting. */
const REPLICA_KINDS: ReadonlySet<FindingKind> = new Set([
  'link_down',
  'replication_lag',
  'sync_stuck',
  'full_resync_storm',
  'output_buffer_limit',
  'replica_wiped',
]);

/**
 * The replicas whose offset gap and lag tell the story: every link named by a finding, replicas
 * that lag-type findings are about, and involved nodes that are replicas in the current topology.
 */
export function affectedReplicas(
  incident: Pick<Incident, 'nodeIds' | 'rootNodeId'>,
  findings: readonly Pick<Finding, 'kind' | 'nodeId' | 'link'>[],
  links: readonly Pick<Link, 'replica' | 'upstream'>[],
): string[] {
  const isReplica = new Set(links.map((l) => l.replica));
  const out = new Set<string>();
  for (const f of findings) {
    if (f.link) out.add(f.link.replica);
    else if (f.nodeId && REPLICA_KINDS.has(f.kind)) out.add(f.nodeId);
  }
  for (const id of [...incident.nodeIds, incident.rootNodeId])
    if (id && isReplica.has(id)) out.add(id);
  return [...out].sort().slice(0, MAX_CHART_REPLICAS);
}

/** How long the incident lasted, or has lasted so far. */
export function incidentDurationMs(
  incident: Pick<Incident, 'openedAt' | 'resolvedAt'>,
  now: number,
): number {
  return Math.max(0, (incident.resolvedAt ?? now) - incident.openedAt);
}

export type MarkerLabelPosition = 'insideTopLeft' | 'insideTopRight' | 'insideBottomRight';

/** A marker label needs about this share of the chart's width beside its line. */
const LABEL_ROOM = 0.14;

/**
 * Where the "opened" and "resolved" marker labels go so neither runs off the plot nor over the
 * other: beside its line on the side with room, the resolved one at the bottom when both would
 * crowd the same corner (a live incident opened seconds ago sits at the right edge).
 */
export function markerLabelPositions(
  from: number,
  to: number,
  openedAt: number,
  resolvedAt: number | undefined,
): { opened: MarkerLabelPosition; resolved: MarkerLabelPosition } {
  const span = Math.max(1, to - from);
  const share = (t: number) => (t - from) / span;
  const opened: MarkerLabelPosition =
    1 - share(openedAt) >= LABEL_ROOM ? 'insideTopLeft' : 'insideTopRight';
  if (resolvedAt === undefined) return { opened, resolved: 'insideTopRight' };
  // The resolved label reads left of its line; that space is shared with the opened label.
  const gap = share(resolvedAt) - share(openedAt);
  const roomLeft = opened === 'insideTopLeft' ? gap >= 2 * LABEL_ROOM : gap >= LABEL_ROOM;
  return { opened, resolved: roomLeft ? 'insideTopRight' : 'insideBottomRight' };
}
