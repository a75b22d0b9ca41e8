'use client';
// Recent topology events, newest first.
import Link from 'next/link';
import type { Status, TopologyEvent, TopologyEventKind } from '@/lib/contracts';
import { EventChange } from '@/components/topology/event-change';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { nodeHref } from '@/components/topology/node-card';

/** The status a topology event reports; the incident timeline colours its dots with it too. */
export const TOPOLOGY_EVENT_STATUS: Record<TopologyEventKind, Status> = {
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
  sentinel: 'warning',
};

export function EventList({
  events,
  limit = 50,
}: {
  events: readonly TopologyEvent[];
  limit?: number;
}) {
  const { t, fmt } = useT();
  if (events.length === 0) {
    return <p className="px-4 py-6 text-sm text-fg-muted">{t('events.empty')}</p>;
  }
  return (
    <ol className="divide-y divide-border" data-testid="event-list">
      {events.slice(0, limit).map((e) => {
        const status = TOPOLOGY_EVENT_STATUS[e.kind];
        return (
          <li
            key={e.id}
            data-testid="topology-event"
            data-kind={e.kind}
            data-node-id={e.nodeId}
            className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 px-4 py-2 text-sm"
          >
            <time
              dateTime={new Date(e.at).toISOString()}
              title={fmt.dateTime(e.at)}
              className="tnum font-mono text-xs leading-5 text-fg-muted"
            >
              {fmt.time(e.at)}
            </time>
            <span className={`flex items-center gap-1.5 font-semibold ${STATUS_TONE[status].text}`}>
              <StatusIcon status={status} className="h-4 w-4 shrink-0" />
              {t(`event.${e.kind}`)}
            </span>
            <span />
            <span className="flex min-w-0 flex-wrap items-baseline gap-x-2 text-xs">
              <Link
                href={nodeHref(e.nodeId)}
                className="focus-ring truncate rounded font-mono text-fg hover:underline"
              >
                {e.nodeId}
              </Link>
              <EventChange event={e} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
