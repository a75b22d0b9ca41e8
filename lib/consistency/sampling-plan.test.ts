import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apportion, parseKeyspace, planSample } from './sampling-plan';

test('apportion() splits exactly, largest remainders first', () => {
  assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(apportion(5, [0, 0]), [0, 0]);
  assert.equal(apportion(1000, [5003, 3]).reduce((a, b) => a + b, 0), 1000);
});

test('planSample() spreads the sample over dbs by size and starts segments at random cursors', () => {
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const plan = planSample([{ db: 0, keys: 90_000 }, { db: 2, keys: 10_000 }, { db: 5, keys: 3 }], 10_000, random);
  const byDb = (db: number) => plan.filter((s) => s.db === db).reduce((n, s) => n + s.quota, 0);
  assert.equal(byDb(0) + byDb(2) + byDb(5), 10_000);
  assert.ok(Math.abs(byDb(0) - 9000) <= 1 && Math.abs(byDb(2) - 1000) <= 1);
  assert.equal(plan.filter((s) => s.db === 0).length, 8);
  assert.ok(plan.filter((s) => s.db === 0).every((s) => s.cursor !== '0'));
  // A db smaller than its quota is read whole, from cursor 0.
  assert.deepEqual(planSample([{ db: 1, keys: 40 }], 100, random), [{ db: 1, cursor: '0', quota: 40 }]);
});

test('parseKeyspace() reads INFO keyspace', () => {
  assert.deepEqual(parseKeyspace('# Keyspace\r\ndb0:keys=12,expires=1,avg_ttl=0\r\ndb3:keys=4,expires=0,avg_ttl=0\r\n'), [
    { db: 0, keys: 12 },
    { db: 3, keys: 4 },
  ]);
});
