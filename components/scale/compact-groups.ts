// Pure: the compact overview of a large tree. One section per master (tree root); in each, every
// node as a grid cell (problems first), broken branches expanded from the root down to the
// broken node and every healthy subtree folded into one group card.
import type { Link, Status, TopologyNode } from '@/lib/contracts';
import { buildForest, type TreeNode } from '@/components/topology/build-tree';
import { compareIds } from '@/components/topology/compare-ids';

/** Above this many nodes the overview starts compact (the URL or the toggle can override). */
export const COMPACT_THRESHOLD = 40;

export interface Cell {
  node: TopologyNode;
  link: Link | null;
  /** The worse of the node's and its link's status. */
  status: Status;
}

/**
 * Healthy nodes folded into one card. `rest: false`: the head's whole subtree is healthy and the
 * card stands for it. `rest: true`: the head is shown expanded above (it leads to a problem) and
 * the card stands for its healthy children and everything below them.
 */
export interface GroupRow {
  kind: 'group';
  depth: number;
  head: Cell;
  rest: boolean;
  /** Nodes folded into the card (the head not counted). */
  replicas: number;
  maxLagSeconds: number | null;
  maxGapBytes: number | null;
}

/** A node on the way to (or at) a problem, shown expanded. */
export interface NodeRow {
  kind: 'node';
  depth: number;
  cell: Cell;
}

export type CompactRow = GroupRow | NodeRow;

export interface CompactSection {
  root: Cell;
  /** Worst status in the section. */
  status: Status;
  nodeCount: number;
  problemCount: number;
  /** Every node of the section, problems first (worst first), then by id. */
  cells: Cell[];
  rows: CompactRow[];
  detached: boolean;
}

const RANK: Record<Status, number> = { critical: 0, warning: 1, unknown: 2, ok: 3 };

export function worse(a: Status, b: Status): Status {
  return RANK[a] <= RANK[b] ? a : b;
}

export function cellOf(node: TopologyNode, link: Link | null): Cell {
  let status = node.reachable ? node.status : node.status === 'ok' ? 'critical' : node.status;
  if (link)
    status = worse(
      status,
      link.status === 'ok' && link.linkStatus !== 'up' ? 'warning' : link.status,
    );
  return { node, link, status };
}

export const isProblem = (c: Cell) => c.status !== 'ok';

const byId = (a: Cell, b: Cell) => compareIds(a.node.id, b.node.id);
const problemsFirst = (a: Cell, b: Cell) => RANK[a.status] - RANK[b.status] || byId(a, b);

function maxOf(values: Array<number | null | undefined>): number | null {
  let max: number | null = null;
  for (const v of values) if (typeof v === 'number' && (max === null || v > max)) max = v;
  return max;
}

interface Walk {
  cells: Cell[];
  hasProblem: boolean;
}

/** Every cell of a subtree (head first) and whether any of them is a problem. */
function walk(tree: TreeNode): Walk {
  const cells: Cell[] = [cellOf(tree.node, tree.link)];
  for (const child of tree.children) cells.push(...walk(child).cells);
  return { cells, hasProblem: cells.some(isProblem) };
}

function groupRow(head: Cell, folded: Cell[], depth: number, rest: boolean): GroupRow {
  return {
    kind: 'group',
    depth,
    head,
    rest,
    replicas: folded.length,
    maxLagSeconds: maxOf(folded.map((c) => c.link?.lagSeconds)),
    maxGapBytes: maxOf(folded.map((c) => c.link?.offsetGapBytes)),
  };
}

/** Broken branches expand down to the broken node; healthy subtrees fold into one row. */
function rowsOf(tree: TreeNode, depth: number): CompactRow[] {
  const w = walk(tree);
  const head = w.cells[0] as Cell;
  if (!w.hasProblem) return [groupRow(head, w.cells.slice(1), depth, false)];
  const rows: CompactRow[] = [{ kind: 'node', depth, cell: head }];
  const children = tree.children.map((c) => ({ c, w: walk(c) }));
  const broken = children
    .filter((x) => x.w.hasProblem)
    .map((x) => ({ ...x, worst: worstOf(x.w.cells) }));
  broken.sort((a, b) => problemsFirst(a.worst, b.worst));
  for (const { c } of broken) rows.push(...rowsOf(c, depth + 1));
  // All healthy children of a node on a broken path share one card, however many there are.
  const healthy = children.filter((x) => !x.w.hasProblem).flatMap((x) => x.w.cells);
  if (healthy.length) rows.push(groupRow(head, healthy, depth + 1, true));
  return rows;
}

function worstOf(cells: Cell[]): Cell {
  let worst = cells[0] as Cell;
  for (const c of cells) if (problemsFirst(c, worst) < 0) worst = c;
  return worst;
}

function sectionOf(tree: TreeNode, detached: boolean): CompactSection {
  const { cells } = walk(tree);
  const status = cells.reduce<Status>((s, c) => worse(s, c.status), 'ok');
  return {
    root: cells[0] as Cell,
    status,
    nodeCount: cells.length,
    problemCount: cells.filter(isProblem).length,
    cells: [...cells].sort(problemsFirst),
    rows: rowsOf(tree, 0),
    detached,
  };
}

/** Sections with problems first (worst first), then masters by id. */
export function compactSections(
  nodes: readonly TopologyNode[],
  links: readonly Link[],
): CompactSection[] {
  const forest = buildForest(nodes, links);
  const sections = [
    ...forest.roots.map((t) => sectionOf(t, false)),
    ...forest.detached.map((d) => sectionOf(d.tree, true)),
  ];
  return sections.sort((a, b) => RANK[a.status] - RANK[b.status] || byId(a.root, b.root));
}

/** Expanded rows per section before the rest fold into one "more" line (problems stay a click away). */
export const MAX_ROWS = 8;

export interface ShownRows {
  rows: CompactRow[];
  /** Rows left out. */
  hidden: number;
  /** Nodes with a problem among the rows left out. */
  hiddenProblems: number;
}

/** The first `max` rows of a section: broken branches come first, so the worst stay in view. */
export function capRows(rows: readonly CompactRow[], max = MAX_ROWS): ShownRows {
  if (rows.length <= max) return { rows: [...rows], hidden: 0, hiddenProblems: 0 };
  const rest = rows.slice(max);
  return {
    rows: rows.slice(0, max),
    hidden: rest.length,
    hiddenProblems: rest.filter((r) => r.kind === 'node' && isProblem(r.cell)).length,
  };
}

/**
 * Whether a grid cell looks the same: it shows id, status, role and reachability. Lag and gap
 * are only in its hover title, computed when hovered, so a cell does not re-render every poll.
 */
export function sameCellLook(a: Cell, b: Cell): boolean {
  return (
    a.node.id === b.node.id &&
    a.status === b.status &&
    a.node.role === b.node.role &&
    a.node.reachable === b.node.reachable
  );
}

export type StatusFilter = 'all' | 'problems';

/** Search over address (id, host, port), role and status, in any language-neutral form. */
export function matchesQuery(cell: Cell, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return true;
  const n = cell.node;
  const hay = [
    n.id,
    n.host,
    String(n.port),
    n.role,
    cell.status,
    n.reachable ? 'reachable' : 'unreachable',
    n.upstream ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return terms.every((term) => hay.includes(term));
}

/** Cells matching the search and filter, across sections, problems first. */
export function searchCells(
  sections: readonly CompactSection[],
  query: string,
  filter: StatusFilter,
): Cell[] {
  const out: Cell[] = [];
  for (const s of sections)
    for (const c of s.cells)
      if ((filter === 'all' || isProblem(c)) && matchesQuery(c, query)) out.push(c);
  return out.sort(problemsFirst);
}

/** Compact unless the URL says otherwise: `view=tree` or `view=compact` wins over the size rule. */
export function isCompactView(nodeCount: number, view: string | null): boolean {
  if (view === 'tree') return false;
  if (view === 'compact') return true;
  return nodeCount > COMPACT_THRESHOLD;
}

/** The compact view charts only the links with a concern: 60 flat healthy gap charts are noise. */
export function linksToChart<T extends Pick<Link, 'status' | 'linkStatus'>>(
  links: readonly T[],
  compact: boolean,
): T[] {
  return compact ? links.filter((l) => l.status !== 'ok' || l.linkStatus !== 'up') : [...links];
}
