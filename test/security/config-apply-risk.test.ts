// Finding 1 of the security review, replayed against real redis-server nodes holding keys: a
// "non-destructive" config.apply that would evict every key, block every write or break
// replication for good. The risk model computes each setting's effect from the node's live
// INFO/CONFIG: such plans are refused with a clear code (or, forced by an admin, destructive),
// executing them is refused, and the data survives on the master and its replicas.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startActionsHarness, untilDiscovered, type ActionsHarness } from '../actions-harness';

const KEYS = 4000;

interface Plan {
  id: string;
  allowed: boolean;
  destructive: boolean;
  preflight: Array<{ check: string; ok: boolean; detail: string; detailZh?: string }>;
  warnings: Array<{ en: string; zh: string }>;
  confirmation: { role: string; typed?: string; reasonRequired: boolean };
  effects?: Array<{
    setting: string;
    code: string;
    level: string;
    text: { en: string; zh: string };
    evictKeys?: number;
    evictBytes?: number;
  }>;
}

describe('config.apply risk model (finding 1)', () => {
  let a: ActionsHarness;

  before(async () => {
    a = await startActionsHarness({
      sandbox: {
        shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }],
      },
    });
    await untilDiscovered(a, 3);
    const m = await a.client('m');
    const pipe = m.pipeline();
    for (let i = 0; i < KEYS; i++) pipe.set(`user:${i}`, 'x'.repeat(200));
    await pipe.exec();
    for (const r of ['r1', 'r2']) {
      const c = await a.client(r);
      for (let i = 0; i < 200 && Number(await c.dbsize()) < KEYS; i++)
        await new Promise((res) => setTimeout(res, 50));
    }
  });
  after(() => a?.stop());

  const plan = async (user: 'olga' | 'ada', settings: Record<string, string>, force?: boolean) => {
    const res = await a.api<Plan>('POST', '/api/actions/plan', {
      cookie: await a.login(user),
      body: {
        action: 'config.apply',
        target: a.id('m'),
        params: { settings, ...(force ? { force } : {}) },
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const execute = async (user: 'olga' | 'ada', p: Plan, body: Record<string, string> = {}) =>
    a.api<{ error: { code: string; message: string } }>(
      'POST',
      `/api/actions/plans/${p.id}/execute`,
      {
        cookie: await a.login(user),
        body,
      },
    );
  const keysEverywhere = async () =>
    Promise.all(['m', 'r1', 'r2'].map(async (n) => Number(await (await a.client(n)).dbsize())));
  const configOf = async (name: string) =>
    ((await (await a.client('m')).call('CONFIG', 'GET', name)) as string[])[1];

  test('an evicting maxmemory under used_memory is refused, with keys and bytes it would evict', async () => {
    const p = await plan('olga', { maxmemory: '1mb', 'maxmemory-policy': 'allkeys-random' });
    assert.equal(p.allowed, false);
    const check = p.preflight.find((c) => c.check === 'maxmemory_evicts');
    assert.equal(check?.ok, false);
    assert.match(check?.detail ?? '', /DATA LOSS/);
    assert.match(check?.detailZh ?? '', /数据丢失/);
    const effect = p.effects?.find((e) => e.setting === 'maxmemory');
    assert.equal(effect?.level, 'refused');
    assert.ok((effect?.evictKeys ?? 0) > KEYS / 2, `evictKeys ${effect?.evictKeys}`);
    assert.ok((effect?.evictBytes ?? 0) > 0);
    const run = await execute('olga', p);
    assert.equal(run.status, 409);
    assert.match(run.body.error.message, /DATA LOSS/);
    assert.deepEqual(await keysEverywhere(), [KEYS, KEYS, KEYS]);
    assert.equal(await configOf('maxmemory'), '0');
  });

  test('force makes it destructive: the operator cannot run it, an admin must type the node id', async () => {
    const byOperator = await plan(
      'olga',
      { maxmemory: '1mb', 'maxmemory-policy': 'allkeys-random' },
      true,
    );
    assert.equal(byOperator.allowed, true);
    assert.equal(byOperator.destructive, true);
    assert.deepEqual(
      [
        byOperator.confirmation.role,
        byOperator.confirmation.typed,
        byOperator.confirmation.reasonRequired,
      ],
      ['admin', a.id('m'), true],
    );
    assert.equal((await execute('olga', byOperator)).status, 403);
    const byAdmin = await plan(
      'ada',
      { maxmemory: '1mb', 'maxmemory-policy': 'allkeys-random' },
      true,
    );
    assert.equal((await execute('ada', byAdmin)).status, 400, 'no typed confirmation, no reason');
    assert.deepEqual(await keysEverywhere(), [KEYS, KEYS, KEYS]);
  });

  test('maxmemory under used_memory with noeviction is refused: writes would fail', async () => {
    const p = await plan('ada', { maxmemory: '1mb' });
    assert.equal(p.allowed, false);
    assert.equal(p.preflight.find((c) => c.check === 'maxmemory_blocks_writes')?.ok, false);
    assert.equal((await execute('ada', p, { confirm: a.id('m'), reason: 'x' })).status, 409);
    await (await a.client('m')).set('still:writable', '1');
    await (await a.client('m')).del('still:writable');
  });

  test('a replica output buffer of "replica 1 1 0" is refused even when forced', async () => {
    for (const force of [false, true]) {
      const p = await plan('ada', { 'client-output-buffer-limit': 'replica 1 1 0' }, force);
      assert.equal(p.allowed, false);
      const check = p.preflight.find((c) => c.check === 'output_buffer_breaks_replication');
      assert.equal(check?.ok, false);
      assert.match(check?.detail ?? '', /BREAKS REPLICATION/);
      assert.equal((await execute('ada', p, { confirm: a.id('m'), reason: 'x' })).status, 409);
    }
    assert.match(
      (await configOf('client-output-buffer-limit')) ?? '',
      /slave 268435456 67108864 60/,
    );
    const ok = await plan('olga', { 'client-output-buffer-limit': 'replica 512mb 128mb 60' });
    assert.equal(ok.allowed, true);
    assert.equal(ok.destructive, false);
  });

  test('no persistence on this master with replicas is destructive with the empty-restart warning', async () => {
    const p = await plan('olga', { save: '', appendonly: 'no' });
    assert.equal(p.destructive, true);
    assert.equal(p.confirmation.role, 'admin');
    assert.ok(p.warnings.some((w) => /comes back EMPTY/.test(w.en) && /空数据集/.test(w.zh)));
    assert.equal((await execute('olga', p)).status, 403);
    assert.notEqual(await configOf('save'), '');
  });

  test('writable replica and unmeetable min-replicas-to-write are destructive; unknown names refused', async () => {
    const writable = await a.api<Plan>('POST', '/api/actions/plan', {
      cookie: await a.login('olga'),
      body: {
        action: 'config.apply',
        target: a.id('r1'),
        params: { settings: { 'replica-read-only': 'no' } },
      },
    });
    assert.equal(writable.body.destructive, true);
    const minReplicas = await plan('olga', { 'min-replicas-to-write': '3' });
    assert.equal(minReplicas.destructive, true);
    assert.ok(minReplicas.preflight.some((c) => c.check === 'writes_refused'));
    const upper = await a.api('POST', '/api/actions/plan', {
      cookie: await a.login('ada'),
      body: {
        action: 'config.apply',
        target: a.id('m'),
        params: { settings: { MAXMEMORY: '1mb' } },
      },
    });
    assert.equal(upper.status, 400, 'an upper-case spelling of a name does not pass the schema');
    const alias = await plan('ada', { 'slave-read-only': 'no' });
    assert.equal(alias.allowed, false);
    assert.equal(alias.preflight.find((c) => c.check === 'config_names')?.ok, false);
  });

  test('a safe change still runs, and every plan says its effect in both languages', async () => {
    const p = await plan('olga', { 'repl-backlog-size': '16mb' });
    assert.equal(p.allowed, true);
    assert.equal(p.destructive, false);
    const e = p.effects?.[0];
    assert.equal(e?.level, 'safe');
    assert.ok(e?.text.en && e.text.zh);
    const run = await execute('olga', p);
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.deepEqual(await keysEverywhere(), [KEYS, KEYS, KEYS]);
  });
});
