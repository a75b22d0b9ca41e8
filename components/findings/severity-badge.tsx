'use client';
// Severity: colour + icon + word. Info is grey (seed §5.1 has no level for it), never green.
import type { Severity, Status } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { InfoIcon } from './icons';

export const SEVERITY_STATUS: Record<Severity, Status> = {
  info: 'unknown',
  warning: 'warning',
  critical: 'critical',
};

export function SeverityIcon({ severity, className }: { severity: Severity; className?: string }) {
  return severity === 'info' ? (
    <InfoIcon className={className} />
  ) : (
    <StatusIcon status={SEVERITY_STATUS[severity]} className={className} />
  );
}

const SIZES = {
  sm: { box: 'gap-1 px-1.5 py-0.5 text-[11px]', icon: 'h-3.5 w-3.5' },
  md: { box: 'gap-1.5 px-2 py-0.5 text-xs', icon: 'h-4 w-4' },
  lg: { box: 'gap-2 px-3 py-1 text-sm', icon: 'h-4.5 w-4.5' },
} as const;

export function SeverityBadge({
  severity,
  size = 'md',
}: {
  severity: Severity;
  size?: keyof typeof SIZES;
}) {
  const { t } = useT();
  const tone = STATUS_TONE[SEVERITY_STATUS[severity]];
  const sz = SIZES[size];
  return (
    <span
      data-severity={severity}
      className={`inline-flex shrink-0 items-center rounded font-semibold uppercase tracking-wide ring-1 ring-inset ${sz.box} ${tone.text} ${tone.bg} ${tone.ring}`}
    >
      <SeverityIcon severity={severity} className={sz.icon} />
      {t(`severity.${severity}`)}
    </span>
  );
}
