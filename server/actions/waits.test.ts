import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveNode } from './types';
import { describe, describeZh } from './waits';

const base: LiveNode = { id: '10.0.0.2:6379', reachable: true, masterOffset: 1234, syncFull: 0, keys: 0, usedMemory: 0, replicas: [] };

test('a node as a check shows it, in English and in Chinese: the same facts, each language whole', () => {
  const replica: LiveNode = { ...base, role: 'replica', upstream: '10.0.0.1:6379', linkStatus: 'down' };
  const master: LiveNode = { ...base, role: 'master' };
  const lost: LiveNode = { ...base, reachable: false, error: { code: 'refused', message: 'connect ECONNREFUSED 10.0.0.2:6379' } };
  assert.equal(describe(replica), 'replica of 10.0.0.1:6379, link down');
  assert.equal(describeZh(replica), '10.0.0.1:6379 的从节点，链路 down');
  assert.equal(describe(master), 'master, offset 1234');
  assert.equal(describeZh(master), '主节点，偏移量 1234');
  // Redis' (or the OS's) own error text is quoted as it came.
  assert.equal(describeZh(lost), '不可达（connect ECONNREFUSED 10.0.0.2:6379）');
  assert.equal(describeZh({ ...lost, error: undefined }), '不可达（无响应）');
});
