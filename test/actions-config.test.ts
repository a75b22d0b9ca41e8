import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startActionsHarness, untilDiscovered, type ActionsHarness } from './actions-harness';

const PASSWORD = 'Sup3r-Secret-Redis-PW';
type Run = {
  id: string;
  state: string;
  revert?: { settings: Record<string, string> };
  verify: Array<{ check: string; ok: boolean; detail: string }>;
  steps: Array<{ command: string }>;
};
type Plan = {
  id: string;
  allowed: boolean;
  steps: Array<{ command: string }>;
  preflight: Array<{ check: string; ok: boolean; detail: string }>;
  confirmation: { approvalRequired: boolean };
};

describe('config actions, approvals and secrets (password-protected sandbox)', () => {
  let a: ActionsHarness;
  let applyRun = '';

  before(async () => {
    a = await startActionsHarness({
      approval: ['config.revert'],
      sandbox: { password: PASSWORD, shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] },
    });
    await untilDiscovered(a, 2);
  });
  after(() => a?.stop());

  const configGet = async (name: string) =>
    ((await (await a.client('r1')).call('CONFIG', 'GET', name)) as string[])[1];

  test('config.apply sets the values, verifies them and records the old ones', async () => {
    const before = {
      backlog: await configGet('repl-backlog-size'),
      timeout: await configGet('repl-timeout'),
    };
    const { plan, exec } = await a.planAndRun('olga', {
      action: 'config.apply',
      target: a.id('r1'),
      params: { settings: { 'repl-backlog-size': '8mb', 'repl-timeout': '90' } },
    });
    assert.equal(
      (plan.steps as Plan['steps'])[0]?.command,
      'CONFIG SET repl-backlog-size 8mb repl-timeout 90',
    );
    assert.equal(exec.status, 200, JSON.stringify(exec.body));
    const run = (await a.waitRun(String(exec.body.runId), await a.login('olga'))) as Run;
    assert.equal(run.state, 'succeeded', JSON.stringify(run.verify));
    assert.equal(await configGet('repl-backlog-size'), String(8 * 1024 * 1024));
    assert.equal(await configGet('repl-timeout'), '90');
    assert.deepEqual(run.revert?.settings, {
      'repl-backlog-size': before.backlog,
      'repl-timeout': before.timeout,
    });
    applyRun = run.id;
  });

  test('secrets are refused in config.apply', async () => {
    const cookie = await a.login('ada');
    const plan = (
      await a.api<Plan>('POST', '/api/actions/plan', {
        cookie,
        body: {
          action: 'config.apply',
          target: a.id('r1'),
          params: { settings: { masterauth: 'x' } },
        },
      })
    ).body;
    assert.equal(plan.allowed, false);
    assert.match(plan.preflight.find((c) => c.check === 'config_names')?.detail ?? '', /secrets/);
  });

  test('revert needs a second admin: not the planner, not the runner', async () => {
    const ada = await a.login('ada');
    const bob = await a.login('bob');
    const plan = (
      await a.api<Plan>('POST', '/api/actions/plan', {
        cookie: ada,
        body: { action: 'config.revert', target: a.id('r1'), params: { runId: applyRun } },
      })
    ).body;
    assert.equal(plan.allowed, true, JSON.stringify(plan.preflight));
    assert.equal(plan.confirmation.approvalRequired, true);
    assert.equal(plan.steps[0]?.command, 'CONFIG SET repl-backlog-size 1048576 repl-timeout 60');
    const early = await a.api<{ error: { message: string } }>(
      'POST',
      `/api/actions/plans/${plan.id}/execute`,
      { cookie: ada, body: {} },
    );
    assert.equal(early.status, 403);
    assert.match(early.body.error.message, /approval/);
    assert.equal(
      (await a.api('POST', `/api/actions/plans/${plan.id}/approve`, { cookie: ada })).status,
      403,
    );
    assert.equal(
      (
        await a.api('POST', `/api/actions/plans/${plan.id}/approve`, {
          cookie: await a.login('olga'),
        })
      ).status,
      403,
    );
    assert.equal(
      (await a.api('POST', `/api/actions/plans/${plan.id}/approve`, { cookie: bob })).status,
      200,
    );
    assert.equal(
      (await a.api('POST', `/api/actions/plans/${plan.id}/execute`, { cookie: bob, body: {} }))
        .status,
      403,
    );
    const exec = await a.api<{ runId: string }>('POST', `/api/actions/plans/${plan.id}/execute`, {
      cookie: ada,
      body: {},
    });
    assert.equal(exec.status, 200, JSON.stringify(exec.body));
    const run = (await a.waitRun(exec.body.runId, ada)) as Run & { approvedBy?: string };
    assert.equal(run.state, 'succeeded', JSON.stringify(run.verify));
    assert.equal(run.approvedBy, 'bob');
    assert.equal(await configGet('repl-backlog-size'), '1048576');
    assert.equal(await configGet('repl-timeout'), '60');
    // A plan runs once.
    assert.equal(
      (await a.api('POST', `/api/actions/plans/${plan.id}/execute`, { cookie: ada, body: {} }))
        .status,
      409,
    );
  });

  test('re-attach with a wrong masterauth sets it from the server credentials, shown as ***', async () => {
    const r1 = await a.client('r1');
    await r1.call('CONFIG', 'SET', 'masterauth', 'wrong-one');
    await r1.call('CLIENT', 'KILL', 'TYPE', 'master');
    await a.h.until(
      (t) => t.links.find((l) => l.replica === a.id('r1'))?.linkStatus === 'down',
      'r1 link down (auth)',
    );
    const { plan, exec } = await a.planAndRun('olga', {
      action: 'replica.reattach',
      target: a.id('r1'),
      params: { upstream: a.id('m') },
    });
    const steps = plan.steps as Plan['steps'];
    assert.equal(steps[0]?.command, 'CONFIG SET masterauth ***');
    assert.equal(exec.status, 200, JSON.stringify(exec.body));
    const run = (await a.waitRun(String(exec.body.runId), await a.login('olga'))) as Run;
    assert.equal(run.state, 'succeeded', JSON.stringify(run.verify));
    assert.equal(((await r1.call('CONFIG', 'GET', 'masterauth')) as string[])[1], PASSWORD);
  });

  test('no API payload contains the Redis password; the audit chain verifies', async () => {
    const cookie = await a.login('vic');
    await a.api('GET', '/api/audit?limit=200', { cookie });
    await a.api('GET', '/api/actions/runs?limit=50', { cookie });
    await a.api('GET', '/api/topology', { cookie });
    const verify = await a.api<{ ok: boolean; entries: number }>('GET', '/api/audit/verify', {
      cookie,
    });
    assert.equal(verify.body.ok, true);
    assert.ok(verify.body.entries >= 7);
    assert.ok(a.responses.length > 20);
    for (const text of a.responses)
      assert.ok(!text.includes(PASSWORD), `password leaked in ${text.slice(0, 200)}`);
    const rows = a.h.server.db.prepare('SELECT data FROM audit_log').all() as Array<{
      data: string;
    }>;
    for (const r of rows) assert.ok(!r.data.includes(PASSWORD));
  });
});
