import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Topology } from '../contracts';
import { buildCluster, shardMemory, type ClusterReadings } from './cluster-model';
import { parseClusterInfo, parseClusterNodes, parseClusterShards } from './cluster-parse';
import { involvesShard, shardOfFinding, shardOfNode } from './shard-of';

const FIXTURES = new URL('../../test/fixtures/cluster/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

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

/** A topology after a failover: the dead primary is a failed member of its old shard. */
function failedOver(): { topology: Topology; victim: string; heir: string; shardId: string } {
  const memory = new Map<string, string>();
  const before = buildCluster(readings('failed-primary'));
  shardMemory(before, memory);
  const cluster = buildCluster(readings('failed-over'), memory);
  const victim = before.members.find((m) => m.flags.includes('fail'))!;
  const home = cluster.shards.find((s) => s.id === victim.shardId)!;
  const topology: Topology = { generatedAt: 1, nodes: [], links: [], cluster };
  return { topology, victim: victim.id!, heir: home.primaryId!, shardId: home.id };
}

test('shardOfNode() finds the shard of a failed former primary and of its promoted replica', () => {
  const { topology, victim, heir, shardId } = failedOver();
  assert.equal(shardOfNode(topology, victim)?.id, shardId);
  assert.equal(shardOfNode(topology, heir)?.id, shardId);
  assert.equal(shardOfNode(topology, '10.9.9.9:1'), undefined);
  assert.equal(
    shardOfNode({ generatedAt: 1, nodes: [], links: [] }, heir),
    undefined,
    'no cluster, no shard',
  );
});

test('shardOfFinding(): by root first; cluster-wide findings name no shard', () => {
  const { topology, victim, heir, shardId } = failedOver();
  const other = topology.cluster!.shards.find((s) => s.id !== shardId)!;
  // The heir's own finding rooted at the dead primary: the victim's shard.
  assert.equal(
    shardOfFinding({ kind: 'role_changed', nodeId: heir }, victim, topology)?.id,
    shardId,
  );
  assert.equal(
    shardOfFinding(
      { kind: 'link_down', link: { upstream: victim, replica: heir } },
      undefined,
      topology,
    )?.id,
    shardId,
  );
  // cluster_state_fail read on another shard's primary: that shard only when a failed primary explains it.
  assert.equal(
    shardOfFinding(
      { kind: 'cluster_state_fail', nodeId: other.primaryId! },
      other.primaryId!,
      topology,
    ),
    undefined,
  );
  assert.equal(
    shardOfFinding({ kind: 'cluster_state_fail', nodeId: other.primaryId! }, victim, topology)?.id,
    shardId,
  );
  assert.equal(
    shardOfFinding({ kind: 'epoch_collision', nodeId: heir }, heir, topology),
    undefined,
  );
});

test('involvesShard() matches an incident by any of its nodes', () => {
  const { topology, victim, heir, shardId } = failedOver();
  const shard = topology.cluster!.shards.find((s) => s.id === shardId)!;
  const other = topology.cluster!.shards.find((s) => s.id !== shardId)!;
  assert.ok(involvesShard([undefined, victim], shard, topology));
  assert.ok(involvesShard([heir], shard, topology));
  assert.ok(!involvesShard([other.primaryId!], shard, topology));
});
