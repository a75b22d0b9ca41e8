import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkKey, type Topology } from '@/lib/contracts';
import { diffTopologyVersions } from '@/lib/topology/topology-delta';
import { INITIAL_TOPOLOGY_STATE, applySnapshot } from '@/components/topology/topology-state';
import { applyPatchToState } from './topology-patch-state';

const node = (port: number, extra: object = {}) => ({
  id: `h:${port}`,
  host: 'h',
  port,
  role: 'replica' as const,
  reachable: true,
  status: 'ok' as const,
  ...extra,
});
const link = (port: number, lag: number) => ({
  upstream: 'h:1',
  replica: `h:${port}`,
  linkStatus: 'up' as const,
  offsetGapBytes: 0,
  lagSeconds: lag,
  status: 'ok' as const,
});

const prev: Topology = {
  generatedAt: 1,
  nodes: [node(1, { role: 'master' }), node(2), node(3)],
  links: [link(2, 0), link(3, 0)],
};
const next: Topology = {
  generatedAt: 2,
  nodes: [node(1, { role: 'master' }), node(2, { offset: 5 }), node(4)],
  links: [link(2, 1), link(4, 0)],
};

test('applyPatchToState() turns the held snapshot into the next one and keeps unchanged nodes', () => {
  const held = applySnapshot(INITIAL_TOPOLOGY_STATE, {
    topology: prev,
    events: [],
    pollIntervalMs: 1000,
    version: 7,
  });
  const res = applyPatchToState(
    held,
    { topology: prev, version: 7 },
    diffTopologyVersions(prev, next, 7),
  );
  assert.ok(res);
  assert.equal(res.held.version, 8);
  const out = res.state;
  assert.deepEqual(out.nodes, Object.fromEntries(next.nodes.map((n) => [n.id, n])));
  assert.deepEqual(out.links, Object.fromEntries(next.links.map((l) => [linkKey(l), l])));
  assert.equal(out.generatedAt, 2);
  assert.equal(out.nodes['h:1'], held.nodes['h:1'], 'an unchanged node keeps its identity');
});

test('applyPatchToState() answers null on a version gap, so the client re-reads', () => {
  const held = applySnapshot(INITIAL_TOPOLOGY_STATE, {
    topology: prev,
    events: [],
    pollIntervalMs: 1000,
    version: 7,
  });
  assert.equal(
    applyPatchToState(held, { topology: prev, version: 6 }, diffTopologyVersions(prev, next, 7)),
    null,
  );
  assert.equal(applyPatchToState(held, null, diffTopologyVersions(prev, next, 7)), null);
});
