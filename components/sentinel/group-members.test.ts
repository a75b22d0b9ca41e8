import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Link, SentinelGroup, TopologyNode } from '@/lib/contracts';
import { groupMembers, nodesSayMaster, partitionByGroup } from './group-members';

const node = (id: string, role: TopologyNode['role'], reachable = true): TopologyNode => ({ id, host: id.split(':')[0] as string, port: Number(id.split(':')[1]), role, reachable, status: 'ok' });
const link = (upstream: string, replica: string): Link => ({ upstream, replica, linkStatus: 'up', offsetGapBytes: 0, lagSeconds: 0, status: 'ok' });
const group = (masterId: string, replicas: string[]): SentinelGroup => ({
  name: 'mymaster',
  masterId,
  quorum: 2,
  sentinelIds: [],
  ckquorum: { ok: true, message: 'OK' },
  tilt: false,
  replicas: replicas.map((id) => ({ id, flags: ['slave'], priority: 100, masterLinkStatus: 'ok' })),
});

test('groupMembers() frames the master, the listed replicas and their sub-replicas, not a stranger', () => {
  const links = [link('a:1', 'b:2'), link('b:2', 'c:3'), link('x:9', 'y:9')];
  assert.deepEqual([...groupMembers(group('a:1', ['b:2', 'old:4']), links)].sort(), ['a:1', 'b:2', 'c:3', 'old:4']);
});

test('nodesSayMaster() names every reachable master of the group (two is a split brain)', () => {
  const nodes = [node('a:1', 'master'), node('b:2', 'master'), node('old:4', 'master', false), node('x:9', 'master')];
  assert.deepEqual(nodesSayMaster(new Set(['a:1', 'b:2', 'old:4']), nodes), ['a:1', 'b:2']);
});

test('partitionByGroup() leaves the nodes no Sentinel watches outside every frame', () => {
  const nodes = [node('a:1', 'master'), node('b:2', 'replica'), node('x:9', 'master'), node('y:9', 'replica')];
  const links = [link('a:1', 'b:2'), link('x:9', 'y:9')];
  const p = partitionByGroup([group('a:1', ['b:2'])], nodes, links);
  assert.deepEqual(p.framed[0]?.nodes.map((n) => n.id), ['a:1', 'b:2']);
  assert.deepEqual(p.framed[0]?.links.length, 1);
  assert.deepEqual(p.rest.nodes.map((n) => n.id), ['x:9', 'y:9']);
});
