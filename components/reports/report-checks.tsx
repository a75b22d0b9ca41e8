// One table of report checks: ✅ / ⚠️ / ❌ with a word, the check's name and its reason.
import type { ReportCheck } from '@/lib/reports/report-types';
import { checkTitleKey, STATUS_ICON } from '@/lib/reports/report-render';
import { checkReason } from '@/lib/reports/report-words';
import { DICTIONARIES } from '@/lib/i18n';
import { useT } from '@/components/i18n/i18n-provider';

const TONE = { ok: 'text-ok', warn: 'text-warn', fail: 'text-crit' } as const;

export function StatusBadge({ status }: { status: ReportCheck['status'] }) {
  const { t } = useT();
  return (
    <span className={`whitespace-nowrap font-medium ${TONE[status]}`} data-status={status}>
      {STATUS_ICON[status]} {t(`reports.status.${status}`)}
    </span>
  );
}

export function ReportChecks({ checks }: { checks: readonly ReportCheck[] }) {
  const { t, locale } = useT();
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-fg-muted">
        <tr>
          <th className="py-1 pr-3 font-medium">{t('reports.col.check')}</th>
          <th className="py-1 pr-3 font-medium">{t('reports.col.status')}</th>
          <th className="py-1 font-medium">{t('reports.col.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => {
          const title = checkTitleKey(c.id);
          return (
            <tr key={c.id} className="border-t border-border align-top" data-check={c.id}>
              <td className="py-1.5 pr-3">{title ? t(title) : c.id}</td>
              <td className="py-1.5 pr-3">
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
