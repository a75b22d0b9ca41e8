// Long history and the day report survive a restart and show a fault that really happened:
// a replica killed for ~30 s, its incident, its minutes of downtime.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HealthReportSchema, type HistoryResponse, type Incident as IncidentRow } from '../lib/contracts';
import { startServer, type RunningServer } from '../server/app-server';
import { loadConfig } from '../server/config';
import { startSandbox, waitFor, type Sandbox } from '../server/sandbox';
import { testSandboxOptions } from './helpers/sandbox';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('history and reports', () => {
  let sandbox: Sandbox;
  let dataDir: string;
  let server: RunningServer | undefined;
  let receiver: Server;
  const received: Array<{ headers: Record<string, unknown>; body: unknown }> = [];
  const start = async () => {
    const configFile = path.join(dataDir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        topology: { name: 'history-test' },
        history: { rollups: { flushEveryMs: 2000 } },
        alerts: {
          webhooks: [
            {
              name: 'hook',
              url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
              secret: 'report-secret-1',
            },
          ],
        },
      }),
    );
    return startServer(
      loadConfig({
        PORT: '0',
        LOG_LEVEL: 'warn',
        REPLICAOPS_POLL_MS: '250',
        REPLICAOPS_CONFIG: configFile,
        REPLICAOPS_SEEDS: sandbox.seeds()[0],
        REPLICAOPS_DATA_DIR: dataDir,
      }),
      { withUi: false },
    );
  };
  before(async () => {
    sandbox = await startSandbox(
      testSandboxOptions({ shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] }),
    );
    dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-history-'));
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(body) as unknown });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  });
  after(async () => {
    await server?.stop();
    await sandbox.stop();
    receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('after a restart the 24 h history and the day report still show a 30 s replica outage and its incident', async () => {
    server = await start();
    const r1 = sandbox.node('r1').id;
    await waitFor(
      () =>
        server!.monitor
          .snapshot()
          .topology.links.some((l) => l.replica === r1 && l.linkStatus === 'up'),
      10_000,
      { what: 'r1 linked' },
    );
    await sleep(10_000);
    await sandbox.kill('r1');
    const killedAt = Date.now();
    await sleep(30_000);
    await sandbox.restart('r1');
    const downMs = Date.now() - killedAt;
    await waitFor(
      () =>
        server!.monitor
          .snapshot()
          .topology.links.some((l) => l.replica === r1 && l.linkStatus === 'up'),
      20_000,
      { what: 'r1 back' },
    );
    const incidentsBefore = (await (await fetch(`${server.url}/api/incidents`)).json()) as {
      incidents: IncidentRow[];
    };
    const incident = incidentsBefore.incidents.find((i) => i.nodeIds.includes(r1));
    assert.ok(incident, 'the outage opened an incident');
    await sleep(3000);
    await server.stop();

    server = await start();
    // The restarted server's first cycle names the roles (the seed's role is not remembered).
    const restarted = server;
    await waitFor(() => restarted.monitor.cycles > 0, 20_000, { what: 'the first cycle after the restart' });
    const hist = (await (
      await fetch(
        `${server.url}/api/nodes/${encodeURIComponent(r1)}/history?metric=reachable&range=24h`,
      )
    ).json()) as HistoryResponse;
    assert.ok(hist.points.length >= 1);
    assert.ok(
      hist.points.some((p) => p.min === 0 && p.v !== null && p.v < 1),
      'the 24 h series shows r1 unreachable',
    );
    assert.ok(
      hist.points.some((p) => p.max === 1),
      'and reachable before or after',
    );

    const res = await fetch(`${server.url}/api/reports?period=day`);
    assert.equal(res.status, 200);
    // The page parses this answer with the same schema.
    const report = HealthReportSchema.parse(await res.json());
    const node = report.nodes.find((n) => n.id === r1);
    assert.ok(node, 'r1 is in the report');
    const minutes = node.figures.unreachableMinutes;
    // Downtime is summed poll by poll (rounded to 0.1 min): the ~30 s outage, not a whole minute.
    assert.ok(
      Math.abs(minutes - downMs / 60_000) < 0.15,
      `unreachable ${minutes} min for an outage of ${downMs} ms`,
    );
    const availability = node.checks.find((c) => c.id === 'availability');
    assert.notEqual(availability?.status, 'ok');
    assert.ok(
      availability?.incidentIds?.includes(incident.id),
      'the downtime links to its incident',
    );
    assert.ok(report.incidents.some((i) => i.id === incident.id && i.recoverMs !== undefined));
    assert.equal(
      report.nodes.find((n) => n.role === 'master')?.checks.find((c) => c.id === 'availability')
        ?.status,
      'ok',
    );

    const md = await (
      await fetch(`${server.url}/api/reports?period=day&format=md&lang=zh-CN`)
    ).text();
    assert.match(md, /^# 健康报告 — 日/);
    assert.match(md, new RegExp(incident.id));
    if (process.env.REPLICAOPS_SAMPLE_REPORT)
      writeFileSync(
        process.env.REPLICAOPS_SAMPLE_REPORT,
        await (await fetch(`${server.url}/api/reports?period=day&format=md`)).text(),
      );
  });

  test('"send now" posts the day report, signed, with the outage among its problems', async () => {
    server ??= await start();
    const res = await fetch(`${server.url}/api/reports/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
      body: JSON.stringify({ period: 'day' }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      ((await res.json()) as { results: Array<{ webhook: string; ok: boolean }> }).results.map(
        (r) => [r.webhook, r.ok],
      ),
      [['hook', true]],
    );
    const got = received.at(-1);
    assert.ok(got, 'the receiver got the report');
    assert.match(String(got.headers['x-replicaops-signature']), /^sha256=[0-9a-f]{64}$/);
    const body = got.body as {
      event: string;
      period: string;
      problems: Array<{ nodeId?: string; check: string }>;
    };
    assert.equal(body.event, 'report');
    assert.ok(
      body.problems.some((p) => p.nodeId === sandbox.node('r1').id && p.check === 'availability'),
    );
  });

  test('bad report parameters answer 400 with a code, never a 500', async () => {
    server ??= await start();
    for (const q of [
      'period=year',
      'at=yesterday',
      'format=pdf',
      'lang=fr',
      'at=99999999999999999999',
    ]) {
      const res: Response = await fetch(`${server.url}/api/reports?${q}`);
      assert.equal(res.status, 400, q);
      const body = (await res.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'bad_request');
    }
    const bad = await fetch(
      `${server.url}/api/nodes/${encodeURIComponent(sandbox.node('m').id)}/history?metric=opsPerSec&range=90d`,
    );
    assert.equal(bad.status, 400);
  });
});
