import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FINDINGS_PAGE, findingsPage } from './findings-page';

const items = Array.from({ length: 223 }, (_, i) => i);

test('findingsPage() shows the first page, worst first as given, and says how many more', () => {
  const p = findingsPage(items, FINDINGS_PAGE);
  assert.deepEqual(p.shown, items.slice(0, 25));
  assert.equal(p.total, 223);
  assert.equal(p.more, 25);
});

test('findingsPage() grows by a page and ends with the remainder', () => {
  assert.equal(findingsPage(items, 200).more, 23);
  const all = findingsPage(items, 223);
  assert.equal(all.shown.length, 223);
  assert.equal(all.more, 0);
  assert.equal(findingsPage(items.slice(0, 3), FINDINGS_PAGE).more, 0);
});
