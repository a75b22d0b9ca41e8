import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionProgress } from '../lib/contracts';
import {
  field,
  startActionsHarness,
  untilDiscovered,
  type ActionsHarness,
  type Run,
} from './actions-harness';


describe('replica actions on a live topology', () => {
  let a: ActionsHarness;

  before(async () => {
    a = await startActionsHarness({
      sandbox: {
        shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }],
      },
    });
    await untilDiscovered(a, 3);
    const m = await a.client('m');
    for (let i = 0; i < 500; i++) await m.set(`key:${i}`, 'x'.repeat(200));
    // A replica fresh from a diskless sync is put online at its first ACK (up to 1 s later).
    for (const r of ['r1', 'r2'])
      await a.h.sandbox.waitFor(
        async () => (await (await a.client(r)).dbsize()) === 500,
        5000,
        `${r} has the keys`,
      );
  });
  after(() => a?.stop());

  test('re-attach after REPLICAOF NO ONE restores the link and the offsets converge', async () => {
    const r2 = await a.client('r2');
    await r2.call('REPLICAOF', 'NO', 'ONE');
    await a.h.until(
      (t) => t.nodes.find((n) => n.id === a.id('r2'))?.role === 'master',
      'r2 detached',
    );
    // A detached node with keys makes the plan destructive: the sync will replace them.
    const { plan, exec } = await a.planAndRun(
      'ada',
      { action: 'replica.reattach', target: a.id('r2'), params: { upstream: a.id('m') } },
      { confirm: a.id('r2'), reason: 'reattach test' },
    );
    assert.equal(plan.allowed, true, JSON.stringify(plan.preflight));
    assert.equal(plan.destructive, true);
    assert.equal(exec.status, 200, JSON.stringify(exec.body));
    const run = (await a.waitRun(String(exec.body.runId), await a.login('ada'))) as Run;
    assert.equal(run.state, 'succeeded', JSON.stringify(run.verify));
    assert.ok(run.verify.some((c) => c.check === 'offsets_converge' && c.ok));
    assert.equal(await field(r2, 'replication', 'master_link_status'), 'up');
    const m = await a.client('m');
    await m.set('after-reattach', '1');
    await a.h.sandbox.waitFor(
      async () => (await r2.get('after-reattach')) === '1',
      5000,
      'write replicated',
    );
  });

  test('a forced resync does a new full sync on the master, reports bytes and ends verified', async () => {
    const m = await a.client('m');
    const before = Number(await field(m, 'stats', 'sync_full'));
    const progress: ActionProgress[] = [];
    const onProgress = (p: ActionProgress) => progress.push(p);
    a.actions.on('progress', onProgress);
    const { plan, exec } = await a.planAndRun(
      'ada',
      { action: 'replica.resync', target: a.id('r1'), params: {} },
      { confirm: a.id('r1'), reason: 'resync test' },
    );
    const steps = plan.steps as Array<{ command: string }>;
    assert.match(
      steps[0]?.command ?? '',
      /^MULTI ; REPLICAOF NO ONE ; REPLICAOF 127\.0\.0\.1 \d+ ; EXEC$/,
    );
    assert.ok(!JSON.stringify(plan).includes('FLUSHALL ;'));
    assert.ok(
      (plan.preflight as Array<{ check: string; detail: string }>).some(
        (c) => c.check === 'data_discarded' && /discard \d+ keys/.test(c.detail),
      ),
    );
    const run = (await a.waitRun(String(exec.body.runId), await a.login('ada'))) as Run;
    a.actions.off('progress', onProgress);
    assert.equal(run.state, 'succeeded', JSON.stringify(run));
    assert.equal(Number(await field(m, 'stats', 'sync_full')), before + 1);
    assert.ok(run.verify.find((c) => c.check === 'full_sync_happened')?.ok);
    assert.ok(progress.some((p) => p.phase === 'step' && p.stepState === 'ok'));
    assert.ok(progress.some((p) => p.phase === 'verify'));
    assert.equal(await (await a.client('r1')).dbsize(), await m.dbsize());
  });

  test('reconnect drops the link and it comes back with a partial resync', async () => {
    const m = await a.client('m');
    const full = Number(await field(m, 'stats', 'sync_full'));
    const { exec } = await a.planAndRun('olga', {
      action: 'replica.reconnect',
      target: a.id('r2'),
      params: {},
    });
    assert.equal(exec.status, 200, JSON.stringify(exec.body));
    const run = (await a.waitRun(String(exec.body.runId), await a.login('olga'))) as Run;
    assert.equal(run.state, 'succeeded', JSON.stringify(run.verify));
    assert.match(run.verify.find((c) => c.check === 'sync_kind')?.detail ?? '', /partial/);
    assert.equal(Number(await field(m, 'stats', 'sync_full')), full);
  });

  test('run list and audit show the runs; the audit chain verifies', async () => {
    const cookie = await a.login('vic');
    const runs = await a.api<{ runs: Array<{ action: string; state: string }> }>(
      'GET',
      '/api/actions/runs?limit=10',
      { cookie },
    );
    assert.deepEqual(
      runs.body.runs.map((r) => r.action),
      ['replica.reconnect', 'replica.resync', 'replica.reattach'],
    );
    const audit = await a.api<{
      entries: Array<{
        kind: string;
        actor: string;
        reason: string | null;
        data: { commands?: unknown[] };
      }>;
    }>('GET', '/api/audit?limit=50', { cookie });
    const started = audit.body.entries.filter((e) => e.kind === 'run.started');
    assert.equal(started.length, 3);
    assert.equal(started.find((e) => e.reason === 'resync test')?.actor, 'ada');
    assert.ok(
      audit.body.entries
        .filter((e) => e.kind === 'run.finished')
        .every((e) => Array.isArray(e.data.commands)),
    );
    const verify = await a.api<{ ok: boolean; entries: number }>('GET', '/api/audit/verify', {
      cookie,
    });
    // Three plans (plan.created), three runs started and finished.
    assert.deepEqual([verify.body.ok, verify.body.entries], [true, 9]);
  });
});

describe('one action at a time per topology', () => {
  let a: ActionsHarness;

  before(async () => {
    // A diskless sync that waits 3 s before sending keeps the first run busy long enough.
    a = await startActionsHarness({
      sandbox: {
        shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }],
        extraConfig: { m: { 'repl-diskless-sync': 'yes', 'repl-diskless-sync-delay': '3' } },
      },
    });
    await untilDiscovered(a, 3);
  });
  after(() => a?.stop());

  test('a second action while one runs is refused at plan time and at execute', async () => {
    const cookie = await a.login('ada');
    const second = await a.api<{ id: string }>('POST', '/api/actions/plan', {
      cookie: await a.login('olga'),
      body: { action: 'replica.reconnect', target: a.id('r2'), params: {} },
    });
    const first = await a.planAndRun(
      'ada',
      { action: 'replica.resync', target: a.id('r1'), params: {} },
      { confirm: a.id('r1'), reason: 'long one' },
    );
    assert.equal(first.exec.status, 200);
    const exec2 = await a.api<{ error: { message: string } }>(
      'POST',
      `/api/actions/plans/${second.body.id}/execute`,
      { cookie: await a.login('olga'), body: {} },
    );
    assert.equal(exec2.status, 409);
    assert.match(exec2.body.error.message, /one action at a time/);
    const third = await a.api<{
      allowed: boolean;
      preflight: Array<{ check: string; ok: boolean }>;
    }>('POST', '/api/actions/plan', {
      cookie,
      body: { action: 'replica.reconnect', target: a.id('r2'), params: {} },
    });
    assert.equal(third.body.allowed, false);
    assert.equal(third.body.preflight.find((c) => c.check === 'no_other_action')?.ok, false);
    const run = (await a.waitRun(String(first.exec.body.runId), cookie)) as Run;
    assert.equal(run.state, 'succeeded', JSON.stringify(run.verify));
    // The lock is released: the same kind of plan is allowed again.
    const again = await a.api<{ allowed: boolean }>('POST', '/api/actions/plan', {
      cookie,
      body: { action: 'replica.reconnect', target: a.id('r2'), params: {} },
    });
    assert.equal(again.body.allowed, true);
  });
});
