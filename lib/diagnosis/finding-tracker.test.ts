import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Severity } from '../contracts';
import type { FindingCandidate } from './diagnosis-input';
import type { FindingKey } from './finding-key';
import { FindingTracker } from './finding-tracker';

// Test keys are plain labels; production keys come from findingKey().
const k = (s: string) => s as FindingKey;

const T0 = 1_795_690_000_000;
const at = (cycle: number) => T0 + cycle * 1000;

function candidate(
  key: string | FindingKey,
  severity: Severity = 'warning',
  extra: Partial<FindingCandidate> = {},
): FindingCandidate {
  return {
    key: k(key),
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
  assert.equal(t.tracked().find((x) => x.finding.id === critical?.id)?.rootNodeId, '127.0.0.1:7001');
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

test('FindingTracker links a consequence to its open root, and lets it stand alone once the root resolves', () => {
  const t = tracker({ openAfter: 2, closeAfter: 1 });
  const root = candidate('node_unreachable:b', 'critical', { kind: 'node_unreachable' });
  const link = candidate('link_down:b', 'critical', { kind: 'link_down', rootKeys: [k('node_unreachable:b')] });
  t.update([link, root], at(0));
  const both = t.update([link, root], at(1));
  const rootF = both.opened.find((f) => f.kind === 'node_unreachable');
  const linkF = both.opened.find((f) => f.kind === 'link_down');
  assert.ok(rootF && linkF);
  assert.equal(rootF.rootFindingId, undefined);
  assert.equal(linkF.rootFindingId, rootF.id);
  // The node answers again but its link is still down: the link is now a root of its own.
  const later = t.update([link], at(2));
  assert.equal(later.resolved[0]?.id, rootF.id);
  assert.equal(later.updated[0]?.id, linkF.id);
  assert.equal(later.updated[0]?.rootFindingId, undefined);
});

test('FindingTracker holds a consequence back until its root opens (no alert for it alone)', () => {
  const t = tracker({ openAfter: 2 });
  const root = candidate('node_unreachable:b', 'critical', { kind: 'node_unreachable' });
  const link = candidate('link_down:b', 'critical', { kind: 'link_down', rootKeys: [k('node_unreachable:b')] });
  t.update([link], at(0));
  // The link has its 2 cycles, the root only 1: the link waits for it.
  assert.deepEqual(t.update([link, root], at(1)).opened, []);
  const r = t.update([link, root], at(2));
  assert.equal(r.opened.length, 2);
  const rootF = r.opened.find((f) => f.kind === 'node_unreachable');
  assert.equal(r.opened.find((f) => f.kind === 'link_down')?.rootFindingId, rootF?.id);
});

test('FindingTracker hands out frozen snapshots: a reader cannot change an open finding', () => {
  const t = tracker({ openAfter: 1 });
  const [f] = t.update([candidate('k')], at(0)).opened;
  assert.ok(f);
  assert.throws(() => {
    (f as { incidentId?: string }).incidentId = 'inc-x';
  }, TypeError);
  assert.throws(() => (f.evidence as unknown[]).push({}), TypeError);
  assert.equal(t.open()[0]?.incidentId, undefined);
  // The owner records the incident; the next snapshot carries it.
  t.linkIncident(f.id, 'inc-1');
  assert.equal(t.open()[0]?.incidentId, 'inc-1');
  assert.equal(t.update([candidate('k')], at(1)).open[0]?.incidentId, 'inc-1');
});

test('FindingTracker keeps an established cause when a later cycle cannot tell', () => {
  const t = tracker({ openAfter: 1 });
  const known = candidate('storm', 'critical', { kind: 'full_resync_storm', cause: 'output_buffer_limit', confidence: 'likely' });
  const blind = candidate('storm', 'critical', { kind: 'full_resync_storm', cause: 'unknown' });
  t.update([known], at(0));
  const r = t.update([blind], at(1));
  assert.deepEqual(r.updated, []);
  assert.equal(r.open[0]?.cause, 'output_buffer_limit');
  assert.equal(r.open[0]?.confidence, 'likely');
  // A proven cause from a log line does replace it.
  const proven = candidate('storm', 'critical', { kind: 'full_resync_storm', cause: 'backlog_exhausted', confidence: 'proven' });
  assert.equal(t.update([proven], at(2)).updated[0]?.cause, 'backlog_exhausted');
});

test('FindingTracker drops an established cause that a later cycle rules out, and says so', () => {
  const t = tracker({ openAfter: 1 });
  const storm = (extra: Partial<FindingCandidate>) => candidate('storm', 'critical', { kind: 'full_resync_storm', ...extra });
  t.update([storm({ cause: 'replica_restarted', confidence: 'likely' })], at(0));
  const r = t.update([storm({ cause: 'unknown', causeRuledOut: ['replica_restarted'] })], at(1));
  assert.equal(r.updated[0]?.cause, 'unknown');
  const note = r.open[0]?.evidence[0];
  assert.ok(note?.type === 'note' && /First read as “Replica restarted” \(likely\); later polls rule that out/.test(note.text.en), JSON.stringify(note));
  assert.ok(note?.type === 'note' && note.text.zh.includes('从节点重启'));
  // A cause the cycle does not rule out still holds through an unknown.
  const t2 = tracker({ openAfter: 1 });
  t2.update([storm({ cause: 'replica_restarted', confidence: 'likely' })], at(0));
  assert.equal(t2.update([storm({ cause: 'unknown', causeRuledOut: ['backlog_exhausted'] })], at(1)).open[0]?.cause, 'replica_restarted');
});

test('FindingTracker: a stronger later cause replaces the first one, and the finding keeps saying what it was first read as', () => {
  const t = tracker({ openAfter: 1 });
  const storm = (extra: Partial<FindingCandidate>) => candidate('storm', 'critical', { kind: 'full_resync_storm', ...extra });
  t.update([storm({ cause: 'replica_restarted', confidence: 'likely' })], at(0));
  const revised = storm({ cause: 'output_buffer_limit', confidence: 'likely' });
  for (const cycle of [1, 2]) {
    const f = t.update([revised], at(cycle)).open[0];
    assert.equal(f?.cause, 'output_buffer_limit');
    const first = f?.evidence[0];
    assert.ok(first?.type === 'note' && /Cause revised: first read as “Replica restarted” \(likely\); later polls show “Output buffer limit”/.test(first.text.en), `cycle ${cycle}`);
    assert.equal(f?.evidence.length, 2, 'one revision note, not one per cycle');
  }
});
