import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { deriveNodeMetrics } from '../../lib/topology/node-metrics';
import { NodeRegistry } from './node-registry';

const FIXTURES = new URL('../../test/fixtures/info/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

test('a new replication ID on a master makes its replicas read INFO on their next poll', () => {
  const registry = new NodeRegistry(() => {});
  const master = registry.ensure('127.0.0.1:27001', 0);
  const replica = registry.ensure('127.0.0.1:27002', 0);
  const text = fixture('master.txt');
  registry.applyInfo(master, text, 1000, 1);
  replica.refreshAll = false;
  registry.applyInfo(master, text, 2000, 1);
  assert.equal(replica.refreshAll, false, 'same replication ID: a replica polled with ROLE stays on ROLE');
  const replid = /^master_replid:(\w+)/m.exec(text)![1]!;
  registry.applyInfo(master, text.replace(`master_replid:${replid}`, `master_replid:${'f'.repeat(40)}`), 3000, 1);
  assert.equal(replica.refreshAll, true);
});

test('a ROLE reading refreshes the offsets and keeps every section with its read time', () => {
  const registry = new NodeRegistry(() => {});
  const rec = registry.ensure('127.0.0.1:27002', 0);
  registry.applyInfo(rec, fixture('replica.txt'), 1000, 1);
  const readAt = { ...rec.sectionAt };
  registry.applyRole(rec, { role: 'replica', host: '127.0.0.1', port: 27001, state: 'connected', offset: 5325 }, 2000, 1);
  assert.equal(rec.infoAt, 2000);
  assert.deepEqual(rec.sectionAt, readAt);
  assert.equal(rec.info?.replication.slave_repl_offset, 5325);
  assert.equal(rec.metrics?.replOffsetRate, 5120, 'bytes per second from the two offsets 1 s apart');
  assert.equal(rec.metrics?.syncFullDelta, 0);
  // The short path gives what a whole derivation of the same reading would.
  const whole = deriveNodeMetrics(rec.info, rec.prevInfo, 1000, null);
  assert.deepEqual({ ...rec.metrics, cpuPct: null }, { ...whole, cpuPct: null });
  // Nothing moved: the same INFO object stands, the rate is zero.
  const info = rec.info;
  registry.applyRole(rec, { role: 'replica', host: '127.0.0.1', port: 27001, state: 'connected', offset: 5325 }, 3000, 1);
  assert.equal(rec.info, info);
  assert.equal(rec.metrics?.replOffsetRate, 0);
});
