// Every socket request is checked against the session at the time it arrives, not only at the
// handshake: after a logout the live feed's own requests (resync, watch) are refused at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { hashPassword } from '../server/auth/password';
import { startHarness, type Harness } from './helpers/server';

type AckResult = { ok: true } | { ok: false; error: string };

async function configFile(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-socket-session-'));
  const file = path.join(dir, 'config.json');
  const users = [
    { username: 'ada', role: 'admin', passwordHash: await hashPassword('admin-password') },
  ];
  writeFileSync(file, JSON.stringify({ auth: { users } }));
  return file;
}

describe('socket requests after the session ended', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      sandbox: { shape: [{ name: 'm' }] },
      env: { REPLICAOPS_CONFIG: await configFile() },
    });
  });
  after(() => h?.stop());

  const login = async () => {
    const res = await fetch(`${h.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
      body: JSON.stringify({ username: 'ada', password: 'admin-password' }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const ask = (send: (ack: (r: AckResult) => void) => void) =>
    new Promise<AckResult>((resolve) => send(resolve));

  test('topology:resync and node:watch answer unauthorized after logout, and send no snapshot', async () => {
    const cookie = await login();
    const socket = io(h.server.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie },
      query: { topology: 'delta' },
    });
    let snapshots = 0;
    socket.on('topology:snapshot', () => snapshots++);
    await new Promise((resolve) => socket.once('topology:snapshot', resolve));
    const nodeId = h.sandbox.node('m').id;
    try {
      // While the session lives, both requests are served.
      assert.deepEqual(await ask((ack) => socket.emit('topology:resync', ack)), { ok: true });
      assert.deepEqual(await ask((ack) => socket.emit('node:watch', { nodeId }, ack)), {
        ok: true,
      });
      const served = snapshots;
      assert.ok(served >= 2, `a resync sends a snapshot (${served})`);

      await fetch(`${h.server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie, 'x-replicaops-request': '1' },
      });
      const refused = { ok: false, error: 'unauthorized' };
      assert.deepEqual(await ask((ack) => socket.emit('topology:resync', ack)), refused);
      assert.deepEqual(await ask((ack) => socket.emit('node:watch', { nodeId }, ack)), refused);
      assert.deepEqual(await ask((ack) => socket.emit('node:unwatch', { nodeId }, ack)), refused);
      assert.equal(snapshots, served, 'no snapshot after the session ended');
    } finally {
      socket.close();
    }
  });
});
