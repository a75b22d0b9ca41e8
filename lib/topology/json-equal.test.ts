import assert from 'node:assert/strict';
import { test } from 'node:test';
import { infoText } from '../../test/fixtures/diagnosis/build-input';
import { parseInfo } from '../info/info-parser';
import { deriveTopology, upstreamOf, type NodeObservation } from './derive-topology';
import { jsonEqual } from './json-equal';
import { deriveNodeMetrics } from './node-metrics';
import { DEFAULT_THRESHOLDS } from './status';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

test('agrees with comparing JSON texts on values that differ in one field, anywhere', () => {
  const node = {
    id: '10.0.0.5:6379',
    role: 'replica',
    reachable: true,
    error: undefined,
    metrics: { opsPerSec: 12, cpuPct: null, keys: 20000 },
    replicas: ['10.0.0.6:6379', '10.0.0.7:6379'],
  };
  assert.equal(jsonEqual(node, structuredClone(node)), true);
  const variants: unknown[] = [
    { ...node, role: 'master' },
    { ...node, metrics: { ...node.metrics, opsPerSec: 13 } },
    { ...node, metrics: { ...node.metrics, cpuPct: 0 } },
    { ...node, replicas: ['10.0.0.6:6379'] },
    { ...node, replicas: ['10.0.0.7:6379', '10.0.0.6:6379'] },
    { ...node, error: { code: 'timeout' } },
    { ...node, extra: 0 },
    { ...node, reachable: 'true' },
  ];
  for (const v of variants) {
    assert.equal(jsonEqual(node, v), same(node, v), JSON.stringify(v));
    assert.equal(jsonEqual(v, node), same(v, node), JSON.stringify(v));
  }
});

test('a key set to undefined is the same as a missing key; key order does not matter', () => {
  assert.equal(jsonEqual({ a: 1, b: undefined }, { a: 1 }), true);
  assert.equal(jsonEqual({ a: 1 }, { a: 1, b: undefined }), true);
  assert.equal(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 }), true);
  assert.equal(jsonEqual({ a: 1, b: null }, { a: 1 }), false);
  assert.equal(jsonEqual([undefined], [null]), true);
  assert.equal(jsonEqual(NaN, null), false);
  assert.equal(jsonEqual(NaN, Infinity), true);
  assert.equal(jsonEqual([], {}), false);
  assert.equal(jsonEqual(null, {}), false);
});

test('a topology derived from real INFO equals its JSON round trip and differs after one change', () => {
  const master = parseInfo(infoText('master.txt'));
  const replica = parseInfo(infoText('replica.txt'));
  const upstream = upstreamOf(replica, (id) => id)!;
  const obs: NodeObservation[] = [
    { id: upstream, host: '127.0.0.1', port: Number(upstream.split(':')[1]), reachable: true, info: master, metrics: deriveNodeMetrics(master, undefined, null), role: 'master', discoveredOnly: false, sampledAt: 1000 },
    { id: '127.0.0.1:9', host: '127.0.0.1', port: 9, reachable: true, info: replica, metrics: deriveNodeMetrics(replica, undefined, null), role: 'replica', upstream, discoveredOnly: false, sampledAt: 1000 },
  ];
  const topo = deriveTopology(obs, (id) => id, DEFAULT_THRESHOLDS, 1000);
  const text = JSON.stringify(topo);
  assert.equal(jsonEqual(topo, JSON.parse(text)), true);
  assert.equal(same(topo, JSON.parse(text)), true);
  const changed: unknown = JSON.parse(text.replace('"linkStatus":"up"', '"linkStatus":"down"'));
  assert.notEqual(text, JSON.stringify(changed));
  assert.equal(jsonEqual(topo, changed), false);
});
