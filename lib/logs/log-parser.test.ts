import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import { MAX_LOG_LINE_CHARS, parseLogLine, parseLogText } from './log-parser';

const FIXTURES = new URL('../../test/fixtures/logs/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const CAPTURED = readdirSync(FIXTURES).filter(
  (f) => f.endsWith('.log') && f !== 'legacy-format.log',
);

test('parseLogLine() reads a Redis 7 line: pid, role, UTC time, level, message', () => {
  const l = parseLogLine(
    '18540:M 26 Nov 2026 10:10:35.751 # Connection with replica 127.0.0.1:28002 lost.',
  );
  assert.deepEqual(l, {
    raw: '18540:M 26 Nov 2026 10:10:35.751 # Connection with replica 127.0.0.1:28002 lost.',
    pid: 18540,
    role: 'master',
    roleChar: 'M',
    time: Date.UTC(2026, 10, 26, 10, 10, 35, 751),
    level: 'warning',
    levelChar: '#',
    message: 'Connection with replica 127.0.0.1:28002 lost.',
    format: 'modern',
    truncated: false,
  });
});

test('parseLogLine() maps every role and level character', () => {
  const roles = ['M', 'S', 'C', 'X'].map(
    (r) => parseLogLine(`1:${r} 01 Jan 2025 00:00:00.000 * x`).role,
  );
  assert.deepEqual(roles, ['master', 'replica', 'child', 'sentinel']);
  const levels = ['.', '-', '*', '#'].map(
    (c) => parseLogLine(`1:M 01 Jan 2025 00:00:00.000 ${c} x`).level,
  );
  assert.deepEqual(levels, ['debug', 'verbose', 'notice', 'warning']);
});

test('parseLogLine() parses every line Redis 7.0 wrote in the captured fault logs', () => {
  for (const name of CAPTURED) {
    const lines = parseLogText(fixture(name));
    assert.ok(lines.length > 0, name);
    const unparsed = lines.filter((l) => l.format === 'unknown' || l.time === null);
    assert.deepEqual(unparsed, [], `${name} has unparsed lines`);
    assert.ok(lines.every((l) => l.pid !== null));
  }
});

test('parseLogLine() reads signal-handler lines, whose time is unix seconds', () => {
  const l = parseLogLine(
    '18540:signal-handler (1795687838) Received SIGTERM scheduling shutdown...',
  );
  assert.equal(l.format, 'signal');
  assert.equal(l.pid, 18540);
  assert.equal(l.time, 1795687838_000);
  assert.equal(l.role, null);
  assert.equal(l.level, null);
  assert.equal(l.message, 'Received SIGTERM scheduling shutdown...');
});

test('parseLogLine() follows the role character as one pid switches from M to S on FAILOVER', () => {
  const lines = parseLogText(fixture('failover.node-a.log')).filter((l) => l.format === 'modern');
  const requested = lines.findIndex((l) => l.message.startsWith('FAILOVER requested to'));
  assert.equal(lines[requested]?.role, 'master');
  assert.equal(lines[requested + 2]?.role, 'replica');
  assert.equal(lines[requested]?.pid, lines[requested + 2]?.pid);
});

test('parseLogLine() reads the host local time when tzOffsetMinutes is given', () => {
  const line = '1:M 15 Aug 2025 10:15:30.123 * x';
  assert.equal(parseLogLine(line).time, Date.UTC(2025, 7, 15, 10, 15, 30, 123));
  assert.equal(
    parseLogLine(line, { tzOffsetMinutes: 480 }).time,
    Date.UTC(2025, 7, 15, 2, 15, 30, 123),
  );
});

test('parseLogLine() reads the runbook legacy format and takes the year from context', () => {
  const lines = parseLogText(fixture('legacy-format.log'), { year: 2024 });
  assert.equal(lines[0]?.format, 'unknown', 'the hand-written comment line is kept as raw text');
  const legacy = lines.slice(1);
  assert.equal(legacy.length, 13);
  assert.ok(legacy.every((l) => l.format === 'legacy' && l.role === null));
  assert.deepEqual(
    {
      pid: legacy[0]?.pid,
      time: legacy[0]?.time,
      level: legacy[0]?.level,
      message: legacy[0]?.message,
    },
    {
      pid: 10001,
      time: Date.UTC(2024, 7, 15, 10, 15, 30, 123),
      level: 'notice',
      message: 'Slave 192.168.1.10:6379 asks for synchronization',
    },
  );
});

test('parseLogLine() reads Redis 3.x year-less pid:role lines as modern', () => {
  const l = parseLogLine('20399:M 13 Sep 20:57:07.372 # Server started, Redis version 3.2.8', {
    year: 2017,
  });
  assert.equal(l.format, 'modern');
  assert.equal(l.time, Date.UTC(2017, 8, 13, 20, 57, 7, 372));
});

test('parseLogLine() puts a year-less Dec 31 line read on New Year morning in the previous year', () => {
  const nowMs = Date.UTC(2027, 0, 1, 0, 10);
  const text =
    '[7] 31 Dec 23:59:59.900 # Connection with master lost.\n[7] 01 Jan 00:00:01.200 * Connecting to MASTER 10.0.0.1:6379\n';
  const [dec, jan] = parseLogText(text, { nowMs });
  assert.equal(dec?.time, Date.UTC(2026, 11, 31, 23, 59, 59, 900));
  assert.equal(jan?.time, Date.UTC(2027, 0, 1, 0, 0, 1, 200));
});

test('parseLogLine() takes the year from nowMs when the line is not in the future', () => {
  const l = parseLogLine('[7] 15 Aug 10:15:30.123 * x', { nowMs: Date.UTC(2026, 10, 26) });
  assert.equal(l.time, Date.UTC(2026, 7, 15, 10, 15, 30, 123));
});

test('parseLogLine() keeps empty, binary and half-written lines as raw text instead of throwing', () => {
  const junk = [
    '',
    '   ',
    '\u0000\u00ff\ufffd\u0007garbage',
    '18548:S 26 Nov',
    '18548:S 26 Nov 2026 99:99:99.000 * x',
    '[abc] hello',
    '+sdown',
  ];
  for (const raw of junk) {
    const l = parseLogLine(raw);
    assert.equal(l.format, 'unknown', JSON.stringify(raw));
    assert.equal(l.raw, raw);
    assert.equal(l.message, raw);
    assert.equal(l.time, null);
    assert.equal(l.pid, null);
  }
});

test('parseLogLine() caps a huge line and marks it truncated, keeping the parsed header', () => {
  const huge = `1:M 01 Jan 2025 00:00:00.000 # Client id=3 addr=1.2.3.4:5 ${'x'.repeat(1_000_000)}`;
  const l = parseLogLine(huge);
  assert.equal(l.truncated, true);
  assert.equal(l.format, 'modern');
  assert.ok(l.raw.length <= MAX_LOG_LINE_CHARS);
  assert.ok(l.message.length <= MAX_LOG_LINE_CHARS);
  assert.ok(l.message.startsWith('Client id=3'));
});

test('parseLogText() handles CRLF and keeps blank lines in the middle', () => {
  const lines = parseLogText(
    '1:M 01 Jan 2025 00:00:00.000 * a\r\n\r\n1:M 01 Jan 2025 00:00:01.000 * b\r\n',
  );
  assert.deepEqual(
    lines.map((l) => [l.format, l.message]),
    [
      ['modern', 'a'],
      ['unknown', ''],
      ['modern', 'b'],
    ],
  );
  assert.deepEqual(parseLogText(''), []);
});
