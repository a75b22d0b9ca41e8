// Redis Cluster discovery against a real 6-node cluster (3 shards × 1 replica).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TopologySchema } from '../lib/contracts';
import { infoFields } from '../server/sandbox/redis-probe';
import { useClusterHarness } from './helpers/cluster';

test('discovery from one replica\'s address finds 3 shards with their slots, primaries and replicas', async (t) => {
  const h = await useClusterHarness(t, { seed: async (c) => c.node((await c.roles()).replicas[0]!).id });
  const topo = await h.until((x) => x.cluster?.shards.length === 3 && x.nodes.filter((n) => n.reachable).length === 6, '3 shards and 6 polled nodes');
  const res = await fetch(`${h.server.url}/api/topology`);
  const body = TopologySchema.parse(await res.json());
  assert.equal(body.cluster?.state, 'ok');
  assert.equal(body.cluster?.slotsAssigned, 16384);
  assert.deepEqual(body.cluster?.shards.map((s) => s.slots), [[[0, 5460]], [[5461, 10922]], [[10923, 16383]]]);
  // Each shard's primary and replica are the ones the nodes themselves report.
  for (const shard of body.cluster.shards) {
    assert.equal(shard.health, 'ok');
    assert.equal(shard.replicaIds.length, 1);
    const replica = h.cluster.node(shard.replicaIds[0]!);
    assert.equal(h.cluster.node((await h.cluster.primaryOf(replica.name))!).id, shard.primaryId);
    // The link primary → replica is drawn with its gap, like any replication link.
    const link = topo.links.find((l) => l.replica === replica.id);
    assert.equal(link?.upstream, shard.primaryId);
    assert.equal(link?.linkStatus, 'up');
  }
  for (const n of body.nodes) assert.ok(n.shardId, `${n.id} carries its shard`);
  const info = infoFields(await h.cluster.call('n1', ['INFO', 'cluster']));
  assert.equal(info.get('cluster_enabled'), '1');
});
