'use client';
// A section's status grid: one cell per node, problems first. Built for a thousand cells: each
// cell is a plain link (no per-cell router prefetch, observer or listener), re-rendered only when
// its look changes (status, role, reachability); one delegated handler opens a node in the app
// and fills the hover title (role, status, lag, gap) when a cell is pointed at or focused.
import { memo, useMemo, type MouseEvent, type SyntheticEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useT } from '@/components/i18n/i18n-provider';
import { STATUS_TONE, StatusIcon } from '@/components/ui/status';
import { nodeHref } from '@/components/topology/node-card';
import { sameCellLook, type Cell } from './compact-groups';

/** Above this many nodes on the page the cells shrink so 1,000 fit in a quarter of a screen. */
export const DENSE_ABOVE = 300;

const SIZE = {
  normal: { box: 'h-6 w-6', icon: 'h-3.5 w-3.5', gap: 'gap-1' },
  dense: { box: 'h-4 w-4', icon: 'h-3 w-3', gap: 'gap-0.5' },
} as const;

export function useCellTitle(): (cell: Cell) => string {
  const { t, fmt } = useT();
  return (cell) =>
    t('scale.cellTitle', {
      id: cell.node.id,
      role: t(`role.${cell.node.role}`),
      status: cell.node.reachable ? t(`status.${cell.status}`) : t('node.unreachable'),
      lag: fmt.seconds(cell.link?.lagSeconds),
      gap: fmt.bytes(cell.link?.offsetGapBytes),
    });
}

const GridCell = memo(
  function GridCell({ cell, dense }: { cell: Cell; dense: boolean }) {
    const { t } = useT();
    const size = SIZE[dense ? 'dense' : 'normal'];
    const label = t('scale.cellLabel', {
      id: cell.node.id,
      role: t(`role.${cell.node.role}`),
      status: cell.node.reachable ? t(`status.${cell.status}`) : t('node.unreachable'),
    });
    return (
      <a
        href={nodeHref(cell.node.id)}
        aria-label={label}
        data-testid="status-cell"
        data-node-id={cell.node.id}
        data-status={cell.status}
        className={`focus-ring inline-flex ${size.box} items-center justify-center rounded-sm ring-1 ring-inset ${STATUS_TONE[cell.status].bg} ${STATUS_TONE[cell.status].text} ${STATUS_TONE[cell.status].ring}`}
      >
        <StatusIcon status={cell.status} className={size.icon} />
      </a>
    );
  },
  (a, b) => a.dense === b.dense && sameCellLook(a.cell, b.cell),
);

function cellLink(e: SyntheticEvent): HTMLAnchorElement | null {
  return e.target instanceof Element
    ? e.target.closest<HTMLAnchorElement>('a[data-testid="status-cell"]')
    : null;
}

export function StatusGrid({
  cells,
  dense,
  label,
}: {
  cells: readonly Cell[];
  dense: boolean;
  label: string;
}) {
  const router = useRouter();
  const titleOf = useCellTitle();
  // The newest cells for the hover title: one handler on the grid, not one per cell.
  const byId = useMemo(() => new Map(cells.map((c) => [c.node.id, c])), [cells]);
  const fillTitle = (e: SyntheticEvent) => {
    const a = cellLink(e);
    const cell = a?.dataset.nodeId ? byId.get(a.dataset.nodeId) : undefined;
    if (a && cell) a.title = titleOf(cell);
  };
  const open = (e: MouseEvent) => {
    const a = cellLink(e);
    // Modified clicks (new tab, new window) stay the browser's.
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    router.push(a.getAttribute('href') ?? '/');
  };
  return (
    <div
      role="group"
      aria-label={label}
      className={`flex flex-wrap ${SIZE[dense ? 'dense' : 'normal'].gap}`}
      onMouseOver={fillTitle}
      onFocus={fillTitle}
      onClick={open}
    >
      {cells.map((c) => (
        <GridCell key={c.node.id} cell={c} dense={dense} />
      ))}
    </div>
  );
}
