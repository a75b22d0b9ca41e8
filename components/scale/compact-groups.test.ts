import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Link, Status, TopologyNode } from '@/lib/contracts';
import {
  capRows,
  cellOf,
  compactSections,
  sameCellLook,
  isCompactView,
  linksToChart,
  searchCells,
  type GroupRow,
} from './compact-groups';

const node = (
  port: number,
  role: TopologyNode['role'],
  upstream?: string,
  status: Status = 'ok',
): TopologyNode => ({
  id: `h:${port}`,
  host: 'h',
  port,
  role,
  reachable: status !== 'critical',
  status,
  ...(upstream ? { upstream } : {}),
});
const link = (
  replica: number,
  upstream: number,
  status: Status = 'ok',
  lag = 0,
  gap = 0,
): Link => ({
  replica: `h:${replica}`,
  upstream: `h:${upstream}`,
  linkStatus: status === 'critical' ? 'down' : 'up',
  offsetGapBytes: gap,
  lagSeconds: lag,
  status,
});

/** 1 master (port 1) → 3 replicas (10, 20, 30) → 19 sub-replicas each (11…29 style). */
function tree(broken: number[] = []): { nodes: TopologyNode[]; links: Link[] } {
  const nodes = [node(1, 'master')];
  const links: Link[] = [];
  for (const r of [100, 200, 300]) {
    nodes.push(node(r, 'replica', 'h:1'));
    links.push(link(r, 1, 'ok', 1, 10));
    for (let s = 1; s <= 19; s++) {
      const port = r + s;
      const bad = broken.includes(port);
      nodes.push(node(port, 'replica', `h:${r}`, bad ? 'critical' : 'ok'));
      links.push(link(port, r, bad ? 'critical' : 'ok', s === 19 ? 3 : 0, s * 100));
    }
  }
  return { nodes, links };
}

test('compactSections() folds a healthy tree into one card with its worst lag and gap', () => {
  const { nodes, links } = tree();
  const [section, ...others] = compactSections(nodes, links);
  assert.equal(others.length, 0);
  assert.equal(section?.nodeCount, 61);
  assert.equal(section?.problemCount, 0);
  assert.equal(section?.cells.length, 61, 'one grid cell per node');
  assert.equal(section?.rows.length, 1);
  const row = section?.rows[0] as GroupRow;
  assert.deepEqual(
    [row.kind, row.head.node.id, row.replicas, row.rest],
    ['group', 'h:1', 60, false],
  );
  assert.equal(row.maxLagSeconds, 3);
  assert.equal(row.maxGapBytes, 1900);
});

test('compactSections() expands only the broken branch, down to the broken node, problems first', () => {
  const { nodes, links } = tree([207]);
  const [section] = compactSections(nodes, links);
  assert.equal(section?.status, 'critical');
  assert.equal(section?.problemCount, 1);
  assert.equal(section?.cells[0]?.node.id, 'h:207', 'the broken node is the first cell');
  const rows = section?.rows ?? [];
  const shape = rows.map((r) =>
    r.kind === 'node'
      ? `node ${r.cell.node.id}@${r.depth}`
      : `group ${r.head.node.id}+${r.replicas}@${r.depth}`,
  );
  // master → r200 → the broken replica, then r200's 18 healthy replicas in one card, then the
  // master's two healthy branches (2 × 20 nodes) in one card.
  assert.deepEqual(shape, [
    'node h:1@0',
    'node h:200@1',
    'node h:207@2',
    'group h:200+18@2',
    'group h:1+40@1',
  ]);
});

test('compactSections() keeps a row count that does not grow with healthy fan-out', () => {
  const { nodes, links } = tree([105, 305]);
  const [section] = compactSections(nodes, links);
  // m, r100, 105, r100 rest, r300, 305, r300 rest, m rest (r200 and its 19).
  assert.equal(section?.rows.length, 8);
  assert.equal(section?.problemCount, 2);
});

test('compactSections() puts a section with a problem before a healthy one', () => {
  const a = tree();
  const b = { nodes: [node(9000, 'master', undefined, 'warning')], links: [] };
  const sections = compactSections([...a.nodes, ...b.nodes], a.links);
  assert.deepEqual(
    sections.map((s) => s.root.node.id),
    ['h:9000', 'h:1'],
  );
});

test('searchCells() finds a node by port, role and status, and the problems filter drops healthy ones', () => {
  const { nodes, links } = tree([207]);
  const sections = compactSections(nodes, links);
  assert.deepEqual(
    searchCells(sections, '215', 'all').map((c) => c.node.id),
    ['h:215'],
  );
  assert.deepEqual(
    searchCells(sections, 'master', 'all').map((c) => c.node.id),
    ['h:1'],
  );
  assert.deepEqual(
    searchCells(sections, 'critical', 'all').map((c) => c.node.id),
    ['h:207'],
  );
  assert.deepEqual(
    searchCells(sections, '', 'problems').map((c) => c.node.id),
    ['h:207'],
  );
  assert.equal(searchCells(sections, '', 'all').length, 61);
  assert.equal(searchCells(sections, 'nothing-like-this', 'all').length, 0);
});

test('capRows() keeps the worst branch rows and counts the problems it leaves out', () => {
  // Every replica under r100 and r200 broken: 2 branches × 19 problem rows expanded.
  const broken = [...Array(19).keys()].flatMap((i) => [101 + i, 201 + i]);
  const { nodes, links } = tree(broken);
  const [section] = compactSections(nodes, links);
  const rows = section?.rows ?? [];
  assert.equal(rows.length, 1 + 2 * (1 + 19) + 1, 'm, 2 × (branch + 19 broken), m rest');
  const shown = capRows(rows, 8);
  assert.equal(shown.rows.length, 8);
  assert.deepEqual(
    shown.rows.slice(0, 2).map((r) => r.kind === 'node' && r.cell.node.id),
    ['h:1', 'h:100'],
  );
  assert.equal(shown.hidden, rows.length - 8);
  // 6 of the 38 problem rows are shown (rows 3–8), the other 32 are counted.
  assert.equal(shown.hiddenProblems, 32);
  // Every problem stays one filter away: the problems filter lists all 38.
  assert.equal(searchCells(section ? [section] : [], '', 'problems').length, 38);
  assert.deepEqual(capRows(rows.slice(0, 3), 8), {
    rows: rows.slice(0, 3),
    hidden: 0,
    hiddenProblems: 0,
  });
});

test('sameCellLook() ignores lag and gap (hover-only) but not status, role or reachability', () => {
  const n = node(101, 'replica', 'h:100');
  const base = cellOf(n, link(101, 100, 'ok', 0, 10));
  assert.equal(sameCellLook(base, cellOf({ ...n }, link(101, 100, 'ok', 2, 5000))), true);
  assert.equal(sameCellLook(base, cellOf(n, link(101, 100, 'warning', 30, 10))), false);
  assert.equal(sameCellLook(base, cellOf({ ...n, role: 'master' }, null)), false);
  assert.equal(
    sameCellLook(base, cellOf({ ...n, reachable: false, status: 'critical' }, null)),
    false,
  );
});

test('compactSections() orders ids by number, not by text ("h:9" before "h:10")', () => {
  const nodes = [node(1, 'master'), node(10, 'replica', 'h:1'), node(9, 'replica', 'h:1')];
  const links = [link(10, 1), link(9, 1)];
  const [section] = compactSections(nodes, links);
  assert.deepEqual(
    section?.cells.map((c) => c.node.id),
    ['h:1', 'h:9', 'h:10'],
  );
});

test('isCompactView() follows the size rule unless the URL chooses', () => {
  assert.equal(isCompactView(61, null), true);
  assert.equal(isCompactView(10, null), false);
  assert.equal(isCompactView(61, 'tree'), false);
  assert.equal(isCompactView(3, 'compact'), true);
});

test('linksToChart() keeps every link in the tree view and only the troubled ones when compact', () => {
  const { links } = tree([207]);
  assert.equal(linksToChart(links, false).length, 60);
  assert.deepEqual(
    linksToChart(links, true).map((l) => l.replica),
    ['h:207'],
  );
});
