'use client';
// The three stages the action dialog shows: the parameter form, the plan with its
// confirmation, and the live run. Markup only: the dialog's reducer and hooks own the state.
import type {
  ActionCatalogEntry,
  ActionId,
  ActionPlan,
  ActionPlanRequest,
  ActionRun,
  Finding,
} from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import type { Me } from '@/components/hooks/auth-api';
import { SyncIcon } from '@/components/ui/icons';
import { pick } from './action-text';
import { ConfirmPanel } from './confirm-panel';
import type { ExecuteBlocker } from './confirmation';
import { PlanLoadError, PlanMetaBar } from './dialog-parts';
import type { DialogEvent, DialogState } from './dialog-state';
import { ParamsForm } from './params-form';
import { PlanView } from './plan-view';
import { RunPanel } from './run-panel';

export function ParamsStage({
  action,
  target,
  entry,
  request,
  onCancel,
  onPlan,
}: {
  action: ActionId;
  target: string;
  entry: ActionCatalogEntry | undefined;
  request: ActionPlanRequest | null;
  onCancel(): void;
  onPlan(req: ActionPlanRequest): void;
}) {
  const { locale } = useT();
  return (
    <>
      {entry && (
        <p className="text-sm leading-6 text-fg-muted">{pick(entry.description, locale)}</p>
      )}
      <ParamsForm
        action={action}
        target={target}
        initial={request?.params ?? {}}
        onCancel={onCancel}
        onSubmit={(params) => {
          if (request) onPlan({ ...request, params });
        }}
      />
    </>
  );
}

function Planning() {
  const { t } = useT();
  return (
    <p className="flex items-center gap-2 text-sm text-fg-muted" data-testid="action-planning">
      <SyncIcon className="h-4 w-4 animate-spin motion-reduce:animate-none" />
      {t('actions.planning')}
    </p>
  );
}

export interface PlanStageProps {
  state: DialogState;
  dispatch(e: DialogEvent): void;
  me: Me | null;
  now: number;
  entry: ActionCatalogEntry | undefined;
  finding: Finding | undefined;
  blockers: readonly ExecuteBlocker[];
  /** Set when the action has a parameter form to go back to. */
  onEditParams: (() => void) | undefined;
  onPlan(req: ActionPlanRequest): void;
  onExecute(): void;
  onApprove(): void;
}

export function PlanStage(p: PlanStageProps) {
  const { request, plan, isLoading, loadError, typed, reason, pending, actionError } = p.state;
  const { dispatch } = p;
  if (isLoading) return <Planning />;
  if (loadError)
    return (
      <PlanLoadError
        message={loadError}
        onRetry={request ? () => p.onPlan(request) : undefined}
        onEditParams={p.onEditParams}
      />
    );
  if (!plan) return null;
  return (
    <>
      <PlanMetaBar
        plan={plan}
        onEditParams={p.onEditParams}
        onRecheck={() => request && p.onPlan(request)}
      />
      <PlanView plan={plan} entry={p.entry} finding={p.finding} />
      <ConfirmPanel
        plan={plan}
        me={p.me}
        now={p.now}
        blockers={p.blockers}
        typed={typed}
        reason={reason}
        onTyped={(value) => dispatch({ type: 'typed', value })}
        onReason={(value) => dispatch({ type: 'reason', value })}
        onExecute={p.onExecute}
        executing={pending === 'execute'}
        onApprove={p.onApprove}
        approving={pending === 'approve'}
        error={actionError}
      />
    </>
  );
}

export function RunStage({
  runId,
  plan,
  finding,
  onRevert,
}: {
  runId: string;
  plan: ActionPlan;
  finding: Finding | undefined;
  onRevert(run: ActionRun): void;
}) {
  const { t, locale } = useT();
  return (
    <>
      {finding && (
        <p className="text-sm text-fg-muted">
          {t('actions.runFor', { finding: pick(finding.title, locale) })}
        </p>
      )}
      <RunPanel key={runId} runId={runId} steps={plan.steps} onRevert={onRevert} />
      <p className="text-xs text-fg-subtle">{t('actions.closeHint')}</p>
    </>
  );
}
