'use client';
// One shard: health, slot ranges, the primary → replica tree with each link's state, lag and gap.
import { useT } from '@/components/i18n/i18n-provider';
import { LinkStateWord } from '@/components/topology/link-label';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { WarningIcon } from '@/components/ui/icons';
import { MemberLine } from './member-line';
import { slotText, type ReplicaRow, type ShardRow } from './shard-view';

function ReplicaBranch({ replica }: { replica: ReplicaRow }) {
  const { t, fmt } = useT();
  const link = replica.link;
  return (
    <li className="ml-2 border-l-2 border-border-strong pl-3">
      {link ? (
        <div data-testid="cluster-link" data-replica={replica.id} className="flex flex-wrap items-center gap-x-3 text-xs text-fg-muted">
          <LinkStateWord link={link} className="text-[11px]" />
          <span>{t('cluster.view.lag', { seconds: fmt.seconds(link.lagSeconds) })}</span>
          <span className="font-mono">{t('cluster.view.gap', { bytes: fmt.bytes(link.offsetGapBytes) })}</span>
        </div>
      ) : null}
      <MemberLine row={replica} role="replica" />
      {replica.isChained && (
        <p className={`flex items-center gap-1 text-xs ${STATUS_TONE.warning.text}`}>
          <WarningIcon className="h-3.5 w-3.5" />
          {t('cluster.view.chained')}
        </p>
      )}
    </li>
  );
}

export function ShardCard({ row }: { row: ShardRow }) {
  const { t } = useT();
  const { shard } = row;
  const tone = STATUS_TONE[shard.health];
  return (
    <article data-testid="cluster-shard" data-shard={shard.id} data-status={shard.health} className={`min-w-0 rounded-lg border-2 ${tone.border} bg-surface p-3`}>
      <header className="mb-2 flex items-start gap-2">
        <StatusIcon status={shard.health} className={`mt-0.5 h-5 w-5 shrink-0 ${tone.text}`} />
        <div className="min-w-0">
          <h3 className="truncate font-semibold">
            {t('cluster.view.shard')} {shard.id}
          </h3>
          <p className="truncate font-mono text-xs text-fg-muted" title={slotText(shard.slots, 1000)}>
            {shard.slots.length ? slotText(shard.slots) : t('cluster.view.noSlots')} · {t('cluster.view.slotCount', { count: shard.slotCount })}
          </p>
        </div>
      </header>
      {row.primary ? <MemberLine row={row.primary} role="primary" /> : <p className={`text-sm ${STATUS_TONE.critical.text}`}>{t('cluster.view.noPrimary')}</p>}
      <ul className="mt-1 flex flex-col gap-1.5">
        {row.replicas.map((r) => (
          <ReplicaBranch key={r.id} replica={r} />
        ))}
      </ul>
      {row.replicas.length === 0 && <p className={`ml-5 text-xs ${STATUS_TONE.warning.text}`}>{t('cluster.view.noReplica')}</p>}
      {row.failed.map((f) => (
        <div key={f.id} className="mt-1 opacity-80">
          <MemberLine row={f} role="failed" />
        </div>
      ))}
    </article>
  );
}
