import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cluster, Topology } from '@/lib/contracts';
import { diffTopology, isEmptyDelta } from '@/lib/topology/diff-topology';
import { INITIAL_TOPOLOGY_STATE, applyDelta, applySnapshot } from '@/components/topology/topology-state';

const cluster = (state: Cluster['state'], readAt: number): Cluster => ({
  state, slotsAssigned: 16384, slotsOk: state === 'ok' ? 16384 : 10923, slotsPfail: 0, slotsFail: 0, currentEpoch: 6,
  readFrom: 'h:1', readAt, source: 'shards', shards: [], members: [],
});
const topo = (c?: Cluster): Topology => ({ generatedAt: 1, nodes: [], links: [], ...(c ? { cluster: c } : {}) });
let seq = 0;
const next = () => `e${++seq}`;

test('the cluster model rides in a delta only when it changed (a new read time is not news)', () => {
  assert.equal(diffTopology(topo(cluster('ok', 1)), topo(cluster('ok', 2)), next).delta.cluster, undefined);
  assert.ok(isEmptyDelta(diffTopology(topo(cluster('ok', 1)), topo(cluster('ok', 2)), next).delta));
  const changed = diffTopology(topo(cluster('ok', 1)), topo(cluster('fail', 2)), next).delta;
  assert.equal(changed.cluster?.state, 'fail');
  assert.equal(isEmptyDelta(changed), false);
  assert.equal(diffTopology(topo(cluster('ok', 1)), topo(), next).delta.cluster, null);
});

test('the client state takes the cluster from the snapshot and from deltas that carry it', () => {
  const s1 = applySnapshot(INITIAL_TOPOLOGY_STATE, { topology: topo(cluster('ok', 1)), events: [], pollIntervalMs: 1000 });
  assert.equal(s1.cluster?.state, 'ok');
  const s2 = applyDelta(s1, { generatedAt: 2, nodes: [], links: [], removedNodes: [], removedLinks: [] });
  assert.equal(s2.cluster?.state, 'ok', 'a delta without cluster keeps it');
  const s3 = applyDelta(s2, { generatedAt: 3, nodes: [], links: [], removedNodes: [], removedLinks: [], cluster: cluster('fail', 3) });
  assert.equal(s3.cluster?.state, 'fail');
});
