'use client';
// A check's progress: keys (or replicas) done of total, rate, ETA and Cancel while it runs; once
// it ended, the final count and how long it took (a fast sampled compare ends before the first
// progress event, and "no progress at all" read as if nothing had happened).
import type { CheckRun } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';

/** A run on screen and its Cancel button. */
export interface CheckRunControls {
  run: CheckRun;
  canCancel: boolean;
  isCancelling: boolean;
  onCancel(): void;
}

export function CheckProgressBar({ run, canCancel, isCancelling, onCancel }: CheckRunControls) {
  const { t, fmt } = useT();
  const { done, total, rate, etaMs } = run.progress;
  const isRunning = run.state === 'running';
  const percent = total > 0 ? Math.min(100, (done / total) * 100) : isRunning ? null : 100;
  const unit = run.kind === 'compare' ? t('checks.unit.keys') : t('checks.unit.replicas');
  return (
    <div className="flex flex-col gap-2" data-testid="check-progress" data-done={done} data-total={total} data-state={run.state}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span className="tnum font-mono text-sm text-fg">
          {t('checks.progress', { done: fmt.number(done), total: fmt.number(total), unit })}
          {percent !== null && <span className="ml-2 text-fg-muted">{fmt.percent(percent, 0)}</span>}
        </span>
        {isRunning ? (
          <span className="tnum font-mono text-xs text-fg-muted">
            {t('checks.rate', { rate: fmt.number(rate), unit })} ·{' '}
            {t('checks.eta', { eta: etaMs === null ? '—' : fmt.duration(Math.ceil(etaMs / 1000)) })}
          </span>
        ) : (
          run.finishedAt !== undefined && (
            <span className="tnum text-xs text-fg-muted" data-testid="check-took">
              {t('checks.took', {
                // Sub-second runs in ms: a 10,000-key sample takes a fraction of a second.
                duration:
                  run.finishedAt - run.startedAt < 1000
                    ? t('checks.ms', { n: fmt.number(run.finishedAt - run.startedAt) })
                    : fmt.duration(Math.round((run.finishedAt - run.startedAt) / 1000)),
              })}
            </span>
          )
        )}
      </div>
      <div
        role="progressbar"
        aria-label={t('checks.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent === null ? undefined : Math.round(percent)}
        className="h-2 w-full overflow-hidden rounded-full bg-surface-3"
      >
        {percent !== null ? (
          <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
        ) : (
          <div className="progress-indeterminate h-full w-full" />
        )}
      </div>
      {run.state === 'running' && canCancel && (
        <div>
          <button type="button" className="btn-ghost h-8" data-testid="check-cancel" disabled={isCancelling} onClick={onCancel}>
            {isCancelling ? t('checks.cancelling') : t('checks.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
