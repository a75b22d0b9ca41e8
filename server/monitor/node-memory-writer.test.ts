import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NodeRecord } from './node-record';
import { NodeMemoryWriter } from './node-memory-writer';

const rec = (id: string, role: NodeRecord['role'], upstream?: string): NodeRecord => ({
  id,
  host: id.split(':')[0] ?? '',
  port: Number(id.split(':')[1]),
  reachable: true,
  role,
  upstream,
  discoveredOnly: false,
  isSeed: false,
  firstSeenAt: 1,
  lastKnownAt: 2,
  sectionAt: {},
  refreshAll: false,
});

test('node memory: written when the shape changes, not on every cycle; unknown roles left out', () => {
  const saved: Array<Array<{ id: string; upstream?: string; role: string }>> = [];
  const writer = new NodeMemoryWriter({ save: (nodes) => void saved.push(nodes) });
  const m = rec('10.0.0.1:6379', 'master');
  const r = rec('10.0.0.2:6379', 'replica', m.id);
  writer.save([m, r, rec('10.0.0.3:6379', 'unknown')]);
  writer.save([m, r]);
  assert.equal(saved.length, 1, 'same shape within a minute: one write');
  assert.deepEqual(saved[0]?.map((n) => n.id), [m.id, r.id]);
  writer.save([m, { ...r, upstream: undefined, role: 'master' }]);
  assert.equal(saved.length, 2, 'a replica promoted: written again');
  assert.deepEqual(saved[1]?.[1], { id: r.id, upstream: undefined, role: 'master', firstSeenAt: 1, lastKnownAt: 2 });
});
