import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectPoints } from '../../lib/history/history-query';
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

test('HistoryStore reads back exactly what was recorded: large offsets, decimals, gaps, absences', () => {
  const h = new HistoryStore(4);
  h.record('a:1', 1000, { offsetGapBytes: 5, opsPerSec: 0.5 });
  h.record('a:1', 2000, { offsetGapBytes: 123_456_789_012, opsPerSec: 12.3 });
  h.record('a:1', 3000, { offsetGapBytes: null, opsPerSec: 1 });
  h.record('a:1', 4000, { opsPerSec: 2 }); // the link is gone: no gap point at all
  assert.deepEqual(h.query('a:1', 'offsetGapBytes', 0), [
    { t: 1000, v: 5 },
    { t: 2000, v: 123_456_789_012 },
    { t: 3000, v: null },
  ]);
  assert.deepEqual(
    h.query('a:1', 'opsPerSec', 0)?.map((p) => p.v),
    [0.5, 12.3, 1, 2],
  );
  h.record('a:1', 5000, { opsPerSec: 3, offsetGapBytes: 7 });
  assert.deepEqual(h.query('a:1', 'offsetGapBytes', 2500), [
    { t: 3000, v: null },
    { t: 5000, v: 7 },
  ]);
});

test('HistoryStore holds an hour of 1 s samples of 12 small-integer metrics in 1/10 of per-metric (time, value) float64 pairs', () => {
  const capacity = 3601;
  const h = new HistoryStore(capacity);
  const metrics = [
    'opsPerSec',
    'memoryPct',
    'replInputKbps',
    'replOutputKbps',
    'keys',
    'syncFullDelta',
    'syncPartialOkDelta',
    'syncPartialErrDelta',
    'replOffsetRate',
    'cpuPct',
    'offsetGapBytes',
    'lagSeconds',
  ] as const;
  for (let i = 0; i < capacity; i++)
    h.record('a:1', i * 1000, Object.fromEntries(metrics.map((m) => [m, i % 7])));
  // Small integers stay one byte: 4 B of shared time (ms after the first sample) + 12 × 1 B.
  assert.equal(h.bytes, capacity * (4 + 12 * 1));
  assert.ok(h.bytes < (capacity * 12 * 16) / 10, `${h.bytes} B`);
});

/** Bytes per sample of one metric's column after each value, and what reads back. */
function widening(values: Array<number | null>): { perSample: number[]; back: Array<number | null> } {
  const h = new HistoryStore(values.length);
  const perSample: number[] = [];
  values.forEach((v, i) => {
    h.record('a:1', 1000 + i, { lagSeconds: v });
    perSample.push((h.bytes - values.length * 4) / values.length); // minus 4 B of time a sample
  });
  const points = h.query('a:1', 'lagSeconds', 0) ?? [];
  assert.deepEqual(
    points.map((p) => p.t),
    values.map((_, i) => 1000 + i),
  );
  return { perSample, back: points.map((p) => p.v) };
}

test('a column widens byte → 16 bit → hundredths → float64 as values need, and every point reads back', () => {
  const values = [0, 253, null, 254, 65_533, 65_534, 0.5, 0.01, 12.3, 42_949_672.93, 0.001];
  const { perSample, back } = widening(values);
  assert.deepEqual(perSample, [1, 1, 1, 2, 2, 4, 4, 4, 4, 4, 8]);
  assert.deepEqual(back, values);
});

test('large integers go to float32 when exact there, and a value float32 cannot hold to float64', () => {
  const values = [1, null, 2 ** 30, 0.5, -3, 0.1];
  const { perSample, back } = widening(values);
  assert.deepEqual(perSample, [1, 1, 4, 4, 4, 8]);
  assert.deepEqual(back, values);
  // Hundredths never hold a negative zero or more than two decimals.
  assert.deepEqual(widening([0.25, -0]).back, [0.25, -0]);
  assert.deepEqual(widening([0.25, 1.005]).perSample, [4, 8]);
});

test('sample times read back exactly, also past 49 days, before the first sample, or fractional', () => {
  const h = new HistoryStore(4);
  const t0 = 1_795_000_000_000;
  const times = [t0, t0 + 1000, t0 + 2 ** 32 + 5, t0 - 7.5];
  for (const t of times) h.record('a:1', t, { opsPerSec: 1 });
  assert.deepEqual(
    h.query('a:1', 'opsPerSec', -Infinity)?.map((p) => p.t),
    times,
  );
});

test('HistoryStore answers every query as selectPoints does over the same samples, a stepped-back clock included', () => {
  // A wrapped ring of a delta series: zeros, full syncs, a gap (unreachable), a metric absent in
  // some polls, and one sample older than its predecessor (the clock stepped back 2.5 s).
  const times = [1000, 2000, 3000, 4000, 5000, 2500, 6000, 7000, 8000, 9000, 10_000, 11_000];
  const values = [0, 2, 0, null, 0, 1, 0, undefined, 0, 3, 0, 0];
  const h = new HistoryStore(8);
  const kept: Array<{ t: number; v: number | null }> = [];
  times.forEach((t, i) => {
    const v = values[i];
    h.record('a:1', t, v === undefined ? {} : { syncFullDelta: v });
    if (v !== undefined) kept.push({ t, v });
  });
  // What the ring still holds: its 8 newest samples, the absent one not a point.
  const held = kept.filter((p) => p.t >= 5000 || p.t === 2500);
  const queries = [{}, { dropZeros: true }, { newest: 2 }, { newest: 0 }, { dropZeros: true, newest: 2 }, { newest: 20 }];
  for (const since of [0, 2600, 5000, 6500, 9000, 10_500, 20_000])
    for (const opts of queries)
      assert.deepEqual(h.query('a:1', 'syncFullDelta', since, opts), selectPoints(held, since, opts), JSON.stringify({ since, opts }));
  // Once the stepped-back sample has left the ring, a window starts by binary search: same answers.
  for (let t = 12_000; t <= 20_000; t += 1000) h.record('a:1', t, { syncFullDelta: t === 15_000 ? 4 : 0 });
  const late = Array.from({ length: 8 }, (_, i) => ({ t: 13_000 + i * 1000, v: i === 2 ? 4 : 0 }));
  for (const since of [0, 13_000, 14_500, 15_000, 19_999, 21_000])
    for (const opts of queries)
      assert.deepEqual(h.query('a:1', 'syncFullDelta', since, opts), selectPoints(late, since, opts), JSON.stringify({ since, opts }));
  // Zeros only (the full sync has left the ring), a gap (null) and absences among them too.
  for (let t = 21_000; t <= 28_000; t += 1000) h.record('a:1', t, t === 22_000 ? {} : { syncFullDelta: 0 });
  const zeros = Array.from({ length: 8 }, (_, i) => ({ t: 21_000 + i * 1000, v: 0 })).filter((p) => p.t !== 22_000);
  for (const since of [0, 21_500, 22_000, 28_000, 30_000])
    for (const opts of queries)
      assert.deepEqual(h.query('a:1', 'syncFullDelta', since, opts), selectPoints(zeros, since, opts), JSON.stringify({ since, opts }));
  h.record('a:1', 29_000, { syncFullDelta: null });
  const withGap = [...zeros.slice(1), { t: 29_000, v: null }];
  for (const since of [0, 25_000, 29_000])
    for (const opts of queries)
      assert.deepEqual(h.query('a:1', 'syncFullDelta', since, opts), selectPoints(withGap, since, opts), JSON.stringify({ since, opts }));
});

test('selectPoints keeps the window’s first point and every non-zero one of a delta series', () => {
  const pts = [{ t: 1, v: 0 }, { t: 2, v: 0 }, { t: 3, v: 2 }, { t: 4, v: null }, { t: 5, v: 0 }];
  assert.deepEqual(selectPoints(pts, 2, { dropZeros: true }), [{ t: 2, v: 0 }, { t: 3, v: 2 }, { t: 4, v: null }]);
  assert.deepEqual(selectPoints(pts, 0, { newest: 2 }), [{ t: 4, v: null }, { t: 5, v: 0 }]);
  assert.deepEqual(selectPoints(pts, 0, { dropZeros: true, newest: 2 }), [{ t: 3, v: 2 }, { t: 4, v: null }]);
});

test('a metric recorded as undefined is absent at that time, not the value its slot held a ring ago', () => {
  const h = new HistoryStore(2);
  h.record('a:1', 1000, { lagSeconds: 7 });
  h.record('a:1', 2000, { lagSeconds: 8 });
  h.record('a:1', 3000, { lagSeconds: undefined });
  assert.deepEqual(h.query('a:1', 'lagSeconds', 0), [{ t: 2000, v: 8 }]);
});
