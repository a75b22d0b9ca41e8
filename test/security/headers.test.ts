// Finding 9 of issue 10: no CSP / frame-ancestors, X-Frame-Options, nosniff or Referrer-Policy.
// Every kind of response carries them now: JSON, errors, text, refusals and socket.io polling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rawRequest, type RawAnswer } from '../helpers/raw-http';
import { startHarness, type Harness } from '../helpers/server';

function assertSecurityHeaders(res: RawAnswer, what: string): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP ${csp}`);
  assert.match(csp, /default-src 'self'/, `${what}: CSP ${csp}`);
  assert.doesNotMatch(csp, /unsafe-eval/, `${what}: no eval outside dev`);
  assert.equal(res.headers['x-frame-options'], 'DENY', what);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(res.headers['referrer-policy'], 'same-origin', what);
}

describe('security headers on every response', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ sandbox: { shape: [{ name: 'm' }] } });
  });
  after(() => h?.stop());

  test('API answers, errors, Prometheus text, pages and refusals all carry them', async () => {
    const host = `localhost:${h.server.port}`;
    const cases: Array<
      [string, { method?: string; path: string; host?: string; body?: unknown }, number]
    > = [
      ['JSON', { path: '/api/topology' }, 200],
      ['health', { path: '/healthz' }, 200],
      ['metrics text', { path: '/metrics' }, 200],
      ['404', { path: '/api/no-such-route' }, 404],
      ['405', { method: 'DELETE', path: '/api/topology' }, 405],
      ['400', { method: 'POST', path: '/api/actions/plan', body: { action: 1 } }, 400],
      ['page path', { path: '/incidents' }, 404],
      ['foreign Host', { path: '/api/topology', host: 'evil.example' }, 421],
    ];
    for (const [what, req, status] of cases) {
      const res = await rawRequest(h.server.port, {
        host,
        ...req,
        headers: { 'x-replicaops-request': '1' },
      });
      assert.equal(res.status, status, `${what}: ${res.text.slice(0, 100)}`);
      assertSecurityHeaders(res, what);
    }
  });

  test('socket.io long-polling answers carry them too (they bypass the HTTP handler)', async () => {
    const res = await rawRequest(h.server.port, {
      path: '/socket.io/?EIO=4&transport=polling',
      host: `localhost:${h.server.port}`,
    });
    assert.equal(res.status, 200, res.text);
    assertSecurityHeaders(res, 'socket.io handshake');
    const refused = await rawRequest(h.server.port, {
      path: '/socket.io/?EIO=4&transport=polling',
      host: 'evil.example',
    });
    assert.equal(refused.status, 403);
  });
});
