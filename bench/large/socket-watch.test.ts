import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Topology, TopologyNode } from '../../lib/contracts';
import { diffTopologyVersions } from '../../lib/topology/topology-delta';
import { isCycleDelta } from './socket-watch';

const T0 = 1_800_000_000_000;
const node = (i: number, over: Partial<TopologyNode> = {}): TopologyNode => ({
  id: `127.0.0.1:${7000 + i}`,
  host: '127.0.0.1',
  port: 7000 + i,
  role: i === 0 ? 'master' : 'replica',
  reachable: true,
  status: 'ok',
  lastSeenAt: T0 + 10 + i,
  ...over,
});
const tree = (
  n: number,
  at: number,
  over: (i: number) => Partial<TopologyNode> = () => ({}),
): Topology => ({
  generatedAt: at,
  nodes: Array.from({ length: n }, (_, i) => node(i, over(i))),
  links: [],
});

for (const n of [3, 200]) {
  test(`a cycle's delta counts as a cycle, a fast-lane delta (a node shown unreachable between cycles) does not (${n} nodes)`, () => {
    const before = tree(n, T0);
    // The next cycle polled every node: each answered a second later.
    const cycle = tree(n, T0 + 1000, (i) => ({ lastSeenAt: T0 + 1010 + i }));
    assert.equal(isCycleDelta(diffTopologyVersions(before, cycle, 1)), true);
    // The fast lane: node 2's connection closed, its re-poll failed; nothing else changed.
    const fast = tree(n, T0 + 400, (i) =>
      i === 2
        ? {
            reachable: false,
            status: 'critical',
            error: { code: 'refused', message: 'ECONNREFUSED' },
          }
        : {},
    );
    assert.equal(isCycleDelta(diffTopologyVersions(before, fast, 1)), false);
  });
}
