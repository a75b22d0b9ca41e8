import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionOptions, NEVER_RECONNECT } from './connection-options';

test('connectionOptions() carries credentials and TLS, and never queues a command for later', () => {
  const o = connectionOptions({
    host: 'h',
    port: 7001,
    credentials: { username: 'ops', password: 'pw', tls: { servername: 'redis.lan', rejectUnauthorized: true } },
    name: 'replicaops-check',
    connectTimeoutMs: 1500,
    commandTimeoutMs: 800,
    retryStrategy: NEVER_RECONNECT,
  });
  assert.deepEqual([o.host, o.port, o.username, o.password, o.connectionName], ['h', 7001, 'ops', 'pw', 'replicaops-check']);
  assert.deepEqual(o.tls, { servername: 'redis.lan', rejectUnauthorized: true });
  assert.deepEqual([o.connectTimeout, o.commandTimeout], [1500, 800]);
  assert.equal(o.enableOfflineQueue, false);
  assert.equal(o.maxRetriesPerRequest, 0);
  assert.equal(o.retryStrategy?.(1), null);
});

test('connectionOptions() without TLS in the config opens a plain connection', () => {
  const o = connectionOptions({ host: 'h', port: 1, credentials: {}, name: 'n', connectTimeoutMs: 1, commandTimeoutMs: 1, retryStrategy: () => 5 });
  assert.equal(o.tls, undefined);
  assert.equal(o.retryStrategy?.(3), 5);
});
