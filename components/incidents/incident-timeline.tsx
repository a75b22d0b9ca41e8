'use client';
// The incident's story, oldest first: a vertical line of typed entries with time, offset from
// the start, actor and summary; log bursts grouped in one monospace block; under each entry, the
// raw log lines of the nodes involved around that moment on demand.
import { useMemo } from 'react';
import type { Status, TimelineEntry } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { buildTimeline, type TimelineItem } from './timeline-data';
import { TimelineEntryRow } from './timeline-entry-row';
import { AlertGroup, LogGroup } from './timeline-bursts';

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
        <TimelineEntryRow item={item} severity={severity} nodeIds={nodeIds} />
      ) : item.kind === 'alerts' ? (
        <AlertGroup item={item} />
      ) : (
        <LogGroup item={item} />
      )}
    </>
  );
}
