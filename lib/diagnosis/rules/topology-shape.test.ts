import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildInput,
  editInfo,
  event,
  healthyNodes,
  infoText,
  M,
  NOW,
  perSecond,
} from '../../../test/fixtures/diagnosis/build-input';
import { linkDown } from './link-down';
import { replicaWiped } from './replica-wiped';
import { replicationCycle } from './replication-cycle';
import { roleChanged } from './role-changed';
import { splitBrain } from './split-brain';

const A = '127.0.0.1:29011';
const B = '127.0.0.1:29012';
const C = '127.0.0.1:29013';
const OLD = '127.0.0.1:29021';
const PROMOTED = '127.0.0.1:29022';
const WMASTER = '127.0.0.1:29031';
const WREPLICA = '127.0.0.1:29032';

test('replication_cycle: A → C → B → A, captured live (F13), is one critical finding', () => {
  const input = buildInput({
    nodes: [
      { id: B, info: infoText('cycle-b.txt') },
      { id: A, info: infoText('cycle-a.txt') },
      { id: C, info: infoText('cycle-c.txt') },
    ],
  });
  const found = replicationCycle(input);
  assert.equal(found.length, 1);
  const [f] = found;
  assert.equal(f?.key, `replication_cycle:${A}>${C}>${B}`);
  assert.equal(f?.severity, 'critical');
  assert.match(f?.detail.en ?? '', /offsets are frozen at 378/);
  assert.equal(f?.remedy.actionId, 'replica.promote');
  // Redis shows every link up: nothing else notices.
  assert.deepEqual(linkDown(input), []);
});

test('replication_cycle: a node that replicates from itself is a cycle of one', () => {
  const self = editInfo(infoText('replica-never-connected.txt'), { master_port: '27005' });
  const [f] = replicationCycle(buildInput({ nodes: [{ id: '127.0.0.1:27005', info: self }] }));
  assert.match(f?.title.en ?? '', /replicates from itself/);
});

test('split_brain: a replica promoted with REPLICAOF NO ONE while the old master still takes writes', () => {
  const input = buildInput({
    nodes: [
      { id: OLD, info: infoText('split-old-master.txt') },
      { id: PROMOTED, info: infoText('split-promoted.txt') },
    ],
  });
  const [f] = splitBrain(input);
  assert.equal(f?.key, `split_brain:${OLD}|${PROMOTED}`);
  assert.equal(f?.severity, 'critical');
  assert.equal(f?.nodeId, PROMOTED);
  assert.deepEqual(f?.remedy.params, { nodeId: OLD, upstream: PROMOTED });
  assert.ok(
    f?.evidence.some(
      (e) => e.type === 'field' && e.nodeId === PROMOTED && e.field === 'master_replid2',
    ),
  );
  assert.match(f?.remedy.text ?? '', /never KEYS/);
});

test('split_brain: warning when one side provably takes no writes', () => {
  const input = buildInput({
    nodes: [
      { id: OLD, info: infoText('split-old-master.txt') },
      { id: PROMOTED, info: infoText('split-promoted.txt') },
    ],
    history: { [`${PROMOTED} replOffsetRate`]: perSecond([0, 0, 0]) },
  });
  assert.equal(splitBrain(input)[0]?.severity, 'warning');
});

test('split_brain: unrelated masters are not split, unless an event shows one replicated from the other', () => {
  const other = '127.0.0.1:29005';
  const nodes = [
    { id: M, info: infoText('master.txt') },
    { id: other, info: infoText('memory-pressure.txt') },
  ];
  assert.deepEqual(splitBrain(buildInput({ nodes })), []);
  const found = splitBrain(
    buildInput({ nodes, events: [event('upstream_changed', other, 120_000, M, null)] }),
  );
  assert.equal(found[0]?.key, `split_brain:${M}|${other}`);
});

test('role_changed: a promotion in the window is info; older ones are forgotten', () => {
  const input = buildInput({
    nodes: [{ id: PROMOTED, info: infoText('split-promoted.txt') }],
    events: [event('role_changed', PROMOTED, 60_000, 'replica', 'master')],
  });
  const [f] = roleChanged(input);
  assert.equal(f?.key, `role_changed:${PROMOTED}`);
  assert.equal(f?.severity, 'info');
  assert.match(f?.title.en ?? '', /promoted to master/);
  assert.match(f?.detail.en ?? '', /\(1 min ago\)/);
  const old = buildInput({
    nodes: [],
    events: [event('role_changed', PROMOTED, 3_600_000, 'replica', 'master')],
  });
  assert.deepEqual(roleChanged(old), []);
});

test('replica_wiped: 500 keys → 0 after the master restarted without persistence (F10, captured)', () => {
  const input = buildInput({
    nodes: [
      { id: WMASTER, info: infoText('wiped-master-after.txt') },
      {
        id: WREPLICA,
        info: infoText('wiped-replica-after.txt'),
        prevInfo: infoText('wiped-replica-before.txt'),
      },
    ],
    events: [
      event('run_id_changed', WMASTER, 20_000, 'cbef5e18', '723b5860'),
      event('replid_changed', WMASTER, 20_000),
    ],
    history: {
      [`${WREPLICA} keys`]: [...perSecond([500, 500, 500], 30_000), { t: NOW - 5_000, v: 0 }],
    },
    logs: [
      {
        nodeId: WREPLICA,
        time: NOW - 15_000,
        message: 'Done loading RDB, keys loaded: 0, keys expired: 0.',
        category: 'full_sync',
        verdict: 'abnormal',
      },
    ],
  });
  const [f] = replicaWiped(input);
  assert.equal(f?.key, `replica_wiped:${WREPLICA}`);
  assert.equal(f?.severity, 'critical');
  assert.equal(f?.rootNodeId, WMASTER);
  assert.match(f?.title.en ?? '', /lost 500 of 500 keys/);
  assert.ok(
    f?.evidence.some(
      (e) => e.type === 'delta' && e.field === 'keys' && e.from === 500 && e.to === 0,
    ),
  );
  assert.ok(f?.evidence.some((e) => e.type === 'log' && /keys loaded: 0/.test(e.message)));
  assert.match(f?.remedy.text ?? '', /Do not RESTORE/);
});

test('replica_wiped: a sibling that still holds the data is offered for promotion', () => {
  const sibling = '127.0.0.1:29033';
  const input = buildInput({
    nodes: [
      {
        id: WMASTER,
        info: editInfo(infoText('wiped-master-after.txt'), {
          connected_slaves: '2',
          slave1: 'ip=127.0.0.1,port=29033,state=wait_bgsave,offset=0,lag=0',
        }),
      },
      { id: WREPLICA, info: infoText('wiped-replica-after.txt') },
      {
        id: sibling,
        info: editInfo(infoText('wiped-replica-before.txt'), {
          tcp_port: '29033',
          master_link_status: 'down',
        }),
      },
    ],
    events: [event('run_id_changed', WMASTER, 20_000)],
    history: { [`${WREPLICA} keys`]: [...perSecond([500, 500], 30_000), { t: NOW - 5_000, v: 0 }] },
  });
  const [f] = replicaWiped(input);
  assert.equal(f?.remedy.actionId, 'replica.promote');
  assert.deepEqual(f?.remedy.params, { nodeId: sibling });
});

test('replica_wiped stays silent without a master restart or for a small drop', () => {
  const nodes = [
    { id: WMASTER, info: infoText('wiped-master-after.txt') },
    { id: WREPLICA, info: infoText('wiped-replica-after.txt') },
  ];
  const history = {
    [`${WREPLICA} keys`]: [...perSecond([500, 500], 30_000), { t: NOW - 5_000, v: 0 }],
  };
  assert.deepEqual(replicaWiped(buildInput({ nodes, history })), []);
  const small = { [`${WREPLICA} keys`]: perSecond([90, 90, 0]) };
  assert.deepEqual(
    replicaWiped(
      buildInput({ nodes, history: small, events: [event('run_id_changed', WMASTER, 20_000)] }),
    ),
    [],
  );
});

test('topology-shape rules stay silent on the healthy fixtures', () => {
  const input = buildInput({ nodes: healthyNodes() });
  for (const rule of [replicationCycle, splitBrain, roleChanged, replicaWiped])
    assert.deepEqual(rule(input), [], rule.name);
});
