import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildInput,
  editInfo,
  event,
  infoText,
  logLine,
  M,
  R2,
  R3,
} from '../../../test/fixtures/diagnosis/build-input';
import { linkDown } from './link-down';
import { nodeUnreachable } from './node-unreachable';

const R4 = '127.0.0.1:27004';
const chainedDown = () =>
  editInfo(infoText('replica-chained.txt'), {
    master_link_status: 'down',
    master_last_io_seconds_ago: '-1',
    master_link_down_since_seconds: '6',
  });

function masterDown() {
  return buildInput({
    nodes: [
      {
        id: M,
        info: infoText('master.txt'),
        reachable: false,
        error: { code: 'refused', message: 'connect ECONNREFUSED 127.0.0.1:27001' },
      },
      { id: R2, info: chainedDown() },
      { id: R3, info: infoText('replica-link-down.txt') },
    ],
    events: [
      event('node_unreachable', M, 6_000, null, 'refused'),
      event('link_down', R3, 5_000, M),
    ],
  });
}

test('node_unreachable names the cause from the connection error', () => {
  const cases = [
    ['refused', 'connection_refused'],
    ['timeout', 'timeout'],
    ['auth_failed', 'auth_failed'],
    ['dns', 'unknown'],
  ] as const;
  for (const [code, cause] of cases) {
    const input = buildInput({
      nodes: [
        {
          id: M,
          info: infoText('master.txt'),
          reachable: false,
          error: { code, message: `failed: ${code}` },
        },
      ],
    });
    const [f] = nodeUnreachable(input);
    assert.equal(f?.key, `node_unreachable:${M}`);
    assert.equal(f?.cause, cause, code);
    assert.equal(f?.severity, 'critical');
    assert.match(f?.detail.en ?? '', new RegExp(`failed: ${code}`));
    assert.match(f?.detail.zh ?? '', /看板无法轮询/);
  }
  // A port where something else than Redis answers: cause unknown, advice to check the port.
  const [web] = nodeUnreachable(
    buildInput({
      nodes: [
        {
          id: M,
          info: infoText('master.txt'),
          reachable: false,
          error: { code: 'protocol', message: 'not Redis' },
        },
      ],
    }),
  );
  assert.equal(web?.cause, 'unknown');
  assert.match(web?.remedy.text ?? '', /Something other than Redis answers/);
});

test('node_unreachable treats a node still loading its dataset as a warning', () => {
  const input = buildInput({
    nodes: [
      {
        id: M,
        reachable: false,
        error: { code: 'loading', message: 'LOADING Redis is loading the dataset in memory' },
      },
    ],
  });
  assert.equal(nodeUnreachable(input)[0]?.severity, 'warning');
});

test('link_down: a dead master puts each replica link down with cause upstream_down, rooted at the master', () => {
  const found = linkDown(masterDown());
  assert.deepEqual(found.map((f) => f.key).sort(), [`link_down:${R2}`, `link_down:${R3}`]);
  for (const f of found) {
    assert.equal(f.cause, 'upstream_down');
    assert.equal(f.rootNodeId, M);
    assert.equal(f.severity, 'critical');
    assert.deepEqual(f.link, { upstream: M, replica: f.nodeId });
    assert.match(f.detail.en, /Down for 6 s/);
    assert.equal(f.remedy.actionId, 'replica.promote');
  }
  const r3 = found.find((f) => f.nodeId === R3);
  assert.ok(
    r3?.evidence.some(
      (e) => e.type === 'field' && e.field === 'master_link_status' && e.value === 'down',
    ),
  );
  assert.ok(
    r3?.evidence.some(
      (e) => e.type === 'event' && e.event.kind === 'node_unreachable' && e.event.nodeId === M,
    ),
  );
  assert.ok(r3?.evidence.some((e) => e.type === 'event' && e.event.kind === 'link_down'));
});

test('link_down: a sub-replica below a cut-off middle node is rooted at the dead top master (F12)', () => {
  const sub = editInfo(infoText('replica-link-down.txt'), {
    master_port: '27002',
    tcp_port: '27004',
  });
  const withSub = buildInput({
    nodes: [
      {
        id: M,
        info: infoText('master.txt'),
        reachable: false,
        error: { code: 'refused', message: 'refused' },
      },
      { id: R2, info: chainedDown() },
      { id: R4, info: sub },
    ],
  });
  const f = linkDown(withSub).find((x) => x.nodeId === R4);
  assert.equal(f?.cause, 'upstream_down');
  assert.equal(f?.rootNodeId, M);
});

test('link_down: a replica that never got up, with WRONGPASS in its log, is auth_failed (F7)', () => {
  const master = editInfo(infoText('master.txt'), {
    connected_slaves: '0',
    slave0: null,
    slave1: null,
  });
  const replica = editInfo(infoText('replica-never-connected.txt'), { master_port: '27001' });
  const R5 = '127.0.0.1:27005';
  const input = buildInput({
    nodes: [
      { id: M, info: master },
      { id: R5, info: replica },
    ],
    logs: [
      logLine(
        R5,
        'Unable to AUTH to MASTER: -WRONGPASS invalid username-password pair or user is disabled.',
        { causeHint: 'auth_failed', count: 12 },
      ),
      logLine(M, 'Connection with replica 127.0.0.1:27005 lost.', { causeHint: 'timeout' }),
    ],
  });
  const [f] = linkDown(input);
  assert.equal(f?.key, `link_down:${R5}`);
  assert.equal(f?.cause, 'auth_failed');
  assert.equal(f?.rootNodeId, undefined);
  assert.match(f?.detail.en ?? '', /never been up since it became a replica/);
  assert.match(f?.detail.zh ?? '', /从未建立/);
  assert.equal(f?.remedy.actionId, 'config.apply');
  const log = f?.evidence.find((e) => e.type === 'log');
  assert.ok(log && log.type === 'log' && log.count === 12 && log.nodeId === R5);
});

test('link_down: without logs or a dead upstream the cause stays unknown', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: editInfo(infoText('master.txt'), { connected_slaves: '1', slave1: null }) },
      { id: R3, info: infoText('replica-link-down.txt') },
    ],
  });
  const [f] = linkDown(input);
  assert.equal(f?.cause, 'unknown');
  assert.equal(f?.remedy.actionId, 'replica.reconnect');
});

test('link_down: an unreachable replica missing from its master’s list is down, seen from the master', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: editInfo(infoText('master.txt'), { connected_slaves: '1', slave1: null }) },
      { id: R2, info: infoText('replica-chained.txt') },
      {
        id: R3,
        info: infoText('replica.txt'),
        reachable: false,
        error: { code: 'timeout', message: 'timed out' },
      },
    ],
  });
  const found = linkDown(input);
  assert.deepEqual(
    found.map((f) => f.key),
    [`link_down:${R3}`],
  );
  assert.ok(found[0]?.evidence.some((e) => e.type === 'note' && /does not list/.test(e.text.en)));
  assert.equal(nodeUnreachable(input)[0]?.cause, 'timeout');
  // The dashboard's own probe of the replica says why (it times out), and the link is a
  // consequence of the replica's node_unreachable, never a root of its own with cause unknown.
  assert.equal(found[0]?.cause, 'timeout');
  assert.equal(found[0]?.confidence, 'proven');
  assert.deepEqual(found[0]?.rootKeys, [`node_unreachable:${R3}`]);
  assert.match(found[0]?.detail.en ?? '', /the replica itself is down or cut off/);
  assert.match(found[0]?.remedy.text ?? '', /^Bring .* back/);
  assert.equal(
    found[0]?.remedy.actionId,
    undefined,
    'no reconnect offered for a replica that does not answer',
  );
});

test('link_down stays silent for a link in full sync and for healthy links', () => {
  const syncing = buildInput({
    nodes: [
      { id: '127.0.0.1:27010', info: infoText('master-send-bulk.txt') },
      { id: '127.0.0.1:27011', info: infoText('replica-syncing.txt') },
    ],
  });
  assert.deepEqual(linkDown(syncing), []);
  const pending = buildInput({
    nodes: [
      { id: '127.0.0.1:27010', info: infoText('master-sync-pending.txt') },
      {
        id: '127.0.0.1:27011',
        info: infoText('replica-syncing-preamble.txt'),
        reachable: false,
        error: { code: 'timeout', message: 't' },
      },
    ],
  });
  assert.deepEqual(linkDown(pending), []);
  const healthy = buildInput({
    nodes: [
      { id: M, info: infoText('master.txt') },
      { id: R2, info: infoText('replica-chained.txt') },
      { id: R3, info: infoText('replica.txt') },
    ],
  });
  assert.deepEqual(linkDown(healthy), []);
  assert.deepEqual(nodeUnreachable(healthy), []);
});

test('link_down: below a dead middle replica, the fix re-attaches the sub-replica to the node above it', () => {
  const sub = editInfo(infoText('replica-link-down.txt'), {
    master_port: '27002',
    tcp_port: '27004',
  });
  const input = buildInput({
    nodes: [
      { id: M, info: infoText('master.txt') },
      {
        id: R2,
        info: infoText('replica-chained.txt'),
        reachable: false,
        error: { code: 'refused', message: 'refused' },
      },
      { id: R4, info: sub },
    ],
  });
  const f = linkDown(input).find((x) => x.nodeId === R4);
  assert.equal(f?.cause, 'upstream_down');
  assert.equal(f?.remedy.actionId, 'replica.reattach');
  assert.deepEqual(f?.remedy.params, { upstream: M });
  assert.match(f?.remedy.text ?? '', /a replica in the middle of the chain — is down/);
  // A dead master keeps the promote advice.
  const deadMaster = buildInput({
    nodes: [
      {
        id: M,
        info: infoText('master.txt'),
        reachable: false,
        error: { code: 'refused', message: 'refused' },
      },
      { id: R3, info: infoText('replica-link-down.txt') },
    ],
  });
  assert.equal(
    linkDown(deadMaster).find((x) => x.nodeId === R3)?.remedy.actionId,
    'replica.promote',
  );
});

test('node_unreachable: an ACL user that may not run INFO is told which permissions to grant', () => {
  const [f] = nodeUnreachable(
    buildInput({
      nodes: [
        {
          id: M,
          info: infoText('master.txt'),
          reachable: false,
          // What redis-server 7.0 answers a user without +info.
          error: { code: 'auth_failed', message: "NOPERM this user has no permissions to run the 'info' command" },
        },
      ],
    }),
  );
  assert.equal(f?.cause, 'auth_failed');
  assert.match(f?.remedy.text ?? '', /\+info \+ping \+config\|get \+client\|setname/);
});

test('link_down: without logs, the master answering more NOAUTH errors while the replica cannot connect is auth_failed (likely)', () => {
  const master = editInfo(infoText('master.txt'), { connected_slaves: '0', slave0: null, slave1: null });
  const withErrors = (n: number) => `${master}\r\n# Errorstats\r\nerrorstat_NOAUTH:count=${n}\r\n`;
  const replica = editInfo(infoText('replica-never-connected.txt'), { master_port: '27001' });
  const R5 = '127.0.0.1:27005';
  const input = (before: number, now: number) =>
    buildInput({
      nodes: [
        { id: M, info: withErrors(now), prevInfo: withErrors(before) },
        { id: R5, info: replica },
      ],
    });
  const f = linkDown(input(3, 5)).find((x) => x.nodeId === R5);
  assert.equal(f?.cause, 'auth_failed');
  assert.equal(f?.confidence, 'likely');
  assert.ok(f?.evidence.some((e) => e.type === 'delta' && e.field === 'errorstat_NOAUTH' && e.from === 3 && e.to === 5));
  // Counters that do not move prove nothing: the cause stays unknown.
  assert.equal(linkDown(input(5, 5)).find((x) => x.nodeId === R5)?.cause, 'unknown');
});
