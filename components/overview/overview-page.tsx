'use client';
// The overview screen: health light, summary, open findings, replication tree, recent events
// and a live gap chart per link.
import { useMemo } from 'react';
import { useT } from '@/components/i18n/i18n-provider';
import { ClusterView } from '@/components/cluster/cluster-view';
import { useTopology } from '@/components/hooks/use-topology';
import { SentinelTrees } from '@/components/sentinel/sentinel-trees';
import { OverviewTree, useCompactView } from '@/components/scale/overview-tree';
import { linksToChart } from '@/components/scale/compact-groups';
import { FindingsPanel } from '@/components/findings/findings-panel';
import { HealthLight } from '@/components/findings/health-light';
import { EventList } from './event-list';
import { LinkLagCharts } from './link-lag-charts';
import { LiveIndicator } from './live-indicator';
import { SummaryBar } from './summary-bar';

/** Gap charts in the compact view: the links with the most concern, one row on a wide screen. */
const COMPACT_CHARTS = 3;

export function OverviewPage() {
  const { t } = useT();
  const topo = useTopology();
  const nodes = useMemo(() => Object.values(topo.nodes), [topo.nodes]);
  const links = useMemo(() => Object.values(topo.links), [topo.links]);
  const compact = useCompactView(nodes.length);
  const chartLinks = useMemo(() => linksToChart(links, compact), [links, compact]);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">{t('overview.title')}</h1>
        <LiveIndicator connection={topo.connection} updatedAt={topo.generatedAt} />
      </div>
      <HealthLight />
      <SummaryBar nodes={nodes} links={links} />
      <FindingsPanel />
      {topo.cluster && <ClusterView cluster={topo.cluster} nodes={topo.nodes} links={topo.links} />}
      {/* The compact view keeps the events beside the tree from 1280 px: below it they cost a
          big tree its second screen. The full tree needs the width up to 1900 px. */}
      <div
        className={`grid grid-cols-1 gap-5 ${
          compact
            ? 'xl:grid-cols-[minmax(0,1fr)_340px] min-[1900px]:grid-cols-[minmax(0,1fr)_380px]'
            : 'min-[1900px]:grid-cols-[minmax(0,1fr)_380px]'
        }`}
      >
        <section className="panel min-w-0 p-4" aria-labelledby="tree-title">
          <h2 id="tree-title" className="panel-title mb-4">
            {t('overview.tree')}
          </h2>
          {!topo.hasSnapshot ? (
            <p className="py-10 text-center text-fg-muted">{t('overview.waiting')}</p>
          ) : nodes.length === 0 ? (
            <p className="py-10 text-center text-fg-muted">{t('overview.empty')}</p>
          ) : topo.groups.length > 0 ? (
            // Sentinel-managed trees are framed with their Sentinels.
            <SentinelTrees
              nodes={nodes}
              links={links}
              groups={topo.groups}
              sentinels={topo.sentinels}
            />
          ) : (
            <OverviewTree nodes={nodes} links={links} />
          )}
        </section>
        <section className="panel min-w-0 self-start" aria-labelledby="events-title">
          <h2 id="events-title" className="panel-title border-b border-border px-4 py-3">
            {t('events.title')}
          </h2>
          {/* Below a big tree (on a narrow screen) its events scroll in less height. */}
          <div
            className={`overflow-y-auto ${compact ? 'max-h-[320px] xl:max-h-[480px] min-[1900px]:max-h-[640px]' : 'max-h-[640px]'}`}
          >
            <EventList events={topo.events} />
          </div>
        </section>
      </div>
      <LinkLagCharts
        links={chartLinks}
        pollIntervalMs={topo.pollIntervalMs ?? 1000}
        maxCharts={compact ? COMPACT_CHARTS : undefined}
      />
    </div>
  );
}
