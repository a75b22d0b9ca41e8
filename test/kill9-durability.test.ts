import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IncidentDetail, Incident } from '../lib/contracts';
import { startSandbox, waitFor, type Sandbox } from '../server/sandbox';
import { testSandboxOptions } from './helpers/sandbox';

const root = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// The real process (`server/main.ts`, API only is enough here — no build needed: Next is
// started in dev mode lazily and never asked for a page).
async function spawnServer(dataDir: string, seed: string, port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--dev'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), REPLICAOPS_SEEDS: seed, REPLICAOPS_DATA_DIR: dataDir, REPLICAOPS_POLL_MS: '250', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: 'ignore',
  });
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000, { what: 'server up' });
  return proc;
}

describe('kill -9 loses nothing that was acknowledged', () => {
  let sandbox: Sandbox;
  let dataDir: string;
  let proc: ChildProcess | undefined;
  before(async () => {
    sandbox = await startSandbox(testSandboxOptions({ shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] }));
    dataDir = mkdtempSync(path.join(tmpdir(), 'replicaops-kill9-'));
  });
  after(async () => {
    proc?.kill('SIGKILL');
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('an incident and a note answered 200 are still there after SIGKILL and restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    proc = await spawnServer(dataDir, sandbox.seeds()[0]!, port);
    await waitFor(async () => ((await (await fetch(`${base}/api/topology`)).json()) as { links: unknown[] }).links.length === 1, 15_000, { what: 'link discovered' });
    await sandbox.kill('r1');
    let incident: Incident | undefined;
    await waitFor(async () => {
      incident = ((await (await fetch(`${base}/api/incidents?state=open`)).json()) as { incidents: Incident[] }).incidents[0];
      return Boolean(incident);
    }, 15_000, { what: 'incident opened' });
    const note = await fetch(`${base}/api/incidents/${incident!.id}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
      body: JSON.stringify({ text: 'acknowledged before the crash', actor: 'kim' }),
    });
    assert.equal(note.status, 200);
    proc.kill('SIGKILL');
    await new Promise((r) => proc!.once('exit', r));

    proc = await spawnServer(dataDir, sandbox.seeds()[0]!, port);
    const detail = (await (await fetch(`${base}/api/incidents/${incident!.id}`)).json()) as IncidentDetail;
    assert.equal(detail.id, incident!.id);
    assert.ok(detail.timeline.some((t) => t.type === 'note' && t.summary === 'acknowledged before the crash' && t.actor === 'kim'));
    assert.ok(detail.findings.length >= 1);
  });
});
