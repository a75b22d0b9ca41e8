import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Topology } from '../contracts';
import { buildCluster, shardMemory, withCluster, withPollClusterInfo, type ClusterReadings } from './cluster-model';
import { parseClusterInfo, parseClusterNodes, parseClusterShards } from './cluster-parse';

const FIXTURES = new URL('../../test/fixtures/cluster/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

/** Readings as the service takes them, from one captured moment (one observer). */
function readings(moment: string): ClusterReadings {
  const nodes = parseClusterNodes(text(`${moment}.nodes.txt`));
  const me = nodes.find((l) => l.myself)!;
  const observer = `${me.host}:${me.port}`;
  return {
    readFrom: observer,
    readAt: 1,
    source: 'shards',
    shards: parseClusterShards(JSON.parse(text(`${moment}.shards.json`))),
    views: [{ observer, nodes, info: parseClusterInfo(text(`${moment}.info.txt`)) }],
  };
}

test('buildCluster() of a healthy cluster: 3 ok shards, each with a primary and a replica', () => {
  const c = buildCluster(readings('healthy'));
  assert.equal(c.state, 'ok');
  assert.equal(c.slotsAssigned, 16384);
  assert.deepEqual(c.shards.map((s) => s.id), ['slots-0', 'slots-5461', 'slots-10923']);
  assert.deepEqual(c.shards.map((s) => [s.health, s.replicaIds.length, s.slotCount]), [['ok', 1, 5461], ['ok', 1, 5462], ['ok', 1, 5461]]);
  assert.equal(c.members.length, 6);
  assert.ok(c.members.every((m) => m.flags.length === 0 && m.configEpoch !== undefined));
});

test('buildCluster() during pfail: the shard is critical and the observing primary reports it', () => {
  const c = buildCluster(readings('pfail'));
  const victim = c.members.find((m) => m.flags.includes('pfail'))!;
  assert.equal(victim.role, 'primary');
  assert.equal(victim.failReports, 1);
  assert.equal(victim.primariesAsked, 1);
  assert.equal(c.shards.find((s) => s.id === victim.shardId)?.health, 'critical');
});

test('buildCluster() after failover: the promoted replica is primary; the dead one stays in its old shard as failed', () => {
  const memory = new Map<string, string>();
  shardMemory(buildCluster(readings('failed-primary')), memory);
  const before = buildCluster(readings('failed-primary'));
  const victim = before.members.find((m) => m.flags.includes('fail'))!;
  const c = buildCluster(readings('failed-over'), memory);
  assert.equal(c.shards.length, 3);
  const home = c.shards.find((s) => s.id === victim.shardId)!;
  assert.deepEqual(home.failedIds, [victim.id]);
  assert.notEqual(home.primaryId, victim.id);
  assert.deepEqual(home.replicaIds, []);
  assert.equal(home.health, 'warning', 'a primary without replica');
  // Without memory the dead node is a slotless shard of its own.
  assert.equal(buildCluster(readings('failed-over')).shards.length, 4);
});

test('withCluster() sets shardId on nodes and flags a replica of a replica', () => {
  const c = buildCluster(readings('healthy'));
  const [s0] = c.shards;
  const primary = s0!.primaryId!;
  const replica = s0!.replicaIds[0]!;
  const node = (id: string, role: 'master' | 'replica', upstream?: string) => ({ id, host: '127.0.0.1', port: Number(id.split(':')[1]), role, reachable: true, status: 'ok' as const, ...(upstream ? { upstream } : {}) });
  const topology: Topology = { generatedAt: 1, nodes: [node(primary, 'master'), node(replica, 'replica', '127.0.0.1:1'), node('127.0.0.1:1', 'replica', primary)], links: [] };
  const t = withCluster(topology, c);
  assert.equal(t.nodes[0]?.shardId, s0!.id);
  assert.equal(t.nodes[2]?.shardId, undefined, 'not a cluster member');
  assert.deepEqual(t.cluster?.shards[0]?.chainedReplicaIds, [replica]);
});

test('withCluster() shows a replica that won the election as primary before the next cluster read', () => {
  const c = buildCluster(readings('pfail'));
  const shard = c.shards.find((x) => x.health === 'critical')!;
  const heir = shard.replicaIds[0]!;
  const node = (id: string, role: 'master' | 'replica', reachable = true) => ({ id, host: '127.0.0.1', port: Number(id.split(':')[1]), role, reachable, status: 'ok' as const });
  const before: Topology = { generatedAt: 1, nodes: [node(shard.primaryId!, 'master', false), node(heir, 'replica')], links: [] };
  assert.equal(withCluster(before, c).cluster?.shards.find((x) => x.id === shard.id)?.primaryId, shard.primaryId, 'still a replica: no change');
  const after: Topology = { ...before, nodes: [node(shard.primaryId!, 'master', false), node(heir, 'master')] };
  const s = withCluster(after, c).cluster?.shards.find((x) => x.id === shard.id);
  assert.equal(s?.primaryId, heir);
  assert.deepEqual(s?.replicaIds, []);
  assert.deepEqual(s?.failedIds, [shard.primaryId]);
  assert.equal(s?.health, 'warning', 'a primary without replica');
});

test('withPollClusterInfo(): a poll read after the model brings cluster_state, slots and epoch; an older one does not', () => {
  const c = buildCluster(readings('healthy'));
  const pfail = parseClusterInfo(text('pfail.info.txt'));
  const failed = { ...pfail, state: 'fail' as const, slotsOk: 10923, slotsFail: 5461, currentEpoch: c.currentEpoch + 1 };
  assert.equal(withPollClusterInfo(c, [{ id: c.readFrom, info: failed, at: c.readAt }]), c, 'not newer than the read');
  const other = 'elsewhere:1';
  const later = withPollClusterInfo(c, [{ id: other, info: failed, at: c.readAt + 2 }]);
  assert.deepEqual([later.state, later.slotsOk, later.slotsFail, later.currentEpoch], ['fail', 10923, 5461, c.currentEpoch + 1]);
  assert.equal(later.shards, c.shards, 'shards wait for the next CLUSTER SHARDS read');
  // The node the model was read from speaks for the cluster when it answered, like the read.
  const own = withPollClusterInfo(c, [{ id: other, info: failed, at: c.readAt + 2 }, { id: c.readFrom, info: { ...failed, state: 'ok' }, at: c.readAt + 1 }]);
  assert.equal(own.state, 'ok');
  assert.equal(own.currentEpoch, c.currentEpoch + 1);
});
