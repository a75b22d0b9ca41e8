import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeTicks } from './series';

test('timeTicks() keeps a handful of ticks on the 24 h, 7 d and 30 d windows', () => {
  const to = Date.UTC(2026, 0, 31, 12, 34);
  const H = 3600_000;
  assert.equal(timeTicks(to - 24 * H, to).length, 8); // every 3 h
  assert.equal(timeTicks(to - 7 * 24 * H, to).length, 7); // every day
  assert.ok(timeTicks(to - 30 * 24 * H, to).length <= 7); // every 5 days
});
