import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY_AFTER_S, retryAfterSeconds } from './retry-after';

const NOW = Date.parse('2026-01-01T10:00:00Z');

test('retryAfterSeconds() reads delta-seconds and HTTP dates', () => {
  assert.equal(retryAfterSeconds('42', NOW), 42);
  assert.equal(retryAfterSeconds('Thu, 01 Jan 2026 10:00:30 GMT', NOW), 30);
});

test('retryAfterSeconds() waits at least a second, a minute when the header says nothing', () => {
  assert.equal(retryAfterSeconds('0', NOW), 1);
  assert.equal(retryAfterSeconds('Thu, 01 Jan 2026 09:00:00 GMT', NOW), 1);
  assert.equal(retryAfterSeconds(null, NOW), DEFAULT_RETRY_AFTER_S);
  assert.equal(retryAfterSeconds('soon', NOW), DEFAULT_RETRY_AFTER_S);
});
