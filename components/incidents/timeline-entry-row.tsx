'use client';
// One timeline entry: its type and actor, the summary (a note in full), the details, and the raw
// log lines of the nodes involved around that moment on demand.
import { useMemo } from 'react';
import type { Status } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE } from '@/components/ui/status';
import { UserIcon } from '@/components/findings/icons';
import { EventLogLines } from '@/components/logs/event-log-lines';
import { aroundNodes } from '@/components/logs/log-rows';
import { topologyEventOf, type TimelineItem } from './timeline-data';
import { TimelineEntryBody } from './timeline-entry-body';
import { entryAttrs, entryNode, entryStatus, stateTo, summaryOf } from './timeline-entry-meta';
import { TimelineRow } from './timeline-row';

function Actor({ actor }: { actor: string }) {
  if (actor === 'system') return null;
  return (
    <span className="inline-flex items-center gap-1 rounded bg-accent/10 px-1.5 py-px text-[11px] font-semibold text-accent">
      <UserIcon className="h-3 w-3" />
      {actor}
    </span>
  );
}

export function TimelineEntryRow({
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
  // A topology change reads from its own fields in the page's words ("Node unreachable
  // 127.0.0.1:7002 Connection refused"); the stored line said "(– → refused)". Sentinel events
  // keep their stored line: it carries Sentinel's own report.
  const event = entry.type === 'topology_event' ? topologyEventOf(entry.data) : null;
  const isStructured = event !== null && event.kind !== 'sentinel';
  const text = isStructured ? '' : summaryOf(entry, locale === 'zh-CN');
  return (
    <TimelineRow
      {...entryAttrs(entry)}
      at={entry.at}
      offsetMs={item.offsetMs}
      type={entry.type}
      status={status}
      stateTo={stateTo(entry)}
    >
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
        text && <span className="text-sm text-fg">{text}</span>
      )}
      {/* A topology event's summary already says what the body would (node, kind, from → to). */}
      {!isNote && !(entry.type === 'topology_event' && text) && <TimelineEntryBody entry={entry} />}
      <EventLogLines nodeIds={logNodes} at={entry.at} />
    </TimelineRow>
  );
}
