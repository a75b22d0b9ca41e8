// Finding 7: a session issued before a password change kept working after the hash was rotated
// and the server restarted; session ids sat in clear in a world-readable SQLite file. Replayed
// against real servers restarted on one data dir.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword } from '../../server/auth/password';
import { startHarness, type Harness } from '../helpers/server';

interface User {
  username: string;
  role: 'viewer' | 'operator' | 'admin';
  passwordHash: string;
}

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

describe('sessions across restarts and config changes', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'replicaops-sessions-'));
  const dataDir = path.join(root, 'data');
  after(() => rmSync(root, { recursive: true, force: true }));

  const start = async (users: User[], extra: Record<string, unknown> = {}): Promise<Harness> => {
    const file = path.join(root, 'config.json');
    writeFileSync(file, JSON.stringify({ auth: { users, ...extra } }));
    return startHarness({
      sandbox: { shape: [{ name: 'm' }] },
      env: { REPLICAOPS_DATA_DIR: dataDir, REPLICAOPS_CONFIG: file },
    });
  };
  const login = async (h: Harness, username: string, password: string) => {
    const res = await fetch(`${h.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
      body: JSON.stringify({ username, password }),
    });
    assert.equal(res.status, 200, `login ${username}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  };
  const status = async (h: Harness, cookie: string) =>
    (await fetch(`${h.server.url}/api/topology`, { headers: { cookie } })).status;

  test('the session id is not in the database files in clear; files are 0600 in a 0700 dir', async () => {
    const ada: User = {
      username: 'ada',
      role: 'admin',
      passwordHash: await hashPassword('ada-pass-1', 1024),
    };
    const h = await start([ada]);
    try {
      const cookie = await login(h, 'ada', 'ada-pass-1');
      const sid = decodeURIComponent(cookie.split('=')[1] ?? '');
      assert.ok(sid.length >= 20);
      const rows = JSON.stringify(h.server.db.prepare('SELECT * FROM sessions').all());
      assert.ok(rows.includes('ada'), 'the session row exists');
      assert.ok(!rows.includes(sid), 'no column holds the session id');
      h.server.db.pragma('wal_checkpoint(FULL)');
      for (const f of readdirSync(dataDir).filter((n) => n.startsWith('replicaops.sqlite')))
        assert.ok(!readFileSync(path.join(dataDir, f)).includes(sid), `${f} holds the id`);
      assert.equal(mode(dataDir), '700');
      for (const f of [
        'replicaops.sqlite',
        'replicaops.sqlite-wal',
        'replicaops.sqlite-shm',
        'audit.key',
        'audit.anchor.json',
      ])
        assert.equal(mode(path.join(dataDir, f)), '600', f);
    } finally {
      await h.stop();
    }
    // A database file an older version left readable by others is tightened at the next start
    // (an existing directory is only warned about: it may be shared, e.g. /var/lib).
    chmodSync(path.join(dataDir, 'replicaops.sqlite'), 0o644);
    const again = await start([ada]);
    try {
      assert.equal(mode(path.join(dataDir, 'replicaops.sqlite')), '600');
    } finally {
      await again.stop();
    }
  });

  test('a session outlives a restart, but not a changed password hash or role', async () => {
    const ada: User = {
      username: 'ada',
      role: 'admin',
      passwordHash: await hashPassword('ada-pass-1', 1024),
    };
    const vic: User = {
      username: 'vic',
      role: 'viewer',
      passwordHash: await hashPassword('vic-pass-1', 1024),
    };
    const olga: User = {
      username: 'olga',
      role: 'operator',
      passwordHash: await hashPassword('olga-pass-1', 1024),
    };
    let h = await start([ada, vic, olga]);
    const cookies = {
      ada: await login(h, 'ada', 'ada-pass-1'),
      vic: await login(h, 'vic', 'vic-pass-1'),
      olga: await login(h, 'olga', 'olga-pass-1'),
    };
    await h.stop();
    // Rotate ada's password hash (a new password), promote vic; olga is unchanged.
    const rotated = { ...ada, passwordHash: await hashPassword('ada-pass-2', 1024) };
    h = await start([rotated, { ...vic, role: 'operator' }, olga]);
    try {
      assert.equal(await status(h, cookies.ada), 401, 'old session after a password change');
      assert.equal(await status(h, cookies.vic), 401, 'old session after a role change');
      assert.equal(await status(h, cookies.olga), 200, 'unchanged user keeps the session');
      assert.equal(await status(h, await login(h, 'ada', 'ada-pass-2')), 200);
    } finally {
      await h.stop();
    }
  });

  test('with auth.sessionsSurviveRestart: false every session ends at restart', async () => {
    const ada: User = {
      username: 'ada',
      role: 'admin',
      passwordHash: await hashPassword('ada-pass-1', 1024),
    };
    let h = await start([ada], { sessionsSurviveRestart: false });
    const cookie = await login(h, 'ada', 'ada-pass-1');
    assert.equal(await status(h, cookie), 200);
    await h.stop();
    h = await start([ada], { sessionsSurviveRestart: false });
    try {
      assert.equal(await status(h, cookie), 401);
    } finally {
      await h.stop();
    }
  });
});
