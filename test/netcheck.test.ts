// Seed §3.3's network check against real redis-server processes: a healthy pair behind a fault
// proxy, a dead node, a blackholed link, and password trouble — each told apart step by step.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetCheckResult, NetStep } from '../lib/contracts';
import { partitionLink, proxyAliases } from '../server/sandbox/faults';
import { startHarness, type Harness } from './helpers/server';

const HEADERS = { 'x-replicaops-request': '1' };
// A loaded machine can take over 10 ms for a loopback PING: that is the ping step's warning
// doing its job, so "answered" compares as ok here; a failure still fails.
const answered = (state: string) => (state === 'warning' ? 'ok' : state);
const states = (r: { steps: NetStep[] }) => Object.fromEntries(r.steps.map((s) => [s.id, answered(s.state)]));

describe('network check (DNS → TCP → AUTH → PING → INFO)', () => {
  let h: Harness;
  let m: string;
  let r1: string;
  const check = async (id: string) => {
    const res = await fetch(`${h.server.url}/api/nodes/${encodeURIComponent(id)}/netcheck`, {
      method: 'POST',
      headers: HEADERS,
    });
    return {
      status: res.status,
      body: (await res.json()) as NetCheckResult & { error?: { code: string; message: string } },
    };
  };

  before(async () => {
    h = await startHarness({
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }], faultProxy: true },
      configFile: (sb) => ({ discovery: { aliases: Object.fromEntries(proxyAliases(sb)) } }),
    });
    m = h.sandbox.node('m').id;
    r1 = h.sandbox.node('r1').id;
    await h.until(
      (t) => t.links.some((l) => l.replica === r1 && l.upstream === m && l.linkStatus === 'up'),
      'r1 up under m',
    );
  });
  after(() => h?.stop());

  test('a healthy master passes every step, with round-trip figures', async () => {
    const { status, body } = await check(m);
    assert.equal(status, 200);
    assert.equal(answered(body.node.state), 'ok', JSON.stringify(body.node));
    assert.deepEqual(states(body.node), {
      dns: 'skipped',
      tcp: 'ok',
      auth: 'skipped',
      ping: 'ok',
      redis: 'ok',
    });
    assert.ok(
      body.node.rttMs &&
        body.node.rttMs.min <= body.node.rttMs.avg &&
        body.node.rttMs.avg <= body.node.rttMs.max,
    );
    assert.match(body.node.steps.find((s) => s.id === 'redis')!.detail.en, /role master/);
    assert.equal(body.upstream, undefined, 'a master dials no upstream');
  });

  test("a replica's upstream is checked at the address the replica dials (the proxy), known as its master", async () => {
    const { body } = await check(r1);
    const proxy = h.sandbox.proxy('r1');
    assert.equal(body.upstream?.address, `${proxy.host}:${proxy.port}`);
    assert.equal(body.upstream?.nodeId, m);
    assert.equal(answered(body.upstream?.state ?? ''), 'ok');
    assert.match(body.summary.en, /both reachable/);
  });

  test('a blackholed link: TCP to the dialled address connects, PING times out — and the summary says where to look', async () => {
    const fault = await partitionLink(h.sandbox, 'r1', 'blackhole');
    try {
      const { body } = await check(r1);
      assert.equal(answered(body.node.state), 'ok', 'the replica itself answers');
      assert.deepEqual(states(body.upstream!), {
        dns: 'skipped',
        tcp: 'ok',
        auth: 'skipped',
        ping: 'failed',
        redis: 'skipped',
      });
      assert.match(body.upstream!.verdict.en, /does not answer PING/);
      assert.match(body.summary.zh, /同样失败/);
    } finally {
      await fault.undo?.();
    }
  });

  test('a dead node: connection refused at TCP, later steps not reached, the command to run named', async () => {
    await h.sandbox.kill('r1');
    try {
      const { body } = await check(r1);
      assert.equal(body.node.state, 'failed');
      const tcp = body.node.steps.find((s) => s.id === 'tcp')!;
      assert.equal(tcp.state, 'failed');
      assert.match(tcp.detail.en, /refuses port/);
      assert.match(tcp.command ?? '', /netstat -tulpn \| grep \d+/);
      assert.deepEqual(states(body.node), {
        dns: 'skipped',
        tcp: 'failed',
        auth: 'skipped',
        ping: 'skipped',
        redis: 'skipped',
      });
      // Its last known INFO still names the master it dials, which answers.
      assert.equal(answered(body.upstream?.state ?? ''), 'ok');
    } finally {
      await h.sandbox.restart('r1');
    }
  });

  test('bad requests: 400 for a malformed id, 404 for a node not in the topology', async () => {
    assert.equal((await check('not-an-id')).status, 400);
    const unknown = await check('127.0.0.1:1');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error?.code, 'not_found');
  });
});

describe('network check on a password-protected node', () => {
  let h: Harness;
  after(() => h?.stop());

  test('a wrong password is an auth failure, not a network one; the right one passes', async () => {
    h = await startHarness({
      sandbox: { password: 's3cret-pw', shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] },
      configFile: (sb) => ({ topology: { nodes: { [sb.node('r1').id]: { password: 'wrong' } } } }),
    });
    const m = h.sandbox.node('m').id;
    const r1 = h.sandbox.node('r1').id;
    await h.until((t) => t.nodes.some((n) => n.id === r1), 'r1 known');
    const post = async (id: string) =>
      (await (
        await fetch(`${h.server.url}/api/nodes/${id}/netcheck`, {
          method: 'POST',
          headers: HEADERS,
        })
      ).json()) as NetCheckResult;

    const wrong = await post(r1);
    assert.deepEqual(states(wrong.node), {
      dns: 'skipped',
      tcp: 'ok',
      auth: 'failed',
      ping: 'skipped',
      redis: 'skipped',
    });
    assert.match(wrong.node.verdict.en, /password \(or ACL user\) the dashboard uses is refused/);

    const good = await post(m);
    assert.equal(answered(good.node.state), 'ok');
    assert.equal(good.node.steps.find((s) => s.id === 'auth')?.state, 'ok');
    const text = JSON.stringify([wrong, good]);
    assert.ok(
      !text.includes('s3cret-pw') && !text.includes('"wrong"'),
      'no password in the answer',
    );
  });
});
