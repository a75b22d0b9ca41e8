'use client';
// Past drills, newest first: when, which, how it went, how fast.
import type { DrillRun, DrillScenarioSummary } from '@/lib/contracts/drills';
import { useT } from '@/components/i18n/i18n-provider';
import { HistoryTable, OpenTimeCell, type HistoryColumn } from '@/components/ui/history-table';
import { StatusBadge } from '@/components/ui/status';
import { pick } from './bilingual';

const COLUMNS: readonly HistoryColumn[] = [
  'drills.col.when',
  'drills.col.scenario',
  'drills.col.result',
  ['drills.detect', 'right'],
  ['drills.recover', 'right'],
  'drills.col.by',
];

function SecondsCell({ ms }: { ms: number | null | undefined }) {
  const { fmt } = useT();
  return (
    <td className="tnum px-4 py-2 text-right font-mono text-xs">
      {ms != null ? fmt.seconds(ms / 1000) : '—'}
    </td>
  );
}

function DrillRow({
  drill: d,
  title,
  onOpen,
}: {
  drill: DrillRun;
  title: string;
  onOpen(id: string): void;
}) {
  const { t, fmt } = useT();
  const card = d.scorecard;
  return (
    <tr className="border-t border-border hover:bg-surface-2" data-testid="drill-history-row">
      <OpenTimeCell at={fmt.dateTime(d.startedAt)} onOpen={() => onOpen(d.id)} />
      <td className="px-4 py-2">
        {title}
        {d.guided && (
          <span className="ml-1.5 text-[11px] text-fg-muted">({t('drills.mode.guided')})</span>
        )}
      </td>
      <td className="px-4 py-2">
        {card ? (
          <StatusBadge
            size="sm"
            status={card.passed ? 'ok' : 'critical'}
            label={card.passed ? t('drills.passed') : t('drills.failed')}
          />
        ) : (
          <StatusBadge
            size="sm"
            status={d.state === 'error' ? 'critical' : 'unknown'}
            label={t(`drills.state.${d.state}`)}
          />
        )}
      </td>
      <SecondsCell ms={card?.timings.detectMs} />
      <SecondsCell ms={card?.timings.recoverMs} />
      <td className="px-4 py-2 text-xs text-fg-muted">{d.actor}</td>
    </tr>
  );
}

export function DrillHistory({
  drills,
  scenarios,
  onOpen,
}: {
  drills: DrillRun[];
  scenarios: DrillScenarioSummary[];
  onOpen(id: string): void;
}) {
  const { t, locale } = useT();
  const title = (id: string) => {
    const s = scenarios.find((x) => x.id === id);
    return s ? pick(s.title, locale) : id;
  };
  return (
    <HistoryTable
      id="drill-history"
      title={t('drills.history')}
      emptyText={t('drills.history.empty')}
      columns={COLUMNS}
      rows={drills}
      renderRow={(d) => <DrillRow drill={d} title={title(d.scenario)} onOpen={onOpen} />}
    />
  );
}
