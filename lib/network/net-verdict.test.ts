import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpretProbe, summarize, type ProbeOutcome } from './net-verdict';

// Error texts as redis-server 7.0 and Node 20 print them.
const base: ProbeOutcome = { host: '10.0.0.5', port: 6379, dns: { ok: true, literal: true } };
const reachable: ProbeOutcome = {
  ...base,
  tcp: { ok: true, ms: 0.4 },
  auth: { ok: true, ms: 0, required: false, verified: true },
  ping: { ok: true, samplesMs: [0.2, 0.3, 0.25] },
  redis: { ok: true, role: 'master', version: '7.0.15' },
};

test('interpretProbe(): NOAUTH tells the operator to configure a password (and masterauth for replicas)', () => {
  const r = interpretProbe({
    ...base,
    tcp: { ok: true, ms: 0.3 },
    auth: { ok: false, code: 'NOAUTH', message: 'NOAUTH Authentication required.', ms: 1 },
  });
  assert.equal(r.state, 'failed');
  assert.deepEqual(
    r.steps.map((s) => s.state),
    ['skipped', 'ok', 'failed', 'skipped', 'skipped'],
  );
  assert.match(r.verdict.en, /^10\.0\.0\.5:6379: Redis requires a password .* masterauth/);
  assert.match(r.verdict.zh, /masterauth/);
});

test('interpretProbe(): a name that does not resolve stops at DNS with nslookup to run', () => {
  const r = interpretProbe({
    host: 'redis-master.example',
    port: 6379,
    dns: {
      ok: false,
      code: 'ENOTFOUND',
      message: 'getaddrinfo ENOTFOUND redis-master.example',
      ms: 12,
    },
  });
  assert.equal(r.steps[0]?.state, 'failed');
  assert.equal(r.steps[0]?.command, 'nslookup redis-master.example');
  assert.match(r.verdict.en, /does not resolve \(ENOTFOUND\)/);
  assert.ok(r.steps.slice(1).every((s) => s.state === 'skipped'));
});

test('interpretProbe(): a TCP timeout points at a firewall, with ping and iptables to run', () => {
  const r = interpretProbe({
    ...base,
    tcp: { ok: false, code: 'ETIMEDOUT', message: 'no TCP answer within 2000 ms', ms: 2000 },
  });
  const tcp = r.steps[1]!;
  assert.match(tcp.detail.en, /firewall drops the packets/);
  assert.equal(tcp.command, 'ping -c 10 10.0.0.5; iptables -L -n | grep 6379');
});

test("interpretProbe(): round trips are judged by the seed's table (< 10 ms normal, > 100 ms abnormal)", () => {
  assert.equal(interpretProbe(reachable).state, 'ok');
  assert.deepEqual(interpretProbe(reachable).rttMs, { min: 0.2, avg: 0.25, max: 0.3 });
  const slow = interpretProbe({ ...reachable, ping: { ok: true, samplesMs: [30, 40, 50] } });
  assert.equal(slow.state, 'warning');
  assert.match(slow.verdict.en, /answers, but: .*above the 10 ms normal range/);
  const abnormal = interpretProbe({ ...reachable, ping: { ok: true, samplesMs: [150, 160] } });
  assert.match(abnormal.verdict.en, /above 100 ms is abnormal/);
});

test('summarize(): both ends reachable from here while the link is down points between the hosts', () => {
  const node = interpretProbe({
    ...reachable,
    redis: {
      ok: true,
      role: 'replica',
      masterHost: '10.0.0.4',
      masterPort: 6379,
      linkStatus: 'down',
    },
  });
  const upstream = interpretProbe({ ...reachable, host: '10.0.0.4' });
  const s = summarize(node, upstream, 'down');
  assert.match(s.en, /yet the replica's link is down.*firewall rule for the replica's IP/);
  assert.match(summarize(node, upstream, 'up').en, /both reachable/);
});
