'use client';
// The incident list: filters in the URL, rows newest first, live-refreshed on pushes.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { Incident } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useIncidents } from '@/components/hooks/use-incidents';
import { useNow } from '@/components/hooks/use-now';
import { useTopology } from '@/components/hooks/use-topology';
import { SeverityBadge } from '@/components/findings/severity-badge';
import { TimeAgo } from '@/components/findings/time-ago';
import { incidentHref } from '@/components/findings/finding-item';
import { DataTable, type Column } from '@/components/ui/data-table';
import { ChevronRightIcon } from '@/components/ui/icons';
import { LoadErrorAlert } from '@/components/ui/load-error-alert';
import { PageHeader } from '@/components/ui/page-header';
import { IncidentFilterBar } from './incident-filter-bar';
import { LIST_LIMIT, filtersToSearch, type IncidentFilters } from './incident-filters';
import { IncidentStateBadge } from './incident-state-badge';
import { RootNodeLink } from './root-node-link';
import { incidentTitle } from './incident-text';
import { incidentDurationMs } from './incident-window';

function DurationCell({ incident }: { incident: Incident }) {
  const { t, fmt } = useT();
  const now = useNow();
  const seconds = incidentDurationMs(incident, now || incident.openedAt) / 1000;
  if (incident.resolvedAt === undefined)
    return (
      <span className="tnum font-medium text-fg">
        {t('incidents.ongoing', { duration: fmt.duration(seconds) })}
      </span>
    );
  return (
    <span className="tnum text-fg-muted" title={fmt.dateTime(incident.resolvedAt)}>
      {t('incidents.resolvedAfter', {
        duration: fmt.duration(seconds),
        time: fmt.time(incident.resolvedAt),
      })}
    </span>
  );
}

function IncidentRow({ incident }: { incident: Incident }) {
  const { t, fmt, locale } = useT();
  const href = incidentHref(incident.id);
  return (
    <tr
      data-testid="incident-row"
      data-incident-id={incident.id}
      data-state={incident.state}
      data-severity={incident.severity}
      className="border-t border-border hover:bg-surface-2"
    >
      <td className="px-3 py-2">
        <IncidentStateBadge state={incident.state} size="sm" />
      </td>
      <td className="px-3 py-2">
        <SeverityBadge severity={incident.severity} size="sm" />
      </td>
      <td className="max-w-0 px-3 py-2">
        <Link
          href={href}
          className="focus-ring block truncate rounded font-medium text-fg hover:underline"
        >
          {incidentTitle(incident, locale)}
        </Link>
        <span className="text-xs text-fg-muted">
          {t('incidents.findings', { n: incident.findingIds.length })}
          {incident.nodeIds.length > 0 && ` · ${incident.nodeIds.join(', ')}`}
        </span>
      </td>
      <td className="px-3 py-2">
        <RootNodeLink nodeId={incident.rootNodeId} className="text-sm" />
      </td>
      <td className="whitespace-nowrap px-3 py-2">
        <span className="tnum block font-mono text-sm" title={fmt.dateTime(incident.openedAt)}>
          {fmt.dateTime(incident.openedAt)}
        </span>
        <TimeAgo at={incident.openedAt} className="text-xs text-fg-muted" />
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-sm">
        <DurationCell incident={incident} />
      </td>
      <td className="px-2 py-2">
        <Link
          href={href}
          className="btn-ghost h-7 w-7 justify-center p-0"
          aria-label={incidentTitle(incident, locale)}
        >
          <ChevronRightIcon className="h-4 w-4" />
        </Link>
      </td>
    </tr>
  );
}

export function IncidentsPage({ initialFilters }: { initialFilters: IncidentFilters }) {
  const { t, fmt } = useT();
  const [filters, setFilters] = useState(initialFilters);
  const { incidents, error } = useIncidents(filters);
  const topo = useTopology();
  const nodeOptions = useMemo(() => {
    const ids = new Set(Object.keys(topo.nodes));
    for (const i of incidents ?? []) for (const n of i.nodeIds) ids.add(n);
    if (filters.node) ids.add(filters.node);
    return [...ids].sort();
  }, [topo.nodes, incidents, filters.node]);

  const change = (next: IncidentFilters) => {
    setFilters(next);
    // Shareable URL without a server round trip.
    window.history.replaceState(null, '', `/incidents${filtersToSearch(next)}`);
  };

  const columns: Column[] = [
    { header: t('incidents.col.state'), width: 'w-36' },
    { header: t('incidents.col.severity'), width: 'w-28' },
    { header: t('incidents.col.title') },
    { header: t('incidents.col.root'), width: 'w-44' },
    { header: t('incidents.col.opened'), width: 'w-48' },
    { header: t('incidents.col.duration'), width: 'w-56' },
    // The chevron link column; its header repeats the title for screen readers.
    { header: t('incidents.col.title'), width: 'w-12', isHeaderHidden: true },
  ];

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('incidents.title')} subtitle={t('incidents.subtitle')} align="baseline">
        {incidents && (
          <span className="tnum text-sm text-fg-muted" data-testid="incident-count">
            {t('incidents.count', { n: fmt.number(incidents.length) })}
          </span>
        )}
      </PageHeader>
      <IncidentFilterBar value={filters} nodeOptions={nodeOptions} onChange={change} />
      {error && <LoadErrorAlert message={t('incidents.loadError', { message: error })} />}
      <DataTable
        testId="incident-table"
        minWidth="min-w-[960px]"
        columns={columns}
        rows={incidents}
        rowKey={(i) => i.id}
        renderRow={(i) => <IncidentRow incident={i} />}
        emptyText={
          incidents === null ? (error ? '—' : t('incidents.loading')) : t('incidents.empty')
        }
        // Only "nothing matches" is the empty state; loading and failure are not.
        emptyTestId={incidents === null ? undefined : 'incidents-empty'}
        footnote={
          incidents && incidents.length >= LIST_LIMIT && t('incidents.limited', { n: LIST_LIMIT })
        }
      />
    </div>
  );
}
