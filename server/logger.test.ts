import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createRootLogger } from './logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createRootLogger(stream).child({ ctx: 'test' }), lines };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

test('an error log carries the message, code and stack of the error', async () => {
  const { log, lines } = capture();
  const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), {
    code: 'ECONNREFUSED',
  });
  log.error({ err, path: '/api/x' }, 'request failed');
  await flush();
  const e = lines[0]?.err as Record<string, unknown>;
  assert.equal(e.message, 'connect ECONNREFUSED 127.0.0.1:6390');
  assert.equal(e.code, 'ECONNREFUSED');
  assert.equal(e.type, 'Error');
  assert.match(String(e.stack), /logger\.test\.ts/);
});

test('an error passed alone is logged whole too', async () => {
  const { log, lines } = capture();
  log.error(new TypeError('boom'));
  await flush();
  const e = lines[0]?.err as Record<string, unknown>;
  assert.equal(e.message, 'boom');
  assert.equal(e.type, 'TypeError');
});

test('error logs still mask secrets: URLs in message and stack, credential fields, AUTH arguments', async () => {
  const { log, lines } = capture();
  const err = Object.assign(new Error('cannot reach redis://app:hunter2@10.0.0.1:6379'), {
    password: 'hunter2',
    command: { name: 'auth', args: ['app', 'hunter2'] },
    cause: new Error('inner redis://:hunter2@h:1'),
  });
  log.error({ err }, 'poll failed for redis://:hunter2@10.0.0.1:6379');
  await flush();
  const text = JSON.stringify(lines);
  assert.doesNotMatch(text, /hunter2/);
  const e = lines[0]?.err as Record<string, unknown>;
  assert.equal(e.message, 'cannot reach redis://app:***@10.0.0.1:6379');
  assert.equal(e.password, '***');
  assert.deepEqual(e.command, { name: 'auth', args: '***' });
  assert.equal((e.cause as Record<string, unknown>).message, 'inner redis://:***@h:1');
});
