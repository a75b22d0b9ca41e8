'use client';
// The metric snapshots recorded with an incident, as a table (when the live history is gone).
import type { TimelineEntry } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { TableHead } from '@/components/ui/data-table';
import { SnapshotValues } from './timeline-entry-body';
import { sortTimeline } from './timeline-data';

export function SnapshotTable({ timeline }: { timeline: readonly TimelineEntry[] }) {
  const { t, fmt, locale } = useT();
  const snaps = sortTimeline(timeline).filter((e) => e.type === 'metric_snapshot');
  if (snaps.length === 0)
    return <p className="text-sm text-fg-muted">{t('lagChart.noSnapshots')}</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="snapshot-table">
      <TableHead
        className=""
        rowClassName="panel-title border-b border-border"
        padding="py-1.5 pr-3"
        columns={[{ header: t('lagChart.time'), width: 'w-28' }, { header: t('lagChart.value') }]}
      />
      <tbody>
        {snaps.map((e) => (
          <tr key={e.id} className="border-b border-border align-top last:border-0">
            <td className="tnum py-1.5 pr-3 font-mono text-xs" title={fmt.dateTime(e.at)}>
              {fmt.time(e.at)}
            </td>
            <td className="flex flex-col gap-1 py-1.5">
              <span className="text-xs text-fg-muted">
                {locale === 'zh-CN' && e.summaryZh ? e.summaryZh : e.summary}
              </span>
              <SnapshotValues data={e.data} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
