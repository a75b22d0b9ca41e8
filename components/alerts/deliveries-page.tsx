'use client';
// The webhook delivery log: what was sent, where, how many attempts, and why it failed.
import Link from 'next/link';
import { useMemo } from 'react';
import type { Finding, WebhookDelivery } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useDeliveries } from '@/components/hooks/use-deliveries';
import { useFindings } from '@/components/hooks/use-findings';
import { incidentHref } from '@/components/findings/finding-item';
import { TimeAgo } from '@/components/findings/time-ago';
import { RefreshIcon } from '@/components/findings/icons';
import { DataTable, type Column } from '@/components/ui/data-table';
import { LoadErrorAlert } from '@/components/ui/load-error-alert';
import { PageHeader } from '@/components/ui/page-header';
import { DeliveryStatusBadge } from './delivery-status-badge';
import { WebhooksPanel } from './webhooks-panel';
import { DriverError } from '@/components/i18n/driver-error';

const LIMIT = 200;
const REFRESH_MS = 10_000;

/** The finding's title when it is still open (the live store knows it), else its id. */
function FindingCell({ id, finding }: { id: string; finding: Finding | undefined }) {
  const { locale } = useT();
  if (!finding)
    return (
      <span className="block truncate font-mono text-xs text-fg-muted" title={id}>
        {id}
      </span>
    );
  const title = locale === 'zh-CN' ? finding.title.zh : finding.title.en;
  return finding.incidentId ? (
    <Link
      href={incidentHref(finding.incidentId)}
      className="focus-ring block truncate rounded text-xs text-fg hover:underline"
      title={`${title} (${id})`}
    >
      {title}
    </Link>
  ) : (
    <span className="block truncate text-xs text-fg" title={`${title} (${id})`}>
      {title}
    </span>
  );
}

function Row({ d, finding }: { d: WebhookDelivery; finding: Finding | undefined }) {
  const { t, fmt } = useT();
  return (
    <tr
      data-testid="delivery-row"
      data-status={d.status}
      data-event={d.event}
      data-finding-id={d.findingId}
      className="border-t border-border align-top hover:bg-surface-2"
    >
      <td className="px-3 py-2">
        <DeliveryStatusBadge status={d.status} />
      </td>
      <td className="max-w-0 px-3 py-2">
        <span className="block truncate font-mono text-xs text-fg" title={d.webhook}>
          {d.webhook}
        </span>
      </td>
      <td className="px-3 py-2 text-sm">{t(`deliveryEvent.${d.event}`)}</td>
      <td className="max-w-0 px-3 py-2">
        <FindingCell id={d.findingId} finding={finding} />
      </td>
      <td className="tnum px-3 py-2 text-right font-mono text-sm">{fmt.number(d.attempts)}</td>
      <td className="max-w-0 px-3 py-2 text-xs">
        {d.responseStatus !== undefined && !d.lastError?.startsWith(`HTTP ${d.responseStatus}`) && (
          <span
            className={`mr-1.5 font-mono font-semibold ${d.responseStatus >= 200 && d.responseStatus < 300 ? 'text-ok' : 'text-crit'}`}
          >
            {t('alerts.http', { status: d.responseStatus })}
          </span>
        )}
        {d.lastError ? (
          <DriverError message={d.lastError} className="text-crit" />
        ) : d.responseStatus === undefined ? (
          <span className="text-fg-subtle">—</span>
        ) : null}
      </td>
      <td className="whitespace-nowrap px-3 py-2">
        <span className="tnum block font-mono text-xs" title={fmt.dateTime(d.createdAt)}>
          {fmt.dateTime(d.createdAt)}
        </span>
        <TimeAgo at={d.createdAt} className="text-[11px] text-fg-muted" />
      </td>
      <td className="whitespace-nowrap px-3 py-2">
        {d.deliveredAt !== undefined ? (
          <span className="tnum font-mono text-xs" title={fmt.dateTime(d.deliveredAt)}>
            {fmt.dateTime(d.deliveredAt)}
          </span>
        ) : (
          <span className="text-fg-subtle">—</span>
        )}
      </td>
    </tr>
  );
}

export function DeliveriesPage() {
  const { t, fmt } = useT();
  const { deliveries, error, isLoading, refresh } = useDeliveries(LIMIT, REFRESH_MS);
  const { open } = useFindings();
  const counts = useMemo(() => {
    const c = { delivered: 0, pending: 0, failed: 0 };
    for (const d of deliveries ?? []) c[d.status] += 1;
    return c;
  }, [deliveries]);
  const columns: Column[] = [
    { header: t('alerts.col.status'), width: 'w-32' },
    { header: t('alerts.col.webhook'), width: 'w-44' },
    { header: t('alerts.col.event'), width: 'w-36' },
    { header: t('alerts.col.finding') },
    { header: t('alerts.col.attempts'), width: 'w-28', align: 'right' },
    { header: t('alerts.col.error'), width: 'w-80' },
    { header: t('alerts.col.created'), width: 'w-44' },
    { header: t('alerts.col.delivered'), width: 'w-44' },
  ];
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('alerts.title')} subtitle={t('alerts.subtitle')}>
        <div className="flex items-center gap-3">
          {deliveries && (
            <span className="tnum text-sm text-fg-muted" data-testid="delivery-summary">
              {t('alerts.summary', {
                delivered: fmt.number(counts.delivered),
                pending: fmt.number(counts.pending),
                failed: fmt.number(counts.failed),
              })}
            </span>
          )}
          <button type="button" className="btn-ghost h-8" onClick={refresh}>
            <RefreshIcon className="h-3.5 w-3.5" />
            {t('alerts.refresh')}
          </button>
        </div>
      </PageHeader>
      <WebhooksPanel refreshKey={deliveries?.[0]?.id ?? 0} />
      {error && <LoadErrorAlert message={t('alerts.loadError', { message: error })} />}
      <DataTable
        testId="delivery-table"
        minWidth="min-w-[1100px]"
        columns={columns}
        rows={deliveries}
        rowKey={(d) => d.id}
        renderRow={(d) => <Row d={d} finding={open[d.findingId]} />}
        emptyText={isLoading ? t('alerts.loading') : deliveries ? t('alerts.empty') : '—'}
        emptyTestId="deliveries-empty"
      />
    </div>
  );
}
