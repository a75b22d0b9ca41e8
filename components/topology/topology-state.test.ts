import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Link, TopologyNode } from '@/lib/contracts';
import {
  INITIAL_TOPOLOGY_STATE,
  MAX_EVENTS,
  addEvent,
  applyDelta,
  applySnapshot,
} from './topology-state';

const n = (id: string, status: TopologyNode['status'] = 'ok'): TopologyNode => ({
  id,
  host: 'h',
  port: Number(id.split(':')[1]),
  role: 'replica',
  reachable: true,
  status,
});
const l = (replica: string, upstream: string): Link => ({
  replica,
  upstream,
  linkStatus: 'up',
  offsetGapBytes: 0,
  lagSeconds: 0,
  status: 'ok',
});

test('applyDelta() replaces changed nodes and drops removed nodes and links', () => {
  const s0 = applySnapshot(INITIAL_TOPOLOGY_STATE, {
    topology: { generatedAt: 1, nodes: [n('h:1'), n('h:2')], links: [l('h:2', 'h:1')] },
    events: [],
    pollIntervalMs: 1000,
  });
  assert.equal(s0.hasSnapshot, true);
  const s1 = applyDelta(s0, {
    generatedAt: 2,
    nodes: [n('h:1', 'critical')],
    links: [],
    removedNodes: ['h:2'],
    removedLinks: ['h:2<-h:1'],
  });
  assert.equal(s1.nodes['h:1']?.status, 'critical');
  assert.equal(s1.nodes['h:2'], undefined);
  assert.deepEqual(Object.keys(s1.links), []);
  assert.equal(s1.generatedAt, 2);
  assert.equal(s0.nodes['h:2']?.id, 'h:2', 'previous state untouched');
});

test('addEvent() keeps events newest first, without duplicates, capped', () => {
  let s = INITIAL_TOPOLOGY_STATE;
  for (let i = 0; i < MAX_EVENTS + 5; i += 1) {
    s = addEvent(s, { id: `e${i}`, at: i, kind: 'link_down', nodeId: 'h:1' });
  }
  s = addEvent(s, {
    id: `e${MAX_EVENTS + 4}`,
    at: MAX_EVENTS + 4,
    kind: 'link_down',
    nodeId: 'h:1',
  });
  assert.equal(s.events.length, MAX_EVENTS);
  assert.equal(s.events[0]!.id, `e${MAX_EVENTS + 4}`);
  assert.equal(s.events[1]!.id, `e${MAX_EVENTS + 3}`);
});
