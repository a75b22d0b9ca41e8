import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateConfig, type ConfigState } from './config-effects';

const MB = 1024 * 1024;
const master: ConfigState = {
  nodeId: '127.0.0.1:7001',
  role: 'master',
  usedMemory: 60 * MB,
  notCountedForEvict: 0,
  datasetBytes: 50 * MB,
  keys: 600_000,
  expiringKeys: 0,
  replicas: [
    { online: true, lag: 0 },
    { online: true, lag: 1 },
  ],
  backlogBytes: 1 * MB,
  replOffsetRate: 2 * MB,
  syncSeconds: 10,
  outageSeconds: 60,
  current: {
    maxmemory: '0',
    'maxmemory-policy': 'noeviction',
    save: '3600 1',
    appendonly: 'no',
    'min-replicas-to-write': '0',
    'min-replicas-max-lag': '10',
    'repl-ping-replica-period': '10',
    'repl-backlog-size': String(MB),
  },
};
const one = (settings: Record<string, string>, st = master, force = false) => {
  const [e] = evaluateConfig(settings, st, force);
  assert.ok(e);
  return e;
};

test('an evicting maxmemory under used_memory is a refused data loss with a count', () => {
  const e = evaluateConfig(
    { maxmemory: '1mb', 'maxmemory-policy': 'allkeys-random' },
    master,
    false,
  );
  assert.deepEqual(
    e.map((x) => [x.code, x.level]),
    [
      ['maxmemory_evicts', 'refused'],
      ['maxmemory_evicts', 'refused'],
    ],
  );
  assert.equal(e[0]?.evictBytes, 59 * MB);
  assert.equal(e[0]?.evictKeys, 600_000);
  assert.match(e[0]?.text.en ?? '', /DATA LOSS.*replica/);
  assert.match(e[0]?.text.zh ?? '', /数据丢失/);
  // Forced by an admin it is allowed, as a destructive plan.
  assert.equal(
    one({ maxmemory: '1mb', 'maxmemory-policy': 'allkeys-random' }, master, true).level,
    'destructive',
  );
});

test('maxmemory under used_memory with noeviction means every write fails', () => {
  const e = one({ maxmemory: '10mb' });
  assert.equal(e.code, 'maxmemory_blocks_writes');
  assert.equal(e.level, 'refused');
  assert.match(e.text.en, /-OOM/);
});

test('volatile-* evicts only keys with a TTL; none means writes fail', () => {
  const withTtl = { ...master, expiringKeys: 1000 };
  const e = one({ maxmemory: '30mb', 'maxmemory-policy': 'volatile-lru' }, withTtl);
  assert.equal(e.code, 'maxmemory_evicts');
  assert.equal(e.evictKeys, 1000);
  assert.equal(
    one({ maxmemory: '30mb', 'maxmemory-policy': 'volatile-lru' }).code,
    'maxmemory_blocks_writes',
  );
});

test('a policy change on a node over its limit is judged against that limit', () => {
  const over = { ...master, current: { ...master.current, maxmemory: String(40 * MB) } };
  assert.equal(one({ 'maxmemory-policy': 'allkeys-lru' }, over).code, 'maxmemory_evicts');
  assert.equal(one({ 'maxmemory-policy': 'allkeys-lru' }).level, 'safe');
  assert.equal(one({ maxmemory: '200mb' }).level, 'safe');
});

test('a replica output buffer below what a sync streams is refused, never below the backlog', () => {
  const tiny = one({ 'client-output-buffer-limit': 'replica 1 1 0' });
  assert.equal(tiny.code, 'output_buffer_breaks_replication');
  assert.equal(tiny.level, 'refused');
  // 2 MB/s × 10 s = 20 MB needed.
  assert.equal(one({ 'client-output-buffer-limit': 'replica 16mb 8mb 60' }).level, 'refused');
  assert.equal(one({ 'client-output-buffer-limit': 'replica 256mb 64mb 60' }).level, 'safe');
  assert.equal(one({ 'client-output-buffer-limit': 'replica 0 0 0' }).level, 'safe');
  const unmeasured = { ...master, replOffsetRate: null, backlogBytes: 64 * MB };
  assert.equal(
    one({ 'client-output-buffer-limit': 'replica 32mb 0 0' }, unmeasured).level,
    'refused',
  );
  assert.equal(one({ 'client-output-buffer-limit': 'normal 1 1 0' }).level, 'refused');
});

test('no persistence on a master with replicas is destructive with the empty-restart warning', () => {
  const e = one({ save: '' });
  assert.equal(e.code, 'master_no_persistence');
  assert.equal(e.level, 'destructive');
  assert.match(e.text.en, /EMPTY/);
  assert.equal(
    one({ save: '' }, { ...master, current: { ...master.current, appendonly: 'yes' } }).level,
    'safe',
  );
  assert.equal(one({ save: '' }, { ...master, replicas: [] }).level, 'safe');
});

test('writable replica, unmeetable min-replicas and a shrinking backlog are destructive', () => {
  assert.equal(one({ 'replica-read-only': 'no' }).level, 'destructive');
  assert.equal(one({ 'replica-read-only': 'yes' }).level, 'safe');
  assert.equal(one({ 'min-replicas-to-write': '3' }).code, 'writes_refused');
  assert.equal(one({ 'min-replicas-to-write': '2' }).level, 'safe');
  const lagging = { ...master, replicas: [{ online: true, lag: 30 }] };
  assert.equal(one({ 'min-replicas-to-write': '1' }, lagging).level, 'destructive');
  const big = { ...master, backlogBytes: 256 * MB };
  assert.equal(one({ 'repl-backlog-size': '16mb' }, big).code, 'backlog_shrinks');
  assert.equal(one({ 'repl-backlog-size': '200mb' }, big).level, 'safe');
  assert.equal(one({ 'repl-backlog-size': '8mb' }).level, 'safe');
  assert.equal(one({ 'repl-timeout': '5' }).code, 'timeout_below_ping');
});

test('unknown names, secrets and unreadable values stay refused', () => {
  assert.equal(one({ 'slave-read-only': 'no' }).level, 'refused');
  assert.equal(one({ masterauth: 'x' }).level, 'refused');
  assert.equal(one({ maxmemory: 'lots' }).level, 'refused');
  assert.equal(one({ 'repl-backlog-size': '-1' }).level, 'refused');
});
