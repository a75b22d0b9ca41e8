import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildCluster, shardMemory, withCluster, type ClusterReadings } from '../../cluster/cluster-model';
import { parseClusterInfo, parseClusterNodes, parseClusterShards } from '../../cluster/cluster-parse';
import type { Cluster, ClusterMember, Topology } from '../../contracts';
import { parseInfo } from '../../info/info-parser';
import { DEFAULT_THRESHOLDS } from '../../topology/status';
import { DEFAULT_DIAGNOSIS_SETTINGS, type DiagnosisInput, type NodeView } from '../diagnosis-input';
import { epochCollision, nodeFailed } from './cluster-nodes';
import { replicasColocated, shardWithoutReplica, unevenReplicas } from './cluster-shards';
import { clusterStateFail } from './cluster-state';
import { replicaCannotFailover } from './cluster-validity';

// Real replies of a 3 × 1 redis-server 7.0.15 cluster (test/fixtures/cluster/README.md).
const FIXTURES = new URL('../../../test/fixtures/cluster/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

function cluster(moment: string, memory?: Map<string, string>): Cluster {
  const nodes = parseClusterNodes(text(`${moment}.nodes.txt`));
  const me = nodes.find((l) => l.myself)!;
  const readFrom = `${me.host}:${me.port}`;
  const r: ClusterReadings = { readFrom, readAt: 1, source: 'shards', shards: parseClusterShards(JSON.parse(text(`${moment}.shards.json`))), views: [{ observer: readFrom, nodes, info: parseClusterInfo(text(`${moment}.info.txt`)) }] };
  return buildCluster(r, memory);
}

/** Every member polled and reachable unless listed in `down`; `edit` changes the model first. */
function input(c: Cluster, opts: { down?: string[]; views?: Partial<Record<string, Partial<NodeView>>> } = {}): DiagnosisInput {
  const nodes: NodeView[] = c.members.flatMap((m) =>
    m.id ? [{ id: m.id, reachable: !opts.down?.includes(m.id), role: m.role === 'primary' ? ('master' as const) : ('replica' as const), ...opts.views?.[m.id] }] : [],
  );
  const topology: Topology = withCluster({ generatedAt: 1, nodes: nodes.map((n) => ({ id: n.id, host: '127.0.0.1', port: 1, role: n.role, reachable: n.reachable, status: 'ok' })), links: [] }, c);
  return { now: 1, topology, nodes, events: [], history: () => [], logs: [], settings: { ...DEFAULT_THRESHOLDS, ...DEFAULT_DIAGNOSIS_SETTINGS } };
}

const healthy = cluster('healthy');
const all = (i: DiagnosisInput) => [clusterStateFail, nodeFailed, epochCollision, shardWithoutReplica, replicasColocated, unevenReplicas, replicaCannotFailover].flatMap((r) => r(i));

test('a healthy cluster on one host has no cluster finding (loopback colocation is by construction)', () => {
  assert.deepEqual(all(input(healthy)), []);
});

test('node_failed: PFAIL is a warning with 1 of 1 primaries reporting, FAIL of a primary is critical', () => {
  const [p] = nodeFailed(input(cluster('pfail')));
  assert.equal(p?.severity, 'warning');
  assert.match(p.detail.en, /^1 of 1 primaries flag it\. PFAIL/);
  assert.match(p.detail.zh, /1 个主节点中有 1 个/);
  const [f] = nodeFailed(input(cluster('failed-primary')));
  assert.equal(f?.severity, 'critical');
  assert.match(f.title.en, /\(primary\) is FAIL/);
});

test('shard_without_replica: the promoted replica\'s shard, and a shard whose replica we cannot reach', () => {
  const memory = new Map<string, string>();
  shardMemory(cluster('failed-primary'), memory);
  const after = cluster('failed-over', memory);
  const found = shardWithoutReplica(input(after));
  assert.equal(found.length, 1);
  const promoted = after.shards.find((s) => s.failedIds.length)!;
  assert.equal(found[0]?.nodeId, promoted.primaryId);
  assert.equal(found[0]?.key, `shard_without_replica:${promoted.id}`);
  assert.equal(found[0]?.rootNodeId, promoted.failedIds[0], 'one incident with the dead primary');
  // Healthy cluster, one replica unreachable from here: that shard lost its spare.
  const victim = healthy.shards[1]!.replicaIds[0]!;
  const lost = shardWithoutReplica(input(healthy, { down: [victim] }));
  assert.deepEqual(lost.map((f) => f.nodeId), [healthy.shards[1]!.primaryId]);
  assert.match(lost[0]!.detail.en, /unreachable/);
  assert.equal(lost[0]?.rootNodeId, victim);
  assert.equal(lost[0]?.remedy.actionId, undefined, 'no spare node to offer');
});

test('shard_without_replica offers cluster.replicate on a spare primary without slots', () => {
  const victim = healthy.shards[1]!.replicaIds[0]!;
  const spare: ClusterMember = { id: '127.0.0.1:9', nodeId: 'f'.repeat(40), shardId: 'node-ffffffff', role: 'primary', health: 'online', flags: [], failReports: 0, primariesAsked: 3 };
  const c: Cluster = {
    ...healthy,
    members: [...healthy.members, spare],
    shards: [...healthy.shards, { id: 'node-ffffffff', slots: [], slotCount: 0, primaryId: spare.id, replicaIds: [], health: 'ok', failedIds: [], chainedReplicaIds: [] }],
  };
  const [f] = shardWithoutReplica(input(c, { down: [victim] }));
  assert.equal(f?.remedy.actionId, 'cluster.replicate');
  assert.deepEqual(f?.remedy.params, { nodeId: spare.id, primary: healthy.shards[1]!.primaryId });
});

test('cluster_state_fail names unassigned slots and the failed primary\'s slots', () => {
  const failed = cluster('failed-primary');
  const shards = failed.shards.filter((s) => s.slots[0]?.[0] !== 10923); // slots 10923-16383 nobody's now
  const c: Cluster = { ...failed, state: 'fail', slotsOk: 5461, shards: shards.map((s) => ({ ...s, replicaIds: [] })) };
  const [f] = clusterStateFail(input(c));
  assert.equal(f?.severity, 'critical');
  assert.match(f.detail.en, /slots 10923-16383 are assigned to no node/);
  assert.match(f.detail.en, /belong to 127\.0\.0\.1:\d+, which failed/);
  assert.equal(f?.title.en, 'Cluster state is fail: 10923 slots are not served');
  // As captured: the primary just got FAIL, its replica is about to be elected.
  const [real] = clusterStateFail(input(failed));
  assert.match(real!.detail.en, /which failed; its replica 127\.0\.0\.1:\d+ should take over/);
  assert.deepEqual(clusterStateFail(input(healthy)), [], 'state ok: nothing');
});

test('epoch_collision: two slot-serving primaries with one config epoch', () => {
  const [a, b] = healthy.members.filter((m) => m.role === 'primary');
  const members = healthy.members.map((m): ClusterMember => (m === b ? { ...m, configEpoch: a!.configEpoch } : m));
  const [f] = epochCollision(input({ ...healthy, members }));
  assert.equal(f?.kind, 'epoch_collision');
  assert.match(f.title.en, new RegExp(`share config epoch ${a!.configEpoch}`));
});

test('uneven_replicas only when cluster-migration-barrier blocks the move', () => {
  // Shard 0 loses its replica to shard 1 (now 2 replicas).
  const moved = healthy.shards[0]!.replicaIds[0]!;
  const shards = healthy.shards.map((s, i) => (i === 0 ? { ...s, replicaIds: [] } : i === 1 ? { ...s, replicaIds: [...s.replicaIds, moved] } : s));
  const c = { ...healthy, shards };
  const cfg = (barrier: string) => Object.fromEntries(c.members.flatMap((m) => (m.id ? [[m.id, { config: { 'cluster-migration-barrier': barrier } }]] : [])));
  assert.deepEqual(unevenReplicas(input(c, { views: cfg('1') })), [], 'barrier 1: one may leave a primary with 2');
  const [f] = unevenReplicas(input(c, { views: cfg('2') }));
  assert.match(f!.title.en, /Shard slots-0 has no replica while slots-5461 has 2/);
});

test('replicas_colocated on a real host, not on loopback', () => {
  const s = healthy.shards[0]!;
  const move = (id: string) => id.replace('127.0.0.1', '10.0.0.5');
  const c = { ...healthy, shards: [{ ...s, primaryId: move(s.primaryId!), replicaIds: s.replicaIds.map(move) }] };
  const [f] = replicasColocated(input(c));
  assert.match(f!.title.en, /on host 10\.0\.0\.5/);
});

test('replica_cannot_failover past node-timeout × validity-factor + ping period, not before', () => {
  const replica = healthy.shards[0]!.replicaIds[0]!;
  const info = (down: number) => parseInfo(text('../info/replica-link-down.txt').replace(/master_link_down_since_seconds:\d+/, `master_link_down_since_seconds:${down}`));
  const config = { 'cluster-node-timeout': '2000', 'cluster-replica-validity-factor': '10', 'repl-ping-replica-period': '10' };
  // Limit: 2 + 10 + 2 × 10 = 32 s.
  assert.deepEqual(replicaCannotFailover(input(healthy, { views: { [replica]: { info: info(30), config } } })), []);
  const [f] = replicaCannotFailover(input(healthy, { views: { [replica]: { info: info(40), config } } }));
  assert.equal(f?.nodeId, replica);
  assert.match(f.detail.en, /down 40 s.*\(32 s here\)/);
  assert.deepEqual(replicaCannotFailover(input(healthy, { views: { [replica]: { info: info(400), config: { ...config, 'cluster-replica-validity-factor': '0' } } } })), [], 'factor 0: always may');
});
