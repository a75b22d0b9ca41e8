import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueReports } from './report-schedule';

const H = 3600_000;

test('dueReports: yesterday after the configured time, once; the week on Mondays, the month on the 1st', () => {
  const monday1st = Date.UTC(2026, 5, 1); // Monday 1 June 2026
  const s = { at: '07:30', periods: ['day', 'week', 'month'] as const };
  assert.deepEqual(
    dueReports(monday1st + 7 * H, 0, { ...s, periods: [...s.periods] }, new Set()),
    [],
    'before 07:30 nothing is due',
  );
  const due = dueReports(monday1st + 8 * H, 0, { ...s, periods: [...s.periods] }, new Set());
  assert.deepEqual(
    due.map((d) => [d.period, new Date(d.at).toISOString().slice(0, 10)]),
    [
      ['day', '2026-05-31'],
      ['week', '2026-05-25'],
      ['month', '2026-05-01'],
    ],
  );
  const sent = new Set(due.map((d) => d.key));
  assert.deepEqual(
    dueReports(monday1st + 9 * H, 0, { ...s, periods: [...s.periods] }, sent),
    [],
    'each period goes out once',
  );
  const tuesday = monday1st + 24 * H + 8 * H;
  assert.deepEqual(
    dueReports(tuesday, 0, { ...s, periods: [...s.periods] }, sent).map((d) => d.period),
    ['day'],
  );
});
