import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildInput,
  configOf,
  editInfo,
  healthyNodes,
  infoText,
  M,
} from '../../../test/fixtures/diagnosis/build-input';
import { configRisk } from './config-risk';
import { masterNoPersistence } from './master-no-persistence';
import { memoryPressure } from './memory-pressure';
import { persistenceFailing } from './persistence-failing';
import { replicaWritable } from './replica-writable';

const NP_MASTER = '127.0.0.1:29001';
const NP_REPLICA = '127.0.0.1:29002';

// Captured together: master with save "" + appendonly no, replica with replica-read-only no.
const noPersistence = (config = configOf('config-master-no-persistence.tsv')) =>
  buildInput({
    nodes: [
      { id: NP_MASTER, info: infoText('master-no-persistence.txt'), config },
      { id: NP_REPLICA, info: infoText('replica-writable.txt') },
    ],
  });

test('replica_writable: slave_read_only:0 is a warning with a config.apply remedy', () => {
  const [f] = replicaWritable(noPersistence());
  assert.equal(f?.key, `replica_writable:${NP_REPLICA}`);
  assert.equal(f?.severity, 'warning');
  assert.ok(
    f?.evidence.some((e) => e.type === 'field' && e.field === 'slave_read_only' && e.value === '0'),
  );
  assert.deepEqual(f?.remedy.params, { settings: { 'replica-read-only': 'yes' } });
  assert.match(f?.remedy.text ?? '', /do not FLUSHALL/);
});

test('master_no_persistence: save "" and appendonly no on a master with a replica', () => {
  const [f] = masterNoPersistence(noPersistence());
  assert.equal(f?.key, `master_no_persistence:${NP_MASTER}`);
  assert.equal(f?.severity, 'warning');
  assert.match(f?.title.en ?? '', /a restart wipes every replica/);
  assert.match(f?.detail.en ?? '', /feeds 1 replica\(s\) \(127\.0\.0\.1:29002\)/);
  assert.deepEqual(f?.remedy, {
    text: f?.remedy.text,
    textZh: f?.remedy.textZh,
    actionId: 'config.apply',
    params: { settings: { save: '3600 1 300 100 60 10000' } },
  });
  assert.ok(f?.evidence.some((e) => e.type === 'config' && e.name === 'save' && e.value === ''));
  // Save points, AOF, or no CONFIG access: silent.
  assert.deepEqual(masterNoPersistence(noPersistence(configOf('config-defaults.tsv'))), []);
  assert.deepEqual(
    masterNoPersistence(
      noPersistence({ ...configOf('config-master-no-persistence.tsv'), appendonly: 'yes' }),
    ),
    [],
  );
  const noConfig = buildInput({
    nodes: [{ id: NP_MASTER, info: infoText('master-no-persistence.txt') }],
  });
  assert.deepEqual(masterNoPersistence(noConfig), []);
});

test('memory_pressure: 94 % of maxmemory is a warning, 97 % critical', () => {
  const id = '127.0.0.1:29005';
  const [warn] = memoryPressure(
    buildInput({ nodes: [{ id, info: infoText('memory-pressure.txt') }] }),
  );
  assert.equal(warn?.severity, 'warning');
  assert.match(warn?.title.en ?? '', /94\.2% of maxmemory/);
  assert.match(warn?.detail.en ?? '', /noeviction, writes fail with OOM/);
  const tight = editInfo(infoText('memory-pressure.txt'), { maxmemory: '1190000' });
  assert.equal(
    memoryPressure(buildInput({ nodes: [{ id, info: tight }] }))[0]?.severity,
    'critical',
  );
});

test('persistence_failing: a failed BGSAVE on a master is critical unless writes keep going', () => {
  const id = '127.0.0.1:29004';
  const [f] = persistenceFailing(
    buildInput({ nodes: [{ id, info: infoText('master-bgsave-err.txt') }] }),
  );
  assert.equal(f?.severity, 'critical');
  assert.match(f?.title.en ?? '', /RDB snapshot \(BGSAVE\) failing/);
  assert.ok(
    f?.evidence.some(
      (e) => e.type === 'field' && e.field === 'rdb_last_bgsave_status' && e.value === 'err',
    ),
  );
  const relaxed = { ...configOf('config-defaults.tsv'), 'stop-writes-on-bgsave-error': 'no' };
  const [w] = persistenceFailing(
    buildInput({ nodes: [{ id, info: infoText('master-bgsave-err.txt'), config: relaxed }] }),
  );
  assert.equal(w?.severity, 'warning');
  const aof = editInfo(infoText('master.txt'), { aof_last_write_status: 'err' });
  assert.equal(
    persistenceFailing(buildInput({ nodes: [{ id: M, info: aof }] }))[0]?.severity,
    'critical',
  );
});

test('config_risk: each rule fires on the setting it guards, with its rule id', () => {
  const risky = {
    ...configOf('config-defaults.tsv'),
    'repl-timeout': '10',
    'tcp-keepalive': '0',
    'repl-diskless-sync': 'no',
  };
  const found = configRisk(buildInput({ nodes: healthyNodes(risky) }));
  const master = found.filter((f) => f.nodeId === M);
  assert.deepEqual(master.map((f) => `${f.rule}:${f.severity}`).sort(), [
    'repl_timeout_vs_ping:warning',
    'tcp_keepalive_off:warning',
  ]);
  // Info advice is one suggestion per setting across the topology, naming the master among its nodes.
  const hints = found.filter((f) => f.severity === 'info');
  assert.deepEqual(hints.map((f) => f.rule).sort(), ['backlog_default_1mb', 'diskless_sync_disabled']);
  for (const h of hints) {
    assert.equal(h.nodeId, undefined);
    assert.ok(h.evidence.some((e) => e.type === 'config' && e.nodeId === M), h.key);
  }
  const timeout = master.find((f) => f.rule === 'repl_timeout_vs_ping');
  assert.equal(timeout?.key, `config_risk:repl_timeout_vs_ping:${M}`);
  assert.deepEqual(timeout?.remedy.params, { settings: { 'repl-timeout': '60' } });
  assert.ok(
    timeout?.evidence.some(
      (e) => e.type === 'config' && e.name === 'repl-ping-replica-period' && e.value === '10',
    ),
  );
});

test('config_risk: Redis defaults raise nothing above info', () => {
  const found = configRisk(buildInput({ nodes: healthyNodes(configOf('config-defaults.tsv')) }));
  assert.ok(found.length > 0);
  assert.ok(
    found.every((f) => f.severity === 'info'),
    JSON.stringify(found.map((f) => f.key)),
  );
  // tcp-keepalive 300 (Redis' default) on every node: ONE suggestion naming them all.
  const keepalive = found.filter((f) => f.rule === 'tcp_keepalive_high');
  assert.equal(keepalive.length, 1);
  const nodes = new Set(keepalive[0]?.evidence.flatMap((e) => (e.type === 'config' ? [e.nodeId] : [])));
  assert.ok(nodes.size > 1, `${nodes.size} nodes`);
  assert.match(keepalive[0]?.title.en ?? '', new RegExp(`tcp-keepalive 300 s on ${nodes.size} nodes`));
});

test('node-level rules stay silent on the healthy fixtures', () => {
  const input = buildInput({ nodes: healthyNodes() });
  for (const rule of [
    replicaWritable,
    masterNoPersistence,
    memoryPressure,
    persistenceFailing,
    configRisk,
  ]) {
    assert.deepEqual(rule(input), [], rule.name);
  }
});
