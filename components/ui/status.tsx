'use client';
// Status colour + icon + word, always together (colour never carries meaning alone).
import type { Status } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { CriticalIcon, OkIcon, UnknownIcon, WarningIcon } from './icons';

/** Full class strings per status (kept literal so Tailwind sees them). */
export const STATUS_TONE: Record<
  Status,
  { text: string; bg: string; border: string; ring: string; stroke: string; solid: string }
> = {
  ok: {
    text: 'text-ok',
    bg: 'bg-ok-bg',
    border: 'border-ok',
    ring: 'ring-ok/40',
    stroke: 'var(--ok)',
    solid: 'bg-ok',
  },
  warning: {
    text: 'text-warn',
    bg: 'bg-warn-bg',
    border: 'border-warn',
    ring: 'ring-warn/40',
    stroke: 'var(--warn)',
    solid: 'bg-warn',
  },
  critical: {
    text: 'text-crit',
    bg: 'bg-crit-bg',
    border: 'border-crit',
    ring: 'ring-crit/50',
    stroke: 'var(--crit)',
    solid: 'bg-crit',
  },
  unknown: {
    text: 'text-unk',
    bg: 'bg-unk-bg',
    border: 'border-unk',
    ring: 'ring-unk/40',
    stroke: 'var(--unk)',
    solid: 'bg-unk',
  },
};

export function StatusIcon({ status, className }: { status: Status; className?: string }) {
  const Comp =
    status === 'ok'
      ? OkIcon
      : status === 'warning'
        ? WarningIcon
        : status === 'critical'
          ? CriticalIcon
          : UnknownIcon;
  return <Comp className={className} />;
}

const SIZES = {
  sm: { box: 'gap-1 px-1.5 py-0.5 text-[11px]', icon: 'h-3.5 w-3.5' },
  md: { box: 'gap-1.5 px-2 py-0.5 text-xs', icon: 'h-4 w-4' },
  lg: { box: 'gap-2 px-3 py-1 text-base', icon: 'h-5 w-5' },
} as const;

export function StatusBadge({
  status,
  size = 'md',
  label,
}: {
  status: Status;
  size?: keyof typeof SIZES;
  /** Overrides the status word (e.g. "Unreachable"); the icon and colour stay. */
  label?: string;
}) {
  const { t } = useT();
  const tone = STATUS_TONE[status];
  const sz = SIZES[size];
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded font-semibold uppercase tracking-wide ring-1 ring-inset ${sz.box} ${tone.text} ${tone.bg} ${tone.ring}`}
    >
      <StatusIcon status={status} className={sz.icon} />
      {label ?? t(`status.${status}`)}
    </span>
  );
}
