import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logger } from '../logger';
import { backoff, connectionOptions, linkOptions, NEVER_RECONNECT, type LinkOptions } from './connection-options';

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

test('backoff() doubles from 200 ms up to its cap, and may retry the first time at once', () => {
  const slow = backoff(2000);
  assert.deepEqual([1, 2, 3, 4, 5, 20].map(slow), [200, 400, 800, 1600, 2000, 2000]);
  const eager = backoff(30_000, 5);
  assert.deepEqual([1, 2, 10, 11].map(eager), [5, 400, 30_000, 30_000]);
});

test('linkOptions() opens a reconnecting link with the instance\'s own credentials', () => {
  const link: LinkOptions = {
    host: 's',
    port: 26379,
    credentials: { password: 'sentinel-pw', tls: true },
    connectTimeoutMs: 1000,
    commandTimeoutMs: 500,
    maxBackoffMs: 3000,
    log: logger('test'),
  };
  const o = linkOptions(link, 'replicaops');
  assert.deepEqual([o.host, o.port, o.password, o.connectionName], ['s', 26379, 'sentinel-pw', 'replicaops']);
  assert.deepEqual(o.tls, {});
  assert.equal(o.enableOfflineQueue, false);
  assert.equal(o.retryStrategy?.(10), 3000);
  assert.equal(linkOptions(link, 'n', backoff(3000, 5)).retryStrategy?.(1), 5);
});
