'use client';
// The node page's Redis log: a live tail (first page over REST, then pushed rows upserted by id),
// filters, a pause for reading, and "jump to time" for every raw line around a moment.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LogEntry } from '@/lib/contracts';
import { IsoDateTimeInput } from '@/components/ui/iso-datetime-input';
import { useT } from '@/components/i18n/i18n-provider';
import { useLogTail, useLogsAround } from '@/components/hooks/use-logs';
import { ClockIcon } from '@/components/findings/icons';
import { AroundLimited, AroundList, AroundState, AroundWindowSwitch } from './around-lines';
import { LogFilterBar } from './log-filter-bar';
import { LogColumns, LogRow } from './log-row';
import {
  MAX_LOG_ROWS,
  isEmptyFilter,
  lineCount,
  matchesLogFilter,
  splitRoutine,
  type LogFilter,
} from './log-rows';
import {
  DEFAULT_AROUND_WINDOW,
  fromLocalSecondsInput,
  logTime,
  toLocalSecondsInput,
  type AroundWindow,
} from './log-time';

const LIST = 'max-h-[36rem] min-h-24 overflow-y-auto';
const NOTE = 'px-4 py-6 text-sm text-fg-muted';

function AroundView({
  nodeId,
  at,
  windowMs,
  filter,
  onWindow,
  onBack,
}: {
  nodeId: string;
  at: number;
  windowMs: AroundWindow;
  filter: LogFilter;
  onWindow: (w: AroundWindow) => void;
  onBack: () => void;
}) {
  const { t, fmt } = useT();
  const nodes = useMemo(() => [nodeId], [nodeId]);
  const around = useLogsAround(nodes, at, windowMs);
  const lines = useMemo(
    () => around.lines.filter((l) => matchesLogFilter(l, filter)),
    [around.lines, filter],
  );
  const time = logTime(fmt, at);
  const windowLabel = t(`logs.window.${windowMs}`);
  return (
    <div data-testid="log-around" data-t={at} data-window={windowMs}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-border bg-surface-2 px-4 py-2">
        <ClockIcon className="h-4 w-4 text-accent" />
        <span className="text-sm font-medium text-fg">
          {t('logs.around', { window: windowLabel, time })}
        </span>
        {!around.isLoading && !around.error && (
          <span className="tnum text-xs text-fg-muted">
            {t('logs.around.count', { n: fmt.number(lines.length) })}
          </span>
        )}
        <span className="ml-auto flex items-center gap-2">
          <AroundWindowSwitch value={windowMs} onChange={onWindow} />
          <button
            type="button"
            className="btn-ghost h-7"
            data-testid="log-back-live"
            onClick={onBack}
          >
            {t('logs.jump.back')}
          </button>
        </span>
      </div>
      <AroundState
        isLoading={around.isLoading}
        error={around.error}
        isEmpty={lines.length === 0}
        time={time}
        windowLabel={windowLabel}
        noteClass={NOTE}
      >
        <AroundLimited count={around.lines.length} at={at} />
        <AroundList lines={lines} at={at} showNode={false} className={LIST} />
      </AroundState>
    </div>
  );
}

function JumpForm({
  value,
  windowMs,
  onValue,
  onWindow,
  onGo,
  hasWindow,
}: {
  /** Off while the around view shows its own window switch. */
  hasWindow: boolean;
  value: string;
  windowMs: AroundWindow;
  onValue: (v: string) => void;
  onWindow: (w: AroundWindow) => void;
  onGo: (t: number) => void;
}) {
  const { t } = useT();
  const at = fromLocalSecondsInput(value);
  return (
    <form
      data-testid="log-jump"
      aria-label={t('logs.jump')}
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (at !== undefined) onGo(at);
      }}
    >
      <IsoDateTimeInput
        withSeconds
        name="at"
        ariaLabel={t('logs.jump.time')}
        value={value}
        onChange={onValue}
        className="focus-ring h-7 rounded-md border border-border bg-surface-2 px-2 text-xs text-fg hover:border-border-strong"
      />
      {hasWindow && <AroundWindowSwitch value={windowMs} onChange={onWindow} />}
      <button
        type="submit"
        disabled={at === undefined}
        className="btn-ghost h-7 disabled:opacity-40"
      >
        <ClockIcon className="h-3.5 w-3.5" />
        {t('logs.jump.go')}
      </button>
    </form>
  );
}

export function LogPanel({ nodeId }: { nodeId: string }) {
  const { t, fmt } = useT();
  const [filter, setFilter] = useState<LogFilter>({});
  // Typing refetches only once the operator pauses.
  const [debouncedQ, setDebouncedQ] = useState<string | undefined>(undefined);
  useEffect(() => {
    const timer = setTimeout(() => setDebouncedQ(filter.q), 300);
    return () => clearTimeout(timer);
  }, [filter.q]);
  const applied = useMemo(() => ({ ...filter, q: debouncedQ }), [filter, debouncedQ]);

  const tail = useLogTail(nodeId, applied);
  const [frozen, setFrozen] = useState<LogEntry[] | null>(null);
  const [isShowingRoutine, setIsShowingRoutine] = useState(false);
  const { shown: rows, hiddenRoutine } = splitRoutine(frozen ?? tail.rows, applied, isShowingRoutine);
  const [around, setAround] = useState<{ at: number; windowMs: AroundWindow } | null>(null);
  const [jumpValue, setJumpValue] = useState('');
  const [jumpWindow, setJumpWindow] = useState<AroundWindow>(DEFAULT_AROUND_WINDOW);

  // Stable, so a live push re-renders only the rows that changed.
  const jumpTo = useCallback(
    (at: number) => {
      setJumpValue(toLocalSecondsInput(at));
      setAround({ at, windowMs: jumpWindow });
    },
    [jumpWindow],
  );
  const changeWindow = (w: AroundWindow) => {
    setJumpWindow(w);
    if (around) setAround({ ...around, windowMs: w });
  };

  return (
    <section
      id="logs"
      className="panel min-w-0 scroll-mt-20"
      aria-labelledby="log-panel-title"
      data-testid="log-panel"
      data-node-id={nodeId}
      data-mode={around ? 'around' : 'live'}
      data-paused={frozen ? 'true' : 'false'}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-border px-4 py-2.5">
        <h2 id="log-panel-title" className="panel-title">
          {t('logs.title')}
        </h2>
        {!around && !tail.isLoading && (
          <span className="tnum text-xs text-fg-muted" data-testid="log-count-summary">
            {t('logs.rows', { rows: fmt.number(rows.length), lines: fmt.number(lineCount(rows)) })}
          </span>
        )}
        <span className="hidden text-xs text-fg-subtle xl:inline">{t('logs.subtitle')}</span>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {!around && (
            <button
              type="button"
              data-testid="log-pause"
              aria-pressed={frozen !== null}
              onClick={() => setFrozen(frozen ? null : tail.rows)}
              className="btn-ghost h-7"
            >
              {frozen ? t('logs.resume') : t('logs.pause')}
            </button>
          )}
          <JumpForm
            hasWindow={!around}
            value={jumpValue}
            windowMs={jumpWindow}
            onValue={setJumpValue}
            onWindow={changeWindow}
            onGo={(at) => jumpTo(at)}
          />
        </div>
      </div>
      <LogFilterBar
        value={filter}
        onChange={(next) => {
          setFilter(next);
          setFrozen(null); // new filters show live rows again
        }}
      />
      {around ? (
        <AroundView
          nodeId={nodeId}
          at={around.at}
          windowMs={around.windowMs}
          filter={applied}
          onWindow={changeWindow}
          onBack={() => setAround(null)}
        />
      ) : (
        <>
          {frozen && (
            <p
              className="border-b border-border bg-surface-2 px-4 py-1.5 text-xs text-fg-muted"
              role="status"
            >
              {t('logs.paused')}
            </p>
          )}
          {tail.error && (
            <p className="border-b border-border px-4 py-2 text-sm text-crit" role="alert">
              {t('logs.loadError', { message: tail.error })}
            </p>
          )}
          {(hiddenRoutine > 0 || isShowingRoutine) && !applied.verdict && (
            <p
              className="flex flex-wrap items-center gap-x-3 border-b border-border bg-surface-2 px-4 py-1.5 text-xs text-fg-muted"
              data-testid="log-routine"
              data-hidden={hiddenRoutine}
            >
              {isShowingRoutine
                ? t('logs.routineShown')
                : t('logs.routineHidden', { n: fmt.number(hiddenRoutine) })}
              <button
                type="button"
                className="btn-ghost h-6"
                data-testid="log-routine-toggle"
                aria-pressed={isShowingRoutine}
                onClick={() => setIsShowingRoutine((v) => !v)}
              >
                {isShowingRoutine ? t('logs.routineHide') : t('logs.routineShow')}
              </button>
            </p>
          )}
          {rows.length === 0 ? (
            hiddenRoutine > 0 ? null : !tail.error && (
              <p className={NOTE}>
                {tail.isLoading
                  ? t('logs.loading')
                  : isEmptyFilter(applied)
                    ? t('logs.empty')
                    : t('logs.noMatch')}
              </p>
            )
          ) : (
            <ol className={LIST} data-testid="log-rows">
              <LogColumns />
              {rows.map((row) => (
                <LogRow key={row.id} row={row} onJump={jumpTo} />
              ))}
            </ol>
          )}
          {rows.length >= MAX_LOG_ROWS && (
            <p className="border-t border-border px-4 py-1.5 text-xs text-fg-muted">
              {t('logs.capped', { n: fmt.number(MAX_LOG_ROWS) })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
