'use client';
// The frame every timeline row shares: time and offset on the left, the typed dot on the line,
// and the row's content on the right.
import type { ComponentProps, ReactNode } from 'react';
import type { IncidentState, Status, TimelineEntryType } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE } from '@/components/ui/status';
import {
  BellIcon,
  BoltIcon,
  ChartIcon,
  CheckIcon,
  FlagIcon,
  NoteIcon,
  SendIcon,
  TerminalIcon,
  TopologyIcon,
  EyeIcon,
} from '@/components/findings/icons';
import { IncidentStateIcon } from './incident-state-badge';

const ICONS: Record<TimelineEntryType, (p: { className?: string }) => React.ReactNode> = {
  incident_opened: FlagIcon,
  finding_opened: BellIcon,
  finding_updated: BellIcon,
  finding_resolved: CheckIcon,
  topology_event: TopologyIcon,
  metric_snapshot: ChartIcon,
  log_line: TerminalIcon,
  action: BoltIcon,
  note: NoteIcon,
  state_changed: EyeIcon,
  alert_sent: SendIcon,
};

const ROW = 'relative grid grid-cols-[4.75rem_1.75rem_minmax(0,1fr)] gap-x-3 py-1.5';

function Dot({
  type,
  status,
  stateTo,
}: {
  type: TimelineEntryType;
  status: Status | null;
  /** For state changes: the state reached, whose icon is drawn. */
  stateTo?: IncidentState;
}) {
  const Icon = ICONS[type];
  const cls = status
    ? `${STATUS_TONE[status].text} ${STATUS_TONE[status].bg} ${STATUS_TONE[status].border}`
    : 'text-fg-muted bg-surface-2 border-border-strong';
  return (
    <span
      aria-hidden="true"
      className={`relative z-10 flex h-7 w-7 items-center justify-center rounded-full border ${cls}`}
    >
      {stateTo ? (
        <IncidentStateIcon state={stateTo} className="h-3.5 w-3.5" />
      ) : (
        <Icon className="h-3.5 w-3.5" />
      )}
    </span>
  );
}

function Stamp({ at, offsetMs }: { at: number; offsetMs: number }) {
  const { t, fmt } = useT();
  return (
    <span className="flex flex-col items-end pt-1 text-right">
      <time
        dateTime={new Date(at).toISOString()}
        title={fmt.dateTime(at)}
        className="tnum font-mono text-xs text-fg"
      >
        {fmt.time(at)}
      </time>
      <span className="tnum font-mono text-[10px] text-fg-subtle">
        {offsetMs >= 0
          ? t('timeline.offset', { duration: fmt.duration(offsetMs / 1000) })
          : `−${fmt.duration(-offsetMs / 1000)}`}
      </span>
    </span>
  );
}

/** Other `<li>` attributes (data-testid, data-type…) go on the row itself. */
export function TimelineRow({
  at,
  offsetMs,
  type,
  status,
  stateTo,
  children,
  ...li
}: {
  at: number;
  offsetMs: number;
  type: TimelineEntryType;
  status: Status | null;
  stateTo?: IncidentState;
  children: ReactNode;
} & Omit<ComponentProps<'li'>, 'className' | 'children'>) {
  return (
    <li {...li} className={ROW}>
      <Stamp at={at} offsetMs={offsetMs} />
      <Dot type={type} status={status} stateTo={stateTo} />
      <div className="flex min-w-0 flex-col gap-1 pt-0.5">{children}</div>
    </li>
  );
}
