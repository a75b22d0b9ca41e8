// Finding 4 of issue 10: without an auth section (the default and the demo) a DNS-rebinding page
// (Host: rebind.attacker.example:PORT) planned and executed a repair, and a socket.io client with
// `Origin: http://evil.example` received topology and findings. Both must be refused now.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { io } from 'socket.io-client';
import { rawRequest } from '../helpers/raw-http';
import { startHarness, type Harness } from '../helpers/server';

const CSRF = { 'x-replicaops-request': '1' };

describe('Host and Origin allow-lists with auth off', () => {
  let h: Harness;
  let good: string;
  let evilHost: string;
  before(async () => {
    h = await startHarness({ sandbox: { shape: [{ name: 'm' }, { name: 'r', upstream: 'm' }] } });
    await h.until((t) => t.links.some((l) => l.linkStatus === 'up'), 'replica linked');
    good = `localhost:${h.server.port}`;
    evilHost = `rebind.attacker.example:${h.server.port}`;
  });
  after(() => h?.stop());

  const plan = (host: string) =>
    rawRequest(h.server.port, {
      method: 'POST',
      path: '/api/actions/plan',
      host,
      headers: CSRF,
      body: { action: 'replica.reconnect', target: h.sandbox.node('r').id, params: {} },
    });

  test('a rebinding Host with the custom header can neither plan nor execute a repair', async () => {
    // The same request through a served Host plans fine: the attack is real, only the Host differs.
    const ok = await plan(good);
    assert.equal(ok.status, 200, ok.text);
    const planId = (ok.json() as { id: string; allowed: boolean }).id;

    const refused = await plan(evilHost);
    assert.equal(refused.status, 421);
    assert.equal((refused.json() as { error: { code: string } }).error.code, 'misdirected');

    const exec = await rawRequest(h.server.port, {
      method: 'POST',
      path: `/api/actions/plans/${planId}/execute`,
      host: evilHost,
      headers: CSRF,
      body: {},
    });
    assert.equal(exec.status, 421);
    const runs = await rawRequest(h.server.port, { path: '/api/actions/runs', host: good });
    assert.deepEqual((runs.json() as { runs: unknown[] }).runs, [], 'no run was started');
  });

  test('every kind of request with a foreign Host is refused: API, health, metrics, pages, no Host at all', async () => {
    for (const path of [
      '/api/topology',
      '/healthz',
      '/metrics',
      '/',
      '/incidents',
      '/_next/static/x.js',
      '/api/nope',
    ]) {
      for (const host of [
        evilHost,
        'rebind.attacker.example',
        `127.0.0.1.nip.io:${h.server.port}`,
        `localhost:${h.server.port + 1}`,
      ]) {
        const res = await rawRequest(h.server.port, { path, host });
        assert.equal(res.status, 421, `${path} Host: ${host}`);
      }
    }
    // HTTP/1.0 may omit Host altogether (1.1 without one is refused by Node itself with 400).
    const noHost = await new Promise<string>((resolve, reject) => {
      const socket = connect(h.server.port, '127.0.0.1', () =>
        socket.end('GET /api/topology HTTP/1.0\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(noHost, /^HTTP\/1\.[01] 421 /);
    for (const host of [good, `127.0.0.1:${h.server.port}`, `LOCALHOST:${h.server.port}`]) {
      assert.equal(
        (await rawRequest(h.server.port, { path: '/api/topology', host })).status,
        200,
        host,
      );
    }
  });

  test('a mutation from a foreign Origin is refused even through a served Host', async () => {
    const res = await rawRequest(h.server.port, {
      method: 'POST',
      path: '/api/actions/plan',
      host: good,
      headers: { ...CSRF, origin: 'http://evil.example' },
      body: { action: 'replica.reconnect', target: h.sandbox.node('r').id, params: {} },
    });
    assert.equal(res.status, 403);
    const same = await rawRequest(h.server.port, {
      method: 'POST',
      path: '/api/actions/plan',
      host: good,
      headers: { ...CSRF, origin: `http://${good}` },
      body: { action: 'replica.reconnect', target: h.sandbox.node('r').id, params: {} },
    });
    assert.equal(same.status, 200, same.text);
  });

  for (const transport of ['websocket', 'polling'] as const) {
    test(`socket.io (${transport}) with Origin http://evil.example gets nothing; same origin gets the snapshot`, async () => {
      const evil = io(h.server.url, {
        transports: [transport],
        reconnection: false,
        extraHeaders: { origin: 'http://evil.example' },
      });
      const received: string[] = [];
      evil.onAny((name: string) => received.push(name));
      const outcome = await new Promise<string>((resolve) => {
        evil.once('connect_error', () => resolve('refused'));
        evil.once('connect', () => resolve('connected'));
      });
      evil.close();
      assert.equal(outcome, 'refused');
      assert.deepEqual(received, []);

      const mine = io(h.server.url, {
        transports: [transport],
        reconnection: false,
        extraHeaders: { origin: `http://${good}` },
      });
      await new Promise((resolve) => mine.once('topology:snapshot', resolve));
      mine.close();
    });
  }
});
