import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Link, Topology, TopologyNode } from '../contracts';
import { applyTopologyPatch, diffTopologyVersions, isEmptyPatch } from './topology-delta';

/** Small deterministic PRNG, so a failing seed can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomTopology(r: () => number, at: number): Topology {
  const ports = [
    ...new Set(Array.from({ length: 1 + Math.floor(r() * 25) }, () => 7000 + Math.floor(r() * 40))),
  ];
  if (r() < 0.3) ports.reverse(); // order changes too
  const nodes: TopologyNode[] = ports.map((port, i) => {
    const n: TopologyNode = {
      id: `127.0.0.1:${port}`,
      host: '127.0.0.1',
      port,
      role: i === 0 ? 'master' : r() < 0.9 ? 'replica' : 'unknown',
      reachable: r() < 0.85,
      status:
        (['ok', 'ok', 'ok', 'warning', 'critical', 'unknown'] as const)[Math.floor(r() * 6)] ??
        'ok',
    };
    if (r() < 0.7) n.offset = Math.floor(r() * 1e6);
    if (r() < 0.7) n.lastSeenAt = at - Math.floor(r() * 5000);
    if (!n.reachable && r() < 0.8)
      n.error = { code: 'refused', message: `connect ECONNREFUSED ${port}` };
    if (r() < 0.5) n.memoryPct = r() < 0.2 ? null : Math.round(r() * 100);
    if (r() < 0.6) n.opsPerSec = Math.floor(r() * 5);
    if (i > 0 && r() < 0.8) n.upstream = `127.0.0.1:${ports[Math.floor(r() * i)]}`;
    return n;
  });
  const links: Link[] = nodes
    .filter((n) => n.upstream)
    .map((n) => ({
      upstream: n.upstream as string,
      replica: n.id,
      linkStatus: r() < 0.8 ? 'up' : 'down',
      offsetGapBytes: r() < 0.2 ? null : Math.floor(r() * 5000),
      lagSeconds: r() < 0.2 ? null : Math.floor(r() * 3),
      status: r() < 0.8 ? 'ok' : 'warning',
      ...(r() < 0.5 ? { lastIoSecondsAgo: Math.floor(r() * 10) } : {}),
      ...(r() < 0.2
        ? { sync: { readBytes: Math.floor(r() * 100), totalBytes: null, percent: null } }
        : {}),
    }));
  return { generatedAt: at, nodes, links };
}

test('applyTopologyPatch(prev, diff(prev, next)) equals next over 500 random topology pairs', () => {
  for (let seed = 1; seed <= 500; seed++) {
    const r = rng(seed);
    const prev = randomTopology(r, 1_000_000);
    const next = randomTopology(r, 1_001_000);
    const delta = diffTopologyVersions(prev, next, seed);
    assert.equal(delta.version, seed + 1);
    assert.deepEqual(applyTopologyPatch(prev, seed, delta), next, `seed ${seed}`);
  }
});

test('a chain of deltas rebuilds every version from the first snapshot', () => {
  const r = rng(42);
  let held = randomTopology(r, 0);
  let prev = held;
  for (let v = 0; v < 50; v++) {
    const next = randomTopology(r, (v + 1) * 1000);
    const out = applyTopologyPatch(held, v, diffTopologyVersions(prev, next, v));
    assert.ok(out, `version ${v + 1}`);
    held = out;
    prev = next;
  }
  assert.deepEqual(held, prev);
});

test('a delta carries only the fields that changed', () => {
  const r = rng(7);
  const prev = randomTopology(r, 1000);
  const next: Topology = {
    ...prev,
    generatedAt: 2000,
    nodes: prev.nodes.map((n, i) => (i === 0 ? { ...n, lastSeenAt: 1999 } : n)),
  };
  const delta = diffTopologyVersions(prev, next, 3);
  // lastSeenAt moves every cycle: packed as [index, ms before generatedAt], no id, no field name.
  assert.deepEqual(delta.nodes.upsert, []);
  assert.deepEqual(delta.nodes.packed, { lastSeenAt: [0, -1] });
  assert.deepEqual(applyTopologyPatch(prev, 3, delta), next);
  assert.deepEqual(delta.links.upsert, []);
  assert.equal(delta.nodes.order, undefined);
  assert.equal(isEmptyPatch(diffTopologyVersions(prev, { ...prev, generatedAt: 3000 }, 3)), true);
});

test('a removed optional field is sent as unset and applied', () => {
  const node: TopologyNode = {
    id: 'h:1',
    host: 'h',
    port: 1,
    role: 'master',
    reachable: false,
    status: 'critical',
    error: { code: 'timeout', message: 'x' },
  };
  const prev: Topology = { generatedAt: 1, nodes: [node], links: [] };
  const { error: _gone, ...healed } = node;
  const next: Topology = {
    generatedAt: 2,
    nodes: [{ ...healed, reachable: true, status: 'ok' }],
    links: [],
  };
  const delta = diffTopologyVersions(prev, next, 0);
  assert.deepEqual(delta.nodes.upsert[0]?.unset, ['error']);
  assert.deepEqual(applyTopologyPatch(prev, 0, delta), next);
});

test('applyTopologyPatch() refuses a delta made for another version (the client re-reads)', () => {
  const r = rng(9);
  const prev = randomTopology(r, 1);
  const next = randomTopology(r, 2);
  assert.equal(applyTopologyPatch(prev, 4, diffTopologyVersions(prev, next, 5)), null);
});

test('applyTopologyPatch() refuses a new node that is not a whole node', () => {
  const prev: Topology = { generatedAt: 1, nodes: [], links: [] };
  const delta = diffTopologyVersions(prev, prev, 0);
  delta.nodes.upsert.push({ key: 'h:2', set: { id: 'h:2', port: 2 } });
  assert.equal(applyTopologyPatch(prev, 0, delta), null);
});

test('applyTopologyPatch() refuses packed values for an index or field it does not know', () => {
  const r = rng(11);
  const prev = randomTopology(r, 1);
  const delta = diffTopologyVersions(prev, prev, 0);
  assert.equal(
    applyTopologyPatch(prev, 0, {
      ...delta,
      nodes: { ...delta.nodes, packed: { lastSeenAt: [prev.nodes.length, 0] } },
    }),
    null,
  );
  assert.equal(
    applyTopologyPatch(prev, 0, { ...delta, nodes: { ...delta.nodes, packed: { role: [0, 1] } } }),
    null,
  );
});

/** An idle 1,000-node tree one cycle later: every node answered, every link's last-I/O clock ticked. */
function idlePair(): { prev: Topology; next: Topology } {
  const nodes: TopologyNode[] = Array.from({ length: 1000 }, (_, i) => ({
    id: `10.0.${Math.floor(i / 250)}.${i % 250}:6379`,
    host: `10.0.${Math.floor(i / 250)}.${i % 250}`,
    port: 6379,
    role: i ? 'replica' : 'master',
    reachable: true,
    status: 'ok',
    offset: 123_456_789,
    lastSeenAt: 1_000_000 + (i % 300),
    opsPerSec: 1,
  }));
  const links: Link[] = nodes.slice(1).map((n, i) => ({
    upstream: nodes[i < 10 ? 0 : 1 + (i % 10)]?.id as string,
    replica: n.id,
    linkStatus: 'up',
    offsetGapBytes: 0,
    lagSeconds: 0,
    status: 'ok',
    lastIoSecondsAgo: i % 10,
  }));
  const next: Topology = {
    generatedAt: 1_001_000,
    nodes: nodes.map((n, i) => ({
      ...n,
      lastSeenAt: 1_001_000 + ((i * 7) % 400),
      // A PING reached a tenth of the tree; one node answered 2 s late (does not fit a column).
      ...(i % 10 === 3 ? { offset: 123_456_803 } : {}),
      ...(i === 5 ? { lastSeenAt: 1_003_000 } : {}),
    })),
    links: links.map((l, i) => ({ ...l, lastIoSecondsAgo: i % 10 === 9 ? 0 : (i % 10) + 1 })),
  };
  return { prev: { generatedAt: 1_000_000, nodes, links }, next };
}

test('an idle 1,000-node cycle travels as columns and pairs, without ids, and applies exactly', () => {
  const { prev, next } = idlePair();
  const delta = diffTopologyVersions(prev, next, 7);
  assert.deepEqual(delta.nodes.upsert, []);
  assert.deepEqual(delta.links.upsert, []);
  assert.equal(delta.nodes.columns?.lastSeenAt?.length, 2 * 999 + 1); // "." for node 5
  assert.deepEqual(delta.nodes.packed?.lastSeenAt, [5, 2000]);
  assert.equal(delta.links.columns?.lastIoSecondsAgo?.length, 999);
  assert.equal(delta.nodes.packed?.offset?.length, 200);
  assert.deepEqual(applyTopologyPatch(prev, 7, delta), next);
  // Two characters a node and one a link, plus the moved offsets: a few KB, not 1,000 ids.
  assert.ok(JSON.stringify(delta).length < 6000, `${JSON.stringify(delta).length} B`);
});

test('a column is chosen only when it is shorter than the pairs', () => {
  const { prev } = idlePair();
  const next = {
    ...prev,
    generatedAt: 1_001_000,
    nodes: prev.nodes.map((n, i) => (i === 500 ? { ...n, lastSeenAt: 1_001_010 } : n)),
  };
  const delta = diffTopologyVersions(prev, next, 0);
  assert.equal(delta.nodes.columns, undefined);
  assert.deepEqual(delta.nodes.packed, { lastSeenAt: [500, 10] });
  assert.deepEqual(applyTopologyPatch(prev, 0, delta), next);
});

test('applyTopologyPatch() refuses a malformed column', () => {
  const { prev, next } = idlePair();
  const delta = diffTopologyVersions(prev, next, 0);
  const withColumns = (columns: Record<string, string>) => ({
    ...delta,
    nodes: { ...delta.nodes, columns },
  });
  const good = delta.nodes.columns?.lastSeenAt as string;
  const bad: Array<Record<string, string>> = [
    { lastSeenAt: good.slice(0, -1) }, // half a value
    { lastSeenAt: `${good.slice(0, -2)}A!` }, // not base 36
    { lastSeenAt: `${good}00` }, // an index past the list
    { offset: '00' }, // offsets have no column form
    { role: '0' },
  ];
  for (const columns of bad)
    assert.equal(applyTopologyPatch(prev, 0, withColumns(columns)), null, JSON.stringify(Object.keys(columns)));
});
