import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axisScale, niceStep } from './value-ticks';

const inUnit = (s: ReturnType<typeof axisScale>) => s.ticks.map((t) => Number((t / s.divisor).toFixed(6)));

test('niceStep() only ever returns 1, 2 or 5 × a power of ten', () => {
  for (const range of [0.7, 1, 3, 7.3, 12, 99, 250, 1234, 600_000]) {
    const step = niceStep(range);
    const mantissa = step / 10 ** Math.floor(Math.log10(step));
    assert.ok([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9), `${range} → ${step}`);
    assert.ok(range / step <= 5 + 1e-9, `${range} → ${step}: at most 5 intervals`);
  }
});

test('a lag axis up to 1 s reads 0 / 200 / 400 … 1,000 ms, never quarter ticks like 0.3 or 0.8', () => {
  const s = axisScale('seconds', 0.9);
  assert.equal(s.unit, 'ms');
  assert.deepEqual(inUnit(s), [0, 200, 400, 600, 800, 1000]);
  const whole = axisScale('seconds', 7);
  assert.equal(whole.unit, 's');
  assert.deepEqual(inUnit(whole), [0, 2, 4, 6, 8]);
});

test('a byte axis picks one binary unit from its top: 2.34 KiB max gives 0 / 0.5 … 2.5 KiB', () => {
  const s = axisScale('bytes', 2396);
  assert.equal(s.unit, 'KiB');
  assert.deepEqual(inUnit(s), [0, 0.5, 1, 1.5, 2, 2.5]);
  assert.equal(s.fractionDigits, 1);
  assert.equal(axisScale('bytes', 600).unit, 'B');
  assert.deepEqual(inUnit(axisScale('bytes', 600)), [0, 200, 400, 600]);
  const mib = axisScale('bytes', 16 * 1024 * 1024 + 1);
  assert.equal(mib.unit, 'MiB');
  assert.deepEqual(inUnit(mib), [0, 5, 10, 15, 20]);
});

test('counts never get fractional ticks, and an empty series still has an axis', () => {
  assert.deepEqual(axisScale('count', 3).ticks, [0, 1, 2, 3]);
  assert.deepEqual(axisScale('count', 0).ticks, [0, 1]);
  assert.deepEqual(axisScale('count', 600_000).ticks, [0, 200_000, 400_000, 600_000]);
});

test('minTop lifts the axis (CPU to 100 %), and the top tick always covers the data', () => {
  const cpu = axisScale('percent', 3, { minTop: 100 });
  assert.deepEqual(cpu.ticks, [0, 20, 40, 60, 80, 100]);
  for (const max of [0.01, 1.7, 13, 97, 1001, 123_456_789]) {
    const s = axisScale('bytes', max);
    assert.ok(s.top >= max, `${max} ≤ ${s.top}`);
    assert.ok(s.ticks.length <= 7, `${max}: ${s.ticks.length} ticks`);
  }
});
