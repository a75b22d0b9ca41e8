'use client';
// Incident state: open (amber: nobody has taken it), acknowledged (grey: someone is on it),
// resolved (green) — icon and word with every colour.
import type { IncidentState, Status } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE } from '@/components/ui/status';
import { BellIcon, CheckIcon, EyeIcon } from '@/components/findings/icons';

export const STATE_STATUS: Record<IncidentState, Status> = {
  open: 'warning',
  acknowledged: 'unknown',
  resolved: 'ok',
};

export function IncidentStateIcon({
  state,
  className,
}: {
  state: IncidentState;
  className?: string;
}) {
  const Comp = state === 'open' ? BellIcon : state === 'acknowledged' ? EyeIcon : CheckIcon;
  return <Comp className={className} />;
}

export function IncidentStateBadge({
  state,
  size = 'md',
}: {
  state: IncidentState;
  size?: 'sm' | 'md' | 'lg';
}) {
  const { t } = useT();
  const tone = STATUS_TONE[STATE_STATUS[state]];
  const box =
    size === 'lg'
      ? 'gap-2 px-3 py-1 text-sm'
      : size === 'md'
        ? 'gap-1.5 px-2 py-0.5 text-xs'
        : 'gap-1 px-1.5 py-0.5 text-[11px]';
  const icon = size === 'lg' ? 'h-4.5 w-4.5' : size === 'md' ? 'h-3.5 w-3.5' : 'h-3 w-3';
  return (
    <span
      data-incident-state={state}
      className={`inline-flex shrink-0 items-center rounded font-semibold uppercase tracking-wide ring-1 ring-inset ${box} ${tone.text} ${tone.bg} ${tone.ring}`}
    >
      <IncidentStateIcon state={state} className={icon} />
      {t(`incidentState.${state}`)}
    </span>
  );
}
