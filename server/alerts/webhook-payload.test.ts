import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../lib/contracts';
import { slackPayload, jsonPayload } from './webhook-payload';
import { backoffDelay, describeFetchError, parseRetryAfter } from './webhook-send';
import { signBody, verifySignature } from './webhook-signature';

const finding: Finding = {
  id: 'f-1',
  kind: 'link_down',
  severity: 'critical',
  nodeId: '127.0.0.1:7002',
  link: { upstream: '127.0.0.1:7001', replica: '127.0.0.1:7002' },
  cause: 'upstream_down',
  title: { en: 'Link <down>', zh: '链路断开' },
  detail: { en: 'The replica lost its master & waits', zh: '从节点与主节点断开' },
  openedAt: 1_000,
  lastSeenAt: 1_000,
  state: 'open',
  evidence: [{ type: 'config', nodeId: '127.0.0.1:7002', name: 'masterauth', value: 'x' }],
  remedy: { text: 'Restart the master', textZh: '重启主节点', params: { masterauth: 'hunter2' } },
};

test('jsonPayload() carries both languages and passes the sanitizer', () => {
  const p = jsonPayload({ event: 'finding_opened', finding, sentAt: 5 });
  assert.equal(p.source, 'replicaops');
  assert.equal(p.finding.title.zh, '链路断开');
  assert.equal(p.finding.remedy.params?.masterauth, '***');
});

test('slackPayload() shows severity emoji, escapes mrkdwn and says resolved in green', () => {
  const open = slackPayload({ event: 'finding_opened', finding, sentAt: 5 });
  assert.match(
    open.text,
    /^🔴 CRITICAL: Link &lt;down&gt; — 127\.0\.0\.1:7002 → 127\.0\.0\.1:7001$/,
  );
  assert.match(JSON.stringify(open.blocks), /Link &lt;down&gt;/);
  assert.match(JSON.stringify(open.blocks), /master &amp; waits/);
  assert.match(JSON.stringify(open.blocks), /Restart the master/);
  const resolved = slackPayload({
    event: 'finding_resolved',
    finding: { ...finding, resolvedAt: 61_000 },
    sentAt: 5,
  });
  assert.match(resolved.text, /^🟢 RESOLVED: .*after 1m 0s/);
  assert.doesNotMatch(JSON.stringify(resolved.blocks), /Restart the master/);
  const changed = slackPayload({
    event: 'finding_severity_changed',
    finding: { ...finding, severity: 'warning' },
    previousSeverity: 'critical',
    sentAt: 5,
  });
  assert.match(changed.text, /^🟡 WARNING: .*\(was critical\)/);
});

test('verifySignature() accepts the exact body only', () => {
  const sig = signBody('s3cret-key', '{"a":1}');
  assert.match(sig, /^sha256=[0-9a-f]{64}$/);
  assert.equal(verifySignature('s3cret-key', '{"a":1}', sig), true);
  assert.equal(verifySignature('s3cret-key', '{"a": 1}', sig), false);
  assert.equal(verifySignature('other-key', '{"a":1}', sig), false);
  assert.equal(verifySignature('s3cret-key', '{"a":1}', undefined), false);
  assert.equal(verifySignature('s3cret-key', '{"a":1}', 'sha256=zz'), false);
});

test('backoffDelay() doubles from the base, stays within jitter and the cap, honours Retry-After', () => {
  const o = { backoffMs: 1000, maxBackoffMs: 300_000, jitter: 0.2, random: () => 0.5 };
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => backoffDelay(n, undefined, o)),
    [1000, 2000, 4000, 8000],
  );
  assert.equal(backoffDelay(30, undefined, o), 300_000);
  assert.equal(backoffDelay(1, undefined, { ...o, random: () => 0 }), 800);
  assert.equal(backoffDelay(1, undefined, { ...o, random: () => 1 }), 1200);
  assert.equal(backoffDelay(1, 30_000, o), 30_000);
  assert.equal(parseRetryAfter('12', 0), 12_000);
  assert.equal(parseRetryAfter('soon', 0), undefined);
});

test('describeFetchError() never repeats the webhook URL (its path is the token)', () => {
  const url = 'https://hooks.example.com/services/T0/B0/SECRETTOKEN';
  const err = Object.assign(new TypeError('fetch failed'), {
    cause: { code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${url}` },
  });
  const text = describeFetchError(err, { url, timeoutMs: 1000 });
  assert.match(text, /ENOTFOUND/);
  assert.doesNotMatch(text, /SECRETTOKEN/);
  assert.equal(
    describeFetchError(Object.assign(new Error('x'), { name: 'TimeoutError' }), {
      url,
      timeoutMs: 1000,
    }),
    'no answer within 1000 ms',
  );
});
