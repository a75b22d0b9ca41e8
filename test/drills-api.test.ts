// The drill API: refused on a dashboard that did not start its own sandbox (never a fault
// against configured nodes), and a guided drill that pauses for the operator and resumes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { DrillRun, DrillScenariosResponse } from '../lib/contracts/drills';
import { authFailure } from '../lib/drills/scenarios-faults';
import { startServer, type RunningServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { DRILL_TAG } from '../server/drills/drill-observer';
import { drillSandboxOptions } from '../server/drills/drill-sandbox';
import { DrillService, NO_SANDBOX_MESSAGE } from '../server/drills/drill-service';
import { drillRoutes } from '../server/http/drills.routes';
import { Router } from '../server/http/router';
import { rootLogger } from '../server/logger';
import { startSandbox, type Sandbox } from '../server/sandbox';
import { waitUntil } from './helpers/wait-until';

rootLogger.level = process.env.LOG_LEVEL ?? 'error';

async function dashboard(t: TestContext, sandbox?: Sandbox): Promise<RunningServer> {
  const seeds = sandbox?.seeds() ?? [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-drill-api-'));
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'error',
    REPLICAOPS_POLL_MS: '250',
    REPLICAOPS_DATA_DIR: dataDir,
    REPLICAOPS_SEEDS: seeds.join(','),
  });
  config.poll.configEveryMs = 1_000;
  // As the demo wires them: the log lines are what prove a cause such as auth_failed.
  config.logs = (sandbox?.nodes ?? []).map((n) => ({
    node: n.id,
    file: n.logFile,
    backfillLines: 0,
  }));
  const server = await startServer(config, { withUi: false });
  t.after(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return server;
}

/** The drill routes on a router of their own, bound to `drills`, over plain HTTP. */
async function drillApi(t: TestContext, drills: DrillService) {
  const router = new Router();
  drillRoutes(router, drills);
  const http: Server = createServer(
    (req, res) => void router.handle(req, res, new URL(req.url ?? '/', 'http://localhost')),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => http.close(() => resolve())));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(base + url, {
      method,
      headers: { 'content-type': 'application/json', 'X-ReplicaOps-Request': '1' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return call;
}

test('the drill API refuses every drill on a dashboard started without a sandbox of its own', async (t) => {
  const server = await dashboard(t);
  const call = await drillApi(
    t,
    new DrillService({ db: server.db, monitor: server.monitor, incidents: server.incidents }),
  );
  const scenarios = (await call('GET', '/api/drills/scenarios'))
    .body as unknown as DrillScenariosResponse;
  assert.equal(scenarios.available, false);
  assert.ok(scenarios.scenarios.length >= 9);
  const refused = await call('POST', '/api/drills', { scenario: 'network-interruption' });
  assert.equal(refused.status, 409);
  assert.deepEqual(refused.body, { error: { code: 'conflict', message: NO_SANDBOX_MESSAGE } });
  assert.equal(
    (await call('POST', '/api/drills', { scenario: 'no-such-drill' })).status,
    409,
    'refused before the body is even read',
  );
  // Once app-server wires the drill routes, its own API must refuse the same way.
  if (server.router.list().some((r) => r.path === '/api/drills' && r.method === 'POST')) {
    const res = await fetch(`${server.url}/api/drills`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-ReplicaOps-Request': '1' },
      body: JSON.stringify({ scenario: 'network-interruption' }),
    });
    assert.equal(res.status, 409);
  }
});

test('a guided drill through the API pauses after detection, resumes on the operator’s word, and is scored', async (t) => {
  const sandbox: Sandbox = await startSandbox(
    drillSandboxOptions(authFailure, process.env.REDIS_SERVER_BIN),
  );
  t.after(() => sandbox.stop());
  const server = await dashboard(t, sandbox);
  const drills = new DrillService({
    db: server.db,
    monitor: server.monitor,
    incidents: server.incidents,
    actions: server.actions,
    sandbox,
  });
  t.after(() => drills.stop());
  const call = await drillApi(t, drills);
  await waitUntil(
    () =>
      server.monitor.snapshot().topology.links.filter((l) => l.linkStatus === 'up').length === 2,
    { timeoutMs: 15_000, what: 'links up' },
  );

  assert.equal(
    (await call('POST', '/api/drills', { scenario: 'auth-failure', bogus: 1 })).status,
    400,
  );
  // A master with replicas offers no cluster drill, and refuses one by name.
  const offered = (await call('GET', '/api/drills/scenarios'))
    .body as unknown as DrillScenariosResponse;
  assert.ok(offered.scenarios.length >= 9 && offered.scenarios.every((s) => !s.needsCluster));
  const clusterDrill = await call('POST', '/api/drills', { scenario: 'cluster-primary-failover' });
  assert.equal(clusterDrill.status, 409);
  assert.match(JSON.stringify(clusterDrill.body), /needs a Redis Cluster sandbox/);
  // The demo's sandbox has no Sentinels of the drill's own: refused, naming the CLI that has.
  const sentinelDrill = await call('POST', '/api/drills', { scenario: 'sentinel-failover' });
  assert.equal(sentinelDrill.status, 409);
  assert.match(JSON.stringify(sentinelDrill.body), /npm run drill -- sentinel-failover/);
  const started = await call('POST', '/api/drills', { scenario: 'auth-failure', guided: true });
  assert.equal(started.status, 202);
  const id = String(started.body.id);
  assert.equal(
    (await call('POST', '/api/drills', { scenario: 'slow-link' })).status,
    409,
    'one drill at a time',
  );

  const get = async () => (await call('GET', `/api/drills/${id}`)).body as unknown as DrillRun;
  await waitUntil(async () => (await get()).state === 'paused', {
    timeoutMs: 20_000,
    intervalMs: 200,
    what: 'the guided pause',
  });
  const paused = await get();
  assert.equal(paused.steps.find((s) => s.state === 'waiting_operator')?.kind, 'repair');
  assert.ok(
    server.incidents
      .findings('open', 100)
      .some((f) => f.kind === 'link_down' && f.cause === 'auth_failed'),
    'the finding the operator sees',
  );

  assert.equal((await call('POST', `/api/drills/${id}/resume`)).status, 200);
  await waitUntil(async () => (await get()).state !== 'running', {
    timeoutMs: 40_000,
    intervalMs: 250,
    what: 'the drill to finish',
  });
  const done = await get();
  assert.equal(done.state, 'finished', done.error);
  assert.ok(done.scorecard?.passed, JSON.stringify(done.scorecard, null, 1));
  t.diagnostic(
    `guided auth-failure: detect ${done.scorecard?.timings.detectMs} ms, recover ${done.scorecard?.timings.recoverMs} ms`,
  );
  assert.equal(
    (await call('POST', `/api/drills/${id}/resume`)).status,
    409,
    'nothing to resume any more',
  );

  const history = (await call('GET', '/api/drills')).body.drills as DrillRun[];
  assert.equal(history[0]?.id, id);
  const tagged = server.incidents.list({ limit: 50 }).filter((i) => i.tags.includes(DRILL_TAG));
  assert.deepEqual(tagged.map((i) => i.id).sort(), [...done.incidentIds].sort());
  // Cleanup put the sandbox back: the master takes no password again.
  assert.equal(await (await sandbox.client('m')).ping(), 'PONG');
});
