// Severity order, defined once: info < warning < critical. Rules, the tracker, incidents, alerts
// and the UI all rank with these helpers, so "gravest first" means the same everywhere.
import type { Severity } from '../contracts';

/** Mildest first. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, critical: 2 };

export const severityRank = (s: Severity): number => RANK[s];

/** Sort comparator: gravest first. */
export const byGravity = (a: { severity: Severity }, b: { severity: Severity }): number =>
  RANK[b.severity] - RANK[a.severity];

export const isGraver = (a: Severity, than: Severity): boolean => RANK[a] > RANK[than];

export const atLeast = (s: Severity, min: Severity): boolean => RANK[s] >= RANK[min];

export function worstSeverity(...levels: Array<Severity | null | undefined>): Severity | null {
  let out: Severity | null = null;
  for (const l of levels) if (l && (!out || RANK[l] > RANK[out])) out = l;
  return out;
}
