import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Severity } from '../contracts';
import type { FindingCandidate } from './diagnosis-input';
import { FindingTracker } from './finding-tracker';

const T0 = 1_795_690_000_000;
const at = (cycle: number) => T0 + cycle * 1000;

function candidate(
  key: string,
  severity: Severity = 'warning',
  extra: Partial<FindingCandidate> = {},
): FindingCandidate {
  return {
    key,
    kind: 'replication_lag',
    severity,
    nodeId: '127.0.0.1:7002',
    title: { en: key, zh: key },
    detail: { en: 'd', zh: 'd' },
    evidence: [{ type: 'note', text: { en: severity, zh: severity } }],
    remedy: { text: 'r', textZh: 'r' },
    ...extra,
  };
}

function tracker(options: { openAfter?: number; closeAfter?: number } = {}) {
  let n = 0;
  return new FindingTracker({ ...options, newId: () => `f-${++n}` });
}

test('FindingTracker opens a finding after 2 consecutive cycles, dated from the first sighting', () => {
  const t = tracker();
  const first = t.update([candidate('lag:a')], at(0));
  assert.deepEqual([first.opened, first.open], [[], []]);
  const second = t.update([candidate('lag:a')], at(1));
  assert.equal(second.opened.length, 1);
  const f = second.opened[0];
  assert.equal(f?.id, 'f-1');
  assert.equal(f?.state, 'open');
  assert.equal(f?.openedAt, at(0));
  assert.equal(f?.lastSeenAt, at(1));
  assert.deepEqual(second.open, second.opened);
  assert.equal(t.update([candidate('lag:a')], at(2)).opened.length, 0);
});

test('FindingTracker never opens a candidate that flaps every other cycle', () => {
  const t = tracker();
  for (let i = 0; i < 10; i++) {
    const r = t.update(i % 2 === 0 ? [candidate('flappy')] : [], at(i));
    assert.equal(r.opened.length, 0);
  }
});

test('FindingTracker resolves after 3 healthy cycles; a reappearance resets the count', () => {
  const t = tracker();
  t.update([candidate('k')], at(0));
  t.update([candidate('k')], at(1));
  assert.equal(t.update([], at(2)).resolved.length, 0);
  assert.equal(t.update([], at(3)).resolved.length, 0);
  assert.equal(t.update([candidate('k')], at(4)).open.length, 1);
  assert.equal(t.update([], at(5)).resolved.length, 0);
  assert.equal(t.update([], at(6)).resolved.length, 0);
  const done = t.update([], at(7));
  assert.equal(done.resolved.length, 1);
  assert.equal(done.resolved[0]?.state, 'resolved');
  assert.equal(done.resolved[0]?.resolvedAt, at(7));
  assert.equal(done.resolved[0]?.lastSeenAt, at(4));
  assert.deepEqual(done.open, []);
  // The same key later is a new finding with a new id.
  t.update([candidate('k')], at(8));
  assert.equal(t.update([candidate('k')], at(9)).opened[0]?.id, 'f-2');
});

test('FindingTracker reports severity changes as updates and keeps the latest evidence', () => {
  const t = tracker();
  t.update([candidate('k', 'warning')], at(0));
  t.update([candidate('k', 'warning')], at(1));
  const same = t.update(
    [candidate('k', 'warning', { detail: { en: 'new numbers', zh: '新数字' } })],
    at(2),
  );
  assert.deepEqual(same.updated, []);
  assert.equal(same.open[0]?.detail.en, 'new numbers');
  const worse = t.update([candidate('k', 'critical')], at(3));
  assert.equal(worse.updated.length, 1);
  assert.equal(worse.updated[0]?.severity, 'critical');
  assert.equal(worse.updated[0]?.id, 'f-1');
  assert.equal(worse.updated[0]?.openedAt, at(0));
});

test('FindingTracker honours custom thresholds, sorts open findings and remembers roots', () => {
  const t = tracker({ openAfter: 1, closeAfter: 1 });
  const r = t.update(
    [
      candidate('w', 'warning'),
      candidate('c', 'critical', { kind: 'link_down', rootNodeId: '127.0.0.1:7001' }),
    ],
    at(0),
  );
  assert.deepEqual(
    r.open.map((f) => f.severity),
    ['critical', 'warning'],
  );
  const critical = r.open[0];
  assert.equal(t.rootNodeIdOf(critical?.id ?? ''), '127.0.0.1:7001');
  assert.equal(t.update([], at(1)).resolved.length, 2);
});

test('FindingTracker picks up open findings persisted before a restart', () => {
  const t = tracker();
  t.update([candidate('k')], at(0));
  const before = t.update([candidate('k')], at(1));
  const again = new FindingTracker({ newId: () => 'never' }, t.tracked());
  const r = again.update([candidate('k', 'critical')], at(2));
  assert.deepEqual(r.opened, []);
  assert.equal(r.updated[0]?.id, before.opened[0]?.id);
});
