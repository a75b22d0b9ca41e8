'use client';
// The node page: live header and links (socket), INFO tables (REST), live charts.
import Link from 'next/link';
import { useMemo } from 'react';
import { linkKey, type NodeDetail, type TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useTopology } from '@/components/hooks/use-topology';
import { useNodeDetail } from '@/components/hooks/use-node-detail';
import { LiveIndicator } from '@/components/overview/live-indicator';
import { ChevronRightIcon } from '@/components/ui/icons';
import { DownstreamCard } from './downstream-card';
import { LinkCard } from './link-card';
import { NodeCharts } from './node-charts';
import { NodeHeader } from './node-header';
import { RawSections } from './raw-sections';
import { ReplicationTable } from './replication-table';

function placeholderNode(id: string): TopologyNode {
  const sep = id.lastIndexOf(':');
  return {
    id,
    host: id.slice(0, sep),
    port: Number(id.slice(sep + 1)),
    role: 'unknown',
    reachable: true,
    status: 'unknown',
  };
}

/** Prefer the live socket copy of the node and its links; fall back to the REST detail. */
function useLiveView(nodeId: string, detail: NodeDetail | null) {
  const topo = useTopology();
  return useMemo(() => {
    const node = topo.nodes[nodeId] ?? detail?.node ?? null;
    const links = Object.values(topo.links);
    const upstreamId = links.find((l) => l.replica === nodeId)?.upstream ?? detail?.link?.upstream;
    const link = upstreamId
      ? (topo.links[linkKey({ replica: nodeId, upstream: upstreamId })] ?? detail?.link ?? null)
      : null;
    const liveDownstream = links.filter((l) => l.upstream === nodeId);
    const downstream = topo.hasSnapshot ? liveDownstream : (detail?.downstream ?? []);
    const knownIds = new Set(Object.keys(topo.nodes));
    return { topo, node, link, downstream, knownIds };
  }, [topo, nodeId, detail]);
}

export function NodePage({ nodeId }: { nodeId: string }) {
  const { t } = useT();
  const topoPoll = useTopology().pollIntervalMs;
  const state = useNodeDetail(nodeId, Math.max(1000, topoPoll ?? 2000));
  const { detail } = state;
  const { topo, node, link, downstream, knownIds } = useLiveView(nodeId, detail);
  const shownNode = node ?? placeholderNode(nodeId);
  const hasUpstream = link !== null || shownNode.role === 'replica';
  const maxmemory = detail?.metrics?.maxmemoryBytes;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t('nodePage.breadcrumb')} className="flex items-center gap-1.5 text-sm">
          <Link href="/" className="focus-ring rounded text-fg-muted hover:text-fg hover:underline">
            {t('nav.overview')}
          </Link>
          <ChevronRightIcon className="h-4 w-4 text-fg-subtle" />
          <span className="font-mono text-fg" aria-current="page">
            {nodeId}
          </span>
        </nav>
        <LiveIndicator connection={topo.connection} updatedAt={topo.generatedAt} />
      </div>

      {state.isNotFound && !node ? (
        <p
          className="panel px-5 py-8 text-center text-fg-muted"
          role="alert"
          data-testid="node-not-found"
        >
          {t('nodePage.notFound', { id: nodeId })}
        </p>
      ) : !detail && !node ? (
        <p className="panel px-5 py-8 text-center text-fg-muted">
          {state.error ? t('nodePage.loadError', { message: state.error }) : t('nodePage.loading')}
        </p>
      ) : (
        <>
          {state.error && detail && (
            <p
              className="rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm text-warn"
              role="status"
            >
              {t('nodePage.stale', { message: state.error })}
            </p>
          )}
          <NodeHeader node={shownNode} detail={detail} />
          <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
            <LinkCard link={link} />
            <DownstreamCard links={downstream} />
          </div>
          <NodeCharts
            // The server's spelling of the id, which is what `node:sample` carries.
            nodeId={node?.id ?? nodeId}
            hasUpstream={hasUpstream}
            hasMemoryLimit={maxmemory === undefined || maxmemory === null || maxmemory > 0}
            pollIntervalMs={topoPoll ?? 1000}
          />
          <ReplicationTable fields={detail?.info.replication} knownIds={knownIds} />
          {detail && <RawSections info={detail.info} />}
        </>
      )}
    </div>
  );
}
