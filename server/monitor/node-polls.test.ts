import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sliceGapMs } from './node-polls';

test('a wave of one slice is sent at once; a large one spreads over at most 15 % of the interval', () => {
  assert.equal(sliceGapMs(32, 1000), 0);
  assert.equal(sliceGapMs(1000, 1000), 4);
  for (const [n, interval] of [[1000, 1000], [1000, 200], [5000, 1000], [64, 100]] as const) {
    const slices = Math.ceil(n / 32);
    assert.ok(sliceGapMs(n, interval) * (slices - 1) <= 0.15 * interval, `${n} nodes at ${interval} ms`);
    assert.ok(sliceGapMs(n, interval) > 0);
  }
});
