import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendSample,
  downsampleMax,
  mergePoints,
  timeTicks,
  trimBefore,
  withGapBreaks,
} from './series';

test('mergePoints() unions two series by time and prefers the live point on a tie', () => {
  const out = mergePoints(
    [
      { t: 1, v: 1 },
      { t: 3, v: 3 },
    ],
    [
      { t: 2, v: 2 },
      { t: 3, v: 30 },
    ],
  );
  assert.deepEqual(out, [
    { t: 1, v: 1 },
    { t: 2, v: 2 },
    { t: 3, v: 30 },
  ]);
});

test('appendSample() adds a point per metric carried and forgets points older than the window', () => {
  const s = appendSample(
    {
      lagSeconds: [
        { t: 0, v: 1 },
        { t: 500, v: 2 },
      ],
    },
    { nodeId: 'h:1', t: 1500, values: { lagSeconds: 3, opsPerSec: null } },
    1000,
  );
  assert.deepEqual(s.lagSeconds, [
    { t: 500, v: 2 },
    { t: 1500, v: 3 },
  ]);
  assert.deepEqual(s.opsPerSec, [{ t: 1500, v: null }]);
  assert.equal(s.memoryPct, undefined);
});

test('trimBefore() keeps the suffix inside the window', () => {
  assert.deepEqual(
    trimBefore(
      [
        { t: 1, v: 1 },
        { t: 2, v: 2 },
        { t: 3, v: 3 },
      ],
      2,
    ),
    [
      { t: 2, v: 2 },
      { t: 3, v: 3 },
    ],
  );
});

test('downsampleMax() keeps spikes when thinning a long series', () => {
  const pts = Array.from({ length: 1000 }, (_, i) => ({ t: i, v: i === 537 ? 999 : 1 }));
  const out = downsampleMax(pts, 100);
  assert.ok(out.length <= 100);
  assert.ok(out.some((p) => p.v === 999));
});

test('withGapBreaks() breaks the line over a hole in the data', () => {
  const out = withGapBreaks(
    [
      { t: 0, v: 1 },
      { t: 1000, v: 1 },
      { t: 9000, v: 2 },
    ],
    3000,
  );
  assert.deepEqual(out, [
    { t: 0, v: 1 },
    { t: 1000, v: 1 },
    { t: 1001, v: null },
    { t: 9000, v: 2 },
  ]);
});

test('timeTicks() puts ticks on round minutes inside the window', () => {
  assert.deepEqual(
    timeTicks(30_000, 5 * 60_000 + 30_000),
    [60_000, 120_000, 180_000, 240_000, 300_000],
  );
  assert.equal(timeTicks(0, 3_600_000).length, 7);
});
