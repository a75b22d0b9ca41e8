import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cluster, ClusterMember, Link, TopologyNode } from '@/lib/contracts';
import { shardRows, slotText } from './shard-view';

const member = (id: string, role: 'primary' | 'replica', flags: ClusterMember['flags'] = []): ClusterMember => ({ id, nodeId: id.replace(/\D/g, '').padEnd(40, '0'), shardId: 'slots-0', role, health: 'online', flags, failReports: 0, primariesAsked: 2 });
const node = (id: string, role: 'master' | 'replica', reachable = true): TopologyNode => ({ id, host: 'h', port: 1, role, reachable, status: 'ok' });
const cluster: Cluster = {
  state: 'ok', slotsAssigned: 16384, slotsOk: 16384, slotsPfail: 0, slotsFail: 0, currentEpoch: 7, readFrom: 'h:1', readAt: 1, source: 'shards',
  shards: [{ id: 'slots-0', slots: [[0, 16383]], slotCount: 16384, primaryId: 'h:1', replicaIds: ['h:2', 'h:3'], failedIds: ['h:4'], chainedReplicaIds: ['h:3'], health: 'ok' }],
  members: [member('h:1', 'primary'), member('h:2', 'replica', ['pfail']), member('h:3', 'replica'), member('h:4', 'primary', ['fail'])],
};

test('shardRows() pairs each replica with its link and colours members by flags and reachability', () => {
  const link: Link = { upstream: 'h:1', replica: 'h:2', linkStatus: 'up', offsetGapBytes: 12, lagSeconds: 0, status: 'ok' };
  const nodes = { 'h:1': node('h:1', 'master'), 'h:2': node('h:2', 'replica'), 'h:3': { ...node('h:3', 'replica'), upstream: 'h:2' }, 'h:4': node('h:4', 'master', false) };
  const [row] = shardRows(cluster, nodes, { 'h:2<-h:1': link });
  assert.equal(row?.primary?.status, 'ok');
  assert.deepEqual(row?.replicas.map((r) => [r.id, r.status, r.link?.offsetGapBytes ?? null, r.isChained]), [['h:2', 'warning', 12, false], ['h:3', 'ok', null, true]]);
  assert.deepEqual(row?.failed.map((r) => [r.id, r.status]), [['h:4', 'critical']]);
});

test('slotText() lists ranges and cuts long lists', () => {
  assert.equal(slotText([[0, 5460], [7, 7]]), '0-5460, 7');
  assert.equal(slotText([[0, 0], [2, 2], [4, 4], [6, 6], [8, 8]], 2), '0, 2 +3');
});
