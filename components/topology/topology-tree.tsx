'use client';
// Draws the forest left to right: each node card, then its replicas stacked to its right, joined
// by connectors. Heights and widths are fixed so nothing moves when figures change.
import type { Link, TopologyNode } from '@/lib/contracts';
import { useT } from '@/components/i18n/i18n-provider';
import { UnknownIcon, WarningIcon } from '@/components/ui/icons';
import { buildForest, type DetachedTree, type TreeNode } from './build-tree';
import { LinkLabel, edgeStyle } from './link-label';
import { NodeCard } from './node-card';
import { VerticalSubtree } from './topology-tree-vertical';
import { NARROW_QUERY, useMediaQuery } from '@/components/hooks/use-media-query';

/** Vertical position of every connector, measured from the top of a card. */
const CONNECT_Y = 40;
const TRUNK = 'var(--border-strong)';

function Edge({ link }: { link: Link | null }) {
  const { color, style } = edgeStyle(link);
  return (
    <div className="relative h-[84px] w-56 shrink-0" aria-hidden={link ? undefined : true}>
      <span
        className="absolute inset-x-0"
        style={{ top: CONNECT_Y - 1, borderTop: `3px ${style} ${color}` }}
      />
      {/* Arrowhead: data flows from the upstream (left) to the replica (right). */}
      <span
        className="absolute right-0"
        style={{
          top: CONNECT_Y - 5,
          borderTop: '6px solid transparent',
          borderBottom: '6px solid transparent',
          borderLeft: `8px solid ${color}`,
        }}
      />
      {link && (
        <div className="absolute left-1/2 -translate-x-1/2" style={{ top: CONNECT_Y - 35 }}>
          <LinkLabel link={link} />
        </div>
      )}
    </div>
  );
}

function ChildRow({
  tree,
  isFirst,
  isLast,
}: {
  tree: TreeNode;
  isFirst: boolean;
  isLast: boolean;
}) {
  return (
    <div className={`relative flex items-start ${isLast ? '' : 'pb-5'}`}>
      {!(isFirst && isLast) && (
        <span
          aria-hidden="true"
          className="absolute left-0"
          style={{
            borderLeft: `2px solid ${TRUNK}`,
            top: isFirst ? CONNECT_Y : 0,
            ...(isLast ? { height: CONNECT_Y + 2 } : { bottom: 0 }),
          }}
        />
      )}
      <Edge link={tree.link} />
      <Subtree tree={tree} />
    </div>
  );
}

function Subtree({ tree }: { tree: TreeNode }) {
  return (
    <div className="flex items-start">
      <NodeCard node={tree.node} />
      {tree.children.length > 0 && (
        <>
          <span
            aria-hidden="true"
            className="w-4 shrink-0"
            style={{ marginTop: CONNECT_Y - 1, borderTop: `2px solid ${TRUNK}` }}
          />
          <div className="flex flex-col">
            {tree.children.map((c, i) => (
              <ChildRow
                key={c.node.id}
                tree={c}
                isFirst={i === 0}
                isLast={i === tree.children.length - 1}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function MissingUpstream({ id, isFluid = false }: { id: string | null; isFluid?: boolean }) {
  const { t } = useT();
  return (
    <div className={`flex h-20 ${isFluid ? 'w-full' : 'w-72 shrink-0'} flex-col justify-center gap-1 rounded-lg border-2 border-dashed border-border-strong px-4 text-fg-muted`}>
      <span className="flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide">
        <UnknownIcon className="h-4 w-4" />
        {id ? t('overview.notMonitored') : t('overview.upstreamUnknown')}
      </span>
      {id && (
        <span className="truncate font-mono text-base text-fg" title={id}>
          {t('overview.upstreamMissing', { id })}
        </span>
      )}
    </div>
  );
}

function DetachedRow({ entry, isNarrow = false }: { entry: DetachedTree; isNarrow?: boolean }) {
  const { t } = useT();
  if (entry.reason === 'cycle') {
    return (
      <div className="flex flex-col gap-2">
        <p className="flex items-center gap-1.5 text-sm font-semibold text-warn">
          <WarningIcon className="h-4 w-4" />
          {t('overview.cycle')}
        </p>
        {isNarrow ? <VerticalSubtree tree={entry.tree} /> : <Subtree tree={entry.tree} />}
      </div>
    );
  }
  if (isNarrow) {
    return (
      <div className="flex flex-col">
        <MissingUpstream id={entry.upstream} isFluid />
        <VerticalSubtree tree={entry.tree} withEdge />
      </div>
    );
  }
  return (
    <div className="flex items-start">
      <MissingUpstream id={entry.upstream} />
      <Edge link={entry.tree.link} />
      <Subtree tree={entry.tree} />
    </div>
  );
}

export function TopologyTree({
  nodes,
  links,
}: {
  nodes: readonly TopologyNode[];
  links: readonly Link[];
}) {
  const { t } = useT();
  const forest = buildForest(nodes, links);
  // Redis Cluster primaries (they carry a shardId) are meant to be separate trees; an
  // unreachable root's role is its last known one (the old master after a failover).
  const masters = forest.roots.filter(
    (r) => r.node.role === 'master' && r.node.reachable && !r.node.shardId,
  ).length;
  const isNarrow = useMediaQuery(NARROW_QUERY);
  return (
    <div className="flex flex-col gap-6">
      {masters > 1 && (
        <p className="flex items-center gap-2 rounded-md border border-warn bg-warn-bg px-3 py-2 text-sm font-medium text-warn">
          <WarningIcon className="h-4 w-4 shrink-0" />
          {t('overview.severalMasters', { n: masters })}
        </p>
      )}
      {isNarrow ? (
        <div className="flex flex-col gap-6" data-layout="vertical">
          {forest.roots.map((root) => (
            <VerticalSubtree key={root.node.id} tree={root} />
          ))}
        </div>
      ) : (
        <div className="overflow-x-auto pb-2">
          <div className="flex w-max flex-col gap-8">
            {forest.roots.map((root) => (
              <Subtree key={root.node.id} tree={root} />
            ))}
          </div>
        </div>
      )}
      {forest.detached.length > 0 && (
        <section
          className="flex flex-col gap-4 border-t border-border pt-4"
          data-testid="detached-group"
        >
          <header>
            <h3 className="panel-title">{t('overview.detached')}</h3>
            <p className="text-xs text-fg-muted">{t('overview.detachedHint')}</p>
          </header>
          {isNarrow ? (
            <div className="flex flex-col gap-6">
              {forest.detached.map((d) => (
                <DetachedRow key={d.tree.node.id} entry={d} isNarrow />
              ))}
            </div>
          ) : (
            <div className="overflow-x-auto pb-2">
              <div className="flex w-max flex-col gap-8">
                {forest.detached.map((d) => (
                  <DetachedRow key={d.tree.node.id} entry={d} />
                ))}
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
