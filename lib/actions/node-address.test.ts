import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseNodeAddress, resolveTopologyNode } from './node-address';

const topology = {
  nodes: [{ id: '127.0.0.1:7001' }, { id: '[::1]:7002' }, { id: 'redis-a.internal:6379' }],
};
const none = (id: string) => id;

test('normaliseNodeAddress() folds spellings of one address and rejects non-addresses', () => {
  assert.equal(normaliseNodeAddress('１２７.０.０.１:７００１'), '127.0.0.1:7001');
  assert.equal(normaliseNodeAddress('127.1:7001'), '127.0.0.1:7001');
  assert.equal(normaliseNodeAddress('0x7f.0.0.1:7001'), '127.0.0.1:7001');
  assert.equal(normaliseNodeAddress('REDIS-A.internal.:6379'), 'redis-a.internal:6379');
  assert.equal(normaliseNodeAddress('[0:0:0:0:0:0:0:1]:7002'), '[::1]:7002');
  assert.equal(normaliseNodeAddress('evil@127.0.0.1:7001'), null);
  assert.equal(normaliseNodeAddress('127.0.0.1/x:7001'), null);
  assert.equal(normaliseNodeAddress('127.0.0.1:0'), null);
  assert.equal(normaliseNodeAddress('127.0.0.1:70001'), null);
  assert.equal(normaliseNodeAddress('::1:7002'), null);
});

test('resolveTopologyNode() answers with the topology’s own id, or null outside it', () => {
  assert.equal(resolveTopologyNode(topology, none, '127.0.0.1:7001'), '127.0.0.1:7001');
  assert.equal(resolveTopologyNode(topology, none, '１２７.０.０.１:7001'), '127.0.0.1:7001');
  assert.equal(resolveTopologyNode(topology, none, '[0::1]:7002'), '[::1]:7002');
  assert.equal(
    resolveTopologyNode(topology, none, 'redis-a.INTERNAL:6379'),
    'redis-a.internal:6379',
  );
  // Another port, localhost (not resolved by DNS here), a lookalike: all outside.
  assert.equal(resolveTopologyNode(topology, none, '127.0.0.1:28209'), null);
  assert.equal(resolveTopologyNode(topology, none, 'localhost:7001'), null);
  assert.equal(resolveTopologyNode(topology, none, '127.0.0.1.evil.example:7001'), null);
  assert.equal(resolveTopologyNode({ nodes: [] }, none, '127.0.0.1:7001'), null);
});

test('resolveTopologyNode() follows an alias only to a node of the topology', () => {
  const aliases: Record<string, string> = {
    '127.0.0.1:9001': '127.0.0.1:7001',
    '127.0.0.1:9002': '10.9.9.9:1',
  };
  const canonical = (id: string) => aliases[id] ?? id;
  assert.equal(resolveTopologyNode(topology, canonical, '127.0.0.1:9001'), '127.0.0.1:7001');
  assert.equal(resolveTopologyNode(topology, canonical, '127.0.0.1:9002'), null);
});
