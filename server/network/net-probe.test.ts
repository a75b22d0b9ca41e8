import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { interpretProbe } from '../../lib/network/net-verdict';
import { probeAddress } from './net-probe';

const OPTS = { connectTimeoutMs: 1000, commandTimeoutMs: 500, credentials: {} };

test('probeAddress(): a web server on the port is "not the Redis protocol", not a closed stream', async (t) => {
  const web = createServer((sock) => sock.on('data', () => sock.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  t.after(() => web.close());
  const outcome = await probeAddress('127.0.0.1', (web.address() as AddressInfo).port, OPTS);
  assert.equal(outcome.tcp?.ok, true);
  // The first command (CLIENT SETNAME at connect, or PING) meets the garbage reply.
  const failed = [outcome.auth, outcome.ping].find((s) => s && !s.ok);
  assert.equal(failed && !failed.ok ? failed.code : '', 'PROTOCOL', JSON.stringify(outcome));
  assert.match(interpretProbe(outcome).verdict.en, /not in the Redis protocol/);
});

test('probeAddress(): a port that accepts and never answers times out at PING, with TCP fine', async (t) => {
  const mute = createServer(() => undefined);
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
  t.after(() => mute.close());
  const outcome = await probeAddress('127.0.0.1', (mute.address() as AddressInfo).port, OPTS);
  const r = interpretProbe(outcome);
  assert.deepEqual(r.steps.map((s) => s.state), ['skipped', 'ok', 'skipped', 'failed', 'skipped']);
  assert.match(r.verdict.en, /does not answer PING/);
});

test('probeAddress(): a name that does not resolve fails at DNS and goes no further', async () => {
  const outcome = await probeAddress('no-such-host.invalid', 6379, OPTS);
  assert.equal(outcome.dns.ok, false);
  assert.equal(outcome.tcp, undefined);
});
