import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycleIfAttached, descendantsOf, replicasOf } from './topology-checks';

// m ← r1 ← r1a, m ← r2
const ups = new Map<string, string | undefined>([
  ['m', undefined],
  ['r1', 'm'],
  ['r2', 'm'],
  ['r1a', 'r1'],
]);

test('cycleIfAttached() finds the ring a new edge would close', () => {
  assert.deepEqual(cycleIfAttached(ups, 'r1', 'r1a'), ['r1', 'r1a', 'r1']);
  assert.deepEqual(cycleIfAttached(ups, 'm', 'r1a'), ['m', 'r1a', 'r1', 'm']);
  assert.deepEqual(cycleIfAttached(ups, 'r1', 'r1'), ['r1', 'r1']);
  assert.equal(cycleIfAttached(ups, 'r1a', 'r2'), null);
  assert.equal(cycleIfAttached(ups, 'r2', 'unknown:1'), null);
});

test('cycleIfAttached() does not loop on an existing ring above', () => {
  const ring = new Map<string, string | undefined>([
    ['a', 'b'],
    ['b', 'a'],
    ['c', undefined],
  ]);
  assert.equal(cycleIfAttached(ring, 'c', 'a'), null);
});

test('replicasOf() and descendantsOf() follow the tree', () => {
  assert.deepEqual(replicasOf(ups, 'm').sort(), ['r1', 'r2']);
  assert.deepEqual(descendantsOf(ups, 'm').sort(), ['r1', 'r1a', 'r2']);
  assert.deepEqual(descendantsOf(ups, 'r1'), ['r1a']);
});
