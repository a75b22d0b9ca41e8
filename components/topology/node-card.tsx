'use client';
// One node of the tree: fixed size so live updates never move the layout.
import Link from 'next/link';
import type { TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { DriverError } from '@/components/i18n/driver-error';
import { driverErrorText } from '@/components/i18n/code-labels';
import { STATUS_TONE, StatusBadge } from '@/components/ui/status';
import { CriticalIcon } from '@/components/ui/icons';
import { RoleBadge } from './role-badge';

export function nodeHref(id: string): string {
  return `/nodes/${encodeURIComponent(id)}`;
}

function Metric({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="flex min-w-0 items-baseline justify-between gap-2" title={title}>
      <dt className="shrink-0 text-[11px] uppercase tracking-wide text-fg-subtle">{label}</dt>
      <dd className="tnum truncate font-mono text-sm text-fg">{value}</dd>
    </div>
  );
}

/** What an unreachable node shows instead of its figures: the error, then its text or the last-seen time. */
function DownBody({ node }: { node: TopologyNode }) {
  const { t, fmt, locale } = useT();
  const errorLabel = node.error ? t(`nodeError.${node.error.code}`) : '';
  // A message that translates to the label itself ("连接被拒绝" twice) gives way to the time.
  const message =
    node.error?.message && driverErrorText(node.error.message, t, locale) !== errorLabel
      ? node.error.message
      : '';
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-0.5 text-crit">
      <span className="flex items-center gap-1.5 text-base font-bold uppercase tracking-wide">
        <CriticalIcon className="h-5 w-5" />
        {t('node.unreachable')}
      </span>
      {node.error && (
        <span className="truncate text-sm font-semibold" title={node.error.message}>
          {errorLabel}
        </span>
      )}
      {/* The whole message, wrapped: an address cut at "127.0.0.1:452…" says nothing. */}
      {message ? (
        <DriverError message={message} className="text-xs" />
      ) : (
        <span className="text-xs">
          {node.lastSeenAt ? t('node.lastSeen', { time: fmt.time(node.lastSeenAt) }) : ''}
        </span>
      )}
    </div>
  );
}

function NodeMetrics({ node }: { node: TopologyNode }) {
  const { t, fmt } = useT();
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1">
      {/* Offsets grow to 13+ digits: give them the full row. */}
      <div className="col-span-2">
        <Metric label={t('node.offset')} value={fmt.number(node.offset)} />
      </div>
      <Metric label={t('node.keys')} value={fmt.number(node.keys)} />
      <Metric label={t('node.ops')} value={fmt.number(node.opsPerSec)} />
      {/* With maxmemory 0 (no limit, common) there is no %: show the bytes used instead. */}
      <div className="col-span-2">
        <Metric
          label={t('node.memory')}
          value={
            node.memoryPct == null ? fmt.bytes(node.usedMemoryBytes) : fmt.percent(node.memoryPct)
          }
          title={t('node.memoryTitle', {
            used: fmt.bytes(node.usedMemoryBytes),
            rss: fmt.bytes(node.rssBytes),
            limit:
              node.memoryPct == null
                ? ''
                : t('node.memoryLimit', { pct: fmt.percent(node.memoryPct) }),
          })}
        />
      </div>
    </dl>
  );
}

/** `isFluid`: fill the width (phone layout) instead of the fixed 18 rem of the wide tree. */
export function NodeCard({ node, isFluid = false }: { node: TopologyNode; isFluid?: boolean }) {
  const { t } = useT();
  const tone = STATUS_TONE[node.status];
  const isDown = !node.reachable;
  const frame = isDown
    ? 'border-2 border-crit bg-crit-bg'
    : node.status === 'ok'
      ? 'border border-border bg-surface hover:border-border-strong'
      : `border-2 ${tone.border} bg-surface`;
  return (
    <Link
      href={nodeHref(node.id)}
      aria-label={t('node.open', { id: node.id })}
      data-testid="topology-node"
      data-node-id={node.id}
      data-status={node.status}
      data-reachable={node.reachable ? 'true' : 'false'}
      data-role={node.role}
      className={`focus-ring relative flex min-h-[148px] ${isFluid ? 'w-full min-w-0' : 'w-72 shrink-0'} flex-col gap-2 overflow-hidden rounded-lg py-2.5 pl-4 pr-3 shadow-sm transition-colors ${frame}`}
    >
      <span aria-hidden="true" className={`absolute inset-y-0 left-0 w-1.5 ${tone.solid}`} />
      <div className="flex items-center justify-between gap-2">
        <RoleBadge role={node.role} />
        <StatusBadge status={node.status} />
      </div>
      <div
        className="truncate font-mono text-lg font-semibold leading-tight text-fg"
        title={node.id}
      >
        {node.id}
      </div>
      {isDown ? (
        <DownBody node={node} />
      ) : node.discoveredOnly ? (
        <p className="text-xs text-fg-muted">{t('node.discoveredOnly')}</p>
      ) : (
        <NodeMetrics node={node} />
      )}
    </Link>
  );
}
