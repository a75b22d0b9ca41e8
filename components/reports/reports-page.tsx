'use client';
// The Reports page: pick day / week / month and a date, read the checks, export Markdown or
// open the printable HTML (both in the language the page is shown in).
import { useEffect, useState } from 'react';
import { HealthReportSchema, type HealthReport, type ReportPeriod } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { errorMessage, fetchParsed } from '@/components/hooks/api-client';
import { ReportBody } from './report-body';
import { SendNow } from './send-now';
import { IsoDateInput } from '@/components/ui/iso-date-input';
import { Segmented } from '@/components/ui/segmented';

const PERIODS: ReportPeriod[] = ['day', 'week', 'month'];

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Local midnight of a yyyy-mm-dd date, as epoch ms (the server takes `at` as a time in the period). */
const atOf = (date: string): string => String(new Date(`${date}T12:00:00`).getTime());

/** The report of one period, fetched again whenever the period or date changes. */
function useReport(query: string) {
  const [state, setState] = useState<{
    key: string;
    report: HealthReport | null;
    error: string | null;
  }>({ key: '', report: null, error: null });

  useEffect(() => {
    const ac = new AbortController();
    fetchParsed(`/api/reports?${query}`, HealthReportSchema, ac.signal)
      .then((report) => setState({ key: query, report, error: null }))
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setState({ key: query, report: null, error: errorMessage(err) });
      });
    return () => ac.abort();
  }, [query]);

  return state.key === query ? state : { report: null, error: null };
}

/** Markdown export: fetched and saved as a file, in the page's language. */
async function downloadMarkdown(query: string, locale: string, fileName: string) {
  const res = await fetch(`/api/reports?${query}&format=md&lang=${locale}`);
  const blob = new Blob([await res.text()], { type: 'text/markdown' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function ReportsPage() {
  const { t, locale } = useT();
  const [period, setPeriod] = useState<ReportPeriod>('day');
  const [date, setDate] = useState(today);
  const query = new URLSearchParams({ period, at: atOf(date) }).toString();
  const { report, error } = useReport(query);
  return (
    <main className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4" data-testid="reports-page">
      <header className="flex flex-col gap-1">
        <h1 className="text-xl font-semibold">{t('reports.title')}</h1>
        <p className="text-sm text-fg-muted">{t('reports.subtitle')}</p>
      </header>
      <div className="flex flex-wrap items-end gap-3">
        <Segmented
          label={t('reports.period')}
          testId="report-period"
          attr="period"
          value={period}
          options={PERIODS.map((p) => ({ value: p, label: t(`reports.period.${p}`) }))}
          onChange={setPeriod}
        />
        <label className="flex items-center gap-2 text-sm">
          {t('reports.at')}
          <IsoDateInput
            value={date}
            onChange={setDate}
            className="focus-ring h-8 rounded-md border border-border bg-surface px-2"
          />
        </label>
        <button
          type="button"
          onClick={() =>
            void downloadMarkdown(query, locale, `replicaops-${period}-report-${date}.md`)
          }
          data-testid="export-md"
          className="focus-ring h-8 rounded-md border border-border px-3 text-sm"
        >
          {t('reports.export.md')}
        </button>
        <a
          href={`/api/reports?${query}&format=html&lang=${locale}`}
          target="_blank"
          rel="noopener"
          data-testid="export-html"
          className="focus-ring flex h-8 items-center rounded-md border border-border px-3 text-sm"
        >
          {t('reports.export.html')}
        </a>
        <SendNow period={period} at={Number(atOf(date))} />
      </div>
      {error && (
        <p className="rounded-md border border-crit bg-crit-bg px-3 py-2 text-sm text-crit">
          {t('reports.error', { message: error })}
        </p>
      )}
      {!report && !error && <p className="text-sm text-fg-muted">{t('reports.loading')}</p>}
      {report && <ReportBody report={report} />}
    </main>
  );
}
