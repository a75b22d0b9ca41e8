// A Sentinel watching the master: a hand-made promotion would fight it, so the plan says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '../server/sandbox';
import { releasePort, reserveFreePorts } from '../server/sandbox/free-port';
import { findRedisServer } from '../server/sandbox/redis-binary';
import { startActionsHarness, untilDiscovered, type ActionsHarness } from './actions-harness';

type Plan = { allowed: boolean; warnings: Array<{ en: string; zh: string }> };

describe('guarded repairs next to Redis Sentinel', () => {
  let a: ActionsHarness;
  let sentinel: ChildProcess | undefined;
  let dir: string;
  let port: number;

  before(async () => {
    a = await startActionsHarness({
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] },
    });
    await untilDiscovered(a, 2);
  });
  after(async () => {
    sentinel?.kill('SIGKILL');
    if (port) releasePort(port);
    if (dir) rmSync(dir, { recursive: true, force: true });
    await a?.stop();
  });

  const promotePlan = async () => {
    const cookie = await a.login('ada');
    return (
      await a.api<Plan>('POST', '/api/actions/plan', {
        cookie,
        body: { action: 'replica.promote', target: a.id('r1'), params: {} },
      })
    ).body;
  };

  test('Sentinel settings cannot be planned on a tree no watched Sentinel manages', async () => {
    const cookie = await a.login('ada');
    const plan = (
      await a.api<{ allowed: boolean; steps: unknown[]; preflight: Array<{ check: string; ok: boolean; detail: string }> }>('POST', '/api/actions/plan', {
        cookie,
        body: { action: 'sentinel.set', target: a.id('m'), params: { settings: { quorum: 2 } } },
      })
    ).body;
    assert.equal(plan.allowed, false);
    assert.deepEqual(plan.steps, []);
    assert.match(plan.preflight.find((c) => c.check === 'sentinel_group')?.detail ?? '', /no Sentinel ReplicaOps watches manages .*sentinel:\/\/ seed/);
  });

  test('without Sentinel the promotion plan says nothing about it; with one watching m it warns', async () => {
    assert.ok(!(await promotePlan()).warnings.some((w) => /Sentinel/.test(w.en)));

    dir = mkdtempSync(path.join(tmpdir(), 'replicaops-sentinel-'));
    [port] = (await reserveFreePorts('127.0.0.1', 1)) as [number];
    const m = a.h.sandbox.node('m');
    const conf = path.join(dir, 'sentinel.conf');
    writeFileSync(
      conf,
      `port ${port}\ndir ${dir}\nsentinel monitor orders ${m.host} ${m.port} 1\nsentinel down-after-milliseconds orders 60000\n`,
    );
    const { bin } = await findRedisServer(process.env.REDIS_SERVER_BIN);
    sentinel = spawn(bin, [conf, '--sentinel'], { stdio: 'ignore' });
    const m0 = await a.client('m');
    await waitFor(
      async () => /name=sentinel-/.test(String(await m0.call('CLIENT', 'LIST'))),
      10_000,
      { what: 'sentinel connected to m' },
    );

    const plan = await promotePlan();
    const w = plan.warnings.find((x) => /Sentinel watches/.test(x.en));
    assert.ok(w, JSON.stringify(plan.warnings));
    assert.match(w.en, new RegExp(`${m.id.replace(/\./g, '\\.')}.*SENTINEL FAILOVER`));
    assert.match(w.zh, /Sentinel 正在监控/);
  });
});
