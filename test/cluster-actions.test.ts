// cluster.failover through the product (plan → confirm → run → verify) on a real 6-node cluster.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword } from '../server/auth/password';
import { waitFor } from '../server/sandbox';
import { useClusterHarness, type ClusterHarness } from './helpers/cluster';

const PASSWORDS = { olga: 'olga-password-1', ada: 'ada-password-1' };

async function session(h: ClusterHarness, user: keyof typeof PASSWORDS) {
  const res = await fetch(`${h.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
    body: JSON.stringify({ username: user, password: PASSWORDS[user] }),
  });
  assert.equal(res.status, 200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(h.server.url + path, {
      method,
      headers: { cookie, 'x-replicaops-request': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
}

test('cluster.failover (default mode) by an operator swaps primary and replica and verifies with CLUSTER SHARDS', async (t) => {
  const users = [
    { username: 'olga', role: 'operator', passwordHash: await hashPassword(PASSWORDS.olga, 1024) },
    { username: 'ada', role: 'admin', passwordHash: await hashPassword(PASSWORDS.ada, 1024) },
  ];
  const h = await useClusterHarness(t, { configFile: { auth: { users } } });
  await h.until((x) => x.cluster?.shards.length === 3 && x.nodes.filter((n) => n.reachable).length === 6, 'cluster discovered');
  const { replicas } = await h.cluster.roles();
  const replica = h.cluster.node(replicas[0]!);
  const primary = h.cluster.node((await h.cluster.primaryOf(replica.name))!);
  const olga = await session(h, 'olga');

  // TAKEOVER is an admin's, with the documented warning.
  const takeover = await olga('POST', '/api/actions/plan', { action: 'cluster.failover', target: replica.id, params: { mode: 'takeover' } });
  assert.equal(takeover.status, 200);
  assert.equal(takeover.body.destructive, true);
  assert.equal((takeover.body.confirmation as { role: string }).role, 'admin');
  assert.match(JSON.stringify(takeover.body.warnings), /last-failover-wins/);

  const plan = await olga('POST', '/api/actions/plan', { action: 'cluster.failover', target: replica.id, params: {} });
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
  assert.equal(plan.body.allowed, true, JSON.stringify(plan.body.preflight));
  assert.deepEqual((plan.body.steps as Array<{ command: string }>).map((s) => s.command)[0], 'CLUSTER FAILOVER');
  const exec = await olga('POST', `/api/actions/plans/${String(plan.body.id)}/execute`, {});
  assert.equal(exec.status, 200, JSON.stringify(exec.body));
  let run: Record<string, unknown> = {};
  await waitFor(async () => {
    run = (await olga('GET', `/api/actions/runs/${String(exec.body.runId)}`)).body;
    return run.state !== 'running';
  }, 40_000, { what: 'the run to end' });
  assert.equal(run.state, 'succeeded', JSON.stringify(run));
  const verify = run.verify as Array<{ check: string; ok: boolean }>;
  assert.deepEqual(verify.map((v) => [v.check, v.ok]), [['primary_in_shards', true], ['old_primary_replica', true]]);
  // The nodes say so themselves, and the dashboard shows the swap.
  assert.equal((await h.cluster.roles()).primaries.includes(replica.name), true);
  assert.equal(await h.cluster.primaryOf(primary.name), replica.name);
  await h.until((x) => x.cluster?.shards.some((s) => s.primaryId === replica.id && s.replicaIds.includes(primary.id)) === true, 'the swapped shard in the topology');
});

test('cluster.replicate refuses a primary that is not in the target\'s cluster', async (t) => {
  const h = await useClusterHarness(t);
  await h.until((x) => x.cluster?.shards.length === 3, 'cluster discovered');
  const { replicas } = await h.cluster.roles();
  const res = await fetch(`${h.server.url}/api/actions/plan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
    body: JSON.stringify({ action: 'cluster.replicate', target: h.cluster.node(replicas[0]!).id, params: { primary: '127.0.0.1:1' } }),
  });
  const body = (await res.json()) as { allowed?: boolean; preflight?: Array<{ check: string; ok: boolean }>; error?: unknown };
  // An address outside the topology may be refused before planning; otherwise the plan says why.
  if (res.status >= 400 && res.status < 500) return assert.ok(body.error);
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.equal(body.allowed, false);
  assert.equal(body.preflight?.find((c) => c.check === 'same_cluster')?.ok, false);
});

test('cluster.replicate puts a spare under a shard left without replica, and shard_without_replica resolves', async (t) => {
  const h = await useClusterHarness(t, { sandbox: { spares: 1 } });
  await h.until((x) => x.cluster?.members.length === 7 && x.nodes.filter((n) => n.reachable).length === 7, 'cluster and spare discovered');
  const spare = h.cluster.nodes[6]!;
  const { replicas } = await h.cluster.roles();
  const lost = h.cluster.node(replicas[0]!);
  const primary = h.cluster.node((await h.cluster.primaryOf(lost.name))!);
  await h.cluster.kill(lost.name);
  type Found = { id: string; kind: string; nodeId?: string; remedy: { actionId?: string; params?: { nodeId?: string; primary?: string } } };
  const open = async () => ((await (await fetch(`${h.server.url}/api/findings?state=open`)).json()) as { findings: Found[] }).findings;
  await waitFor(async () => (await open()).some((f) => f.kind === 'shard_without_replica' && f.nodeId === primary.id), 15_000, { what: 'shard_without_replica' });

  const post = async (path: string, body: unknown) => {
    const r = await fetch(h.server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' }, body: JSON.stringify(body) });
    return (await r.json()) as Record<string, unknown>;
  };
  // The finding's own remedy names the spare and the primary: the "Fix" button's plan.
  const finding = (await open()).find((f) => f.kind === 'shard_without_replica')!;
  assert.equal(finding.remedy.actionId, 'cluster.replicate');
  assert.deepEqual(finding.remedy.params, { nodeId: spare.id, primary: primary.id });
  const plan = await post('/api/actions/plan', { action: 'cluster.replicate', target: spare.id, params: { primary: primary.id }, findingId: finding.id });
  assert.equal(plan.allowed, true, JSON.stringify(plan.preflight));
  assert.match((plan.steps as Array<{ command: string }>)[0]!.command, /^CLUSTER REPLICATE [0-9a-f]{40}$/);
  const exec = await post(`/api/actions/plans/${String(plan.id)}/execute`, {});
  let run: Record<string, unknown> = {};
  await waitFor(async () => {
    run = (await (await fetch(`${h.server.url}/api/actions/runs/${String(exec.runId)}`)).json()) as Record<string, unknown>;
    return run.state !== 'running';
  }, 40_000, { what: 'the run to end' });
  assert.equal(run.state, 'succeeded', JSON.stringify(run));
  assert.equal(await h.cluster.primaryOf(spare.name), primary.name);
  await h.until((x) => x.cluster?.shards.some((s) => s.primaryId === primary.id && s.replicaIds.includes(spare.id)) === true, 'the spare in the shard');
  await waitFor(async () => !(await open()).some((f) => f.kind === 'shard_without_replica'), 15_000, { what: 'shard_without_replica resolved' });
});
