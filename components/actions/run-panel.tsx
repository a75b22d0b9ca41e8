'use client';
// A run after "Execute": live progress, then the result.
import type { ActionPlanStep, ActionRun } from '@/lib/contracts';
import { useActionRun } from '@/components/hooks/use-action-run';
import { RunProgress } from './run-progress';
import { RunResult } from './run-result';

export function RunPanel({
  runId,
  steps,
  onRevert,
}: {
  runId: string;
  steps: readonly ActionPlanStep[];
  /** Offered after a succeeded config.apply: its old values are one click away. */
  onRevert?: (run: ActionRun) => void;
}) {
  const view = useActionRun(runId, steps);
  const run = view.state !== 'running' ? view.run : null;
  const revertable =
    run && run.action === 'config.apply' && run.state === 'succeeded' && run.revert
      ? Object.keys(run.revert.settings).length > 0
      : false;
  return (
    <div
      className="flex flex-col gap-4"
      data-testid="action-run"
      data-run-id={runId}
      data-state={view.state}
    >
      <RunProgress view={view} />
      {run && (
        <RunResult run={run} onRevert={revertable && onRevert ? () => onRevert(run) : undefined} />
      )}
    </div>
  );
}
