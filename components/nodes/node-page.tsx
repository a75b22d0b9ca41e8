'use client';
// The node page: live header and links (socket), INFO tables (REST), live charts, the Redis log,
// the network check, and for an unreachable node (operator+) removal from the tree.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { linkKey, type NodeDetail, type TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { useTopology } from '@/components/hooks/use-topology';
import { useNodeDetail } from '@/components/hooks/use-node-detail';
import { ApiRequestError, errorMessage, removeNode } from '@/components/hooks/api-client';
import { canOperate, useMe } from '@/components/hooks/use-me';
import { LogPanel } from '@/components/logs/log-panel';
import { NodeConsistency } from '@/components/consistency/node-consistency';
import { NodeActions } from '@/components/actions/node-actions';
import { LiveIndicator } from '@/components/overview/live-indicator';
import { ChevronRightIcon, UnplugIcon } from '@/components/ui/icons';
import { DownstreamCard } from './downstream-card';
import { LinkCard } from './link-card';
import { NodeCharts } from './node-charts';
import { NetCheckPanel } from './net-check-panel';
import { NodeHeader } from './node-header';
import { RawSections } from './raw-sections';
import { ReplicationTable } from './replication-table';
import { StaleBanner } from './stale-banner';
import { DetailGate } from '@/components/layout/detail-gate';

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

/** A dead node stays in the tree (link down) until forgotten; an operator may remove it now. */
function RemoveNode({ nodeId }: { nodeId: string }) {
  const { t } = useT();
  const router = useRouter();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setIsBusy(true);
    setError(null);
    try {
      await removeNode(nodeId);
      router.push('/');
    } catch (err) {
      setIsBusy(false);
      setError(
        err instanceof ApiRequestError && err.status === 409
          ? t('nodePage.removeConflict', { id: nodeId })
          : t('nodePage.removeError', { message: errorMessage(err) }),
      );
    }
  };
  return (
    <section
      className="panel flex flex-col gap-2 px-5 py-3"
      data-testid="remove-node-panel"
      aria-label={t('nodePage.remove')}
    >
      <div className="flex flex-wrap items-center gap-3">
        <p className="min-w-0 flex-1 text-sm text-fg-muted">
          {isConfirming ? t('nodePage.removeConfirm', { id: nodeId }) : t('nodePage.removeHint')}
        </p>
        {isConfirming ? (
          <span className="flex items-center gap-2">
            <button
              type="button"
              className="btn-ghost h-8"
              disabled={isBusy}
              onClick={() => setIsConfirming(false)}
            >
              {t('nodePage.removeCancel')}
            </button>
            <button
              type="button"
              data-testid="remove-node-confirm"
              disabled={isBusy}
              onClick={() => void remove()}
              className="focus-ring inline-flex h-8 items-center gap-1.5 rounded-md border border-crit bg-crit-bg px-3 text-xs font-semibold text-crit hover:brightness-105 disabled:opacity-50"
            >
              <UnplugIcon className="h-4 w-4" />
              {isBusy ? t('nodePage.removing') : t('nodePage.removeYes')}
            </button>
          </span>
        ) : (
          <button
            type="button"
            data-testid="remove-node"
            onClick={() => setIsConfirming(true)}
            className="btn-ghost h-8"
          >
            <UnplugIcon className="h-4 w-4" />
            {t('nodePage.remove')}
          </button>
        )}
      </div>
      {error && (
        <p className="text-sm text-crit" role="alert" data-testid="remove-node-error">
          {error}
        </p>
      )}
    </section>
  );
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
  const { me } = useMe();
  // The server's spelling of the id, which is what `node:sample` and `log:lines` carry.
  const liveId = node?.id ?? nodeId;
  // Not answering: every INFO value is from the last good poll, and says so.
  const isStale = detail?.stale === true || node?.reachable === false;

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
        <div className="flex items-center gap-2">
          <LiveIndicator connection={topo.connection} updatedAt={topo.generatedAt} />
          <NodeActions nodeId={liveId} />
        </div>
      </div>

      <DetailGate
        notFound={state.isNotFound && !node ? t('nodePage.notFound', { id: nodeId }) : null}
        notFoundTestId="node-not-found"
        pending={
          !detail && !node
            ? state.error
              ? t('nodePage.loadError', { message: state.error })
              : t('nodePage.loading')
            : null
        }
        stale={state.error && detail ? t('nodePage.stale', { message: state.error }) : null}
      >
        <NodeHeader node={shownNode} detail={detail} />
        {isStale && <StaleBanner sampledAt={detail?.sampledAt} />}
        {node && !node.reachable && canOperate(me) && <RemoveNode nodeId={liveId} />}
        <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
          <LinkCard link={link} />
          <DownstreamCard links={downstream} />
        </div>
        <NodeCharts
          nodeId={liveId}
          hasUpstream={hasUpstream}
          hasMemoryLimit={maxmemory === undefined || maxmemory === null || maxmemory > 0}
          pollIntervalMs={topoPoll ?? 1000}
        />
        <LogPanel nodeId={liveId} />
        <NetCheckPanel nodeId={liveId} />
        <NodeConsistency nodeId={liveId} />
        <ReplicationTable fields={detail?.info.replication} knownIds={knownIds} isStale={isStale} />
        {detail && <RawSections info={detail.info} isStale={isStale} />}
      </DetailGate>
    </div>
  );
}
