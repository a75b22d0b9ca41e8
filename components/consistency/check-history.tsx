'use client';
// Past checks, newest first: when, what, on which nodes, how it went.
import type { CheckSummary } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { HistoryTable, OpenTimeCell, type HistoryColumn } from '@/components/ui/history-table';
import { StatusBadge } from '@/components/ui/status';
import { STATE_LABEL, verdictStatus } from './check-text';

const COLUMNS: readonly HistoryColumn[] = [
  'checks.col.when',
  'checks.col.kind',
  'checks.col.nodes',
  'checks.col.state',
  'checks.col.result',
  ['checks.col.duration', 'right'],
];

function CheckRow({ check: c, onOpen }: { check: CheckSummary; onOpen(id: string): void }) {
  const { t, fmt } = useT();
  const result = (): string => {
    if (c.state === 'running')
      return t('checks.progress', {
        done: fmt.number(c.progress.done),
        total: fmt.number(c.progress.total),
        unit: '',
      });
    if (c.kind === 'canary')
      return t('checks.history.canary', {
        failed: c.counts.failed ?? 0,
        replicas: c.counts.replicas ?? 0,
      });
    const total = Object.values(c.counts).reduce((a, b) => a + b, 0);
    return total === 0
      ? t('checks.history.clean')
      : t('checks.history.diffs', { n: fmt.number(total) });
  };
  return (
    <tr
      className="border-t border-border hover:bg-surface-2"
      data-testid="check-row"
      data-id={c.id}
      data-state={c.state}
    >
      <OpenTimeCell at={fmt.dateTime(c.startedAt)} onOpen={() => onOpen(c.id)} />
      <td className="px-4 py-2">
        {t(c.kind === 'compare' ? 'checks.kind.compare' : 'checks.kind.canary')}
      </td>
      <td className="px-4 py-2 font-mono text-xs">{c.nodes.join(' ← ')}</td>
      <td className="px-4 py-2">
        <StatusBadge
          size="sm"
          status={c.state === 'done' ? 'ok' : c.state === 'failed' ? 'critical' : 'unknown'}
          label={t(STATE_LABEL[c.state])}
        />
      </td>
      <td className="px-4 py-2">
        <StatusBadge size="sm" status={verdictStatus(c.state, c.counts, c.kind)} label={result()} />
      </td>
      <td className="tnum px-4 py-2 text-right font-mono text-xs">
        {c.finishedAt ? fmt.seconds((c.finishedAt - c.startedAt) / 1000) : '—'}
      </td>
    </tr>
  );
}

export function CheckHistory({
  checks,
  onOpen,
}: {
  checks: CheckSummary[];
  onOpen(id: string): void;
}) {
  const { t } = useT();
  return (
    <HistoryTable
      id="check-history"
      title={t('checks.history')}
      emptyText={t('checks.history.empty')}
      columns={COLUMNS}
      rows={checks}
      renderRow={(c) => <CheckRow check={c} onOpen={onOpen} />}
    />
  );
}
