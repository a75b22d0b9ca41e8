'use client';
// Under an incident timeline entry: the raw log lines of the nodes involved within ±N seconds of
// it (N selectable, 30 s by default), loaded only when the operator opens them.
import { useState } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { useLogsAround } from '@/components/hooks/use-logs';
import { ChevronRightIcon } from '@/components/ui/icons';
import { ChevronDownIcon, TerminalIcon } from '@/components/findings/icons';
import { AroundLimited, AroundList, AroundState, AroundWindowSwitch } from './around-lines';
import { DEFAULT_AROUND_WINDOW, logTime, type AroundWindow } from './log-time';

const NOTE = 'px-3 py-2 text-xs text-fg-muted';

function Lines({
  nodeIds,
  at,
  windowMs,
  onWindow,
}: {
  nodeIds: readonly string[];
  at: number;
  windowMs: AroundWindow;
  onWindow: (w: AroundWindow) => void;
}) {
  const { t, fmt } = useT();
  const around = useLogsAround(nodeIds, at, windowMs);
  const time = logTime(fmt, at);
  const windowLabel = t(`logs.window.${windowMs}`);
  return (
    <div
      data-testid="event-log-lines"
      data-t={at}
      data-window={windowMs}
      data-state={around.isLoading ? 'loading' : around.error ? 'error' : 'ready'}
      className="overflow-hidden rounded-md border border-border bg-surface"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-border bg-surface-2 px-3 py-1.5">
        <AroundWindowSwitch value={windowMs} onChange={onWindow} />
        <span className="min-w-0 truncate font-mono text-[11px] text-fg-muted">
          {t('logs.event.nodes', { nodes: nodeIds.join(', ') })}
        </span>
        {!around.isLoading && !around.error && (
          <span className="tnum ml-auto text-[11px] text-fg-muted">
            {t('logs.around.count', { n: fmt.number(around.lines.length) })}
          </span>
        )}
      </div>
      <AroundState
        isLoading={around.isLoading}
        error={around.error}
        isEmpty={around.lines.length === 0}
        time={time}
        windowLabel={windowLabel}
        noteClass={NOTE}
      >
        <AroundLimited count={around.lines.length} at={at} />
        <AroundList
          lines={around.lines}
          at={at}
          showNode={nodeIds.length > 1}
          compact
          className="max-h-80"
        />
      </AroundState>
    </div>
  );
}

export function EventLogLines({ nodeIds, at }: { nodeIds: readonly string[]; at: number }) {
  const { t } = useT();
  const [isOpen, setIsOpen] = useState(false);
  const [windowMs, setWindowMs] = useState<AroundWindow>(DEFAULT_AROUND_WINDOW);
  if (nodeIds.length === 0) return null;
  const Chevron = isOpen ? ChevronDownIcon : ChevronRightIcon;
  return (
    <div className="flex flex-col gap-1.5">
      <button
        type="button"
        aria-expanded={isOpen}
        data-testid="event-log-toggle"
        onClick={() => setIsOpen(!isOpen)}
        className="focus-ring inline-flex w-fit items-center gap-1 rounded text-[11px] font-medium text-fg-muted hover:text-fg"
      >
        <Chevron className="h-3 w-3" />
        <TerminalIcon className="h-3 w-3" />
        {isOpen
          ? t('logs.event.hide')
          : t('logs.event.show', { window: t(`logs.window.${windowMs}`) })}
      </button>
      {isOpen && <Lines nodeIds={nodeIds} at={at} windowMs={windowMs} onWindow={setWindowMs} />}
    </div>
  );
}
