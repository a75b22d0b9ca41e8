'use client';
// The cluster on the overview: state, slots and epoch, then the shards side by side (with a
// compact status strip first when there are many).
import { useMemo } from 'react';
import type { Cluster, Link, TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { StatusBadge } from '@/components/ui/status';
import { ShardCard } from './shard-card';
import { ShardStrip } from './shard-strip';
import { STRIP_THRESHOLD, shardRows } from './shard-view';

export function ClusterView({ cluster, nodes, links }: { cluster: Cluster; nodes: Readonly<Record<string, TopologyNode>>; links: Readonly<Record<string, Link>> }) {
  const { t } = useT();
  const rows = useMemo(() => shardRows(cluster, nodes, links), [cluster, nodes, links]);
  const state = cluster.state === 'ok' ? 'ok' : cluster.state === 'fail' ? 'critical' : 'unknown';
  return (
    <section className="panel min-w-0 p-4" aria-labelledby="cluster-title" data-testid="cluster-view">
      <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id="cluster-title" className="panel-title">
          {t('cluster.view.title')}
        </h2>
        <StatusBadge status={state} label={`${t('cluster.view.state')}: ${cluster.state}`} />
        <span className="tnum text-sm text-fg-muted">{t('cluster.view.slots', { ok: cluster.slotsOk, assigned: cluster.slotsAssigned })}</span>
        <span className="tnum text-sm text-fg-muted">{t('cluster.view.epoch', { epoch: cluster.currentEpoch })}</span>
        <span className="text-xs text-fg-muted">{t('cluster.view.readFrom', { node: cluster.readFrom, source: cluster.source === 'shards' ? 'CLUSTER SHARDS' : 'CLUSTER NODES' })}</span>
      </div>
      {rows.length > STRIP_THRESHOLD && <ShardStrip rows={rows} />}
      <div className="grid grid-cols-[repeat(auto-fill,minmax(280px,1fr))] gap-4">
        {rows.map((r) => (
          <div key={r.shard.id} id={`shard-${r.shard.id}`} className="min-w-0">
            <ShardCard row={r} />
          </div>
        ))}
      </div>
    </section>
  );
}
