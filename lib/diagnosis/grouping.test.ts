import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildInput,
  editInfo,
  infoText,
  M,
  R2,
  R3,
} from '../../test/fixtures/diagnosis/build-input';
import { diagnose } from './diagnose';
import { FindingTracker } from './finding-tracker';
import { groupByRoot, rootOf } from './grouping';

const R4 = '127.0.0.1:27004';
const down = {
  master_link_status: 'down',
  master_last_io_seconds_ago: '-1',
  master_link_down_since_seconds: '6',
};

function masterDown() {
  return buildInput({
    nodes: [
      {
        id: M,
        info: infoText('master.txt'),
        reachable: false,
        error: { code: 'refused', message: 'ECONNREFUSED' },
      },
      { id: R2, info: editInfo(infoText('replica-chained.txt'), down) },
      { id: R3, info: infoText('replica-link-down.txt') },
      {
        id: R4,
        info: editInfo(infoText('replica-link-down.txt'), {
          master_port: '27002',
          tcp_port: '27004',
        }),
      },
    ],
  });
}

test('a dead master and its replicas’ link_down findings make one group rooted at the master', () => {
  const input = masterDown();
  let n = 0;
  const tracker = new FindingTracker({ newId: () => `f-${++n}` });
  tracker.update(diagnose(input), input.now);
  const { open } = tracker.update(diagnose(input), input.now + 1000);
  const groups = groupByRoot(open, input.topology);
  assert.deepEqual([...groups.keys()], [M]);
  const kinds = (groups.get(M) ?? []).map((f) => `${f.kind}:${f.nodeId}`).sort();
  assert.deepEqual(kinds, [
    `link_down:${R2}`,
    `link_down:${R3}`,
    `link_down:${R4}`,
    `node_unreachable:${M}`,
  ]);
});

test('rootOf() keeps a lone replica outage under the replica itself', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: editInfo(infoText('master.txt'), { connected_slaves: '1', slave1: null }) },
      { id: R3, info: infoText('replica-link-down.txt') },
    ],
  });
  const [f] = diagnose(input).filter((x) => x.kind === 'link_down');
  assert.ok(f);
  assert.equal(
    rootOf({ kind: f.kind, nodeId: f.nodeId, link: f.link, cause: f.cause }, input.topology),
    R3,
  );
});

test('rootOf() puts a replica unreachable together with its master under the master', () => {
  const input = buildInput({
    nodes: [
      {
        id: M,
        info: infoText('master.txt'),
        reachable: false,
        error: { code: 'timeout', message: 't' },
      },
      {
        id: R3,
        info: infoText('replica.txt'),
        reachable: false,
        error: { code: 'timeout', message: 't' },
      },
    ],
  });
  assert.equal(rootOf({ kind: 'node_unreachable', nodeId: R3 }, input.topology), M);
  assert.equal(rootOf({ kind: 'node_unreachable', nodeId: M }, input.topology), M);
  assert.equal(
    rootOf(
      { kind: 'replication_lag', nodeId: R3, link: { upstream: M, replica: R3 } },
      input.topology,
    ),
    R3,
  );
});
