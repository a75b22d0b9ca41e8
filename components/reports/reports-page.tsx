'use client';
// The Reports page: pick day / week / month and a date, read the checks, export Markdown or
// open the printable HTML (both in the language the page is shown in).
import { useEffect, useState } from 'react';
import type { HealthReport, ReportPeriod } from '@/lib/reports/report-types';
import { useT } from '@/components/i18n/i18n-provider';
import { errorMessage, getJson } from '@/components/hooks/api-client';
import { reportTime } from '@/lib/reports/report-render';
import { ReportChecks, StatusBadge } from './report-checks';
import { SendNow } from './send-now';

const PERIODS: ReportPeriod[] = ['day', 'week', 'month'];

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Local midnight of a yyyy-mm-dd date, as epoch ms (the server takes `at` as a time in the period). */
const atOf = (date: string): string => String(new Date(`${date}T12:00:00`).getTime());

export function ReportsPage() {
  const { t, fmt: base, locale } = useT();
  const fmt = { ...base, dateTime: reportTime(locale) };
  const [period, setPeriod] = useState<ReportPeriod>('day');
  const [date, setDate] = useState(today);
  const [state, setState] = useState<{ key: string; report: HealthReport | null; error: string | null }>({ key: '', report: null, error: null });
  const query = new URLSearchParams({ period, at: atOf(date) }).toString();

  useEffect(() => {
    const ac = new AbortController();
    getJson<HealthReport>(`/api/reports?${query}`, ac.signal)
      .then((report) => setState({ key: query, report, error: null }))
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setState({ key: query, report: null, error: errorMessage(err) });
      });
    return () => ac.abort();
  }, [query]);

  const exportMarkdown = async () => {
    const res = await fetch(`/api/reports?${query}&format=md&lang=${locale}`);
    const blob = new Blob([await res.text()], { type: 'text/markdown' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `replicaops-${period}-report-${date}.md`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const report = state.key === query ? state.report : null;
  const error = state.key === query ? state.error : null;
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4" data-testid="reports-page">
      <header className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold">{t('reports.title')}</h1>
        <p className="text-sm text-fg-muted">{t('reports.subtitle')}</p>
      </header>
      <div className="flex flex-wrap items-end gap-3">
        <div role="group" aria-label={t('reports.period')} className="flex h-8 items-center rounded-md border border-border bg-surface-2 p-0.5 text-xs">
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={p === period} data-period={p} onClick={() => setPeriod(p)} className={`focus-ring h-full rounded px-3 font-medium ${p === period ? 'bg-surface text-fg shadow-sm' : 'text-fg-muted hover:text-fg'}`}>
              {t(`reports.period.${p}`)}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-2 text-sm">
          {t('reports.at')}
          <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} className="focus-ring h-8 rounded-md border border-border bg-surface px-2" />
        </label>
        <button type="button" onClick={() => void exportMarkdown()} data-testid="export-md" className="focus-ring h-8 rounded-md border border-border px-3 text-sm">
          {t('reports.export.md')}
        </button>
        <a href={`/api/reports?${query}&format=html&lang=${locale}`} target="_blank" rel="noopener" data-testid="export-html" className="focus-ring flex h-8 items-center rounded-md border border-border px-3 text-sm">
          {t('reports.export.html')}
        </a>
        <SendNow period={period} at={Number(atOf(date))} />
      </div>
      {error && <p className="rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit">{t('reports.error', { message: error })}</p>}
      {!report && !error && <p className="text-sm text-fg-muted">{t('reports.loading')}</p>}
      {report && (
        <>
          <section className="panel flex flex-col gap-1 px-4 py-3" data-testid="report-summary">
            <p className="text-sm">
              {t('reports.overall')}: <StatusBadge status={report.status} />
            </p>
            <p className="text-xs text-fg-muted">{t('reports.range', { from: fmt.dateTime(report.from), to: fmt.dateTime(report.to) })}</p>
            <p className="text-xs text-fg-muted">{t('reports.generated', { at: fmt.dateTime(report.generatedAt), topology: report.topology, minutes: report.resolutionMs / 60_000 })}</p>
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
                    <a href={`/incidents/${encodeURIComponent(i.id)}`} className="text-accent underline">{i.id}</a> · {i.title} · {fmt.dateTime(i.openedAt)}
                    {i.detectMs !== undefined && ` · ${t('reports.incident.detect', { value: fmt.duration(i.detectMs / 1000) })}`}
                    {' · '}
                    {i.recoverMs !== undefined ? t('reports.incident.recover', { value: fmt.duration(i.recoverMs / 1000) }) : t('reports.incident.open')}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <h2 className="panel-title">{t('reports.nodes')}</h2>
          {report.nodes.map((n) => (
            <section key={n.id} className="panel px-4 py-3" data-node={n.id}>
              <h3 className="mb-1 font-medium">
                <StatusBadge status={n.status} /> {t('reports.node.heading', { id: n.id, role: n.role })}
              </h3>
              {n.upstream && <p className="mb-2 text-xs text-fg-muted">{t('reports.node.upstream', { id: n.upstream })}</p>}
              <ReportChecks checks={n.checks} />
            </section>
          ))}
        </>
      )}
    </main>
  );
}
