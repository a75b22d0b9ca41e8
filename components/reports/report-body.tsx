'use client';
// The report itself: summary, topology checks, incidents, then one section per node.
import type { HealthReport } from '@/lib/reports/report-types';
import { reportTime } from '@/lib/reports/report-render';
import { incidentWords, reportRole } from '@/lib/reports/report-words';
import { DICTIONARIES } from '@/lib/i18n';
import { useT } from '@/components/i18n/i18n-provider';
import { ReportChecks, StatusBadge } from './report-checks';

export function ReportBody({ report }: { report: HealthReport }) {
  const { t, fmt: base, locale } = useT();
  const fmt = { ...base, dateTime: reportTime(locale) };
  return (
    <>
      <section className="panel flex flex-col gap-1 px-4 py-3" data-testid="report-summary">
        <p className="text-sm">
          {t('reports.overall')}: <StatusBadge status={report.status} />
        </p>
        <p className="text-xs text-fg-muted">
          {t('reports.range', { from: fmt.dateTime(report.from), to: fmt.dateTime(report.to) })}
        </p>
        <p className="text-xs text-fg-muted">
          {t('reports.generated', {
            at: fmt.dateTime(report.generatedAt),
            topology: report.topology,
            minutes: report.resolutionMs / 60_000,
          })}
        </p>
      </section>
      <section className="panel px-4 py-3">
        <h2 className="panel-title mb-2">{t('reports.topologyChecks')}</h2>
        <ReportChecks checks={report.checks} />
      </section>
      <section className="panel px-4 py-3">
        <h2 className="panel-title mb-2">{t('reports.incidents')}</h2>
        {report.incidents.length === 0 ? (
          <p className="text-sm text-fg-muted">{t('reports.noIncidents')}</p>
        ) : (
          <ul className="flex flex-col gap-1 text-sm">
            {report.incidents.map((i) => (
              <li key={i.id}>
                <a
                  href={`/incidents/${encodeURIComponent(i.id)}`}
                  className="text-accent underline"
                >
                  {i.id}
                </a>{' '}
                · {incidentWords(i, DICTIONARIES[locale], locale).title} ·{' '}
                {fmt.dateTime(i.openedAt)}
                {i.detectMs !== undefined &&
                  ` · ${t('reports.incident.detect', { value: fmt.duration(i.detectMs / 1000) })}`}
                {' · '}
                {i.recoverMs !== undefined
                  ? t('reports.incident.recover', { value: fmt.duration(i.recoverMs / 1000) })
                  : t('reports.incident.open')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2 className="panel-title">{t('reports.nodes')}</h2>
      {report.nodes.map((n) => (
        <section key={n.id} className="panel px-4 py-3" data-node={n.id}>
          <h3 className="mb-1 font-medium">
            <StatusBadge status={n.status} />{' '}
            {t('reports.node.heading', {
              id: n.id,
              role: reportRole(n.role, DICTIONARIES[locale]),
            })}
          </h3>
          {n.upstream && (
            <p className="mb-2 text-xs text-fg-muted">
              {t('reports.node.upstream', { id: n.upstream })}
            </p>
          )}
          <ReportChecks checks={n.checks} />
        </section>
      ))}
    </>
  );
}
