'use client';
// The incident's story, oldest first: a vertical line of typed entries with time, offset from
// the start, actor and summary; log bursts grouped in one monospace block; under each entry, the
// raw log lines of the nodes involved around that moment on demand.
import { useMemo } from 'react';
import type {
  IncidentState,
  Status,
  TimelineEntry,
  TimelineEntryType,
  TopologyEventKind,
} from '@/lib/contracts';
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
  UserIcon,
  EyeIcon,
} from '@/components/findings/icons';
import { SEVERITY_STATUS } from '@/components/findings/severity-badge';
import { IncidentStateIcon, STATE_STATUS } from './incident-state-badge';
import {
  buildTimeline,
  findingRefOf,
  logLineOf,
  topologyEventOf,
  type TimelineItem,
} from './timeline-data';
import { TimelineEntryBody } from './timeline-entry-body';
import { EventLogLines } from '@/components/logs/event-log-lines';
import { aroundNodes } from '@/components/logs/log-rows';
import { IncidentStateSchema } from '@/lib/contracts';

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

const EVENT_STATUS: Record<TopologyEventKind, Status> = {
  node_added: 'unknown',
  node_removed: 'warning',
  node_unreachable: 'critical',
  node_reachable: 'ok',
  role_changed: 'warning',
  upstream_changed: 'warning',
  replid_changed: 'warning',
  run_id_changed: 'warning',
  link_down: 'critical',
  link_up: 'ok',
};

function stateTo(entry: TimelineEntry): IncidentState | undefined {
  if (entry.type !== 'state_changed') return undefined;
  const to = IncidentStateSchema.safeParse(entry.data.to ?? entry.data.state);
  return to.success ? to.data : undefined;
}

/** Colour of the dot on the line: the status the entry reports, grey when it reports none. */
function entryStatus(entry: TimelineEntry, incidentSeverity: Status): Status | null {
  switch (entry.type) {
    case 'incident_opened':
      return incidentSeverity;
    case 'finding_opened':
    case 'finding_updated': {
      const s = findingRefOf(entry.data).severity;
      return s ? SEVERITY_STATUS[s] : 'warning';
    }
    case 'finding_resolved':
      return 'ok';
    case 'topology_event': {
      const ev = topologyEventOf(entry.data);
      return ev ? EVENT_STATUS[ev.kind] : null;
    }
    case 'state_changed': {
      const to = stateTo(entry);
      return to ? STATE_STATUS[to] : null;
    }
    default:
      return null;
  }
}

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

function Actor({ actor }: { actor: string }) {
  if (actor === 'system') return null;
  return (
    <span className="inline-flex items-center gap-1 rounded bg-accent/10 px-1.5 py-px text-[11px] font-semibold text-accent">
      <UserIcon className="h-3 w-3" />
      {actor}
    </span>
  );
}

function summaryOf(entry: TimelineEntry, zh: boolean): string {
  return zh && entry.summaryZh ? entry.summaryZh : entry.summary;
}

const ROW = 'relative grid grid-cols-[4.75rem_1.75rem_minmax(0,1fr)] gap-x-3 py-1.5';

/** The node an entry is about, if it names one. */
function entryNode(entry: TimelineEntry): string | null {
  if (entry.type === 'topology_event') return topologyEventOf(entry.data)?.nodeId ?? null;
  if (entry.type.startsWith('finding_')) return findingRefOf(entry.data).nodeId ?? null;
  return typeof entry.data.nodeId === 'string' ? entry.data.nodeId : null;
}

function EntryRow({
  item,
  severity,
  nodeIds,
}: {
  item: Extract<TimelineItem, { kind: 'entry' }>;
  severity: Status;
  nodeIds: readonly string[];
}) {
  const { t, locale } = useT();
  const { entry } = item;
  const logNodes = useMemo(() => aroundNodes(entryNode(entry), nodeIds), [entry, nodeIds]);
  const status = entryStatus(entry, severity);
  const isNote = entry.type === 'note';
  const text = summaryOf(entry, locale === 'zh-CN');
  return (
    <li
      data-testid="timeline-entry"
      data-type={entry.type}
      data-entry-id={entry.id}
      className={ROW}
    >
      <Stamp at={entry.at} offsetMs={item.offsetMs} />
      <Dot type={entry.type} status={status} stateTo={stateTo(entry)} />
      <div className="flex min-w-0 flex-col gap-1 pt-0.5">
        <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
          <span
            className={`text-xs font-semibold uppercase tracking-wide ${status ? STATUS_TONE[status].text : 'text-fg-muted'}`}
          >
            {t(`timeline.type.${entry.type}`)}
          </span>
          <Actor actor={entry.actor} />
        </span>
        {isNote ? (
          <p className="whitespace-pre-wrap rounded-md border-l-2 border-accent bg-surface-2 px-3 py-1.5 text-sm text-fg">
            {typeof entry.data.text === 'string' ? entry.data.text : text}
          </p>
        ) : (
          <span className="text-sm text-fg">{text}</span>
        )}
        {/* A topology event's summary already says what the body would (node, kind, from → to). */}
        {!isNote && !(entry.type === 'topology_event' && text) && (
          <TimelineEntryBody entry={entry} />
        )}
        <EventLogLines nodeIds={logNodes} at={entry.at} />
      </div>
    </li>
  );
}

type Burst = Extract<TimelineItem, { kind: 'logs' | 'alerts' }>;

const DELIVERY_STATUS: Record<string, Status> = {
  delivered: 'ok',
  failed: 'critical',
  pending: 'unknown',
};

/** Webhook deliveries close together (retries, several webhooks): one compact line each. */
function AlertGroup({ item }: { item: Burst }) {
  const { t, fmt, locale } = useT();
  const first = item.entries[0]!;
  return (
    <li className={ROW}>
      <Stamp at={first.at} offsetMs={item.offsetMs} />
      <Dot type="alert_sent" status={null} />
      <div className="flex min-w-0 flex-col gap-1 pt-0.5">
        <span className="text-xs font-semibold uppercase tracking-wide text-fg-muted">
          {t('timeline.type.alert_sent')}
          <span className="tnum ml-2 font-normal normal-case tracking-normal">
            ({fmt.number(item.entries.length)})
          </span>
        </span>
        <ol className="flex flex-col rounded-md border border-border bg-surface-2 px-2 py-1 text-xs leading-5">
          {item.entries.map((e) => {
            const raw = typeof e.data.status === 'string' ? e.data.status : '';
            const status = DELIVERY_STATUS[raw];
            return (
              <li
                key={e.id}
                data-testid="timeline-entry"
                data-type="alert_sent"
                data-entry-id={e.id}
                className="flex min-w-0 items-baseline gap-2"
              >
                <span className="tnum shrink-0 font-mono text-fg-subtle">{fmt.time(e.at)}</span>
                {status && (raw === 'delivered' || raw === 'failed' || raw === 'pending') && (
                  <span className={`shrink-0 font-semibold ${STATUS_TONE[status].text}`}>
                    {t(`delivery.${raw}`)}
                  </span>
                )}
                <span className="min-w-0 truncate text-fg" title={summaryOf(e, locale === 'zh-CN')}>
                  {summaryOf(e, locale === 'zh-CN')}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    </li>
  );
}

function LogGroup({ item }: { item: Burst }) {
  const { t, fmt } = useT();
  const first = item.entries[0]!;
  return (
    <li className={ROW}>
      <Stamp at={first.at} offsetMs={item.offsetMs} />
      <Dot type="log_line" status={null} />
      <div className="flex min-w-0 flex-col gap-1 pt-0.5">
        <span className="flex flex-wrap items-center gap-x-2">
          <span className="text-xs font-semibold uppercase tracking-wide text-fg-muted">
            {t('timeline.type.log_line')}
          </span>
          {item.nodeId && <span className="font-mono text-xs text-fg-muted">{item.nodeId}</span>}
        </span>
        <ol className="overflow-x-auto rounded-md border border-border bg-surface-2 px-2 py-1 font-mono text-xs leading-5">
          {item.entries.map((e) => {
            const line = logLineOf(e.data);
            return (
              <li
                key={e.id}
                data-testid="timeline-entry"
                data-type="log_line"
                data-entry-id={e.id}
                className="whitespace-pre-wrap break-all text-fg"
              >
                <span className="text-fg-subtle">{fmt.time(line.time ?? e.at)} </span>
                {line.message || e.summary}
                {line.category && <span className="text-fg-subtle"> [{line.category}]</span>}
              </li>
            );
          })}
        </ol>
      </div>
    </li>
  );
}

export function IncidentTimeline({
  entries,
  openedAt,
  severity,
  nodeIds = [],
}: {
  entries: readonly TimelineEntry[];
  openedAt: number;
  severity: Status;
  /** Nodes involved in the incident: whose log lines each entry can show. */
  nodeIds?: readonly string[];
}) {
  const { t, fmt } = useT();
  const items = useMemo(
    () => buildTimeline(entries, openedAt, (ms) => new Date(ms).toDateString()),
    [entries, openedAt],
  );
  return (
    <section className="panel" aria-labelledby="timeline-title" data-testid="incident-timeline">
      <div className="flex items-center gap-2 border-b border-border px-4 py-2.5">
        <h2 id="timeline-title" className="panel-title">
          {t('timeline.title')}
        </h2>
        <span className="tnum ml-auto text-xs text-fg-muted">
          {t('timeline.count', { n: fmt.number(entries.length) })}
        </span>
      </div>
      {items.length === 0 ? (
        <p className="px-4 py-6 text-sm text-fg-muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="relative px-4 py-3">
          {/* the vertical line, centred under the dots */}
          <span
            aria-hidden="true"
            className="absolute bottom-4 top-4 left-[calc(1rem+4.75rem+0.75rem+0.875rem-0.5px)] w-px bg-border-strong"
          />
          {items.map((item) => (
            <TimelineItemView
              key={item.kind === 'entry' ? item.entry.id : `${item.kind}-${item.entries[0]!.id}`}
              item={item}
              severity={severity}
              nodeIds={nodeIds}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function TimelineItemView({
  item,
  severity,
  nodeIds,
}: {
  item: TimelineItem;
  severity: Status;
  nodeIds: readonly string[];
}) {
  const { locale } = useT();
  const dayAt = item.kind === 'entry' ? item.entry.at : item.entries[0]!.at;
  return (
    <>
      {item.day && (
        <li className="relative z-10 my-1 ml-[5.5rem] w-fit rounded bg-surface-3 px-2 py-0.5 text-[11px] font-semibold text-fg-muted">
          {new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(dayAt)}
        </li>
      )}
      {item.kind === 'entry' ? (
        <EntryRow item={item} severity={severity} nodeIds={nodeIds} />
      ) : item.kind === 'alerts' ? (
        <AlertGroup item={item} />
      ) : (
        <LogGroup item={item} />
      )}
    </>
  );
}
