'use client';
// The label on a replication edge: link state, lag and offset gap (fixed size).
import type { Link, LinkStatus } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE } from '@/components/ui/status';
import { LinkUpIcon, SyncIcon, UnplugIcon } from '@/components/ui/icons';

export function LinkStateWord({ link, className }: { link: Link; className?: string }) {
  const { t, fmt } = useT();
  const tone = link.linkStatus === 'down' ? STATUS_TONE.critical : STATUS_TONE[link.status];
  const Icon =
    link.linkStatus === 'up' ? LinkUpIcon : link.linkStatus === 'sync' ? SyncIcon : UnplugIcon;
  const word =
    link.linkStatus === 'sync'
      ? link.sync?.percent != null
        ? t('link.syncPercent', { percent: fmt.percent(link.sync.percent, 0) })
        : t('link.sync')
      : t(link.linkStatus === 'up' ? 'link.up' : 'link.down');
  return (
    <span
      className={`flex items-center gap-1.5 font-bold uppercase tracking-wide ${tone.text} ${className ?? ''}`}
    >
      <Icon className="h-4 w-4 shrink-0" />
      <span className="truncate">{word}</span>
    </span>
  );
}

/** Edge line style: down links are dashed red, syncing links dotted. */
export function edgeStyle(link: Link | null): {
  color: string;
  style: 'solid' | 'dashed' | 'dotted';
} {
  if (!link) return { color: 'var(--border-strong)', style: 'dashed' };
  const styles: Record<LinkStatus, 'solid' | 'dashed' | 'dotted'> = {
    up: 'solid',
    down: 'dashed',
    sync: 'dotted',
  };
  const color =
    link.linkStatus === 'down' ? STATUS_TONE.critical.stroke : STATUS_TONE[link.status].stroke;
  return { color, style: styles[link.linkStatus] };
}

export function LinkLabel({ link }: { link: Link }) {
  const { t, fmt } = useT();
  const isDown = link.linkStatus === 'down';
  const tone = isDown ? STATUS_TONE.critical : STATUS_TONE[link.status];
  return (
    <div
      data-testid="topology-link"
      data-replica={link.replica}
      data-upstream={link.upstream}
      data-link-status={link.linkStatus}
      data-status={link.status}
      role="group"
      aria-label={t('link.toUpstream', { replica: link.replica, upstream: link.upstream })}
      className={`flex h-[70px] w-44 flex-col justify-center gap-0.5 rounded-md px-2 py-1 text-xs shadow-sm ${
        isDown
          ? `border-2 border-dashed ${tone.border} ${tone.bg}`
          : `border ${tone.border} bg-surface`
      }`}
    >
      <LinkStateWord link={link} />
      {link.linkStatus === 'sync' && (
        <span className="block h-1 w-full overflow-hidden rounded bg-surface-3" aria-hidden="true">
          <span
            className={`block h-full ${link.sync?.percent != null ? 'bg-accent' : 'progress-indeterminate'}`}
            style={{ width: `${Math.min(100, Math.max(0, link.sync?.percent ?? 100))}%` }}
          />
        </span>
      )}
      <span className="flex justify-between gap-2">
        <span className="text-fg-subtle">{t('link.lag')}</span>
        <span className="tnum font-mono text-fg">{fmt.seconds(link.lagSeconds)}</span>
      </span>
      <span className="flex justify-between gap-2">
        <span className="text-fg-subtle">{t('link.gap')}</span>
        <span className="tnum font-mono text-fg">{fmt.bytes(link.offsetGapBytes)}</span>
      </span>
    </div>
  );
}
