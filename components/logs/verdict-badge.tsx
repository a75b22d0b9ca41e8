'use client';
// A log line's verdict as icon + word in its colour: ✅ normal (green), ⚠️ notable (amber),
// ❌ abnormal (red). The word is always there, so colour never speaks alone.
import type { Status } from '@/lib/contracts';
import type { LogVerdict } from '@/lib/logs/log-types';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';

export const VERDICT_STATUS: Record<LogVerdict, Status> = {
  normal: 'ok',
  notable: 'warning',
  abnormal: 'critical',
};

/** Left edge of a row: only lines worth a look get a coloured bar. */
export const VERDICT_EDGE: Record<LogVerdict, string> = {
  normal: 'border-l-transparent',
  notable: 'border-l-warn',
  abnormal: 'border-l-crit',
};

export function VerdictBadge({ verdict }: { verdict: LogVerdict }) {
  const { t } = useT();
  const status = VERDICT_STATUS[verdict];
  return (
    // Baseline-aligned on the word (the icon is centred) so it lines up with the other cells.
    <span
      className={`inline-flex items-baseline gap-1 whitespace-nowrap text-xs font-semibold ${STATUS_TONE[status].text}`}
    >
      <StatusIcon status={status} className="h-3.5 w-3.5 shrink-0 self-center" />
      <span>{t(`logs.verdict.${verdict}`)}</span>
    </span>
  );
}
