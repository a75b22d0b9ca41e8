import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tuneHeap } from './heap-tuning';

test('the heap growth limit is applied unless the node command line sets its own', () => {
  assert.equal(tuneHeap(['--heap-growing-percent=0']), false);
  assert.equal(tuneHeap(['--enable-source-maps', '--heap_growing_percent=20']), false);
  assert.equal(tuneHeap(['--heap-growing-percent', '30']), false);
  assert.equal(tuneHeap(['--enable-source-maps']), true);
  assert.equal(tuneHeap([]), true);
});
