import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, HostGuard } from './host-guard';

const guard = (bindHost: string, publicUrls: string[] = [], port = 3801) => {
  const g = new HostGuard({ bindHost, publicUrls });
  g.listening(port);
  return g;
};

test('HostGuard on loopback serves the loopback names on the actual port only', () => {
  const g = guard('127.0.0.1');
  for (const host of ['localhost:3801', '127.0.0.1:3801', '[::1]:3801', 'LocalHost:3801'])
    assert.ok(g.isAllowedHost(host), host);
  for (const host of [
    'rebind.attacker.example:3801',
    'localhost:3802',
    'localhost',
    '127.0.0.2:3801',
    'localhost.:3801',
    'user@localhost:3801',
    '',
    undefined,
  ]) {
    assert.equal(g.isAllowedHost(host), false, String(host));
  }
});

test('HostGuard serves the public URLs, with the default port written or not', () => {
  const g = guard('0.0.0.0', ['https://ops.example.com', 'http://10.0.0.5:3000']);
  for (const host of ['ops.example.com', 'ops.example.com:443', '10.0.0.5:3000', 'localhost:3801'])
    assert.ok(g.isAllowedHost(host), host);
  for (const host of ['ops.example.com:3801', 'evil.example', '10.0.0.5:3001'])
    assert.equal(g.isAllowedHost(host), false, host);
  assert.ok(g.isAllowedOrigin('https://ops.example.com'));
  assert.equal(g.isAllowedOrigin('http://ops.example.com'), false);
});

test('HostGuard on a specific non-loopback address serves only the public URLs', () => {
  const g = guard('10.0.0.5', ['https://ops.example.com']);
  assert.equal(g.isAllowedHost('localhost:3801'), false);
  assert.deepEqual(g.allowedHosts(), ['ops.example.com', 'ops.example.com:443']);
});

test('HostGuard allows a missing Origin and refuses foreign, opaque or malformed ones', () => {
  const g = guard('::1');
  assert.ok(g.isAllowedOrigin(undefined));
  assert.ok(g.isAllowedOrigin('http://[::1]:3801'));
  assert.ok(g.isAllowedOrigin('http://localhost:3801'));
  for (const origin of [
    'http://evil.example',
    'null',
    'http://localhost:3802',
    'https://localhost:3801',
    'not a url',
  ]) {
    assert.equal(g.isAllowedOrigin(origin), false, origin);
  }
});

test('the CSP forbids framing everywhere, inline scripts without the nonce, and eval outside dev', () => {
  assert.match(contentSecurityPolicy(false), /frame-ancestors 'none'/);
  assert.match(contentSecurityPolicy(false), /script-src 'self';/);
  assert.match(contentSecurityPolicy(false, 'abc='), /script-src 'nonce-abc=' 'strict-dynamic' /);
  assert.doesNotMatch(contentSecurityPolicy(false, 'abc='), /unsafe-eval/);
  assert.match(contentSecurityPolicy(true), /'unsafe-eval'/);
});
