import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatencyBackoff, Pacer, ProgressMeter } from './pacing';

test('Pacer holds the keys/s cap without saving idle time for a burst', () => {
  const p = new Pacer(1000);
  assert.equal(p.delayFor(500, 0), 0);
  assert.equal(p.delayFor(500, 0), 500);
  assert.equal(p.delayFor(500, 10_000), 0, 'after a long pause: no catch-up burst');
  assert.equal(p.delayFor(100, 10_000), 500);
});

test('LatencyBackoff halves the pace while the master is slow and recovers slowly', () => {
  const p = new Pacer(10_000);
  const b = new LatencyBackoff(p, 10);
  b.observe(50);
  b.observe(null);
  assert.equal(p.effectiveRate, 2500);
  assert.equal(b.backoffs, 2);
  b.observe(7);
  assert.equal(p.effectiveRate, 2500, 'between half and the threshold: hold');
  for (let i = 0; i < 20; i++) b.observe(1);
  assert.equal(p.effectiveRate, 10_000);
  for (let i = 0; i < 20; i++) b.observe(100);
  assert.equal(p.factor, 1 / 64, 'never stops entirely');
});

test('ProgressMeter reports rate and ETA over a sliding window', () => {
  const m = new ProgressMeter(5000);
  m.update(0, 0);
  m.update(1000, 1000);
  m.update(2000, 2000);
  assert.deepEqual(m.progress(2000, 10_000), { done: 2000, total: 10_000, rate: 1000, etaMs: 8000 });
  assert.equal(new ProgressMeter().progress(0, 10).etaMs, null);
});
