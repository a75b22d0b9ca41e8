'use client';
// Past drills, newest first: when, which, how it went, how fast.
import type { DrillRun, DrillScenarioSummary } from '@/lib/contracts/drills';
import { useT } from '@/components/i18n/i18n-provider';
import { StatusBadge } from '@/components/ui/status';
import { pick } from './bilingual';

export function DrillHistory({
  drills,
  scenarios,
  onOpen,
}: {
  drills: DrillRun[];
  scenarios: DrillScenarioSummary[];
  onOpen(id: string): void;
}) {
  const { t, locale, fmt } = useT();
  const title = (id: string) => {
    const s = scenarios.find((x) => x.id === id);
    return s ? pick(s.title, locale) : id;
  };
  return (
    <section className="panel overflow-x-auto" aria-labelledby="drill-history-title">
      <h2 id="drill-history-title" className="panel-title px-4 pt-4">
        {t('drills.history')}
      </h2>
      {drills.length === 0 ? (
        <p className="px-4 py-3 text-sm text-fg-muted">{t('drills.history.empty')}</p>
      ) : (
        <table className="mt-2 w-full min-w-[720px] text-left text-sm" data-testid="drill-history">
          <thead className="text-xs text-fg-muted">
            <tr>
              <th className="px-4 py-2 font-medium">{t('drills.col.when')}</th>
              <th className="px-4 py-2 font-medium">{t('drills.col.scenario')}</th>
              <th className="px-4 py-2 font-medium">{t('drills.col.result')}</th>
              <th className="px-4 py-2 text-right font-medium">{t('drills.detect')}</th>
              <th className="px-4 py-2 text-right font-medium">{t('drills.recover')}</th>
              <th className="px-4 py-2 font-medium">{t('drills.col.by')}</th>
            </tr>
          </thead>
          <tbody>
            {drills.map((d) => {
              const card = d.scorecard;
              return (
                <tr
                  key={d.id}
                  className="border-t border-border hover:bg-surface-2"
                  data-testid="drill-history-row"
                >
                  <td className="px-4 py-2">
                    <button
                      type="button"
                      className="focus-ring tnum rounded font-mono text-xs text-accent hover:underline"
                      onClick={() => onOpen(d.id)}
                    >
                      {fmt.dateTime(d.startedAt)}
                    </button>
                  </td>
                  <td className="px-4 py-2">
                    {title(d.scenario)}
                    {d.guided && (
                      <span className="ml-1.5 text-[11px] text-fg-muted">
                        ({t('drills.mode.guided')})
                      </span>
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
                  <td className="tnum px-4 py-2 text-right font-mono text-xs">
                    {card?.timings.detectMs != null
                      ? fmt.seconds(card.timings.detectMs / 1000)
                      : '—'}
                  </td>
                  <td className="tnum px-4 py-2 text-right font-mono text-xs">
                    {card?.timings.recoverMs != null
                      ? fmt.seconds(card.timings.recoverMs / 1000)
                      : '—'}
                  </td>
                  <td className="px-4 py-2 text-xs text-fg-muted">{d.actor}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
