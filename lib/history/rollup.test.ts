import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bucketStart,
  mergeRows,
  pickResolution,
  retentionCutoffs,
  RollupAccumulator,
  rowsToPoints,
} from './rollup';

const MIN = 60_000;
const Q = 15 * MIN;
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

test('RollupAccumulator keeps count, sum, min and max per bucket and resolution', () => {
  const acc = new RollupAccumulator([MIN, Q]);
  acc.add('a:1', T0 + 1000, { lagSeconds: 1, reachable: 1 });
  acc.add('a:1', T0 + 30_000, { lagSeconds: 5, reachable: 0 });
  acc.add('a:1', T0 + MIN + 1, { lagSeconds: 3, reachable: 1, offsetGapBytes: null });
  const rows = acc.drain();
  const lagMin = rows
    .filter((r) => r.metric === 'lagSeconds' && r.resMs === MIN)
    .sort((a, b) => a.bucket - b.bucket);
  assert.deepEqual(
    lagMin.map((r) => [r.bucket - T0, r.count, r.sum, r.min, r.max]),
    [
      [0, 2, 6, 1, 5],
      [MIN, 1, 3, 3, 3],
    ],
  );
  const lagQ = rows.find((r) => r.metric === 'lagSeconds' && r.resMs === Q);
  assert.deepEqual(lagQ && [lagQ.count, lagQ.sum, lagQ.min, lagQ.max], [3, 9, 1, 5]);
  assert.equal(
    rows.some((r) => r.metric === 'offsetGapBytes'),
    false,
    'null values are not samples',
  );
  assert.equal(acc.size, 0, 'drain empties the accumulator');
});

test('mergeRows adds partial aggregates of the same bucket (flush before and after a restart)', () => {
  const base = { resMs: MIN, nodeId: 'a:1', metric: 'cpuPct' as const, bucket: T0 };
  const merged = mergeRows([
    { ...base, count: 2, sum: 10, min: 4, max: 6 },
    { ...base, count: 1, sum: 20, min: 20, max: 20 },
  ]);
  assert.deepEqual(
    merged.map((r) => [r.count, r.sum, r.min, r.max]),
    [[3, 30, 4, 20]],
  );
});

test('rowsToPoints: gauges as the bucket average, counters as the increase', () => {
  const pts = rowsToPoints([
    {
      resMs: MIN,
      nodeId: 'a',
      metric: 'syncFullDelta',
      bucket: T0,
      count: 60,
      sum: 2,
      min: 0,
      max: 1,
    },
    {
      resMs: MIN,
      nodeId: 'a',
      metric: 'memoryPct',
      bucket: T0,
      count: 4,
      sum: 100,
      min: 20,
      max: 30,
    },
  ]);
  assert.deepEqual(
    pts.map((p) => p.v),
    [2, 25],
  );
});

test('retention cut-offs and resolution choice', () => {
  const keep = [
    { resMs: MIN, retentionMs: 48 * 3600_000 },
    { resMs: Q, retentionMs: 30 * 24 * 3600_000 },
  ];
  const now = T0 + 123_456;
  assert.deepEqual(retentionCutoffs(now, keep), [
    { resMs: MIN, before: bucketStart(now - 48 * 3600_000, MIN) },
    { resMs: Q, before: bucketStart(now - 30 * 24 * 3600_000, Q) },
  ]);
  assert.equal(pickResolution(now, now - 24 * 3600_000, keep), MIN);
  assert.equal(pickResolution(now, now - 7 * 24 * 3600_000, keep), Q);
  assert.equal(
    pickResolution(now, now - 90 * 24 * 3600_000, keep),
    Q,
    'past every retention: the coarsest',
  );
});
