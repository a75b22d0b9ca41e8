import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Link, TopologyNode } from '@/lib/contracts';
import { summarize, worstReading } from './summarize';

const node = (
  id: string,
  reachable = true,
  status: TopologyNode['status'] = 'ok',
): TopologyNode => ({
  id,
  host: 'h',
  port: 1,
  role: 'replica',
  reachable,
  status,
});
const link = (
  linkStatus: Link['linkStatus'],
  lag: number | null,
  gap: number | null,
  status: Link['status'] = 'ok',
): Link => ({
  replica: 'h:2',
  upstream: 'h:1',
  linkStatus,
  lagSeconds: lag,
  offsetGapBytes: gap,
  status,
});

test('summarize() counts reachability and down links and finds the worst lag and gap', () => {
  const s = summarize(
    [node('h:1'), node('h:2', false, 'unknown')],
    [link('up', 3, 100, 'warning'), link('down', null, 5000, 'critical')],
  );
  assert.equal(s.nodes, 2);
  assert.equal(s.reachable, 1);
  assert.equal(s.linksDown, 1);
  assert.equal(s.worstLagSeconds, 3);
  assert.equal(s.biggestGapBytes, 5000);
  assert.equal(s.overall, 'critical');
});

test('summarize() says unknown for an empty topology and ok when all is well', () => {
  assert.equal(summarize([], []).overall, 'unknown');
  assert.equal(summarize([node('h:1')], [link('up', 0, 0)]).overall, 'ok');
});

test('summarize() never says "worst lag 0 s" while a link is down: the worst is unknown', () => {
  const s = summarize([node('h:1'), node('h:2', false)], [link('up', 0, 0), link('down', null, null, 'critical')]);
  assert.equal(s.lagUnknown, 1);
  assert.deepEqual(worstReading(s.worstLagSeconds, s.lagUnknown), { kind: 'unknown', value: null });
  assert.deepEqual(worstReading(s.biggestGapBytes, s.gapUnknown), { kind: 'unknown', value: null });
  // A known lag elsewhere is a lower bound, not the worst.
  const t = summarize([node('h:1')], [link('up', 4, 10), link('sync', null, null)]);
  assert.deepEqual(worstReading(t.worstLagSeconds, t.lagUnknown), { kind: 'atLeast', value: 4 });
  assert.deepEqual(worstReading(0, 0), { kind: 'value', value: 0 });
});
