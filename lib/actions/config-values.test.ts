import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMemory, sameConfigValue } from './config-values';

test('parseMemory() reads Redis units (k = 1000, kb = 1024)', () => {
  assert.equal(parseMemory('64mb'), 64 * 1024 * 1024);
  assert.equal(parseMemory('1k'), 1000);
  assert.equal(parseMemory('1GB'), 1024 ** 3);
  assert.equal(parseMemory('yes'), null);
});

test('sameConfigValue() accepts what CONFIG GET normalises', () => {
  assert.ok(sameConfigValue('repl-backlog-size', '8mb', '8388608'));
  assert.ok(!sameConfigValue('repl-backlog-size', '8mb', '1048576'));
  assert.ok(sameConfigValue('save', '3600 1 300 100', '3600 1 300 100'));
  assert.ok(sameConfigValue('appendonly', 'YES', 'yes'));
});

test('sameConfigValue() compares client-output-buffer-limit per class, replica = slave', () => {
  const now = 'normal 0 0 0 slave 536870912 134217728 60 pubsub 33554432 8388608 60';
  assert.ok(sameConfigValue('client-output-buffer-limit', 'replica 512mb 128mb 60', now));
  assert.ok(!sameConfigValue('client-output-buffer-limit', 'replica 256mb 64mb 60', now));
  assert.ok(!sameConfigValue('client-output-buffer-limit', 'replica 256mb', now));
});
