import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyConnectionError } from './connection-error';

function errno(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

test('classifyConnectionError() names the cause an operator would look for', () => {
  const cases: Array<[unknown, string]> = [
    [errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:7001'), 'refused'],
    [errno('ENOTFOUND', 'getaddrinfo ENOTFOUND redis-x.internal'), 'dns'],
    [new Error('WRONGPASS invalid username-password pair or user is disabled.'), 'auth_failed'],
    [new Error('NOAUTH Authentication required.'), 'auth_failed'],
    [new Error('ERR invalid password'), 'auth_failed'],
    [errno('ETIMEDOUT', 'connect ETIMEDOUT'), 'timeout'],
    [new Error('Command timed out'), 'timeout'],
    [new Error('LOADING Redis is loading the dataset in memory'), 'loading'],
    [new Error('self-signed certificate in certificate chain'), 'tls'],
    ['something odd', 'unknown'],
  ];
  for (const [err, code] of cases) assert.equal(classifyConnectionError(err).code, code, String(err));
});

test('classifyConnectionError() never leaks credentials from a URL in the message', () => {
  const e = classifyConnectionError(new Error('could not connect to redis://app:hunter2@10.1.1.1:6379'));
  assert.ok(!e.message.includes('hunter2'));
});

test('classifyConnectionError() explains a protocol error as "not a Redis server"', () => {
  // What ioredis reports when an HTTP server answers on the port.
  const e = classifyConnectionError(new Error('Protocol error, got "H" as reply type byte. Please report this.'));
  assert.equal(e.code, 'protocol');
  assert.match(e.message, /^the server on this port does not speak the Redis protocol/);
});
