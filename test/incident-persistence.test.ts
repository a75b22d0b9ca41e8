import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckRun, CheckSummary, Finding, IncidentDetail } from '../lib/contracts';
import { startServer, type RunningServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { waitFor, type Sandbox } from '../server/sandbox';
import { startSandbox } from '../server/sandbox';
import { testSandboxOptions } from './helpers/sandbox';

describe('incidents are durable', () => {
  let sandbox: Sandbox;
  let dataDir: string;
  let server: RunningServer | undefined;
  const start = async () =>
    startServer(
      loadConfig({ PORT: '0', LOG_LEVEL: 'warn', REPLICAOPS_POLL_MS: '250', REPLICAOPS_SEEDS: sandbox.seeds()[0], REPLICAOPS_DATA_DIR: dataDir }),
      { withUi: false },
    );
  before(async () => {
    sandbox = await startSandbox(testSandboxOptions({ shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] }));
    dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-durable-'));
  });
  after(async () => {
    await server?.stop();
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('an open incident, its timeline and a note survive a server restart without duplicate findings', async () => {
    server = await start();
    const r1 = sandbox.node('r1').id;
    await waitFor(() => server!.monitor.snapshot().topology.links.some((l) => l.replica === r1 && l.linkStatus === 'up'), 10_000, { what: 'r1 discovered' });
    await sandbox.kill('r1');
    const linkDown = () => server!.incidents.findings('open', 100).find((f) => f.kind === 'link_down' && f.link?.replica === r1);
    await waitFor(() => Boolean(linkDown()?.incidentId), 10_000, { what: 'link_down with incident' });
    const before: Finding = linkDown()!;
    const incidentId = before.incidentId!;
    server.incidents.addNote(incidentId, 'looking at r1', 'ann');
    await server.stop();

    server = await start();
    // Let the restarted monitor see the same fault for a few cycles.
    await waitFor(() => server!.monitor.cycles >= 6, 10_000, { what: 'cycles after restart' });
    const res = await fetch(`${server.url}/api/incidents/${incidentId}`);
    assert.equal(res.status, 200);
    const detail = (await res.json()) as IncidentDetail;
    assert.equal(detail.state, 'open');
    assert.ok(detail.timeline.some((t) => t.type === 'note' && t.summary === 'looking at r1' && t.actor === 'ann'));
    const sameKind = server.incidents.findings('open', 100).filter((f) => f.kind === 'link_down' && f.link?.replica === r1);
    assert.equal(sameKind.length, 1, 'the restarted tracker picked up the stored finding instead of opening a second');
    assert.equal(sameKind[0]!.id, before.id);
    assert.equal(sameKind[0]!.openedAt, before.openedAt);

    await sandbox.restart('r1');
    await waitFor(async () => ((await (await fetch(`${server!.url}/api/incidents/${incidentId}`)).json()) as IncidentDetail).state === 'resolved', 15_000, { what: 'incident resolved after restart' });
  });

  test('a finished canary report is still there, in the list and by id, after a server restart', async () => {
    await server?.stop();
    server = await start();
    await waitFor(
      () => server!.monitor.snapshot().topology.links.some((l) => l.linkStatus === 'up'),
      10_000,
      { what: 'link up' },
    );
    const { id } = server.checks.startCanary({});
    await server.checks.settled(id);
    await server.stop();

    server = await start();
    const res = await fetch(`${server.url}/api/checks/${id}`);
    assert.equal(res.status, 200);
    const run = (await res.json()) as CheckRun;
    assert.equal(run.state, 'done');
    assert.ok(run.kind === 'canary' && run.report.replicas.some((r) => r.replica === sandbox.node('r1').id && r.seen));
    const list = (await (await fetch(`${server.url}/api/checks`)).json()) as { checks: CheckSummary[] };
    assert.equal(list.checks[0]?.id, id);
    // A finished run cannot be cancelled, before or after a restart.
    const del = await fetch(`${server.url}/api/checks/${id}`, { method: 'DELETE', headers: { 'x-replicaops-request': '1' } });
    assert.equal(del.status, 409);
  });
});
