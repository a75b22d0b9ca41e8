import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildInput,
  editInfo,
  event,
  infoText,
} from '../../../test/fixtures/diagnosis/build-input';
import { syncStuck } from './sync-stuck';

const MASTER = '127.0.0.1:27010';
const REPLICA = '127.0.0.1:27011';

function input(ageMs: number, prevRead?: string, info = infoText('replica-syncing.txt')) {
  return buildInput({
    nodes: [
      { id: MASTER, info: infoText('master-send-bulk.txt') },
      {
        id: REPLICA,
        info,
        prevInfo:
          prevRead === undefined ? info : editInfo(info, { master_sync_read_bytes: prevRead }),
      },
    ],
    events: [event('upstream_changed', REPLICA, ageMs, null, MASTER)],
  });
}

test('sync_stuck: a full sync with no new bytes for longer than the limit is critical', () => {
  const [f] = syncStuck(input(400_000));
  assert.equal(f?.key, `sync_stuck:${REPLICA}`);
  assert.equal(f?.severity, 'critical');
  assert.match(
    f?.detail.en ?? '',
    /for 6 min 40 s, longer than the 300 s limit, and no bytes arrived/,
  );
  assert.match(f?.detail.en ?? '', /1\.6 MB read of 6\.7 MB/);
  assert.equal(f?.remedy.actionId, 'replica.reconnect');
  const d = f?.evidence.find((e) => e.type === 'delta');
  assert.ok(d && d.type === 'delta' && d.from === 1638400 && d.to === 1638400);
});

test('sync_stuck: a slow transfer projected far past the limit is a warning', () => {
  const [f] = syncStuck(input(400_000, '1600000'));
  assert.equal(f?.severity, 'warning');
  assert.match(f?.detail.en ?? '', /whole transfer would take about 28 min/);
});

test('sync_stuck stays silent for a young sync and for a loading replica near its end', () => {
  assert.deepEqual(syncStuck(input(30_000)), []);
  assert.deepEqual(syncStuck(input(400_000, undefined, infoText('replica-loading.txt'))), []);
});

test('sync_stuck judges no stall from a persistence section older than this poll (it may be loading now)', () => {
  const stuck = input(400_000);
  const view = stuck.nodes.find((n) => n.id === REPLICA);
  assert.ok(view);
  view.sectionAt = { replication: stuck.now, persistence: stuck.now - 4000 };
  // Only what replication alone shows remains: the pace, not a stall.
  const [f] = syncStuck(stuck);
  assert.equal(f?.severity, 'warning');
  assert.doesNotMatch(f?.detail.en ?? '', /no bytes arrived/);
  view.sectionAt = { replication: stuck.now, persistence: stuck.now };
  assert.equal(syncStuck(stuck)[0]?.severity, 'critical');
});

test('sync_stuck: a replica still loading a received RDB far past the limit is a warning that says so', () => {
  const loading = editInfo(infoText('replica-loading.txt'), { loading_eta_seconds: '900' });
  const [f] = syncStuck(input(400_000, undefined, loading));
  assert.equal(f?.severity, 'warning');
  assert.match(f?.detail.en ?? '', /still loading the RDB with about 15 min to go/);
  assert.match(f?.detail.zh ?? '', /仍在加载 RDB，预计还需约 15 分钟/);
  assert.equal(f?.remedy.actionId, undefined);
});
