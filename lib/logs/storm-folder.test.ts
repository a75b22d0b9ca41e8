import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { parseLogLine, parseLogText } from './log-parser';
import type { LogLine } from './log-types';
import { normalizeLogMessage, StormFolder } from './storm-folder';

const FIXTURES = new URL('../../test/fixtures/logs/', import.meta.url);
const lines = (name: string) => parseLogText(readFileSync(new URL(name, FIXTURES), 'utf8'));

/** The NOAUTH storm: from the first link loss up to (not including) the recovery. */
function stormLines(): LogLine[] {
  const all = lines('noauth-storm.replica.log');
  const start = all.findIndex((l) => l.message === 'Connection with master lost.');
  const end = all.findIndex(
    (l) => l.message === 'Successful partial resynchronization with master.',
  );
  assert.ok(start > 0 && end > start);
  return all.slice(start, end);
}
const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);

test('StormFolder folds the real NOAUTH handshake storm into one row per distinct line', () => {
  const storm = stormLines();
  const folder = new StormFolder();
  folder.addAll('127.0.0.1:28012', storm);
  const rows = folder.rows();
  assert.ok(rows.length <= 15, `${rows.length} rows`);
  assert.equal(sum(rows), storm.length);
  const aborted = rows.find((r) =>
    r.message.startsWith('MASTER aborted replication with an error: NOAUTH'),
  );
  assert.ok(aborted);
  assert.equal(aborted.verdict, 'abnormal');
  assert.equal(aborted.classification.causeHint, 'auth_failed');
  assert.ok(aborted.count > 500, `${aborted.count} cycles`);
  assert.ok(aborted.lastAt > aborted.firstAt);
  assert.equal(aborted.samples.length, 3);
});

test('StormFolder turns 300k interleaved storm lines into ~10 rows with exact counts (rate reported)', (t) => {
  // One ten-line cycle taken from the capture, replayed at the real ~2,500 cycles/s.
  const storm = stormLines();
  const first = storm.findIndex(
    (l) => l.message.startsWith('Reconnecting to MASTER') && l.message.endsWith('after failure'),
  );
  const cycle = storm
    .slice(first, first + 10)
    .map((l) => l.raw.replace(/^\d+:S \S+ \S+ \S+ \S+ /, ''));
  const n = 300_000;
  const base = Date.UTC(2026, 10, 26, 10, 10, 45);
  const text: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(base + Math.floor(i / 25)); // 25 lines per ms
    const ts = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}:${String(at.getUTCSeconds()).padStart(2, '0')}.${String(at.getUTCMilliseconds()).padStart(3, '0')}`;
    text.push(`18732:S 26 Nov 2026 ${ts} ${cycle[i % cycle.length]}`);
  }
  const folder = new StormFolder();
  const t0 = performance.now();
  for (const raw of text) folder.add({ nodeId: 'replica', line: parseLogLine(raw) });
  const ms = performance.now() - t0;
  const rows = folder.rows();
  t.diagnostic(
    `parse+classify+fold: ${Math.round(n / (ms / 1000)).toLocaleString('en')} lines/s, ${rows.length} rows`,
  );
  assert.equal(rows.length, 10);
  assert.equal(sum(rows), n);
  assert.ok(rows.every((r) => r.count === n / 10));
});

test('StormFolder folds lines that differ only in offsets, replids, pids and client ids', () => {
  const folder = new StormFolder();
  const add = (msg: string, s: number) =>
    folder.add({ nodeId: 'r', line: parseLogLine(`7:S 01 Jan 2025 00:00:0${s}.000 * ${msg}`) });
  add(
    'Trying a partial resynchronization (request 3f2a9c0e1b4d5f6a7b8c9d0e1f2a3b4c5d6e7f80:1234).',
    1,
  );
  add(
    'Trying a partial resynchronization (request 9c0e1b4d5f6a7b8c9d0e1f2a3b4c5d6e7f803f2a:99871).',
    2,
  );
  add('Background RDB transfer started by pid 18556', 3);
  add('Background RDB transfer started by pid 20302', 4);
  add(
    'Client id=4 addr=127.0.0.1:51278 laddr=127.0.0.1:28041 fd=7 flags=S omem=1066208 scheduled to be closed ASAP for overcoming of output buffer limits.',
    5,
  );
  add(
    'Client id=9 addr=127.0.0.1:40001 laddr=127.0.0.1:28041 fd=8 flags=S omem=1052672 scheduled to be closed ASAP for overcoming of output buffer limits.',
    6,
  );
  assert.deepEqual(
    folder.rows().map((r) => r.count),
    [2, 2, 2],
  );
});

test('StormFolder keeps different peers and different nodes apart', () => {
  const folder = new StormFolder();
  const line = (msg: string) => parseLogLine(`1:M 01 Jan 2025 00:00:00.000 # ${msg}`);
  folder.add({ nodeId: 'm', line: line('Connection with replica 10.0.0.2:6379 lost.') });
  folder.add({ nodeId: 'm', line: line('Connection with replica 10.0.0.3:6379 lost.') });
  folder.add({ nodeId: 'm', line: line('Connection with replica 10.0.0.2:6380 lost.') });
  folder.add({ nodeId: 'other', line: line('Connection with replica 10.0.0.2:6379 lost.') });
  assert.equal(folder.size, 4);
});

test('StormFolder starts a new row when a repeat comes after a quiet gap longer than the window', () => {
  const folder = new StormFolder({ windowMs: 10_000 });
  const at = (s: number) =>
    parseLogLine(
      `1:S 01 Jan 2025 00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000 # Connection with master lost.`,
    );
  for (const s of [0, 5, 14, 40, 45]) folder.add({ nodeId: 'r', line: at(s) });
  const rows = folder.rows();
  assert.deepEqual(
    rows.map((r) => [r.count, (r.lastAt - r.firstAt) / 1000]),
    [
      [3, 14],
      [2, 5],
    ],
  );
  assert.notEqual(rows[0]?.id, rows[1]?.id);
});

test('StormFolder stays within maxRows by evicting the least recently updated row', () => {
  const folder = new StormFolder({ maxRows: 3 });
  const add = (msg: string, s: number) =>
    folder.add({
      nodeId: 'n',
      line: parseLogLine(`1:M 01 Jan 2025 00:00:${String(s).padStart(2, '0')}.000 * ${msg}`),
    });
  add('alpha', 0);
  add('beta', 1);
  add('gamma', 2);
  add('alpha', 3); // alpha is fresh again; beta is now the stalest
  add('delta', 4);
  assert.deepEqual(
    folder.rows().map((r) => r.message),
    ['alpha', 'gamma', 'delta'],
  );
  assert.equal(folder.evictedCount, 1);
  add('beta', 5);
  assert.equal(
    folder.rows().find((r) => r.message === 'beta')?.count,
    1,
    'an evicted row restarts at 1',
  );
});

test('StormFolder times lines without a timestamp by their arrival', () => {
  const folder = new StormFolder();
  const row = folder.add({
    nodeId: 'n',
    line: parseLogLine('\u0000 garbage'),
    receivedAt: 1_700_000_000_000,
  });
  assert.equal(row.firstAt, 1_700_000_000_000);
  assert.equal(row.category, 'other');
});

test('normalizeLogMessage() masks numbers and ids but keeps node addresses', () => {
  assert.equal(
    normalizeLogMessage(
      'Partial resynchronization request from 127.0.0.1:28002 accepted. Sending 0 bytes of backlog starting from offset 51.',
    ),
    'Partial resynchronization request from 127.0.0.1:28002 accepted. Sending # bytes of backlog starting from offset #.',
  );
  assert.equal(
    normalizeLogMessage('Full resync from master: 03d7a1cbaaa723ca9d4d6a8b1478a7dabe1d7455:101'),
    'Full resync from master: <id>:#',
  );
  assert.equal(
    normalizeLogMessage('Connecting to MASTER redis-a:6379'),
    'Connecting to MASTER redis-a:6379',
  );
  assert.equal(
    normalizeLogMessage('Replica [::1]:6380 asks for synchronization'),
    'Replica [::1]:6380 asks for synchronization',
  );
});
