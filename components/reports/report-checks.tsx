// One table of report checks: ✅ / ⚠️ / ❌ with a word, the check's name and its reason.
import type { ReportCheck } from '@/lib/reports/report-types';
import { checkTitleKey } from '@/lib/reports/report-render';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { checkReason } from '@/lib/reports/report-words';
import { DICTIONARIES } from '@/lib/i18n';
import { useT } from '@/components/i18n/i18n-provider';

const STATUS = { ok: 'ok', warn: 'warning', fail: 'critical' } as const;

/** The check's status as the rest of the UI shows one: icon and word in its colour (emoji
 * stay in the Markdown/HTML export; a browser without an emoji font draws them as boxes). */
export function StatusBadge({ status }: { status: ReportCheck['status'] }) {
  const { t } = useT();
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap font-medium ${STATUS_TONE[STATUS[status]].text}`}
      data-status={status}
    >
      <StatusIcon status={STATUS[status]} className="h-3.5 w-3.5 shrink-0" />
      {t(`reports.status.${status}`)}
    </span>
  );
}

export function ReportChecks({ checks }: { checks: readonly ReportCheck[] }) {
  const { t, locale } = useT();
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-fg-muted">
        <tr>
          <th className="w-28 py-1 pr-3 font-medium sm:w-auto">{t('reports.col.check')}</th>
          <th className="hidden py-1 pr-3 font-medium sm:table-cell">{t('reports.col.status')}</th>
          <th className="py-1 font-medium">{t('reports.col.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => {
          const title = checkTitleKey(c.id);
          return (
            <tr key={c.id} className="border-t border-border align-top" data-check={c.id}>
              {/* On a phone the status sits under the check's name: three columns left the
                  name one or two characters wide. */}
              <td className="py-1.5 pr-3">
                {title ? t(title) : c.id}
                <span className="block sm:hidden">
                  <StatusBadge status={c.status} />
                </span>
              </td>
              <td className="hidden py-1.5 pr-3 sm:table-cell">
                <StatusBadge status={c.status} />
              </td>
              <td className="py-1.5">
                {checkReason(c, DICTIONARIES[locale], locale)}
                {c.incidentIds?.map((id) => (
                  <a
                    key={id}
                    href={`/incidents/${encodeURIComponent(id)}`}
                    className="ml-2 text-accent underline"
                  >
                    {id}
                  </a>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
