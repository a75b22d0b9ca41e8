import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimelineEntry } from '@/lib/contracts';
import {
  buildTimeline,
  findingRefOf,
  logLineOf,
  scalarFields,
  snapshotRows,
  topologyEventOf,
} from './timeline-data';

let nextId = 1;
const entry = (
  at: number,
  type: TimelineEntry['type'],
  data: Record<string, unknown> = {},
): TimelineEntry => ({
  id: nextId++,
  incidentId: 'inc-1',
  at,
  type,
  actor: 'system',
  summary: type,
  data,
});
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

test('buildTimeline() sorts oldest first and gives offsets from the incident start', () => {
  const items = buildTimeline(
    [entry(T0 + 5000, 'note'), entry(T0, 'incident_opened'), entry(T0 + 1000, 'finding_opened')],
    T0,
    day,
  );
  assert.deepEqual(
    items.map((i) => (i.kind === 'entry' ? i.entry.type : i.kind)),
    ['incident_opened', 'finding_opened', 'note'],
  );
  assert.deepEqual(
    items.map((i) => i.offsetMs),
    [0, 1000, 5000],
  );
  assert.ok(
    items.every((i) => i.day === null),
    'no day labels within one day',
  );
});

test('buildTimeline() groups a burst of log lines from one node, not across nodes or gaps', () => {
  const log = (at: number, nodeId: string) => entry(at, 'log_line', { nodeId, message: `m${at}` });
  const items = buildTimeline(
    [
      log(T0, 'a:1'),
      log(T0 + 1000, 'a:1'),
      log(T0 + 2000, 'b:2'),
      log(T0 + 60_000, 'b:2'),
      entry(T0 + 61_000, 'note'),
    ],
    T0,
    day,
  );
  assert.deepEqual(
    items.map((i) =>
      i.kind === 'entry' ? i.entry.type : `${i.kind}:${i.nodeId}:${i.entries.length}`,
    ),
    ['logs:a:1:2', 'logs:b:2:1', 'logs:b:2:1', 'note'],
  );
});

test('buildTimeline() folds retried alert deliveries into one block until something else happens', () => {
  const alert = (at: number) => entry(at, 'alert_sent', { webhook: 'ops', status: 'failed' });
  const items = buildTimeline(
    [
      alert(T0),
      alert(T0 + 20_000),
      alert(T0 + 50_000),
      entry(T0 + 51_000, 'note'),
      alert(T0 + 52_000),
    ],
    T0,
    day,
  );
  assert.deepEqual(
    items.map((i) => (i.kind === 'entry' ? i.entry.type : `${i.kind}:${i.entries.length}`)),
    ['alerts:3', 'note', 'alerts:1'],
  );
});

test('buildTimeline() labels calendar days only when the incident spans midnight', () => {
  const late = Date.UTC(2025, 0, 1, 23, 59, 0);
  const items = buildTimeline(
    [entry(late, 'incident_opened'), entry(late + 30_000, 'note'), entry(late + 120_000, 'note')],
    late,
    day,
  );
  assert.deepEqual(
    items.map((i) => i.day),
    ['2025-01-01', null, '2025-01-02'],
  );
});

test('snapshotRows() reads link arrays, keyed node maps and flat values', () => {
  const rows = snapshotRows({
    links: [
      { replica: 'r:2', upstream: 'm:1', offsetGapBytes: 1500, lagSeconds: 3, linkStatus: 'up' },
    ],
    nodes: { 'm:1': { memoryPct: 41.5 } },
  });
  assert.deepEqual(rows, [
    {
      subject: 'r:2 ← m:1',
      values: [
        { metric: 'offsetGapBytes', value: 1500 },
        { metric: 'lagSeconds', value: 3 },
        { metric: 'linkStatus', value: 'up' },
      ],
    },
    { subject: 'm:1', values: [{ metric: 'memoryPct', value: 41.5 }] },
  ]);
  assert.deepEqual(snapshotRows({ nodeId: 'r:2', values: { lagSeconds: null } }), [
    { subject: 'r:2', values: [{ metric: 'lagSeconds', value: null }] },
  ]);
  assert.deepEqual(snapshotRows({ nodeId: 'r:2', lagSeconds: 12 }), [
    { subject: 'r:2', values: [{ metric: 'lagSeconds', value: 12 }] },
  ]);
});

test('logLineOf(), topologyEventOf() and findingRefOf() tolerate nesting and missing fields', () => {
  assert.deepEqual(logLineOf({ line: { nodeId: 'a:1', message: 'Connection lost', time: 5 } }), {
    nodeId: 'a:1',
    message: 'Connection lost',
    time: 5,
    category: undefined,
    verdict: undefined,
    count: undefined,
  });
  assert.equal(logLineOf({ line: 'raw text' }).message, 'raw text');
  const ev = { id: 'e1', at: 1, kind: 'link_down', nodeId: 'r:2', from: 'up', to: 'down' };
  assert.equal(topologyEventOf({ event: ev })?.kind, 'link_down');
  assert.equal(topologyEventOf(ev)?.nodeId, 'r:2');
  assert.equal(topologyEventOf({ kind: 'nonsense' }), null);
  assert.deepEqual(
    findingRefOf({ finding: { id: 'f1', kind: 'link_down', severity: 'critical' } }),
    {
      findingId: 'f1',
      kind: 'link_down',
      severity: 'critical',
      nodeId: undefined,
      from: undefined,
    },
  );
  assert.equal(findingRefOf({ kind: 'bogus' }).kind, undefined);
});

test('scalarFields() keeps printable top-level values only', () => {
  assert.deepEqual(scalarFields({ a: 1, b: 'x', c: { d: 1 }, e: null, f: '', g: true }, ['a']), [
    ['b', 'x'],
    ['g', 'true'],
  ]);
});
