import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dummyHashLike, hashPassword, verifyPassword } from './password';

test('dummyHashLike() takes the cost most users have, and no password matches it', async () => {
  const cheap = await hashPassword('a', 1024);
  const dear = await hashPassword('b', 2048);
  const dummy = dummyHashLike([cheap, dear, await hashPassword('c', 1024)]);
  assert.equal(dummy.split('$').slice(1, 4).join('$'), '1024$8$1');
  assert.equal(await verifyPassword('a', dummy), false);
  assert.equal(await verifyPassword('', dummy), false);
  assert.equal(dummyHashLike([]).split('$')[1], '16384');
});
