// CLUSTER INFO rides a cluster node's poll pipeline (one round trip), against a real cluster.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { logger } from '../server/logger';
import { FULL_PLAN } from '../server/monitor/poll-tiers';
import { NodeClient, type PollResult } from '../server/redis/node-client';
import { waitFor } from '../server/sandbox';
import { startClusterSandbox, type ClusterSandbox } from '../server/sandbox/cluster-sandbox';
import { infoFields } from '../server/sandbox/redis-probe';
import { useClusterHarness } from './helpers/cluster';

function client(c: ClusterSandbox, name: string, credentials: { username?: string; password?: string } = {}): NodeClient {
  const n = c.node(name);
  return new NodeClient({ host: n.host, port: n.port, credentials, connectTimeoutMs: 2000, commandTimeoutMs: 2000, maxBackoffMs: 1000, log: logger('test') });
}

async function clusterInfoCalls(c: ClusterSandbox, name: string): Promise<number> {
  const stat = infoFields(await c.call(name, ['INFO', 'commandstats'])).get('cmdstat_cluster|info') ?? 'calls=0';
  return Number(/calls=(\d+)/.exec(stat)?.[1] ?? 0);
}

function ok(r: PollResult): Extract<PollResult, { ok: true }> {
  assert.ok(r.ok, 'the poll answered');
  return r;
}

describe('a cluster node\'s poll', () => {
  let cluster: ClusterSandbox;
  const clients: NodeClient[] = [];
  before(async () => {
    cluster = await startClusterSandbox({ replicasPerShard: 0, redisServerBin: process.env.REDIS_SERVER_BIN });
  });
  after(async () => {
    for (const c of clients) c.close();
    await cluster?.stop();
  });

  test('reads CLUSTER INFO in the same pipeline every poll once INFO said cluster_enabled:1', async () => {
    const c = client(cluster, 'n1');
    clients.push(c);
    const first = ok(await c.poll(5000, FULL_PLAN));
    assert.equal(first.clusterInfo, undefined, 'not known to be a cluster node before its first INFO');
    const before = await clusterInfoCalls(cluster, 'n1');
    const second = ok(await c.poll(5000, FULL_PLAN));
    const third = ok(await c.poll(5000, { ...FULL_PLAN, withConfig: true }));
    assert.equal(await clusterInfoCalls(cluster, 'n1'), before + 2, 'one CLUSTER INFO per poll');
    assert.equal(second.clusterInfo?.state, 'ok');
    assert.equal(second.clusterInfo?.slotsAssigned, 16384);
    assert.equal(third.config?.['cluster-node-timeout'], '2000', 'CONFIG GET replies still line up after CLUSTER INFO');
    // The node loses its own slots: the very next poll says the cluster is down, as the node does.
    await cluster.call('n1', ['CLUSTER', 'DELSLOTSRANGE', '0', '5460']);
    await waitFor(async () => ok(await c.poll(5000, FULL_PLAN)).clusterInfo?.state === 'fail', 10_000, { what: 'cluster_state:fail in the poll' });
    const down = ok(await c.poll(5000, FULL_PLAN));
    assert.equal(down.clusterInfo?.slotsAssigned, 16384 - 5461);
  });

  test('a node that refuses CLUSTER INFO still answers the poll with its INFO', async () => {
    await cluster.call('n2', ['ACL', 'SETUSER', 'nocluster', 'on', '>pw', '~*', '+@all', '-cluster']);
    const c = client(cluster, 'n2', { username: 'nocluster', password: 'pw' });
    clients.push(c);
    ok(await c.poll(5000, FULL_PLAN));
    const r = ok(await c.poll(5000, FULL_PLAN));
    assert.match(r.info ?? '', /cluster_enabled:1/);
    assert.equal(r.clusterInfo, undefined);
  });
});

test('the topology\'s cluster_state follows each poll\'s CLUSTER INFO, not only the slower cluster read', async (t) => {
  const h = await useClusterHarness(t, { sandbox: { replicasPerShard: 0 } });
  await h.until((x) => x.cluster?.state === 'ok' && x.nodes.filter((n) => n.reachable).length === 3, 'a 3-shard cluster read');
  const seen: Array<{ state: string; readAt: number; polled?: { state: string; at: number } }> = [];
  h.server.monitor.on('cycle', ({ topology }) => {
    const c = topology.cluster;
    if (!c) return;
    const polled = h.server.monitor.clusterInfoReadings().find((r) => r.id === c.readFrom);
    seen.push({ state: c.state, readAt: c.readAt, ...(polled ? { polled: { state: polled.info.state, at: polled.at } } : {}) });
  });
  // Right after a cluster read (readAt moved), so the next one is seconds away while polls run.
  const lastRead = h.topology().cluster!.readAt;
  await waitFor(() => seen.some((s) => s.readAt > lastRead), 15_000, { what: 'a fresh cluster read' });
  const readFrom = h.topology().cluster!.readFrom;
  await h.cluster.call(h.cluster.nodes.find((n) => n.id === readFrom)!.name, ['CLUSTER', 'DELSLOTSRANGE', '0', '100']);
  await waitFor(() => seen.some((s) => s.polled && s.polled.at > s.readAt && s.polled.state === 'fail'), 15_000, {
    what: 'a poll reading cluster_state:fail after the last cluster read',
  });
  assert.equal(h.topology().cluster?.state, 'fail');
  for (const s of seen.filter((x) => x.polled && x.polled.at > x.readAt)) assert.equal(s.state, s.polled?.state, 'the topology shows the poll\'s own reading');
});
