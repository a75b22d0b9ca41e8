import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  field,
  startActionsHarness,
  untilDiscovered,
  type ActionsHarness,
  type Run,
} from './actions-harness';

type Plan = {
  id: string;
  allowed: boolean;
  steps: Array<{ nodeId: string; command: string }>;
  preflight: Array<{ check: string; ok: boolean; detail: string }>;
  warnings: Array<{ en: string }>;
};

describe('promote with the master up (FAILOVER)', () => {
  let a: ActionsHarness;
  before(async () => {
    a = await startActionsHarness(); // m; r1, r2 of m; r1a of r1
    await untilDiscovered(a, 4);
  });
  after(() => a?.stop());

  test('promote with re-pointing leaves one master and every other node replicating from it', async () => {
    const cookie = await a.login('ada');
    const fullBefore = await field(await a.client('r1'), 'stats', 'sync_full');
    const plan = (
      await a.api<Plan>('POST', '/api/actions/plan', {
        cookie,
        body: { action: 'replica.promote', target: a.id('r1'), params: { repoint: true } },
      })
    ).body;
    assert.equal(plan.allowed, true, JSON.stringify(plan.preflight));
    assert.match(plan.steps[0]?.command ?? '', /^FAILOVER TO 127\.0\.0\.1 \d+ TIMEOUT \d+$/);
    assert.equal(plan.steps[0]?.nodeId, a.id('m'));
    assert.ok(
      plan.steps.some(
        (s) => s.nodeId === a.id('r2') && s.command.startsWith('REPLICAOF 127.0.0.1'),
      ),
    );
    const exec = await a.api<{ runId: string }>('POST', `/api/actions/plans/${plan.id}/execute`, {
      cookie,
      body: { confirm: a.id('r1'), reason: 'planned failover' },
    });
    assert.equal(exec.status, 200, JSON.stringify(exec.body));
    const run = (await a.waitRun(exec.body.runId, cookie)) as Run;
    assert.equal(run.state, 'succeeded', JSON.stringify(run));
    assert.ok(run.verify.find((c) => c.check === 'one_master')?.ok);
    assert.equal(await field(await a.client('r1'), 'replication', 'role'), 'master');
    const port = String(a.h.sandbox.node('r1').port);
    for (const name of ['m', 'r2', 'r1a']) {
      const c = await a.client(name);
      assert.equal(await field(c, 'replication', 'role'), 'slave', name);
      assert.equal(await field(c, 'replication', 'master_port'), port, name);
    }
    // FAILOVER hands over the same history: the old master and r2 re-attached partially.
    assert.equal(await field(await a.client('r1'), 'stats', 'sync_full'), fullBefore);
  });
});

describe('promote with the master dead', () => {
  let a: ActionsHarness;
  before(async () => {
    a = await startActionsHarness({
      sandbox: {
        shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }],
      },
    });
    await untilDiscovered(a, 3);
    // r2 is down while r1 gets more writes, then the master dies: r2 is the worse candidate.
    await a.h.sandbox.kill('r2');
    const m = await a.client('m');
    for (let i = 0; i < 50; i++) await m.set(`late:${i}`, 'x'.repeat(100));
    await a.h.sandbox.waitFor(
      async () => (await (await a.client('r1')).dbsize()) === 50,
      5000,
      'r1 has the writes',
    );
    await a.h.sandbox.kill('m');
    await a.h.sandbox.restart('r2');
    await a.h.until(
      (t) => t.nodes.find((n) => n.id === a.id('m'))?.reachable === false,
      'm seen down',
    );
  });
  after(() => a?.stop());

  test('a candidate behind its sibling is refused unless forced, naming the bytes and the better one', async () => {
    const cookie = await a.login('ada');
    const plan = (
      await a.api<Plan>('POST', '/api/actions/plan', {
        cookie,
        body: { action: 'replica.promote', target: a.id('r2'), params: { repoint: true } },
      })
    ).body;
    assert.equal(plan.allowed, false);
    const synced = plan.preflight.find((c) => c.check === 'candidate_synced');
    assert.equal(synced?.ok, false);
    assert.match(
      synced?.detail ?? '',
      new RegExp(`\\d+ bytes behind .*${a.id('r1')} \\(offset \\d+\\) is the better candidate`),
    );
    const forced = (
      await a.api<Plan>('POST', '/api/actions/plan', {
        cookie,
        body: { action: 'replica.promote', target: a.id('r2'), params: { force: true } },
      })
    ).body;
    assert.equal(forced.preflight.find((c) => c.check === 'candidate_synced')?.ok, true);
  });

  test('promoting the up-to-date replica detaches it, re-points the sibling and warns about the unfenced old master', async () => {
    const cookie = await a.login('ada');
    const plan = (
      await a.api<Plan>('POST', '/api/actions/plan', {
        cookie,
        body: { action: 'replica.promote', target: a.id('r1'), params: { repoint: true } },
      })
    ).body;
    assert.equal(plan.allowed, true, JSON.stringify(plan.preflight));
    assert.deepEqual(
      plan.steps.map((s) => s.command.split(' ')[0] + ' ' + s.nodeId),
      [`REPLICAOF ${a.id('r1')}`, `REPLICAOF ${a.id('r2')}`],
    );
    assert.equal(plan.steps[0]?.command, 'REPLICAOF NO ONE');
    assert.ok(plan.warnings.some((w) => /cannot be fenced/.test(w.en)));
    const exec = await a.api<{ runId: string }>('POST', `/api/actions/plans/${plan.id}/execute`, {
      cookie,
      body: { confirm: a.id('r1'), reason: 'master lost' },
    });
    const run = (await a.waitRun(exec.body.runId, cookie)) as Run;
    assert.equal(run.state, 'succeeded', JSON.stringify(run));
    const r2 = await a.client('r2');
    assert.equal(
      await field(r2, 'replication', 'master_port'),
      String(a.h.sandbox.node('r1').port),
    );
    await a.h.sandbox.waitFor(async () => (await r2.dbsize()) === 50, 5000, 'r2 caught up from r1');
  });
});
