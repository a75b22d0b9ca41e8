import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fmtDuration } from './rule-kit';

test('fmtDuration() says how far under a second, and rounds whole units above', () => {
  assert.deepEqual(fmtDuration(0.015), { en: '15 ms', zh: '15 毫秒' });
  assert.equal(fmtDuration(0.0001).en, '1 ms');
  assert.equal(fmtDuration(0).en, '0 s');
  assert.equal(fmtDuration(0.9996).en, '1 s');
  assert.equal(fmtDuration(75).en, '1 min 15 s');
  assert.equal(fmtDuration(7260).zh, '2 小时 1 分');
});
