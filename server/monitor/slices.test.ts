import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inSlices } from './slices';

test('inSlices: every item once, in order, results in the items order', async () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  const seen: number[] = [];
  const out = await inSlices(items, 3, (x, i) => {
    seen.push(i);
    return x * 2;
  });
  assert.deepEqual(seen, items);
  assert.deepEqual(out, items.map((x) => x * 2));
});

test('inSlices: other work runs between slices, and not inside one', async () => {
  const trace: string[] = [];
  // Queued before the slices start: it must get its turn before the last slice, not after all.
  const other = new Promise<void>((resolve) =>
    setImmediate(() => {
      trace.push('other');
      resolve();
    }),
  );
  await inSlices([1, 2, 3, 4, 5, 6], 2, (x) => trace.push(`item${x}`));
  await other;
  const items = trace.filter((t) => t.startsWith('item'));
  assert.deepEqual(items, ['item1', 'item2', 'item3', 'item4', 'item5', 'item6']);
  // Whatever else ran, it ran between slices: each slice's two items are adjacent in the trace.
  for (const [a, b] of [['item1', 'item2'], ['item3', 'item4'], ['item5', 'item6']] as const) {
    assert.equal(trace.indexOf(b), trace.indexOf(a) + 1, trace.join(' '));
  }
  // The other task, queued before the slicing began, did not wait for all of it.
  assert.ok(trace.indexOf('other') < trace.indexOf('item6'), trace.join(' '));
});

test('inSlices: nothing to do returns nothing', async () => {
  assert.deepEqual(await inSlices([], 5, () => 1), []);
});
