// Drill: replica-priority 0 on every replica, master killed → Sentinel cannot pick a replica
// (-failover-abort-no-good-slave) → failover_failed, with the reason, against real Sentinels.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding, TopologyEvent } from '../lib/contracts';
import { startServer, type RunningServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { startSandbox, startSentinels, waitFor, type Sandbox, type SandboxSentinels } from '../server/sandbox';
import { testSandboxOptions } from './helpers/sandbox';

let sandbox: Sandbox;
let sentinels: SandboxSentinels;
let server: RunningServer;
let dataDir: string;
const events: TopologyEvent[] = [];

before(async () => {
  const never = { 'replica-priority': '0' };
  sandbox = await startSandbox(testSandboxOptions({ shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }], extraConfig: { r1: never, r2: never } }));
  sentinels = await startSentinels(sandbox, { downAfterMs: 1000, failoverTimeoutMs: 10_000, redisServerBin: process.env.REDIS_SERVER_BIN });
  dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-data-'));
  server = await startServer(
    loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: '400', REPLICAOPS_DATA_DIR: dataDir, REPLICAOPS_SEEDS: sentinels.seed([0]) }),
    { withUi: false },
  );
  server.monitor.on('topology-event', (e) => events.push(e));
});
after(async () => {
  await server?.stop();
  await sentinels?.stop();
  await sandbox?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const openFindings = async (): Promise<Finding[]> =>
  ((await (await fetch(`${server.url}/api/findings`)).json()) as { findings: Finding[] }).findings;

test('replica-priority 0 everywhere: the master dies and failover_failed says no replica was eligible', async (ctx) => {
  await waitFor(
    () => {
      const g = server.monitor.snapshot().topology.groups?.[0];
      return g?.ckquorum.ok === true && g.replicas?.length === 2;
    },
    15_000,
    { what: 'group ready' },
  );
  const m = sandbox.node('m').id;
  const killedAt = Date.now();
  await sandbox.kill('m');
  await waitFor(async () => (await openFindings()).some((f) => f.kind === 'failover_failed'), 20_000, { what: 'failover_failed', intervalMs: 50 });
  ctx.diagnostic(`master killed → failover_failed open on the API ${Date.now() - killedAt} ms`);
  const f = (await openFindings()).find((x) => x.kind === 'failover_failed') as Finding;
  assert.equal(f.severity, 'critical');
  assert.equal(f.nodeId, m);
  assert.match(f.title.en, /^Sentinel failover of mymaster failed: no replica was eligible/);
  assert.match(f.remedy.text, /replica-priority above 0/);
  // Announced a second after the first Sentinel published it (the others' copies gathered).
  await waitFor(() => events.some((e) => e.sentinel?.type === '-failover-abort-no-good-slave'), 5000, { what: 'abort event' });
  assert.equal(events.filter((e) => e.sentinel?.type === '-failover-abort-no-good-slave').length, 1);
  assert.equal(events.filter((e) => e.sentinel?.type === '+switch-master').length, 0);
});
