import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  field,
  startActionsHarness,
  untilDiscovered,
  type ActionsHarness,
} from './actions-harness';

describe('actions API guards', () => {
  let a: ActionsHarness;

  before(async () => {
    a = await startActionsHarness();
    await untilDiscovered(a, 4);
  });
  after(() => a?.stop());

  test('an anonymous request to every action and audit route gets 401', async () => {
    const routes = a.h.server.router
      .list()
      .filter((r) => r.path.startsWith('/api/actions') || r.path.startsWith('/api/audit'));
    assert.ok(routes.length >= 9, `only ${routes.length} routes`);
    for (const r of routes) {
      const p = r.path.replace(':id', 'plan-xxxx');
      const res = await a.api<{ error: { code: string } }>(
        r.method,
        p,
        r.method === 'POST' ? { body: {} } : {},
      );
      assert.equal(res.status, 401, `${r.method} ${r.path}`);
      assert.equal(res.body.error.code, 'unauthorized');
    }
  });

  test('the catalog lists the five actions with params schema, role and both languages', async () => {
    const cookie = await a.login('vic');
    const { body } = await a.api<{
      actions: Array<{
        id: string;
        destructive: boolean;
        role: string;
        paramsSchema: object;
        description: { en: string; zh: string };
      }>;
    }>('GET', '/api/actions', { cookie });
    const ids = body.actions.map((x) => x.id);
    for (const id of [
      'replica.reattach',
      'replica.reconnect',
      'replica.resync',
      'replica.promote',
      'config.apply',
    ])
      assert.ok(ids.includes(id), id);
    const resync = body.actions.find((x) => x.id === 'replica.resync');
    assert.equal(resync?.destructive, true);
    assert.equal(resync?.role, 'admin');
    assert.match(resync?.description.zh ?? '', /全量同步/);
    assert.equal(body.actions.find((x) => x.id === 'replica.reconnect')?.role, 'operator');
  });

  test('a viewer may not plan (403, audited); an operator plans and runs a reconnect', async () => {
    const vic = await a.login('vic');
    const refused = await a.api<{ error: { code: string } }>('POST', '/api/actions/plan', {
      cookie: vic,
      body: { action: 'replica.reconnect', target: a.id('r2'), params: {} },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
    const olga = await a.login('olga');
    const plan = await a.api<{ id: string; allowed: boolean; steps: Array<{ command: string }> }>(
      'POST',
      '/api/actions/plan',
      { cookie: olga, body: { action: 'replica.reconnect', target: a.id('r2'), params: {} } },
    );
    assert.equal(plan.status, 200);
    assert.equal(plan.body.allowed, true);
    assert.equal(plan.body.steps[0]?.command, 'CLIENT KILL TYPE master');
    const audit = await a.api<{
      entries: Array<{ kind: string; actor: string; data: { refused?: unknown } }>;
    }>('GET', '/api/audit?limit=10', { cookie: olga });
    const planned = audit.body.entries.filter((e) => e.kind === 'plan.created');
    assert.ok(
      planned.some((e) => e.actor === 'vic' && e.data.refused),
      'the refused plan is audited',
    );
    assert.ok(
      planned.some((e) => e.actor === 'olga' && !e.data.refused),
      'the plan is audited',
    );
  });

  test('a wrong typed confirmation is refused and nothing is sent to the replica', async () => {
    const r1 = await a.client('r1');
    const replidBefore = await field(r1, 'replication', 'master_replid');
    const cookie = await a.login('ada');
    const plan = await a.api<{
      id: string;
      allowed: boolean;
      confirmation: { typed: string; role: string; reasonRequired: boolean };
    }>('POST', '/api/actions/plan', {
      cookie,
      body: { action: 'replica.resync', target: a.id('r1'), params: {} },
    });
    assert.equal(plan.body.allowed, true);
    assert.deepEqual(
      [
        plan.body.confirmation.role,
        plan.body.confirmation.typed,
        plan.body.confirmation.reasonRequired,
      ],
      ['admin', a.id('r1'), true],
    );
    const exec = await a.api<{ error: { message: string } }>(
      'POST',
      `/api/actions/plans/${plan.body.id}/execute`,
      { cookie, body: { confirm: a.id('r2'), reason: 'test' } },
    );
    assert.equal(exec.status, 400);
    assert.match(exec.body.error.message, /type the node id/);
    // Missing reason is refused the same way.
    const noReason = await a.api('POST', `/api/actions/plans/${plan.body.id}/execute`, {
      cookie,
      body: { confirm: a.id('r1') },
    });
    assert.equal(noReason.status, 400);
    assert.equal(await field(r1, 'replication', 'role'), 'slave');
    assert.equal(await field(r1, 'replication', 'master_replid'), replidBefore);
    assert.equal(await field(r1, 'commandstats', 'cmdstat_replicaof'), undefined);
    assert.equal(await field(r1, 'commandstats', 'cmdstat_multi'), undefined);
    const audit = await a.api<{ entries: Array<{ kind: string; planId: string }> }>(
      'GET',
      '/api/audit?limit=5',
      { cookie },
    );
    assert.equal(
      audit.body.entries.filter((e) => e.planId === plan.body.id && e.kind === 'run.refused')
        .length,
      2,
    );
  });

  test('an operator can neither plan nor run a destructive action', async () => {
    const cookie = await a.login('olga');
    const plan = await a.api<{ error: { message: string } }>('POST', '/api/actions/plan', {
      cookie,
      body: { action: 'replica.resync', target: a.id('r2'), params: {} },
    });
    assert.equal(plan.status, 403);
    assert.match(plan.body.error.message, /admin/);
    // A plan an admin made is still not the operator's to run.
    const adminPlan = await a.api<{ id: string }>('POST', '/api/actions/plan', {
      cookie: await a.login('ada'),
      body: { action: 'replica.resync', target: a.id('r2'), params: {} },
    });
    const exec = await a.api<{ error: { message: string } }>(
      'POST',
      `/api/actions/plans/${adminPlan.body.id}/execute`,
      { cookie, body: { confirm: a.id('r2'), reason: 'x' } },
    );
    assert.equal(exec.status, 403);
    assert.match(exec.body.error.message, /admin/);
  });

  test('a plan that would close a replication cycle is refused at preflight', async () => {
    const cookie = await a.login('ada');
    // r1a replicates from r1: pointing r1 at r1a closes r1 → r1a → r1.
    const plan = await a.api<{
      id: string;
      allowed: boolean;
      preflight: Array<{ check: string; ok: boolean; detail: string }>;
    }>('POST', '/api/actions/plan', {
      cookie,
      body: {
        action: 'replica.reattach',
        target: a.id('r1'),
        params: { upstream: a.id('r1a'), allowChain: true },
      },
    });
    assert.equal(plan.status, 200);
    assert.equal(plan.body.allowed, false);
    const cyc = plan.body.preflight.find((c) => c.check === 'no_cycle');
    assert.equal(cyc?.ok, false);
    assert.match(cyc?.detail ?? '', /cycle/);
    const exec = await a.api('POST', `/api/actions/plans/${plan.body.id}/execute`, {
      cookie,
      body: { confirm: a.id('r1'), reason: 'x' },
    });
    assert.equal(exec.status, 409);
    assert.equal(await field(await a.client('r1'), 'commandstats', 'cmdstat_replicaof'), undefined);
  });

  test('bad params are a 400 naming the field, not a 500', async () => {
    const cookie = await a.login('ada');
    const res = await a.api<{ error: { message: string } }>('POST', '/api/actions/plan', {
      cookie,
      body: { action: 'replica.reattach', target: a.id('r1'), params: { upstream: 'nope' } },
    });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /params\.upstream/);
  });
});

describe('actions in read-only mode', () => {
  let a: ActionsHarness;
  before(async () => {
    a = await startActionsHarness({
      readOnly: true,
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] },
    });
    await untilDiscovered(a, 2);
  });
  after(() => a?.stop());

  test('planning works, executing is 403 with a clear message', async () => {
    const cookie = await a.login('ada');
    const plan = await a.api<{ id: string; allowed: boolean; warnings: Array<{ en: string }> }>(
      'POST',
      '/api/actions/plan',
      { cookie, body: { action: 'replica.reconnect', target: a.id('r1'), params: {} } },
    );
    assert.equal(plan.body.allowed, true);
    assert.match(plan.body.warnings[0]?.en ?? '', /Read-only/);
    const exec = await a.api<{ error: { message: string } }>(
      'POST',
      `/api/actions/plans/${plan.body.id}/execute`,
      { cookie, body: {} },
    );
    assert.equal(exec.status, 403);
    assert.match(exec.body.error.message, /read-only/);
    assert.equal(
      (await a.api<{ readOnly: boolean }>('GET', '/api/actions', { cookie })).body.readOnly,
      true,
    );
  });
});
