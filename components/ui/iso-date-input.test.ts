import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoDate } from './iso-date-input';

test('parseIsoDate() takes year-month-day only, and only real days', () => {
  assert.equal(parseIsoDate('2026-12-03'), '2026-12-03');
  assert.equal(parseIsoDate(' 2024-02-29 '), '2024-02-29');
  assert.equal(parseIsoDate('2026-02-30'), null);
  assert.equal(parseIsoDate('12/03/2026'), null);
  assert.equal(parseIsoDate('2026-12-3'), null);
  assert.equal(parseIsoDate(''), null);
});
