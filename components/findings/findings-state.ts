// Pure client-side findings state: the socket snapshot, then opened/updated/resolved deltas.
import type { Finding, Health, Severity } from '@/lib/contracts';

export interface FindingsState {
  /** Open findings by id. */
  open: Readonly<Record<string, Finding>>;
  health: Health | null;
  hasSnapshot: boolean;
}

export const INITIAL_FINDINGS_STATE: FindingsState = { open: {}, health: null, hasSnapshot: false };

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function applyFindingsSnapshot(
  state: FindingsState,
  payload: { findings: readonly Finding[]; health: Health },
): FindingsState {
  const open: Record<string, Finding> = {};
  for (const f of payload.findings) if (f.state === 'open') open[f.id] = f;
  return { ...state, open, health: payload.health, hasSnapshot: true };
}

/** Opened or updated: kept while open; a finding that arrives resolved leaves the list. */
export function upsertFinding(state: FindingsState, finding: Finding): FindingsState {
  if (finding.state !== 'open') return removeFinding(state, finding.id);
  return { ...state, open: { ...state.open, [finding.id]: finding } };
}

export function removeFinding(state: FindingsState, id: string): FindingsState {
  if (!(id in state.open)) return state;
  const open = { ...state.open };
  delete open[id];
  return { ...state, open };
}

export function setHealth(state: FindingsState, health: Health): FindingsState {
  return { ...state, health };
}

/** Worst first; within a severity the newest first (what just broke is what to look at). */
export function sortFindings(findings: Iterable<Finding>): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      b.openedAt - a.openedAt ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Health from the open findings, for the moment before the server's own report arrives
 * (seed §5.1: any critical finding is red, any warning amber; info never changes the light).
 */
export function healthFromFindings(findings: Iterable<Finding>, openIncidents = 0): Health {
  const counts = { info: 0, warning: 0, critical: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const level = counts.critical > 0 ? 'critical' : counts.warning > 0 ? 'warning' : 'ok';
  return { level, openFindings: counts, openIncidents };
}
