'use client';
// The overview's tree panel: the full tree for small topologies, the compact view above
// COMPACT_THRESHOLD nodes, and a toggle (kept in the URL as `view=`) to choose either.
import type { Link, TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { TopologyTree } from '@/components/topology/topology-tree';
import { isCompactView } from './compact-groups';
import { CompactOverview } from './compact-overview';
import { useUrlParams } from './use-url-params';

/** Whether the overview is compact now (size rule or the URL's `view=`). */
export function useCompactView(nodeCount: number): boolean {
  const [params] = useUrlParams();
  return isCompactView(nodeCount, params.view);
}

export function OverviewTree({
  nodes,
  links,
}: {
  nodes: readonly TopologyNode[];
  links: readonly Link[];
}) {
  const { t } = useT();
  const [params, setParams] = useUrlParams();
  const compact = isCompactView(nodes.length, params.view);
  const option = (value: 'compact' | 'tree', label: string) => (
    <button
      type="button"
      data-testid={`view-${value}`}
      aria-pressed={compact === (value === 'compact')}
      onClick={() => setParams({ view: value })}
      className={`focus-ring rounded px-2.5 py-1 text-xs font-semibold ${
        compact === (value === 'compact')
          ? 'bg-accent/15 text-accent'
          : 'text-fg-muted hover:text-fg'
      }`}
    >
      {label}
    </button>
  );
  return (
    <div className="flex flex-col gap-3">
      <div
        role="group"
        aria-label={t('scale.viewLabel')}
        className="flex gap-1 self-end rounded-md border border-border p-0.5"
      >
        {option('compact', t('scale.viewCompact'))}
        {option('tree', t('scale.viewTree'))}
      </div>
      {compact ? (
        <CompactOverview nodes={nodes} links={links} params={params} setParams={setParams} />
      ) : (
        <TopologyTree nodes={nodes} links={links} />
      )}
    </div>
  );
}
