import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  affectedReplicas,
  incidentDurationMs,
  incidentWindow,
  markerLabelPositions,
} from './incident-window';

const MIN = 60_000;
const NOW = 1_000_000_000_000;

test('incidentWindow() pads the incident by 5 min and never reaches past now', () => {
  const w = incidentWindow({ openedAt: NOW - 20 * MIN, resolvedAt: NOW - 10 * MIN }, NOW);
  assert.deepEqual(w, {
    from: NOW - 25 * MIN,
    to: NOW - 5 * MIN,
    coverage: 'full',
    chartFrom: NOW - 25 * MIN,
  });
  const ongoing = incidentWindow({ openedAt: NOW - 2 * MIN }, NOW);
  assert.equal(ongoing.to, NOW);
});

test('incidentWindow() says when the in-memory hour covers only part or none of it', () => {
  const partial = incidentWindow({ openedAt: NOW - 90 * MIN }, NOW);
  assert.equal(partial.coverage, 'partial');
  assert.equal(partial.chartFrom, NOW - 60 * MIN);
  const old = incidentWindow({ openedAt: NOW - 3 * 60 * MIN, resolvedAt: NOW - 2 * 60 * MIN }, NOW);
  assert.equal(old.coverage, 'none');
});

test('affectedReplicas() takes finding links, replica-type findings and involved replicas', () => {
  const links = [
    { replica: 'r:1', upstream: 'm:0' },
    { replica: 'r:2', upstream: 'm:0' },
    { replica: 'r:3', upstream: 'r:2' },
  ];
  const ids = affectedReplicas(
    { nodeIds: ['m:0', 'r:3'], rootNodeId: 'm:0' },
    [
      { kind: 'link_down', link: { replica: 'r:1', upstream: 'm:0' } },
      { kind: 'replication_lag', nodeId: 'r:2' },
      { kind: 'node_unreachable', nodeId: 'm:0' },
    ],
    links,
  );
  assert.deepEqual(ids, ['r:1', 'r:2', 'r:3']);
  assert.deepEqual(
    affectedReplicas(
      { nodeIds: ['m:0'] },
      [{ kind: 'master_no_persistence', nodeId: 'm:0' }],
      links,
    ),
    [],
  );
});

test('incidentDurationMs() runs to now while open and stops at resolution', () => {
  assert.equal(incidentDurationMs({ openedAt: NOW - MIN }, NOW), MIN);
  assert.equal(incidentDurationMs({ openedAt: NOW - MIN, resolvedAt: NOW - 30_000 }, NOW), 30_000);
});

test('markerLabelPositions() keeps the opened label inside the plot when the incident just opened', () => {
  // Live, opened 5 s ago: the line is at the right edge, so its label reads to the left of it.
  const justOpened = markerLabelPositions(NOW - 5 * MIN - 5_000, NOW, NOW - 5_000, undefined);
  assert.equal(justOpened.opened, 'insideTopRight');
  const older = markerLabelPositions(NOW - 25 * MIN, NOW, NOW - 20 * MIN, undefined);
  assert.equal(older.opened, 'insideTopLeft');
});

test('markerLabelPositions() moves the resolved label down when it would cover the opened one', () => {
  const apart = markerLabelPositions(NOW - 60 * MIN, NOW, NOW - 55 * MIN, NOW - 10 * MIN);
  assert.deepEqual(apart, { opened: 'insideTopLeft', resolved: 'insideTopRight' });
  const close = markerLabelPositions(NOW - 11 * MIN, NOW, NOW - 6 * MIN, NOW - 5 * MIN);
  assert.deepEqual(close, { opened: 'insideTopLeft', resolved: 'insideBottomRight' });
});
