'use client';
// Live steps of a run: pending / running / ok / failed / skipped per step, and for a full resync
// the bytes received (a bar when the total is known, a moving stripe when it is not).
import type { ActionRunStep, SyncProgress } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { DriverError } from '@/components/i18n/driver-error';
import { CriticalIcon, OkIcon, SyncIcon } from '@/components/ui/icons';
import { ClockIcon } from '@/components/findings/icons';
import { runningStepIndex, type RunView } from './run-view';

const STEP_TONE: Record<ActionRunStep['state'], string> = {
  pending: 'text-fg-subtle',
  running: 'text-accent',
  ok: 'text-ok',
  failed: 'text-crit',
  skipped: 'text-unk',
};

function StepIcon({ state }: { state: ActionRunStep['state'] }) {
  const cls = `h-4 w-4 shrink-0 ${STEP_TONE[state]}`;
  if (state === 'running')
    return <SyncIcon className={`${cls} animate-spin motion-reduce:animate-none`} />;
  if (state === 'ok') return <OkIcon className={cls} />;
  if (state === 'failed') return <CriticalIcon className={cls} />;
  return <ClockIcon className={cls} />;
}

export function SyncBar({ sync }: { sync: SyncProgress }) {
  const { t, fmt } = useT();
  const known = sync.totalBytes !== null && sync.percent !== null;
  return (
    <div className="flex flex-col gap-1" data-testid="action-sync">
      <div
        role="progressbar"
        aria-label={t('actions.syncLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? Math.round(sync.percent ?? 0) : undefined}
        className="h-2 w-full overflow-hidden rounded-full bg-surface-3"
      >
        {known ? (
          <div
            className="h-full bg-accent transition-[width]"
            style={{ width: `${sync.percent}%` }}
          />
        ) : (
          <div className="progress-indeterminate h-full w-full" />
        )}
      </div>
      <span className="tnum font-mono text-xs text-fg-muted">
        {known
          ? t('actions.syncKnown', {
              read: fmt.bytes(sync.readBytes),
              total: fmt.bytes(sync.totalBytes),
              percent: fmt.percent(sync.percent, 0),
            })
          : t('actions.syncUnknown', { read: fmt.bytes(sync.readBytes) })}
      </span>
    </div>
  );
}

export function RunProgress({ view }: { view: RunView }) {
  const { t } = useT();
  const active = runningStepIndex(view);
  return (
    <section className="flex flex-col gap-2" aria-live="polite" data-testid="action-progress">
      <h3 className="panel-title">{t('actions.progress')}</h3>
      <ol className="flex flex-col gap-1.5">
        {view.steps.map((s, i) => (
          <li
            key={i}
            data-testid="action-step"
            data-state={s.state}
            className={`flex flex-col gap-1 rounded-md border px-3 py-2 ${s.state === 'failed' ? 'border-crit bg-crit-bg' : s.state === 'running' ? 'border-accent/60 bg-accent/5' : 'border-border bg-surface-2'}`}
          >
            <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
              <StepIcon state={s.state} />
              <span className={`text-xs font-semibold ${STEP_TONE[s.state]}`}>
                {t(`actions.stepState.${s.state}`)}
              </span>
              <span className="font-mono text-xs text-fg-muted">{s.nodeId}</span>
            </span>
            <code className="break-all font-mono text-sm text-fg">{s.command}</code>
            {s.result && s.state !== 'failed' && (
              <span className="break-all font-mono text-xs text-fg-muted">→ {s.result}</span>
            )}
            {s.error && <DriverError message={s.error} className="text-xs text-crit" />}
            {i === active && view.sync && <SyncBar sync={view.sync} />}
          </li>
        ))}
      </ol>
      {/* Step and sync messages repeat what the list shows; verify and rollback are news. */}
      {view.state === 'running' && (view.phase === 'verify' || view.phase === 'rollback') && (
        <p className="flex items-center gap-2 text-sm text-fg-muted" data-testid="action-phase">
          <SyncIcon className="h-4 w-4 animate-spin motion-reduce:animate-none" />
          {t(view.phase === 'verify' ? 'actions.phase.verify' : 'actions.phase.rollback')}
        </p>
      )}
    </section>
  );
}
