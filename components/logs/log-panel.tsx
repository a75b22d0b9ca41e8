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
import { LOG_LIST, LOG_NOTE, LogLiveView } from './log-live-view';
import { lineCount, matchesLogFilter, splitRoutine, type LogFilter } from './log-rows';
import {
  DEFAULT_AROUND_WINDOW,
  fromLocalSecondsInput,
  logTime,
  toLocalSecondsInput,
  type AroundWindow,
} from './log-time';

/** `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T | undefined {
  const [settled, setSettled] = useState<T | undefined>(undefined);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

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
        noteClass={LOG_NOTE}
      >
        <AroundLimited count={around.lines.length} at={at} />
        <AroundList lines={lines} at={at} showNode={false} className={LOG_LIST} />
      </AroundState>
    </div>
  );
}

/** Where "jump to time" points: the typed time, the window, and the open around view. */
function useLogJump() {
  const [around, setAround] = useState<{ at: number; windowMs: AroundWindow } | null>(null);
  const [value, setValue] = useState('');
  const [windowMs, setWindowMs] = useState<AroundWindow>(DEFAULT_AROUND_WINDOW);
  // Stable, so a live push re-renders only the rows that changed.
  const jumpTo = useCallback(
    (at: number) => {
      setValue(toLocalSecondsInput(at));
      setAround({ at, windowMs });
    },
    [windowMs],
  );
  const changeWindow = (w: AroundWindow) => {
    setWindowMs(w);
    if (around) setAround({ ...around, windowMs: w });
  };
  return { around, value, setValue, windowMs, jumpTo, changeWindow, back: () => setAround(null) };
}
type LogJump = ReturnType<typeof useLogJump>;

function JumpForm({ jump }: { jump: LogJump }) {
  const { t } = useT();
  const at = fromLocalSecondsInput(jump.value);
  return (
    <form
      data-testid="log-jump"
      aria-label={t('logs.jump')}
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (at !== undefined) jump.jumpTo(at);
      }}
    >
      <IsoDateTimeInput
        withSeconds
        name="at"
        ariaLabel={t('logs.jump.time')}
        value={jump.value}
        onChange={jump.setValue}
        className="focus-ring h-7 rounded-md border border-border bg-surface-2 px-2 text-xs text-fg hover:border-border-strong"
      />
      {/* Off while the around view shows its own window switch. */}
      {!jump.around && <AroundWindowSwitch value={jump.windowMs} onChange={jump.changeWindow} />}
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
  const debouncedQ = useDebounced(filter.q, 300);
  const applied = useMemo(() => ({ ...filter, q: debouncedQ }), [filter, debouncedQ]);

  const tail = useLogTail(nodeId, applied);
  const [frozen, setFrozen] = useState<LogEntry[] | null>(null);
  const [isShowingRoutine, setIsShowingRoutine] = useState(false);
  const { shown: rows, hiddenRoutine } = splitRoutine(frozen ?? tail.rows, applied, isShowingRoutine);
  const jump = useLogJump();
  const { around, jumpTo, changeWindow } = jump;

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
          <JumpForm jump={jump} />
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
          onBack={jump.back}
        />
      ) : (
        <LogLiveView
          rows={rows}
          hiddenRoutine={hiddenRoutine}
          isShowingRoutine={isShowingRoutine}
          onToggleRoutine={() => setIsShowingRoutine((v) => !v)}
          applied={applied}
          isPaused={frozen !== null}
          isLoading={tail.isLoading}
          error={tail.error}
          onJump={jumpTo}
        />
      )}
    </section>
  );
}
