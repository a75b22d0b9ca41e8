'use client';
// Many shards at a glance: one chip per shard, colour + icon + slot count (never colour alone).
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import type { ShardRow } from './shard-view';

export function ShardStrip({ rows }: { rows: ShardRow[] }) {
  const { t } = useT();
  return (
    <div role="list" aria-label={t('cluster.view.strip')} data-testid="cluster-strip" className="mb-3 flex flex-wrap gap-1.5">
      {rows.map(({ shard }) => {
        const tone = STATUS_TONE[shard.health];
        return (
          <a
            key={shard.id}
            role="listitem"
            href={`#shard-${shard.id}`}
            title={`${shard.id}: ${t(`status.${shard.health}`)}`}
            className={`focus-ring inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-semibold ring-1 ring-inset ${tone.bg} ${tone.text} ${tone.ring}`}
          >
            <StatusIcon status={shard.health} className="h-3.5 w-3.5" />
            {shard.id}
          </a>
        );
      })}
    </div>
  );
}
