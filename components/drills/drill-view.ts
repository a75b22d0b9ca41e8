// The live drill as the page shows it: the REST record, patched by `drill:progress` events
// (which may arrive before the first GET answers, or after a newer GET). Pure.
import type { DrillProgress, DrillRun } from '@/lib/contracts/drills';

export function isDrillOver(run: DrillRun | null): boolean {
  return run !== null && (run.state === 'finished' || run.state === 'error');
}

/** A progress event for this drill replaces its step and the run state; others are ignored. */
export function applyDrillProgress(run: DrillRun | null, p: DrillProgress): DrillRun | null {
  if (!run || run.id !== p.id || isDrillOver(run)) return run;
  const steps = run.steps.map((s) => (s.index === p.step.index ? p.step : s));
  return { ...run, state: p.state, steps };
}

/** A fetched record wins unless it is older than what events already showed (a finished run never goes back). */
export function applyDrillRecord(run: DrillRun | null, next: DrillRun): DrillRun {
  if (!run || run.id !== next.id) return next;
  if (isDrillOver(run) && !isDrillOver(next)) return run;
  return next;
}
