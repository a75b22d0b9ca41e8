import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../store/database';
import { FLUSH_SLICE, HistoryService, MINUTE_MS, QUARTER_MS } from './history-service';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A HistoryService on a fresh SQLite file with the clock given; closed and removed after `fn`. */
async function withService(
  clock: () => number,
  fn: (history: HistoryService) => void | Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-history-'));
  const db = openDatabase(dir);
  try {
    await fn(
      new HistoryService(
        db,
        { minuteRetentionMs: 48 * HOUR, quarterRetentionMs: 30 * DAY, flushEveryMs: 60_000 },
        clock,
      ),
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('flush() enforces retention: minute buckets past 48 h and 15-min buckets past 30 d are dropped', () => {
  let now = Date.UTC(2026, 0, 31, 12);
  return withService(
    () => now,
    (history) => {
      const row = (resMs: number, bucket: number) => ({
        resMs,
        nodeId: 'n:1',
        metric: 'cpuPct' as const,
        bucket,
        count: 1,
        sum: 5,
        min: 5,
        max: 5,
      });
      history.store.write([
        row(MINUTE_MS, now - 49 * HOUR),
        row(MINUTE_MS, now - 47 * HOUR),
        row(QUARTER_MS, now - 31 * DAY),
        row(QUARTER_MS, now - 20 * DAY),
      ]);
      history.flush();
      const left = history.store
        .range(MINUTE_MS, 0, Number.MAX_SAFE_INTEGER)
        .concat(history.store.range(QUARTER_MS, 0, Number.MAX_SAFE_INTEGER));
      assert.deepEqual(
        left.map((r) => [r.resMs, (now - r.bucket) / HOUR]),
        [
          [MINUTE_MS, 47],
          [QUARTER_MS, 20 * 24],
        ],
      );
      // Two days later the clock alone expires the rest of the minute buckets.
      now += 2 * DAY;
      history.flush();
      assert.equal(history.store.range(MINUTE_MS, 0, Number.MAX_SAFE_INTEGER).length, 0);
      assert.equal(history.store.range(QUARTER_MS, 0, Number.MAX_SAFE_INTEGER).length, 1);
    },
  );
});

test('a bucket written in two flushes (before and after a restart) adds up', () => {
  const now = Date.UTC(2026, 0, 31, 12);
  return withService(
    () => now,
    (history) => {
      const base = {
        resMs: MINUTE_MS,
        nodeId: 'n:1',
        metric: 'lagSeconds' as const,
        bucket: now - MINUTE_MS,
      };
      history.store.write([{ ...base, count: 2, sum: 2, min: 0, max: 2 }]);
      history.store.write([{ ...base, count: 1, sum: 9, min: 9, max: 9 }]);
      assert.deepEqual(history.points('n:1', 'lagSeconds', now - HOUR), [
        { t: base.bucket, v: 11 / 3, min: 0, max: 9 },
      ]);
    },
  );
});

test('queries include buckets collected but not flushed yet', () => {
  const now = Date.UTC(2026, 0, 31, 12);
  return withService(
    () => now,
    (history) => {
      const bucket = now - MINUTE_MS;
      history.store.write([
        {
          resMs: MINUTE_MS,
          nodeId: 'n:1',
          metric: 'cpuPct',
          bucket,
          count: 1,
          sum: 10,
          min: 10,
          max: 10,
        },
      ]);
      // What the monitor's cycle handler does between two flushes.
      history.record('n:1', bucket + 1000, { cpuPct: 30 });
      assert.deepEqual(history.points('n:1', 'cpuPct', now - HOUR), [
        { t: bucket, v: 20, min: 10, max: 30 },
      ]);
      assert.equal(
        history.period(now - HOUR, now + HOUR).rows.filter((r) => r.metric === 'cpuPct').length,
        1,
      );
    },
  );
});

test('a timed flush of 1,500 nodes writes in slices: the event loop runs between them, charts miss nothing, a stop mid-way writes each row once', () => {
  const now = Date.UTC(2026, 0, 31, 12);
  return withService(
    () => now,
    async (history) => {
      const ids = Array.from({ length: 1500 }, (_, i) => `10.0.${i >> 8}.${i & 255}:6379`);
      // Two samples a node in one minute bucket: 2 metrics × 2 resolutions = 4 rows a node.
      for (const t of [now - 50_000, now - 40_000])
        for (const id of ids) history.record(id, t, { cpuPct: 10, memoryPct: 20 });
      const rows = ids.length * 4;
      assert.ok(rows > 2 * FLUSH_SLICE);
      const last = ids[ids.length - 1]!;
      const want = [{ t: now - MINUTE_MS, v: 10, min: 10, max: 10 }];

      let between: unknown = null;
      const flushing = history.flushInSlices();
      // Runs only if the flush yields before its last slice; sees the chart as it is mid-flush.
      setImmediate(() => {
        between = {
          stored: history.store.count(),
          chart: history.points(last, 'cpuPct', now - HOUR),
        };
      });
      await flushing;
      const mid = between as { stored: number; chart: unknown } | null;
      assert.ok(mid, 'the event loop never ran during the flush');
      assert.ok(mid.stored > 0 && mid.stored < rows, `rows stored mid-flush: ${mid.stored}`);
      assert.deepEqual(mid.chart, want);
      assert.equal(history.store.count(), rows);
      assert.deepEqual(history.points(last, 'cpuPct', now - HOUR), want);

      // A stop (flush()) between two slices writes the rest; the sliced flush then has nothing left.
      for (const id of ids) history.record(id, now - 30_000, { cpuPct: 40 });
      const second = history.flushInSlices();
      history.flush();
      await second;
      assert.deepEqual(history.points(last, 'cpuPct', now - HOUR), [
        { t: now - MINUTE_MS, v: 20, min: 10, max: 40 },
      ]);
      assert.deepEqual(history.points(ids[0]!, 'cpuPct', now - HOUR), [
        { t: now - MINUTE_MS, v: 20, min: 10, max: 40 },
      ]);
    },
  );
});
