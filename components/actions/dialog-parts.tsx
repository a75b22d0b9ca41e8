'use client';
// Presentational pieces of the action dialog: its title bar, the plan's meta bar and the "could not plan" state.
import type { ActionPlan } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { RefreshIcon } from '@/components/findings/icons';
import { CriticalIcon, WarningIcon } from '@/components/ui/icons';

export function DialogTitleBar({
  title,
  target,
  isDestructive,
  onClose,
}: {
  title: string;
  target: string | undefined;
  isDestructive: boolean;
  onClose(): void;
}) {
  const { t } = useT();
  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-border px-5 py-3">
      <h2 id="action-dialog-title" className="text-lg font-semibold">
        {title}
      </h2>
      {target && <span className="font-mono text-sm text-fg-muted">{target}</span>}
      {isDestructive && (
        <span className="inline-flex items-center gap-1 rounded bg-crit-bg px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-crit ring-1 ring-inset ring-crit/50">
          <WarningIcon className="h-3.5 w-3.5" />
          {t('actions.destructive')}
        </span>
      )}
      <button
        type="button"
        onClick={onClose}
        className="btn-ghost focus-ring ml-auto h-8"
        data-testid="action-close"
      >
        {t('actions.close')}
      </button>
    </header>
  );
}

export function PlanLoadError({
  message,
  onRetry,
  onEditParams,
}: {
  message: string;
  onRetry?: () => void;
  onEditParams?: () => void;
}) {
  const { t } = useT();
  return (
    <div className="flex flex-col gap-2" role="alert" data-testid="action-load-error">
      <p className="flex items-start gap-2 rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit">
        <CriticalIcon className="mt-0.5 h-4 w-4 shrink-0" />
        {t('actions.planError', { message })}
      </p>
      <div className="flex gap-2">
        {onRetry && (
          <button type="button" className="btn-ghost focus-ring h-8" onClick={onRetry}>
            <RefreshIcon className="h-3.5 w-3.5" />
            {t('actions.retry')}
          </button>
        )}
        {onEditParams && (
          <button type="button" className="btn-ghost focus-ring h-8" onClick={onEditParams}>
            {t('actions.editParams')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Who planned it and when, with "edit parameters" (when the action has a form) and "re-check". */
export function PlanMetaBar({ plan, onEditParams, onRecheck }: { plan: ActionPlan; onEditParams?: () => void; onRecheck: () => void }) {
  const { t, fmt } = useT();
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-fg-muted">
      <span data-testid="action-plan-meta" data-plan-id={plan.id} data-allowed={plan.allowed ? 'true' : 'false'}>
        {t('actions.plannedBy', { name: plan.createdBy, time: fmt.time(plan.createdAt, true) })}
      </span>
      <span className="ml-auto flex gap-2">
        {onEditParams && (
          <button type="button" className="btn-ghost focus-ring" onClick={onEditParams} data-testid="action-edit-params">
            {t('actions.editParams')}
          </button>
        )}
        <button type="button" className="btn-ghost focus-ring" onClick={onRecheck} data-testid="action-recheck" title={t('actions.recheckHint')}>
          <RefreshIcon className="h-3.5 w-3.5" />
          {t('actions.recheck')}
        </button>
      </span>
    </div>
  );
}
