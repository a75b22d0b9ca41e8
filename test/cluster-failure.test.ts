// Redis Cluster faults against a real 6-node cluster (cluster-node-timeout 2000 ms).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FindingSchema, IncidentSchema, type Finding } from '../lib/contracts';
import { waitFor } from '../server/sandbox';
import { useClusterHarness, type ClusterHarness } from './helpers/cluster';

/** The incident each finding was filed under, with the title it carries. */
async function incidentOf(h: ClusterHarness, f: Finding) {
  assert.ok(f.incidentId, `${f.kind} on ${f.nodeId} was filed under an incident`);
  const res = await fetch(`${h.server.url}/api/incidents/${f.incidentId}`);
  return IncidentSchema.parse(await res.json());
}

async function openFindings(h: ClusterHarness) {
  const res = await fetch(`${h.server.url}/api/findings?state=open`);
  const body = (await res.json()) as { findings: unknown[] };
  return body.findings.map((f) => FindingSchema.parse(f));
}

test('a killed primary: node_failed, then its replica shown as primary within 2 polls of the cluster agreeing', async (t) => {
  const h = await useClusterHarness(t);
  await h.until((x) => x.cluster?.shards.length === 3 && x.nodes.filter((n) => n.reachable).length === 6, 'cluster discovered');
  const { replicas } = await h.cluster.roles();
  const heir = h.cluster.node(replicas[0]!);
  const victim = h.cluster.node((await h.cluster.primaryOf(heir.name))!);
  await h.cluster.kill(victim.name);

  // node_failed on the victim: first PFAIL (some primaries flag it), then FAIL once a majority
  // of the primaries agree — the finding names how many.
  const agreeing = (f: { detail: { en: string } }) => {
    const m = /(\d) of (\d) primaries flag it/.exec(f.detail.en);
    return m ? { n: Number(m[1]), of: Number(m[2]) } : null;
  };
  await waitFor(
    async () =>
      (await openFindings(h)).some((f) => f.kind === 'node_failed' && f.nodeId === victim.id && (agreeing(f)?.n ?? 0) >= 2),
    20_000,
    { what: 'node_failed with a majority of primaries agreeing' },
  );
  const failed = (await openFindings(h)).find((f) => f.kind === 'node_failed' && f.nodeId === victim.id)!;
  const agree = agreeing(failed);
  assert.ok(agree && agree.n >= 2 && agree.n <= agree.of, failed.detail.en);

  // The cluster agrees when every live node lists the heir as a master.
  const others = h.cluster.nodes.filter((n) => n.name !== victim.name);
  await waitFor(
    async () => {
      for (const n of others) {
        const line = (await h.cluster.call(n.name, ['CLUSTER', 'NODES'])).split('\n').find((l) => l.includes(` ${heir.id}@`));
        if (!line || !/\bmaster\b/.test(line.split(' ')[2] ?? '')) return false;
      }
      return true;
    },
    20_000,
    { what: 'every node agrees the replica is primary', intervalMs: 20 },
  );
  const agreedAt = h.server.monitor.cycles;
  const topo = await h.until(
    (x) => {
      const shard = x.cluster?.shards.find((s) => s.failedIds.includes(victim.id));
      return shard?.primaryId === heir.id && x.nodes.find((n) => n.id === heir.id)?.role === 'master';
    },
    'the heir shown as the shard primary',
    5_000,
  );
  const polls = h.server.monitor.cycles - agreedAt;
  t.diagnostic(`shown ${polls} poll(s) after the cluster agreed`);
  assert.ok(polls <= 2, `shown after ${polls} polls`);
  const shard = topo.cluster!.shards.find((s) => s.primaryId === heir.id)!;
  assert.deepEqual(shard.replicaIds, []);
  assert.equal(topo.cluster?.shards.length, 3, 'the dead primary stays in its shard as failed, not a shard of its own');

  // Incidents group by shard: the dead primary's node_failed and its heir's lost replica are
  // one incident, named after the shard.
  await waitFor(async () => (await openFindings(h)).some((f) => f.kind === 'shard_without_replica' && f.nodeId === heir.id), 10_000, { what: 'shard_without_replica on the heir' });
  const open = await openFindings(h);
  const orphan = open.find((f) => f.kind === 'shard_without_replica' && f.nodeId === heir.id)!;
  const incident = await incidentOf(h, failed);
  assert.equal((await incidentOf(h, orphan)).id, incident.id, 'one incident for the shard');
  assert.ok(incident.title.startsWith(`Shard ${shard.id} (slots `), incident.title);
  const shardIncidents = new Set(open.filter((f) => [victim.id, heir.id].includes(f.nodeId ?? '') && f.severity !== 'info').map((f) => f.incidentId));
  assert.deepEqual([...shardIncidents], [incident.id], 'every finding of the shard’s nodes is in it');
});

test('a killed replica: shard_without_replica on its primary', async (t) => {
  const h = await useClusterHarness(t);
  await h.until((x) => x.cluster?.shards.length === 3 && x.nodes.filter((n) => n.reachable).length === 6, 'cluster discovered');
  const clusterKinds = new Set(['cluster_state_fail', 'shard_without_replica', 'node_failed', 'replica_cannot_failover', 'uneven_replicas', 'replicas_colocated', 'epoch_collision', 'node_unreachable', 'link_down']);
  assert.deepEqual((await openFindings(h)).filter((f) => clusterKinds.has(f.kind)), [], 'a healthy cluster has no cluster finding');
  const { replicas } = await h.cluster.roles();
  const replica = h.cluster.node(replicas[0]!);
  const primary = h.cluster.node((await h.cluster.primaryOf(replica.name))!);
  await h.cluster.kill(replica.name);
  await waitFor(async () => (await openFindings(h)).some((f) => f.kind === 'shard_without_replica'), 15_000, { what: 'shard_without_replica' });
  const found = (await openFindings(h)).filter((f) => f.kind === 'shard_without_replica');
  assert.deepEqual(found.map((f) => f.nodeId), [primary.id]);
  assert.match(found[0]!.remedy.text, /CLUSTER REPLICATE [0-9a-f]{40}/);

  // The replica's own findings and its primary's shard_without_replica: one incident, named after the shard.
  await waitFor(async () => (await openFindings(h)).some((f) => f.kind === 'node_failed' && f.nodeId === replica.id), 10_000, { what: 'node_failed on the replica' });
  const open = await openFindings(h);
  const shardId = h.topology().nodes.find((n) => n.id === primary.id)?.shardId;
  assert.ok(shardId);
  const incident = await incidentOf(h, found[0]!);
  assert.ok(incident.title.startsWith(`Shard ${shardId} (slots `), incident.title);
  const mine = open.filter((f) => [replica.id, primary.id].includes(f.nodeId ?? '') && f.severity !== 'info');
  assert.ok(mine.length >= 3, mine.map((f) => f.kind).join(', '));
  assert.deepEqual([...new Set(mine.map((f) => f.incidentId))], [incident.id], mine.map((f) => `${f.kind}:${f.incidentId}`).join(', '));
});
