import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { LogoutResponseSchema, MeSchema } from '../lib/contracts';
import { hashPassword, sha256Hex } from '../server/auth/password';
import { startHarness, type Harness } from './helpers/server';

const TOKEN = 'ro-test-token-0123456789';

async function configFile(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-auth-'));
  const file = path.join(dir, 'config.json');
  const config = {
    auth: {
      users: [
        { username: 'ada', role: 'admin', passwordHash: await hashPassword('admin-password') },
        { username: 'vic', role: 'viewer', passwordHash: await hashPassword('viewer-password') },
      ],
      tokens: [{ name: 'prometheus', role: 'viewer', sha256: sha256Hex(TOKEN) }],
    },
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('authentication and roles', () => {
  let h: Harness;
  const login = async (username: string, password: string) =>
    fetch(`${h.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-replicaops-request': '1' },
      body: JSON.stringify({ username, password }),
    });
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

  before(async () => {
    h = await startHarness({ sandbox: { shape: [{ name: 'm' }] }, env: { REPLICAOPS_CONFIG: await configFile() } });
  });
  after(() => h?.stop());

  test('an anonymous request to every non-public route gets 401', async () => {
    const routes = h.server.router.list().filter((r) => r.role !== 'public');
    assert.ok(routes.length >= 8, `only ${routes.length} routes`);
    for (const r of routes) {
      const p = r.path.replace(/:id/g, encodeURIComponent(h.sandbox.node('m').id)).replace(/:(\w+)/g, 'x');
      const res = await fetch(h.server.url + p, { method: r.method, headers: { 'x-replicaops-request': '1' } });
      assert.equal(res.status, 401, `${r.method} ${r.path}`);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unauthorized');
    }
    assert.equal((await fetch(`${h.server.url}/healthz`)).status, 200);
  });

  test('a page request without a session is sent to the login page', async () => {
    const res = await fetch(`${h.server.url}/incidents?x=1`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/login?next=%2Fincidents%3Fx%3D1');
  });

  test('login sets an httpOnly SameSite=Strict cookie; a viewer reads but may not act', async () => {
    assert.equal((await login('vic', 'wrong-password')).status, 401);
    const res = await login('vic', 'viewer-password');
    assert.equal(res.status, 200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = cookieOf(res);
    const me = MeSchema.parse(await (await fetch(`${h.server.url}/api/auth/me`, { headers: { cookie } })).json());
    assert.deepEqual(me, { authEnabled: true, readOnly: false, user: { username: 'vic', role: 'viewer', via: 'session' } });
    assert.equal((await fetch(`${h.server.url}/api/topology`, { headers: { cookie } })).status, 200);
    const del = await fetch(`${h.server.url}/api/nodes/${encodeURIComponent('10.0.0.1:1')}`, {
      method: 'DELETE',
      headers: { cookie, 'x-replicaops-request': '1' },
    });
    assert.equal(del.status, 403);
  });

  test('a cookie mutation without the custom header is refused (CSRF)', async () => {
    const cookie = cookieOf(await login('ada', 'admin-password'));
    const res = await fetch(`${h.server.url}/api/nodes/${encodeURIComponent('10.0.0.1:1')}`, { method: 'DELETE', headers: { cookie } });
    assert.equal(res.status, 403);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /X-ReplicaOps-Request/);
  });

  test('API tokens authenticate with Authorization: Bearer; a wrong one does not', async () => {
    assert.equal((await fetch(`${h.server.url}/api/topology`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
    assert.equal((await fetch(`${h.server.url}/api/topology`, { headers: { authorization: 'Bearer nope' } })).status, 401);
  });

  test('logout revokes the session at once', async () => {
    const cookie = cookieOf(await login('ada', 'admin-password'));
    assert.equal((await fetch(`${h.server.url}/api/topology`, { headers: { cookie } })).status, 200);
    const out = await fetch(`${h.server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-replicaops-request': '1' } });
    LogoutResponseSchema.parse(await out.json());
    assert.equal((await fetch(`${h.server.url}/api/topology`, { headers: { cookie } })).status, 401);
  });

  test('socket.io refuses a handshake without identity and accepts a session or a token', async () => {
    const anon = io(h.server.url, { transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((resolve) => anon.once('connect_error', resolve));
    assert.equal(err.message, 'unauthorized');
    anon.close();
    const withToken = io(h.server.url, { transports: ['websocket'], reconnection: false, auth: { token: TOKEN } });
    await new Promise((resolve) => withToken.once('topology:snapshot', resolve));
    withToken.close();
    const cookie = cookieOf(await login('ada', 'admin-password'));
    const withCookie = io(h.server.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    await new Promise((resolve) => withCookie.once('topology:snapshot', resolve));
    withCookie.close();
  });

  test('login is rate-limited per user name (a growing delay after five failures)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login('ada', `bad-${i}`)).status);
    assert.deepEqual(statuses.slice(0, 2), [401, 401]);
    assert.equal(statuses.at(-1), 429);
  });
});
