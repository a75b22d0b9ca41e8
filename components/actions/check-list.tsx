'use client';
// Preflight or verification checks: pass/fail icon and word, the detail (the check's id stays in
// data-check: `config_value` under the sentence told an operator nothing).
import type { PreflightCheck } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { CriticalIcon, OkIcon } from '@/components/ui/icons';
import { checkDetail } from './action-text';

export function CheckList({
  checks,
  testId,
}: {
  checks: readonly PreflightCheck[];
  testId: 'preflight-check' | 'verify-check';
}) {
  const { t, locale } = useT();
  return (
    <ul className="flex flex-col gap-1">
      {checks.map((c, i) => (
        <li
          key={`${c.check}-${i}`}
          data-testid={testId}
          data-check={c.check}
          data-ok={c.ok ? 'true' : 'false'}
          className={`flex items-start gap-2 rounded-md px-2 py-1.5 text-sm ${c.ok ? '' : 'bg-crit-bg'}`}
        >
          {c.ok ? (
            <OkIcon className="mt-0.5 h-4 w-4 shrink-0 text-ok" />
          ) : (
            <CriticalIcon className="mt-0.5 h-4 w-4 shrink-0 text-crit" />
          )}
          <span className="sr-only">
            {t(c.ok ? 'actions.check.passed' : 'actions.check.failed')}
          </span>
          <span className={`min-w-0 break-words leading-5 ${c.ok ? 'text-fg' : 'font-medium text-crit'}`}>
            {checkDetail(c, locale)}
          </span>
        </li>
      ))}
    </ul>
  );
}
