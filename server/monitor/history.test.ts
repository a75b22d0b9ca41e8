import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HistoryStore, RingSeries } from './history';

test('RingSeries keeps only the newest points once full', () => {
  const r = new RingSeries(3);
  for (let i = 1; i <= 5; i++) r.push(i * 1000, i);
  assert.deepEqual(r.since(0), [
    { t: 3000, v: 3 },
    { t: 4000, v: 4 },
    { t: 5000, v: 5 },
  ]);
  assert.equal(r.length, 3);
});

test('RingSeries keeps null (node unreachable) as a gap, and filters by time', () => {
  const r = new RingSeries(10);
  r.push(1000, 1);
  r.push(2000, null);
  r.push(3000, 0);
  assert.deepEqual(r.since(2000), [
    { t: 2000, v: null },
    { t: 3000, v: 0 },
  ]);
});

test('HistoryStore answers null for an unknown node and [] for a metric never recorded', () => {
  const h = new HistoryStore(5);
  assert.equal(h.query('a:1', 'lagSeconds', 0), null);
  h.record('a:1', 1, { opsPerSec: 10 });
  assert.deepEqual(h.query('a:1', 'lagSeconds', 0), []);
  assert.deepEqual(h.query('a:1', 'opsPerSec', 0), [{ t: 1, v: 10 }]);
  h.drop('a:1');
  assert.equal(h.query('a:1', 'opsPerSec', 0), null);
});
