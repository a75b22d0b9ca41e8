'use client';
// The live tail of the log panel: paused and error notes, the routine-lines toggle, the rows.
import type { LogEntry } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { LogColumns, LogRow } from './log-row';
import { MAX_LOG_ROWS, isEmptyFilter, type LogFilter } from './log-rows';

export const LOG_LIST = 'max-h-[36rem] min-h-24 overflow-y-auto';
export const LOG_NOTE = 'px-4 py-6 text-sm text-fg-muted';

function RoutineToggle({
  hidden,
  isShowing,
  onToggle,
}: {
  hidden: number;
  isShowing: boolean;
  onToggle: () => void;
}) {
  const { t, fmt } = useT();
  return (
    <p
      className="flex flex-wrap items-center gap-x-3 border-b border-border bg-surface-2 px-4 py-1.5 text-xs text-fg-muted"
      data-testid="log-routine"
      data-hidden={hidden}
    >
      {isShowing ? t('logs.routineShown') : t('logs.routineHidden', { n: fmt.number(hidden) })}
      <button
        type="button"
        className="btn-ghost h-6"
        data-testid="log-routine-toggle"
        aria-pressed={isShowing}
        onClick={onToggle}
      >
        {isShowing ? t('logs.routineHide') : t('logs.routineShow')}
      </button>
    </p>
  );
}

export function LogLiveView({
  rows,
  hiddenRoutine,
  isShowingRoutine,
  onToggleRoutine,
  applied,
  isPaused,
  isLoading,
  error,
  onJump,
}: {
  rows: readonly LogEntry[];
  hiddenRoutine: number;
  isShowingRoutine: boolean;
  onToggleRoutine: () => void;
  applied: LogFilter;
  isPaused: boolean;
  isLoading: boolean;
  error: string | null;
  onJump: (at: number) => void;
}) {
  const { t, fmt } = useT();
  return (
    <>
      {isPaused && (
        <p
          className="border-b border-border bg-surface-2 px-4 py-1.5 text-xs text-fg-muted"
          role="status"
        >
          {t('logs.paused')}
        </p>
      )}
      {error && (
        <p className="border-b border-border px-4 py-2 text-sm text-crit" role="alert">
          {t('logs.loadError', { message: error })}
        </p>
      )}
      {(hiddenRoutine > 0 || isShowingRoutine) && !applied.verdict && (
        <RoutineToggle
          hidden={hiddenRoutine}
          isShowing={isShowingRoutine}
          onToggle={onToggleRoutine}
        />
      )}
      {rows.length === 0 ? (
        hiddenRoutine > 0 ? null : !error && (
          <p className={LOG_NOTE}>
            {isLoading
              ? t('logs.loading')
              : isEmptyFilter(applied)
                ? t('logs.empty')
                : t('logs.noMatch')}
          </p>
        )
      ) : (
        <ol className={LOG_LIST} data-testid="log-rows">
          <LogColumns />
          {rows.map((row) => (
            <LogRow key={row.id} row={row} onJump={onJump} />
          ))}
        </ol>
      )}
      {rows.length >= MAX_LOG_ROWS && (
        <p className="border-t border-border px-4 py-1.5 text-xs text-fg-muted">
          {t('logs.capped', { n: fmt.number(MAX_LOG_ROWS) })}
        </p>
      )}
    </>
  );
}
