// Pure: one row per run in the audit table. A run writes "started" then "finished" (and an
// approval may precede it); shown apart, "#1 STARTED" reads like a run that never ended.
import type { AuditEntry } from '@/lib/contracts';

export interface AuditGroup {
  /** The newest entry of the run: its outcome is the run's. */
  head: AuditEntry;
  /** The run's older entries, newest first (started, approved…). */
  earlier: AuditEntry[];
}

/** Groups entries (newest first, as listed) by run; entries without a run stand alone. */
export function groupAuditRuns(entries: readonly AuditEntry[]): AuditGroup[] {
  const groups: AuditGroup[] = [];
  const byRun = new Map<string, AuditGroup>();
  for (const e of entries) {
    const key = e.runId;
    const group = key ? byRun.get(key) : undefined;
    if (group) {
      group.earlier.push(e);
      continue;
    }
    const g: AuditGroup = { head: e, earlier: [] };
    groups.push(g);
    if (key) byRun.set(key, g);
  }
  return groups;
}
