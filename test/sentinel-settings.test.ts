// Sentinel's own settings and state through guarded actions, against three real Sentinels:
// SENTINEL SET reaches every Sentinel and is read back; hostile values are refused with a 4xx;
// SENTINEL RESET drops a replica that is gone for good from every Sentinel's list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import type { Topology } from '../lib/contracts';
import { parseInstances, parseMasters } from '../lib/sentinel/sentinel-replies';
import { startServer, type RunningServer } from '../server/app-server';
import { hashPassword } from '../server/auth/password';
import { loadConfig } from '../server/config';
import { startSandbox, startSentinels, waitFor, type Sandbox, type SandboxSentinels } from '../server/sandbox';
import { testSandboxOptions } from './helpers/sandbox';

type Plan = { id: string; allowed: boolean; destructive: boolean; confirmation: { role: string; typed?: string }; steps: Array<{ nodeId: string; command: string }>; preflight: Array<{ check: string; ok: boolean; detail: string }>; warnings: Array<{ en: string }>; effects?: Array<{ setting: string; code: string; level: string }> };
type Run = { state: string; error?: string; verify: Array<{ check: string; ok: boolean; detail: string }> };

describe('Sentinel settings and reset as guarded actions', () => {
  let sandbox: Sandbox;
  let sentinels: SandboxSentinels;
  let server: RunningServer;
  let dataDir: string;
  const cookies: Record<string, string> = {};

  before(async () => {
    sandbox = await startSandbox(testSandboxOptions({ shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }] }));
    sentinels = await startSentinels(sandbox, { downAfterMs: 5000, failoverTimeoutMs: 10_000, redisServerBin: process.env.REDIS_SERVER_BIN });
    dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-data-'));
    const configFile = path.join(dataDir, 'config.json');
    const user = async (username: string, role: string) => ({ username, role, passwordHash: await hashPassword(`${username}-password-1`, 1024) });
    writeFileSync(configFile, JSON.stringify({ auth: { users: [await user('ada', 'admin'), await user('olga', 'operator'), await user('vic', 'viewer')] } }));
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: '400', REPLICAOPS_DATA_DIR: dataDir, REPLICAOPS_CONFIG: configFile, REPLICAOPS_SEEDS: sentinels.seed() });
    server = await startServer(config, { withUi: false });
    for (const name of ['ada', 'olga', 'vic']) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
        body: JSON.stringify({ username: name, password: `${name}-password-1` }),
      });
      cookies[name] = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    }
    await waitFor(
      () => {
        const t: Topology = server.monitor.snapshot().topology;
        return t.groups?.[0]?.reachableSentinelIds?.length === 3 && t.groups[0].replicas?.length === 2 && t.groups[0].ckquorum.ok;
      },
      20_000,
      { what: 'group discovered' },
    );
  });
  after(async () => {
    await server?.stop();
    await sentinels?.stop();
    await sandbox?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async <T>(who: string, method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(server.url + p, {
      method,
      headers: { cookie: cookies[who] ?? '', 'x-replicaops-request': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const plan = (who: string, action: string, params: unknown) => api<Plan & { error?: { code: string; message: string } }>(who, 'POST', '/api/actions/plan', { action, target: sandbox.node('m').id, params });
  const runToEnd = async (who: string, p: Plan, confirm: Record<string, string> = {}): Promise<Run> => {
    const exec = await api<{ runId?: string; id?: string }>(who, 'POST', `/api/actions/plans/${p.id}/execute`, confirm);
    assert.ok(exec.status < 300, JSON.stringify(exec.body));
    const runId = String(exec.body.runId ?? exec.body.id);
    let run: Run | undefined;
    await waitFor(async () => (run = (await api<Run>(who, 'GET', `/api/actions/runs/${runId}`)).body).state !== 'running', 60_000, { what: 'run finished' });
    return run as Run;
  };
  const ask = async (s: { host: string; port: number }, ...args: string[]): Promise<unknown> => {
    const c = new Redis({ host: s.host, port: s.port, lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await c.connect();
      return await c.call(args[0] as string, ...args.slice(1));
    } finally {
      c.disconnect();
    }
  };
  const masterOn = async (i: number) => parseMasters([await ask(sentinels.sentinels[i] as { host: string; port: number }, 'SENTINEL', 'MASTER', 'mymaster')])[0];

  test('SENTINEL SET goes to every Sentinel and each reads the new values back', async () => {
    const p = (await plan('olga', 'sentinel.set', { settings: { 'down-after-milliseconds': 8000, 'parallel-syncs': 2, 'failover-timeout': 20_000 } })).body;
    assert.equal(p.allowed, true, JSON.stringify(p.preflight));
    assert.equal(p.destructive, false);
    assert.deepEqual(
      p.steps.map((s) => s.command),
      [0, 1, 2].map(() => 'SENTINEL SET mymaster down-after-milliseconds 8000 failover-timeout 20000 parallel-syncs 2'),
    );
    assert.deepEqual(new Set(p.steps.map((s) => s.nodeId)), new Set(sentinels.sentinels.map((s) => s.id)));
    assert.ok(p.warnings.some((w) => w.en === 'down-after-milliseconds: 5000 → 8000 on 3 Sentinel(s)'), JSON.stringify(p.warnings));
    assert.ok(p.effects?.some((e) => e.code === 'parallel_syncs_many'));
    const run = await runToEnd('olga', p, { reason: 'slower links' });
    assert.equal(run.state, 'succeeded', JSON.stringify(run));
    assert.equal(run.verify.filter((v) => v.check === 'sentinel_readback' && v.ok).length, 3);
    for (const i of [0, 1, 2]) {
      const m = await masterOn(i);
      assert.deepEqual([m?.downAfterMs, m?.parallelSyncs, m?.failoverTimeoutMs], [8000, 2, 20_000], `Sentinel #${i}`);
    }
    const audit = (await api<{ entries: Array<{ kind: string; action: string; actor: string }> }>('ada', 'GET', '/api/audit')).body.entries;
    assert.ok(audit.some((e) => e.kind === 'run.finished' && e.action === 'sentinel.set' && e.actor === 'olga'));
  });

  test('hostile or unknown Sentinel settings are refused with a 400, risky ones need an admin', async () => {
    for (const settings of [{ 'down-after-milliseconds': -1 }, { quorum: '2 ; FLUSHALL' }, { 'notification-script': '/bin/sh' }, { 'auth-pass': 'x' }, {}, { quorum: 1.5 }, { 'failover-timeout': 1e12 }]) {
      const r = await plan('ada', 'sentinel.set', { settings });
      assert.equal(r.status, 400, JSON.stringify(settings));
      assert.equal(r.body.error?.code, 'bad_request');
    }
    assert.equal((await plan('vic', 'sentinel.set', { settings: { quorum: 2 } })).status, 403);
    const tooHigh = (await plan('ada', 'sentinel.set', { settings: { quorum: 4 } })).body;
    assert.equal(tooHigh.allowed, false);
    assert.match(tooHigh.preflight.find((c) => c.check === 'quorum_possible')?.detail ?? '', /quorum 4 > 3 Sentinels/);
    const short = (await plan('olga', 'sentinel.set', { settings: { 'down-after-milliseconds': 1000 } })).body;
    assert.equal(short.destructive, true);
    assert.equal(short.confirmation.role, 'admin');
    assert.equal((await api<unknown>('olga', 'POST', `/api/actions/plans/${short.id}/execute`, { reason: 'x' })).status, 403);
  });

  test('SENTINEL RESET drops a replica that is gone from every Sentinel, one Sentinel at a time', async () => {
    const r2 = sandbox.node('r2').id;
    await sandbox.kill('r2');
    const m = await sandbox.client('m');
    await waitFor(async () => /connected_slaves:1/.test(String(await m.info('replication'))), 10_000, { what: 'm lost r2' });
    assert.equal((await plan('olga', 'sentinel.reset', {})).status, 403);
    const p = (await plan('ada', 'sentinel.reset', {})).body;
    assert.equal(p.destructive, true);
    assert.equal(p.confirmation.role, 'admin');
    assert.equal(p.allowed, true, JSON.stringify(p.preflight));
    assert.ok(p.warnings.some((w) => w.en.includes(`No longer listed after the reset`) && w.en.includes(r2)), JSON.stringify(p.warnings));
    assert.deepEqual(p.steps.filter((s) => !s.command.startsWith('(wait)')).map((s) => s.command), ['SENTINEL RESET mymaster', 'SENTINEL RESET mymaster', 'SENTINEL RESET mymaster']);
    const run = await runToEnd('ada', p, { confirm: sandbox.node('m').id, reason: 'r2 decommissioned' });
    assert.equal(run.state, 'succeeded', JSON.stringify(run));
    assert.ok(run.verify.some((v) => v.check === 'sentinel_quorum' && v.ok), JSON.stringify(run.verify));
    for (const s of sentinels.sentinels) {
      const replicas = parseInstances(await ask(s, 'SENTINEL', 'REPLICAS', 'mymaster'));
      assert.deepEqual(replicas.map((r) => `${r.host}:${r.port}`), [sandbox.node('r1').id], s.id);
    }
  });
});
