import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Link, TopologyNode } from '@/lib/contracts';
import { buildForest } from './build-tree';

const node = (id: string, role: TopologyNode['role'], upstream?: string): TopologyNode => ({
  id,
  host: id.split(':')[0]!,
  port: Number(id.split(':')[1]),
  role,
  reachable: true,
  status: 'ok',
  ...(upstream ? { upstream } : {}),
});
const link = (replica: string, upstream: string): Link => ({
  replica,
  upstream,
  linkStatus: 'up',
  offsetGapBytes: 0,
  lagSeconds: 0,
  status: 'ok',
});

test('buildForest() nests chained replicas under their upstream at any depth', () => {
  const nodes = [
    node('h:1', 'master'),
    node('h:2', 'replica'),
    node('h:3', 'replica'),
    node('h:4', 'replica'),
  ];
  const links = [link('h:2', 'h:1'), link('h:3', 'h:2'), link('h:4', 'h:3')];
  const f = buildForest(nodes, links);
  assert.equal(f.roots.length, 1);
  assert.equal(f.roots[0]!.children[0]!.children[0]!.children[0]!.node.id, 'h:4');
  assert.equal(f.roots[0]!.children[0]!.link?.upstream, 'h:1');
  assert.equal(f.detached.length, 0);
});

test('buildForest() keeps two masters as two roots (split brain) and sorts ports numerically', () => {
  const nodes = [node('h:10', 'master'), node('h:9', 'master'), node('h:11', 'replica')];
  const f = buildForest(nodes, [link('h:11', 'h:9')]);
  assert.deepEqual(
    f.roots.map((r) => r.node.id),
    ['h:9', 'h:10'],
  );
});

test('buildForest() puts nodes with an unmonitored upstream in the detached group', () => {
  const nodes = [
    node('h:1', 'master'),
    node('h:5', 'replica', 'other:6379'),
    node('h:6', 'replica'),
  ];
  const f = buildForest(nodes, [link('h:6', 'h:5')]);
  assert.equal(f.detached.length, 1);
  assert.equal(f.detached[0]!.reason, 'missing_upstream');
  assert.equal(f.detached[0]!.upstream, 'other:6379');
  assert.equal(f.detached[0]!.tree.children[0]!.node.id, 'h:6');
});

test('buildForest() breaks a replication cycle instead of looping forever', () => {
  const nodes = [node('h:1', 'replica'), node('h:2', 'replica')];
  const f = buildForest(nodes, [link('h:1', 'h:2'), link('h:2', 'h:1')]);
  assert.equal(f.roots.length, 0);
  assert.equal(f.detached.length, 1);
  assert.equal(f.detached[0]!.reason, 'cycle');
  assert.equal(f.detached[0]!.tree.children.length, 1);
});
