import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEntry } from '@/lib/contracts';
import {
  aroundNodes,
  aroundQueryString,
  eventIndex,
  filterKey,
  lineCount,
  logQueryString,
  matchesLogFilter,
  splitRoutine,
  upsertLogRows,
} from './log-rows';

const T0 = 1_790_000_000_000;

function row(id: number, patch: Partial<LogEntry> = {}): LogEntry {
  const at = T0 + id * 1000;
  return {
    id,
    nodeId: '127.0.0.1:7002',
    time: at,
    pid: 1,
    role: 'replica',
    level: 'notice',
    message: `line ${id}`,
    category: 'normal_progress',
    verdict: 'normal',
    ruleId: 'r',
    count: 1,
    firstAt: at,
    lastAt: at,
    ...patch,
  };
}

test('upsertLogRows() puts new rows first and a grown storm back on top with its new count', () => {
  const rows = upsertLogRows([], [row(1), row(2), row(3)]);
  assert.deepEqual(
    rows.map((r) => r.id),
    [3, 2, 1],
  );
  const grown = row(1, { count: 4212, lastAt: T0 + 10_000 });
  const next = upsertLogRows(rows, [grown, row(4)]);
  assert.deepEqual(
    next.map((r) => r.id),
    [1, 4, 3, 2],
  );
  assert.equal(next[0]!.count, 4212);
});

test('upsertLogRows() ignores an older copy of a row (a REST answer racing a live push)', () => {
  const live = [row(1, { count: 50, lastAt: T0 + 9000 })];
  const stale = row(1, { count: 10, lastAt: T0 + 5000 });
  const merged = upsertLogRows(live, [stale]);
  assert.equal(merged, live, 'unchanged rows keep their identity');
  assert.equal(merged[0]!.count, 50);
});

test('upsertLogRows() keeps only the newest rows beyond the cap', () => {
  const many = Array.from({ length: 30 }, (_, i) => row(i + 1));
  const capped = upsertLogRows([], many, 10);
  assert.equal(capped.length, 10);
  assert.equal(capped[0]!.id, 30);
  assert.equal(capped[9]!.id, 21);
});

test('matchesLogFilter() applies verdict, category, level and case-insensitive text', () => {
  const bad = row(1, {
    verdict: 'abnormal',
    category: 'auth_config_error',
    level: 'warning',
    message: 'MASTER aborted replication with an error: NOAUTH Authentication required.',
  });
  assert.ok(matchesLogFilter(bad, {}));
  assert.ok(
    matchesLogFilter(bad, { verdict: 'abnormal', category: 'auth_config_error', q: ' noauth ' }),
  );
  assert.ok(!matchesLogFilter(bad, { verdict: 'normal' }));
  assert.ok(!matchesLogFilter(bad, { level: 'notice' }));
  assert.ok(!matchesLogFilter(bad, { q: 'timeout' }));
});

test('logQueryString() sends only the filters that are set; blank text is no filter', () => {
  assert.equal(logQueryString('127.0.0.1:7002', { q: '  ' }), 'node=127.0.0.1%3A7002&limit=200');
  const qs = new URLSearchParams(
    logQueryString('h:1', { verdict: 'notable', level: 'warning', q: 'sync' }, 50),
  );
  assert.deepEqual(Object.fromEntries(qs), {
    node: 'h:1',
    limit: '50',
    verdict: 'notable',
    level: 'warning',
    q: 'sync',
  });
  assert.equal(filterKey({ q: 'a ' }), filterKey({ q: 'a' }));
});

test('lineCount() counts every repeat of a folded storm', () => {
  assert.equal(lineCount([row(1, { count: 4212 }), row(2)]), 4213);
});

test('eventIndex() finds where the event falls among lines sorted oldest first', () => {
  const lines = [{ time: 10 }, { time: 20 }, { time: 30 }];
  assert.equal(eventIndex(lines, 5), 0);
  assert.equal(eventIndex(lines, 20), 1);
  assert.equal(eventIndex(lines, 25), 2);
  assert.equal(eventIndex(lines, 99), 3);
});

test('aroundNodes() puts the event node first, without repeats', () => {
  assert.deepEqual(aroundNodes('b:2', ['a:1', 'b:2']), ['b:2', 'a:1']);
  assert.deepEqual(aroundNodes(null, ['a:1']), ['a:1']);
  assert.equal(
    new URLSearchParams(aroundQueryString(['a:1', 'b:2'], 1234.6, 30_000)).get('nodes'),
    'a:1,b:2',
  );
});

test('splitRoutine() opens on notable and abnormal lines and counts the routine ones it hides', () => {
  const rows = [{ verdict: 'normal' as const }, { verdict: 'abnormal' as const }, { verdict: 'normal' as const }, { verdict: 'notable' as const }];
  const { shown, hiddenRoutine } = splitRoutine(rows, {}, false);
  assert.deepEqual(shown.map((r) => r.verdict), ['abnormal', 'notable']);
  assert.equal(hiddenRoutine, 2);
  assert.equal(splitRoutine(rows, {}, true).shown.length, 4, 'the operator asked for every line');
  assert.equal(splitRoutine(rows, { verdict: 'normal' }, false).shown.length, 4, 'an explicit verdict filter wins');
});
