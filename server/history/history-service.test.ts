import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../store/database';
import { HistoryService, MINUTE_MS, QUARTER_MS } from './history-service';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

test('flush() enforces retention: minute buckets past 48 h and 15-min buckets past 30 d are dropped', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-history-'));
  const db = openDatabase(dir);
  try {
    let now = Date.UTC(2026, 0, 31, 12);
    const history = new HistoryService(
      db,
      { minuteRetentionMs: 48 * HOUR, quarterRetentionMs: 30 * DAY, flushEveryMs: 60_000 },
      () => now,
    );
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
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bucket written in two flushes (before and after a restart) adds up', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-history-'));
  const db = openDatabase(dir);
  try {
    const now = Date.UTC(2026, 0, 31, 12);
    const history = new HistoryService(
      db,
      { minuteRetentionMs: 48 * HOUR, quarterRetentionMs: 30 * DAY, flushEveryMs: 60_000 },
      () => now,
    );
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
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('queries include buckets collected but not flushed yet', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-history-'));
  const db = openDatabase(dir);
  try {
    const now = Date.UTC(2026, 0, 31, 12);
    const history = new HistoryService(
      db,
      { minuteRetentionMs: 48 * HOUR, quarterRetentionMs: 30 * DAY, flushEveryMs: 60_000 },
      () => now,
    );
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
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
