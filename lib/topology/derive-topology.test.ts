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

test("deriveTopology() reads each unreachable replica's link from its own entry in the upstream's list", () => {
  // Three replicas the dashboard cannot reach: the master lists two of them (one under an address
  // the dashboard knows by another name), at different offsets; the third is not listed at all.
  const master = parseInfo(
    editInfo(infoText('master.txt'), {
      master_repl_offset: '5000',
      slave0: 'ip=127.0.0.1,port=27002,state=online,offset=4000,lag=3',
      slave1: 'ip=127.0.0.1,port=27003,state=wait_bgsave,offset=0,lag=0',
    }),
  );
  const canonical = (id: string) => (id === '127.0.0.1:27003' ? 'replica-b:6379' : id);
  const m = '127.0.0.1:27001';
  const lost = (id: string): NodeObservation => ({
    id, host: id.split(':')[0]!, port: Number(id.split(':')[1]), reachable: false, role: 'replica', upstream: m, discoveredOnly: false,
  });
  const obs: NodeObservation[] = [
    { id: m, host: '127.0.0.1', port: 27001, reachable: true, info: master, role: 'master', discoveredOnly: false },
    lost('127.0.0.1:27002'),
    lost('replica-b:6379'),
    lost('127.0.0.1:27004'),
  ];
  const links = new Map(deriveTopology(obs, canonical, DEFAULT_THRESHOLDS, 0).links.map((l) => [l.replica, l]));
  const a = links.get('127.0.0.1:27002')!;
  assert.deepEqual([a.linkStatus, a.offsetGapBytes, a.lagSeconds, a.upstreamState], ['up', 1000, 3, 'online']);
  const b = links.get('replica-b:6379')!;
  assert.deepEqual([b.linkStatus, b.offsetGapBytes, b.lagSeconds, b.upstreamState], ['sync', null, null, 'wait_bgsave']);
  const c = links.get('127.0.0.1:27004')!;
  assert.deepEqual([c.linkStatus, c.offsetGapBytes, c.upstreamState], ['down', null, null]);
});
