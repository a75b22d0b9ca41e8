'use client';
// Every raw line of some nodes within ±N of a moment, oldest first, with a marker where the moment
// falls: what Redis printed around an incident event or a chosen time.
import { Fragment } from 'react';
import type { LogRawLine } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { Segmented } from '@/components/ui/segmented';
import { AROUND_LIMIT, eventIndex } from './log-rows';
import { LogColumns, LogRow } from './log-row';
import { AROUND_WINDOWS, logTime, type AroundWindow } from './log-time';

export function AroundWindowSwitch({
  value,
  onChange,
}: {
  value: AroundWindow;
  onChange: (w: AroundWindow) => void;
}) {
  const { t } = useT();
  return (
    <Segmented
      label={t('logs.jump.window')}
      testId="around-window"
      attr="window"
      size="sm"
      value={value}
      options={AROUND_WINDOWS.map((w) => ({ value: w, label: t(`logs.window.${w}`) }))}
      onChange={onChange}
    />
  );
}

function EventMarker({ at }: { at: number }) {
  const { t, fmt } = useT();
  return (
    <li
      data-testid="log-event-marker"
      className="flex items-center gap-2 px-3 py-0.5 text-[11px] font-semibold text-accent"
    >
      <span aria-hidden="true" className="h-px flex-1 bg-accent/60" />
      {t('logs.eventMarker', { time: logTime(fmt, at) })}
      <span aria-hidden="true" className="h-px flex-1 bg-accent/60" />
    </li>
  );
}

/** Said when the answer hit the server's limit: a storm can print far more within the window. */
export function AroundLimited({ count, at }: { count: number; at: number }) {
  const { t, fmt } = useT();
  if (count < AROUND_LIMIT) return null;
  return (
    <p className="border-b border-border px-3 py-1 text-[11px] text-warn" role="status">
      {t('logs.around.limited', { n: fmt.number(count), time: logTime(fmt, at) })}
    </p>
  );
}

export function AroundList({
  lines,
  at,
  showNode,
  compact = false,
  className = '',
}: {
  lines: readonly LogRawLine[];
  at: number;
  showNode: boolean;
  compact?: boolean;
  className?: string;
}) {
  const mark = eventIndex(lines, at);
  return (
    <ol className={`overflow-y-auto ${className}`}>
      {!compact && <LogColumns showNode={showNode} />}
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i === mark && <EventMarker at={at} />}
          <LogRow row={line} showNode={showNode} compact={compact} />
        </Fragment>
      ))}
      {mark === lines.length && <EventMarker at={at} />}
    </ol>
  );
}

/** Loading, failed or empty in words (in the caller's note style); otherwise the lines. */
export function AroundState({
  isLoading,
  error,
  isEmpty,
  time,
  windowLabel,
  noteClass,
  children,
}: {
  isLoading: boolean;
  error: string | null;
  isEmpty: boolean;
  time: string;
  windowLabel: string;
  noteClass: string;
  children: React.ReactNode;
}) {
  const { t } = useT();
  if (isLoading) return <p className={noteClass}>{t('logs.around.loading', { time })}</p>;
  if (error)
    return (
      <p className={`${noteClass} text-crit`} role="alert">
        {t('logs.around.error', { time, message: error })}
      </p>
    );
  if (isEmpty)
    return <p className={noteClass}>{t('logs.around.empty', { window: windowLabel, time })}</p>;
  return <>{children}</>;
}
