// Repairs in a Sentinel-managed group, against three real Sentinels: a re-attach against
// Sentinel's will is refused with the reason; promote runs SENTINEL FAILOVER and is verified by
// +switch-master and the nodes' roles.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Topology } from '../lib/contracts';
import { startServer, type RunningServer } from '../server/app-server';
import { hashPassword } from '../server/auth/password';
import { loadConfig } from '../server/config';
import { startSandbox, startSentinels, waitFor, type Sandbox, type SandboxSentinels } from '../server/sandbox';
import { testSandboxOptions } from './helpers/sandbox';

type Plan = { id: string; allowed: boolean; steps: Array<{ command: string }>; preflight: Array<{ check: string; ok: boolean; detail: string }>; warnings: Array<{ en: string }> };
type Run = { state: string; error?: string; verify: Array<{ check: string; ok: boolean; detail: string }> };

describe('repairs with Sentinel, not against it', () => {
  let sandbox: Sandbox;
  let sentinels: SandboxSentinels;
  let server: RunningServer;
  let dataDir: string;
  let cookie = '';

  before(async () => {
    // r1 has the lowest replica-priority: Sentinel's choice, so the promotion is deterministic.
    sandbox = await startSandbox(
      testSandboxOptions({
        shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }],
        extraConfig: { r1: { 'replica-priority': '10' } },
        // Guarded against split brain, so no warning finding holds an incident open.
        commonConfig: { 'min-replicas-to-write': '1', 'min-replicas-max-lag': '10' },
      }),
    );
    sentinels = await startSentinels(sandbox, { downAfterMs: 1000, failoverTimeoutMs: 6000, redisServerBin: process.env.REDIS_SERVER_BIN });
    dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-data-'));
    const configFile = path.join(dataDir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ auth: { users: [{ username: 'ada', role: 'admin', passwordHash: await hashPassword('ada-password-1', 1024) }] } }));
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: '400', REPLICAOPS_DATA_DIR: dataDir, REPLICAOPS_CONFIG: configFile, REPLICAOPS_SEEDS: sentinels.seed() });
    server = await startServer(config, { withUi: false });
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
      body: JSON.stringify({ username: 'ada', password: 'ada-password-1' }),
    });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    await waitFor(
      () => {
        const t: Topology = server.monitor.snapshot().topology;
        return t.links.filter((l) => l.linkStatus === 'up').length === 2 && t.groups?.[0]?.reachableSentinelIds?.length === 3 && t.groups[0].replicas?.length === 2 && t.groups[0].ckquorum.ok;
      },
      15_000,
      { what: 'group discovered' },
    );
  });
  after(async () => {
    await server?.stop();
    await sentinels?.stop();
    await sandbox?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async <T>(method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(server.url + p, {
      method,
      headers: { cookie, 'x-replicaops-request': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  test('re-attaching a replica under anything but Sentinel master is refused, saying why', async () => {
    const r1 = sandbox.node('r1').id;
    const r2 = sandbox.node('r2').id;
    const plan = (await api<Plan>('POST', '/api/actions/plan', { action: 'replica.reattach', target: r2, params: { upstream: r1, allowChain: true } })).body;
    assert.equal(plan.allowed, false);
    const c = plan.preflight.find((x) => x.check === 'sentinel_master');
    assert.equal(c?.ok, false);
    assert.match(c?.detail ?? '', new RegExp(`Sentinel manages mymaster and its master is ${sandbox.node('m').id.replace(/\./g, '\\.')}.*undone by Sentinel`));
    const exec = await api<{ error: { code: string } }>('POST', `/api/actions/plans/${plan.id}/execute`, { confirm: r2, reason: 'test' });
    assert.ok(exec.status >= 400 && exec.status < 500, String(exec.status));
  });

  test('a replica-priority change on a Sentinel-managed replica says Sentinel acts on it', async () => {
    const r2 = sandbox.node('r2').id;
    const plan = (await api<Plan>('POST', '/api/actions/plan', { action: 'config.apply', target: r2, params: { settings: { 'replica-priority': '0' } } })).body;
    assert.ok(plan.warnings.some((w) => /Sentinel \(mymaster\) reads replica-priority/.test(w.en)), JSON.stringify(plan.warnings));
  });

  test('promote through the product runs SENTINEL FAILOVER and is verified by +switch-master', async (ctx) => {
    const m = sandbox.node('m').id;
    const r1 = sandbox.node('r1').id;
    // Fresh Sentinels answer NOQUORUM until they have heard each other (sentinel_quorum_lost,
    // truthfully); start from a calm state so the failover gets an incident of its own.
    await waitFor(async () => (await api<{ incidents: unknown[] }>('GET', '/api/incidents?state=open')).body.incidents.length === 0, 30_000, { what: 'no open incident' });
    const plan = (await api<Plan>('POST', '/api/actions/plan', { action: 'replica.promote', target: r1, params: {} })).body;
    assert.equal(plan.allowed, true, JSON.stringify(plan.preflight));
    assert.deepEqual(plan.steps.map((s) => s.command), ['SENTINEL FAILOVER mymaster', '(wait) +switch-master for mymaster']);
    assert.ok(plan.preflight.some((c) => c.check === 'sentinel_quorum' && c.ok));
    const exec = await api<{ runId?: string; id?: string }>('POST', `/api/actions/plans/${plan.id}/execute`, { confirm: r1, reason: 'planned switch' });
    assert.ok(exec.status < 300, JSON.stringify(exec.body));
    const runId = exec.body.runId ?? exec.body.id;
    let run: Run | undefined;
    await waitFor(
      async () => {
        run = (await api<Run>('GET', `/api/actions/runs/${String(runId)}`)).body;
        return run.state !== 'running';
      },
      30_000,
      { what: 'run finished' },
    );
    assert.equal(run?.state, 'succeeded', JSON.stringify(run));
    const timed = run as Run & { startedAt: number; endedAt: number };
    ctx.diagnostic(`promote via SENTINEL FAILOVER: run ${timed.endedAt - timed.startedAt} ms (command → +switch-master → verified)`);
    assert.ok(run?.verify.every((v) => v.ok), JSON.stringify(run?.verify));
    // The run is verified by +switch-master; the group follows at the Sentinels' next poll.
    await waitFor(() => server.monitor.snapshot().topology.groups?.[0]?.masterId === r1, 5_000, { what: "the group's master moved to r1" });
    assert.notEqual(server.monitor.snapshot().topology.groups?.[0]?.masterId, m);
    // No node went down, yet the failover is a finding named after it, filed under an incident
    // it names (even when split_brain — the old master not yet converted by Sentinel — opened
    // that incident in the same cycle).
    type Finding = { kind: string; title: { en: string }; incidentId?: string };
    const failoverFinding = async () => (await api<{ findings: Finding[] }>('GET', '/api/findings?state=all')).body.findings.find((f) => f.kind === 'failover_in_progress');
    await waitFor(async () => (await failoverFinding())?.incidentId !== undefined, 10_000, { what: 'failover finding with an incident' });
    const f = (await failoverFinding()) as Finding;
    assert.equal(f.title.en, `Sentinel failover of mymaster: ${m} → ${r1}`);
    const inc = (await api<{ id: string; title: string; findings: Finding[] }>('GET', `/api/incidents/${String(f.incidentId)}`)).body;
    assert.ok(inc.findings.some((x) => x.kind === 'failover_in_progress'));
    assert.equal(inc.title, `Sentinel failover of mymaster: ${m} → ${r1}`);
  });
});
