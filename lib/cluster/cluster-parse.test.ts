import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ClusterParseError, parseClusterInfo, parseClusterNodes, parseClusterShards, shardsFromNodes, slotCount } from './cluster-parse';

// Real replies of a 3-shard × 1-replica redis-server 7.0.15 cluster (test/fixtures/cluster/README.md).
const FIXTURES = new URL('../../test/fixtures/cluster/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const json = (name: string): unknown => JSON.parse(text(name));

test('parseClusterShards() reads three shards with their slots, primary and replica', () => {
  const shards = parseClusterShards(json('healthy.shards.json'));
  assert.equal(shards.length, 3);
  assert.deepEqual(shards.map((s) => s.slots).sort((a, b) => a[0]![0] - b[0]![0]), [[[0, 5460]], [[5461, 10922]], [[10923, 16383]]]);
  for (const s of shards) {
    assert.deepEqual(s.nodes.map((n) => n.role), ['primary', 'replica']);
    assert.equal(s.nodes[0]!.health, 'online');
    assert.equal(s.nodes[0]!.host, '127.0.0.1');
    assert.match(s.nodes[0]!.nodeId, /^[0-9a-f]{40}$/);
  }
  assert.equal(shards.reduce((n, s) => n + slotCount(s.slots), 0), 16384);
});

test('parseClusterShards() shows a killed primary as failed and, after the failover, slotless', () => {
  const failed = parseClusterShards(json('failed-primary.shards.json'));
  const victim = failed.flatMap((s) => s.nodes).find((n) => n.health === 'fail');
  assert.ok(victim, 'the killed primary is reported with health fail');
  const after = parseClusterShards(json('failed-over.shards.json'));
  const old = after.find((s) => s.nodes.some((n) => n.nodeId === victim.nodeId));
  assert.deepEqual(old?.slots, []);
  assert.equal(after.filter((s) => s.slots.length).length, 3);
});

test('parseClusterShards() rejects what is not a CLUSTER SHARDS reply', () => {
  assert.throws(() => parseClusterShards('OK'), ClusterParseError);
  assert.throws(() => parseClusterShards([['slots', [1], 'nodes', []]]), ClusterParseError);
  assert.throws(() => parseClusterShards([['slots', [], 'nodes', [['port', 1]]]]), /no id/);
});

test('parseClusterNodes() reads roles, primaries, epochs and slots', () => {
  const lines = parseClusterNodes(text('healthy.nodes.txt'));
  assert.equal(lines.length, 6);
  assert.equal(lines.filter((l) => l.myself).length, 1);
  const primaries = lines.filter((l) => l.role === 'primary');
  assert.equal(primaries.length, 3);
  assert.equal(primaries.reduce((n, l) => n + slotCount(l.slots), 0), 16384);
  for (const r of lines.filter((l) => l.role === 'replica')) assert.ok(primaries.some((p) => p.nodeId === r.primaryNodeId));
  assert.ok(lines.every((l) => l.linkState === 'connected' && l.flags.length === 0 && l.busPort > 0));
});

test('parseClusterNodes() turns fail? into pfail and keeps fail', () => {
  const pfail = parseClusterNodes(text('pfail.nodes.txt')).find((l) => l.flags.length);
  assert.deepEqual(pfail?.flags, ['pfail']);
  assert.equal(pfail?.linkState, 'disconnected');
  const fail = parseClusterNodes(text('failed-primary.nodes.txt')).find((l) => l.flags.length);
  assert.deepEqual(fail?.flags, ['fail']);
});

test('parseClusterNodes() skips migrating markers, reads noaddr and IPv6 and rejects short lines', () => {
  const [a, b] = parseClusterNodes(
    'aaa ::1:7000@17000 myself,master - 0 0 1 connected 0-10 [11->-bbb] 12\n' + 'bbb :0@0 master,noaddr - 0 0 2 disconnected\n',
  );
  assert.deepEqual(a?.slots, [[0, 10], [12, 12]]);
  assert.equal(a?.host, '::1');
  assert.equal(a?.port, 7000);
  assert.equal(b?.host, '');
  assert.deepEqual(b?.flags, ['noaddr']);
  assert.throws(() => parseClusterNodes('only three fields'), ClusterParseError);
});

test('shardsFromNodes() builds the same shards as CLUSTER SHARDS (servers before 7.0)', () => {
  const fromNodes = shardsFromNodes(parseClusterNodes(text('healthy.nodes.txt')));
  const fromShards = parseClusterShards(json('healthy.shards.json'));
  const shape = (s: { slots: unknown; nodes: Array<{ nodeId: string; role: string }> }) => JSON.stringify([s.slots, s.nodes.map((n) => [n.nodeId, n.role])]);
  assert.deepEqual(fromNodes.map(shape).sort(), fromShards.map(shape).sort());
});

test('parseClusterInfo() reads state, slots and epochs', () => {
  const i = parseClusterInfo(text('pfail.info.txt'));
  assert.equal(i.state, 'ok');
  assert.equal(i.slotsAssigned, 16384);
  assert.ok(i.slotsPfail > 0);
  assert.equal(i.knownNodes, 6);
  assert.ok(i.currentEpoch >= 6);
  assert.equal(parseClusterInfo('garbage').state, 'unknown');
});
