'use client';
// The compact overview's building blocks: a one-line node row and the card that stands for a
// folded healthy subtree (the grid cells are in status-grid.tsx). Colour always comes with an
// icon or a word. No router prefetch: a big tree would prefetch every node page in view.
import { memo } from 'react';
import Link from 'next/link';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusBadge, StatusIcon } from '@/components/ui/status';
import { RoleBadge } from '@/components/topology/role-badge';
import { nodeHref } from '@/components/topology/node-card';
import type { Cell, GroupRow } from './compact-groups';
import { useCellTitle } from './status-grid';

// Rows only re-render when their node or link object changed: the store keeps unchanged ones.
const same = (a: { cell: Cell }, b: { cell: Cell }) =>
  a.cell.node === b.cell.node && a.cell.link === b.cell.link;

export const NodeRowView = memo(
  function NodeRowView({ cell, depth }: { cell: Cell; depth: number }) {
    const { t, fmt } = useT();
    const title = useCellTitle()(cell);
    const { node, link } = cell;
    return (
      <Link
        href={nodeHref(node.id)}
        prefetch={false}
        title={title}
        data-testid="compact-node"
        data-node-id={node.id}
        data-status={cell.status}
        style={{ marginLeft: depth * 20 }}
        className={`focus-ring flex min-w-0 items-center gap-3 rounded-md border bg-surface px-3 py-1 hover:border-border-strong ${
          cell.status === 'ok' ? 'border-border' : STATUS_TONE[cell.status].border
        }`}
      >
        <StatusBadge
          status={cell.status}
          size="sm"
          label={node.reachable ? undefined : t('node.unreachable')}
        />
        <RoleBadge role={node.role} />
        <span className="truncate font-mono text-sm font-semibold">{node.id}</span>
        {node.error && (
          <span className="truncate text-xs text-crit">{t(`nodeError.${node.error.code}`)}</span>
        )}
        {link && (
          <span className="tnum ml-auto shrink-0 font-mono text-xs text-fg-muted">
            {fmt.seconds(link.lagSeconds)} · {fmt.bytes(link.offsetGapBytes)}
          </span>
        )}
      </Link>
    );
  },
  (a, b) => same(a, b) && a.depth === b.depth,
);

export function GroupCard({ row }: { row: GroupRow }) {
  const { t, fmt } = useT();
  const vars = {
    id: row.head.node.id,
    n: fmt.number(row.replicas),
    lag: fmt.seconds(row.maxLagSeconds),
    gap: fmt.bytes(row.maxGapBytes),
  };
  const text = row.rest
    ? t('scale.groupRest', vars)
    : row.replicas
      ? t('scale.groupWhole', vars)
      : t('scale.groupLeaf', vars);
  const body = (
    <>
      <StatusIcon status="ok" className="h-4 w-4 shrink-0 text-ok" />
      <span className="truncate font-mono text-sm">{text}</span>
    </>
  );
  const className =
    'flex min-w-0 items-center gap-2 rounded-md border border-ok/40 bg-ok-bg/40 px-3 py-1';
  return row.rest ? (
    <div data-testid="compact-group" style={{ marginLeft: row.depth * 20 }} className={className}>
      {body}
    </div>
  ) : (
    <Link
      href={nodeHref(row.head.node.id)}
      prefetch={false}
      data-testid="compact-group"
      data-node-id={row.head.node.id}
      style={{ marginLeft: row.depth * 20 }}
      className={`focus-ring hover:border-ok ${className}`}
    >
      {body}
    </Link>
  );
}
