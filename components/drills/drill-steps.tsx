'use client';
// The drill's steps as they happen, each with an icon and a word for its state; in guided mode
// the pause, what to do there, and the Resume button.
import type { DrillRun, DrillStepState } from '@/lib/contracts/drills';
import type { Status } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { StatusIcon, STATUS_TONE } from '@/components/ui/status';
import { renderTextRef } from '@/lib/i18n/text-ref';
import { pick } from './bilingual';

const TONE: Record<DrillStepState, Status> = {
  pending: 'unknown',
  running: 'warning',
  waiting_operator: 'warning',
  done: 'ok',
  failed: 'critical',
  skipped: 'unknown',
};

/** Guided mode's pause: what to do now, and the Resume button. */
function PausedBox({
  hint,
  isResuming,
  onResume,
}: {
  hint?: string;
  isResuming: boolean;
  onResume(): void;
}) {
  const { t } = useT();
  return (
    <div
      className="flex flex-col gap-2 rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm"
      role="status"
    >
      <strong className="text-warn">{t('drills.paused')}</strong>
      {hint && <p className="text-fg">{hint}</p>}
      <p className="text-xs text-fg-muted">{t('drills.pausedHint')}</p>
      <div>
        <button
          type="button"
          data-testid="drill-resume"
          className="focus-ring inline-flex h-8 items-center rounded-md bg-accent px-3 text-xs font-semibold text-white disabled:opacity-50"
          disabled={isResuming}
          onClick={onResume}
        >
          {t('drills.resume')}
        </button>
      </div>
    </div>
  );
}

function StepItem({ step: s }: { step: DrillRun['steps'][number] }) {
  const { t, locale, fmt } = useT();
  const tone = STATUS_TONE[TONE[s.state]];
  return (
    <li
      data-testid="drill-step"
      data-state={s.state}
      data-kind={s.kind}
      className="flex items-start gap-2 text-sm"
    >
      <StatusIcon status={TONE[s.state]} className={`mt-0.5 h-4 w-4 shrink-0 ${tone.text}`} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2">
          <span className="text-fg">{pick(s.label, locale)}</span>
          <span className={`text-[11px] font-semibold uppercase ${tone.text}`}>
            {t(`drills.step.${s.state}`)}
          </span>
          {s.startedAt !== undefined && s.endedAt !== undefined && (
            <span className="tnum text-[11px] text-fg-muted">
              {fmt.seconds((s.endedAt - s.startedAt) / 1000)}
            </span>
          )}
        </div>
        {s.detail && (
          <p className="break-words font-mono text-[11px] text-fg-muted" title={s.detail}>
            {(s.detailText && renderTextRef(s.detailText, locale)) ?? s.detail}
          </p>
        )}
      </div>
    </li>
  );
}

export function DrillSteps({
  run,
  guidedHint,
  isResuming,
  onResume,
}: {
  run: DrillRun;
  guidedHint?: string;
  isResuming: boolean;
  onResume(): void;
}) {
  const { t } = useT();
  return (
    <section
      className="panel flex flex-col gap-3 p-4"
      aria-labelledby="drill-steps-title"
      aria-live="polite"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="drill-steps-title" className="panel-title">
          {t('drills.steps')}
        </h2>
        <span className="text-xs text-fg-muted" data-testid="drill-state" data-state={run.state}>
          {t(`drills.state.${run.state}`)}
        </span>
      </div>
      {run.state === 'paused' && (
        <PausedBox hint={guidedHint} isResuming={isResuming} onResume={onResume} />
      )}
      <ol className="flex flex-col gap-1.5">
        {run.steps.map((s) => (
          <StepItem key={s.index} step={s} />
        ))}
      </ol>
    </section>
  );
}
