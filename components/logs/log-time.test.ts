import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFormatters } from '@/lib/i18n';
import { fromLocalSecondsInput, logTime, toLocalSecondsInput } from './log-time';

test('logTime() shows milliseconds after the wall-clock time', () => {
  const fmt = createFormatters('en');
  const t = new Date(2026, 0, 2, 10, 15, 30, 7).getTime();
  assert.match(logTime(fmt, t), /10:15:30\.007$/);
});

test('datetime-local values round-trip with seconds; junk is refused', () => {
  const t = new Date(2026, 0, 2, 10, 15, 30).getTime();
  assert.equal(toLocalSecondsInput(t), '2026-01-02T10:15:30');
  assert.equal(fromLocalSecondsInput('2026-01-02T10:15:30'), t);
  assert.equal(fromLocalSecondsInput('2026-01-02T10:15'), t - 30_000);
  assert.equal(fromLocalSecondsInput('yesterday'), undefined);
});
