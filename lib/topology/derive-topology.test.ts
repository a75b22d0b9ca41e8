import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editInfo, infoText } from '../../test/fixtures/diagnosis/build-input';
import { parseInfo } from '../info/info-parser';
import { deriveTopology, upstreamOf, type NodeObservation } from './derive-topology';
import { deriveNodeMetrics } from './node-metrics';
import { DEFAULT_THRESHOLDS } from './status';

const same = (id: string) => id;

/** A master and one replica from real captured INFO, with the offsets and timings given. */
function pair(opts: { masterOffset: number; replicaOffset: number; rate: number; masterAt: number; replicaAt: number }) {
  const master = parseInfo(editInfo(infoText('master.txt'), { master_repl_offset: String(opts.masterOffset) }));
  const replica = parseInfo(
    editInfo(infoText('replica.txt'), {
      slave_repl_offset: String(opts.replicaOffset),
      master_replid: master.replication.master_replid ?? '',
    }),
  );
  const upstream = upstreamOf(replica, same)!;
  const masterMetrics = { ...deriveNodeMetrics(master, undefined, null), replOffsetRate: opts.rate };
  const obs: NodeObservation[] = [
    { id: upstream, host: '127.0.0.1', port: Number(upstream.split(':')[1]), reachable: true, info: master, metrics: masterMetrics, role: 'master', discoveredOnly: false, sampledAt: opts.masterAt },
    { id: '127.0.0.1:9', host: '127.0.0.1', port: 9, reachable: true, info: replica, role: 'replica', upstream, discoveredOnly: false, sampledAt: opts.replicaAt },
  ];
  return deriveTopology(obs, same, DEFAULT_THRESHOLDS, 0).links[0]!;
}

test('deriveTopology() gives the byte gap between upstream and replica offsets', () => {
  const link = pair({ masterOffset: 50_000, replicaOffset: 38_000, rate: 0, masterAt: 1000, replicaAt: 1000 });
  assert.equal(link.linkStatus, 'up');
  assert.equal(link.offsetGapBytes, 12_000);
  assert.equal(link.status, 'critical');
});

test('deriveTopology() does not invent lag from a master answering later than its replica under writes', () => {
  // 100 kB/s of writes; the master's INFO answered 150 ms after the replica's: 15 kB of skew.
  const link = pair({ masterOffset: 1_015_000, replicaOffset: 1_000_000, rate: 100_000, masterAt: 1150, replicaAt: 1000 });
  assert.equal(link.offsetGapBytes, 0);
  assert.equal(link.status, 'ok');
});

test('deriveTopology() keeps a real gap when the replica answered later and is still behind', () => {
  const link = pair({ masterOffset: 1_000_000, replicaOffset: 980_000, rate: 100_000, masterAt: 1000, replicaAt: 1050 });
  assert.equal(link.offsetGapBytes, 25_000);
});

test('deriveTopology() reports the corrected gap in whole bytes', () => {
  // 68 MB/s of writes (redis-benchmark) and a 7 ms sampling skew: the estimate has a fraction.
  const link = pair({ masterOffset: 2_000_000_000, replicaOffset: 1_999_200_000, rate: 68_123_457, masterAt: 1007, replicaAt: 1000 });
  assert.ok(Number.isInteger(link.offsetGapBytes), String(link.offsetGapBytes));
  assert.equal(link.offsetGapBytes, 323_136);
});

test('deriveTopology() paints a replication cycle red although Redis reports its links up', () => {
  const replica = parseInfo(infoText('replica.txt'));
  const node = (id: string, upstream: string, reachable = true): NodeObservation => ({
    id, host: 'h', port: Number(id.split(':')[1]), reachable, info: replica, role: 'replica', upstream, discoveredOnly: false,
  });
  // a ⇄ b is a cycle; c hangs below it (no data either, but not a member); d's upstream is dark.
  const t = deriveTopology([node('h:1', 'h:2'), node('h:2', 'h:1'), node('h:3', 'h:1'), node('h:4', 'h:5'), node('h:5', 'h:4', false)], same, DEFAULT_THRESHOLDS, 0);
  const status = Object.fromEntries(t.nodes.map((n) => [n.id, n.status]));
  assert.equal(status['h:1'], 'critical');
  assert.equal(status['h:2'], 'critical');
  assert.equal(status['h:3'], 'ok', 'a replica below the cycle is not a member');
  assert.equal(t.links.find((l) => l.replica === 'h:1')?.status, 'critical');
  assert.equal(t.links.find((l) => l.replica === 'h:1')?.linkStatus, 'up', 'the link state stays what Redis says');
  // An unreachable node never closes a cycle we cannot see.
  assert.notEqual(status['h:4'], 'critical');
});
