// Pure client-side findings state: the socket snapshot, then opened/updated/resolved deltas.
import type { Finding, Health } from '@/lib/contracts';
import { healthOf } from '@/lib/diagnosis/health';
import { byGravity } from '@/lib/diagnosis/severity';

export interface FindingsState {
  /** Open findings by id. */
  open: Readonly<Record<string, Finding>>;
  health: Health | null;
  hasSnapshot: boolean;
}

export const INITIAL_FINDINGS_STATE: FindingsState = { open: {}, health: null, hasSnapshot: false };

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
      byGravity(a, b) ||
      b.openedAt - a.openedAt ||
      a.id.localeCompare(b.id),
  );
}

/** Health from the open findings, for the moment before the server's own report arrives. */
export function healthFromFindings(findings: Iterable<Finding>, openIncidents = 0): Health {
  return healthOf(findings, openIncidents);
}

/** A root finding with the open findings folded under it (its consequences), gravest first. */
export interface FindingGroup {
  root: Finding;
  consequences: Finding[];
}

/**
 * Roots with their consequences: a finding whose `rootFindingId` names an open finding is folded
 * under it; one whose root is not (or no longer) in the list stands on its own.
 */
export function foldFindings(findings: Iterable<Finding>): FindingGroup[] {
  const sorted = sortFindings(findings);
  const ids = new Set(sorted.map((f) => f.id));
  const groups = new Map<string, FindingGroup>();
  for (const f of sorted) if (!f.rootFindingId || !ids.has(f.rootFindingId)) groups.set(f.id, { root: f, consequences: [] });
  for (const f of sorted) {
    const g = f.rootFindingId ? groups.get(f.rootFindingId) : undefined;
    if (g && g.root.id !== f.id) g.consequences.push(f);
    else if (!groups.has(f.id)) groups.set(f.id, { root: f, consequences: [] });
  }
  return [...groups.values()];
}
