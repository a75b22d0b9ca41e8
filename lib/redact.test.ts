import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactDeep, redactUrl } from './redact';

test('redactUrl() hides the password of a redis URL but keeps host and port', () => {
  assert.equal(redactUrl('redis://app:s3cret@10.0.0.1:6379'), 'redis://app:***@10.0.0.1:6379');
  assert.equal(redactUrl('rediss://:pw@h:1/0'), 'rediss://:***@h:1/0');
  assert.equal(redactUrl('no url here'), 'no url here');
});

test('redactDeep() masks secret-looking keys at any depth', () => {
  const out = redactDeep({ nodes: [{ host: 'a', password: 'x', tls: true }], seed: 'redis://:p@h:1' });
  assert.deepEqual(out, { nodes: [{ host: 'a', password: '***', tls: true }], seed: 'redis://:***@h:1' });
});

test('redactDeep() turns an Error into its message, code and stack, secrets masked', () => {
  const err = Object.assign(new Error('AUTH failed for redis://u:pw@h:1'), { code: 'WRONGPASS' });
  const out = redactDeep({ err }) as unknown as { err: Record<string, unknown> };
  assert.equal(out.err.message, 'AUTH failed for redis://u:***@h:1');
  assert.equal(out.err.code, 'WRONGPASS');
  assert.match(String(out.err.stack), /^Error: AUTH failed for redis:\/\/u:\*\*\*@h:1/);
});

test('redactDeep() masks the arguments of AUTH and HELLO commands, not of others', () => {
  assert.deepEqual(redactDeep({ name: 'auth', args: ['default', 'pw'] }), { name: 'auth', args: '***' });
  assert.deepEqual(redactDeep({ name: 'get', args: ['k'] }), { name: 'get', args: ['k'] });
});
