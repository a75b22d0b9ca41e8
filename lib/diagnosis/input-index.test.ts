import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TopologyEvent } from '../contracts';
import type { LogEvidenceLine } from './diagnosis-input';
import { buildInput, event, infoText, logLine, M, NOW, R2, R3 } from '../../test/fixtures/diagnosis/build-input';
import { recentEvents, recentKindEvents, recentLogs, recentNodeEvents, replicaLinks } from './rule-kit';
import { diagnose, diagnoseInSteps } from './diagnose';

const events: TopologyEvent[] = [
  event('node_added', R2, 900_000), // before the 10-min window
  event('node_added', R2, 500_000),
  event('run_id_changed', M, 400_000),
  event('upstream_changed', R3, 300_000, R2, M),
  event('link_up', R3, 200_000, 'down', 'sync'),
  event('replid_changed', M, 100_000),
  event('node_added', R3, 50_000),
];

test('recentNodeEvents / recentKindEvents return what recentEvents filtered, in the same order', () => {
  const input = buildInput({ nodes: [{ id: M }, { id: R2 }, { id: R3 }], events });
  for (const id of [M, R2, R3, 'nobody:1']) {
    assert.deepEqual(
      recentNodeEvents(input, id),
      recentEvents(input, (e) => e.nodeId === id),
    );
    assert.deepEqual(
      recentNodeEvents(input, id, (e) => e.kind !== 'node_added'),
      recentEvents(input, (e) => e.nodeId === id && e.kind !== 'node_added'),
    );
  }
  for (const kind of ['node_added', 'upstream_changed', 'role_changed'] as const) {
    assert.deepEqual(
      recentKindEvents(input, kind),
      recentEvents(input, (e) => e.kind === kind),
    );
  }
  assert.equal(recentNodeEvents(input, R2).length, 1, 'the event before the window is left out');
});

test('a later cycle (new input, new window) gets a new index', () => {
  const first = buildInput({ nodes: [{ id: M }], events });
  assert.equal(recentNodeEvents(first, M).length, 2);
  const later = buildInput({ nodes: [{ id: M }], events, now: NOW + 350_000 });
  // Same events array, a window that starts later: the restart 400 s ago has left it.
  assert.deepEqual(recentNodeEvents(later, M).map((e) => e.kind), ['replid_changed']);
});

test('replicaLinks returns each upstream\'s links, a copy the caller may change', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: infoText('master.txt') },
      { id: R2, info: infoText('replica-chained.txt') },
      { id: R3, info: infoText('replica.txt') },
    ],
  });
  assert.ok(input.topology.links.length >= 2);
  for (const id of [M, R2, R3]) {
    const got = replicaLinks(input, id);
    assert.deepEqual(got, input.topology.links.filter((l) => l.upstream === id));
    got.length = 0;
    assert.deepEqual(replicaLinks(input, id), input.topology.links.filter((l) => l.upstream === id));
  }
});

test('diagnoseInSteps gives the same findings as diagnose and pauses between rules', async () => {
  const input = buildInput({
    nodes: [
      { id: M, info: infoText('master.txt') },
      { id: R2, info: infoText('replica-chained.txt'), reachable: false },
      { id: R3, info: infoText('replica-link-down.txt') },
    ],
    events,
  });
  let pauses = 0;
  const stepped = await diagnoseInSteps(input, async () => {
    pauses++;
  });
  assert.deepEqual(stepped, diagnose(input));
  assert.ok(stepped.length > 0, 'the fixture finds something (an unreachable replica)');
  assert.ok(pauses > 1);
});

test('recentLogs returns the window’s lines of one node, undated ones too, in order, as a plain filter of every line would', () => {
  const logs = [
    logLine(R2, 'Connection with master lost', { time: NOW - 700_000 }), // before the window
    logLine(R2, 'MASTER <-> REPLICA sync started', { time: NOW - 300_000 }),
    logLine(M, 'Client id=7 scheduled to be closed ASAP for overcoming of output buffer limits. flags=S', { time: NOW - 200_000 }),
    logLine(R3, 'Partial resynchronization not possible', { time: null }),
    logLine(R2, 'Full resync from master', { time: NOW - 10_000 }),
  ];
  const input = buildInput({ nodes: [{ id: M }, { id: R2 }, { id: R3 }], logs });
  const since = NOW - input.settings.resyncWindowMs;
  const plain = (id: string, pred: (l: LogEvidenceLine) => boolean = () => true) =>
    logs.filter((l) => l.nodeId === id && (l.time === null || l.time >= since) && pred(l));
  for (const id of [M, R2, R3, 'nobody:1']) {
    assert.deepEqual(recentLogs(input, id), plain(id));
    assert.deepEqual(recentLogs(input, id, (l) => /resync/i.test(l.message)), plain(id, (l) => /resync/i.test(l.message)));
  }
  assert.deepEqual(recentLogs(input, R2).map((l) => l.message), ['MASTER <-> REPLICA sync started', 'Full resync from master']);
});
