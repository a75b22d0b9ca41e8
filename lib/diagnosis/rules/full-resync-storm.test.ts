import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildInput,
  editInfo,
  event,
  infoText,
  logLine,
  M,
  NOW,
  R2,
  R3,
} from '../../../test/fixtures/diagnosis/build-input';
import { fullResyncStorm } from './full-resync-storm';

const nodes = (masterInfo = infoText('master.txt')) => [
  { id: M, info: masterInfo },
  { id: R2, info: infoText('replica-chained.txt') },
  { id: R3, info: infoText('replica.txt') },
];
const deltas = (...msAgo: number[]) => msAgo.map((ago) => ({ t: NOW - ago, v: 1 }));

test('full_resync_storm: three sync_full deltas in the window with "lack of backlog" logs → backlog_exhausted', () => {
  const input = buildInput({
    nodes: nodes(editInfo(infoText('master.txt'), { sync_full: '5' })),
    history: {
      [`${M} syncFullDelta`]: [{ t: NOW - 400_000, v: 0 }, ...deltas(300_000, 120_000, 5_000)],
    },
    logs: [
      logLine(
        M,
        'Unable to partial resync with replica 127.0.0.1:27003 for lack of backlog (Replica request was: 17337).',
        {
          causeHint: 'backlog_exhausted',
          count: 3,
        },
      ),
    ],
  });
  const [f] = fullResyncStorm(input);
  assert.equal(f?.key, `full_resync_storm:${M}`);
  assert.equal(f?.severity, 'critical');
  assert.equal(f?.cause, 'backlog_exhausted');
  assert.match(f?.title.en ?? '', /^3 full resyncs from 127\.0\.0\.1:27001 in 10 min/);
  const delta = f?.evidence.find((e) => e.type === 'delta');
  assert.ok(
    delta &&
      delta.type === 'delta' &&
      delta.field === 'sync_full' &&
      delta.from === 2 &&
      delta.to === 5,
  );
  assert.equal(f?.remedy.actionId, 'config.apply');
  assert.deepEqual(f?.remedy.params, { settings: { 'repl-backlog-size': '2mb' } });
});

test('full_resync_storm: first syncs of newly attached replicas are not a storm', () => {
  const input = buildInput({
    nodes: nodes(),
    history: { [`${M} syncFullDelta`]: deltas(60_000, 59_000) },
    events: [
      event('node_added', R2, 61_000, null, 'replica'),
      event('upstream_changed', R3, 61_000, null, M),
    ],
  });
  assert.deepEqual(fullResyncStorm(input), []);
});

test('full_resync_storm judges rates, not the absolute sync_full / sync_partial_err counters', () => {
  const input = buildInput({
    nodes: nodes(editInfo(infoText('master.txt'), { sync_full: '40', sync_partial_err: '55' })),
  });
  assert.deepEqual(fullResyncStorm(input), []);
});

test('full_resync_storm: replica-side sync restarts after a replica restart → replica_restarted', () => {
  const input = buildInput({
    nodes: nodes(),
    events: [
      event('run_id_changed', R3, 200_000, 'aaa', 'bbb'),
      event('link_up', R3, 199_000, M, 'sync'),
      event('run_id_changed', R3, 100_000, 'bbb', 'ccc'),
      event('link_up', R3, 99_000, M, 'sync'),
    ],
  });
  const [f] = fullResyncStorm(input);
  assert.equal(f?.cause, 'replica_restarted');
  assert.match(f?.title.en ?? '', /^2 full resyncs/);
  assert.ok(f?.evidence.some((e) => e.type === 'event' && e.event.kind === 'link_up'));
  assert.match(f?.remedy.text ?? '', /PSYNC \? -1/);
});

test('full_resync_storm: full syncs older than the window do not count', () => {
  const input = buildInput({
    nodes: nodes(),
    history: { [`${M} syncFullDelta`]: deltas(900_000, 800_000, 700_000) },
  });
  assert.deepEqual(fullResyncStorm(input), []);
});

test('full_resync_storm: each replica fully synced once before the dashboard started (backfilled logs) is no storm', () => {
  const input = buildInput({
    nodes: nodes(),
    logs: [
      logLine(R2, 'Full resync from master: 0b2f8d1c4e6a:0'),
      logLine(R3, 'Full resync from master: 0b2f8d1c4e6a:0'),
    ],
  });
  assert.deepEqual(fullResyncStorm(input), []);
});

test('full_resync_storm: one replica fully syncing twice in the window is a storm', () => {
  const input = buildInput({
    nodes: nodes(),
    logs: [logLine(R3, 'Full resync from master: 0b2f8d1c4e6a:0', { count: 2 })],
  });
  const [f] = fullResyncStorm(input);
  assert.equal(f?.kind, 'full_resync_storm');
});

// A replica restarted without data, then cut off mid-sync over and over (the master's replica
// buffer fills faster than its snapshot ends). Its buffer peak may never be sampled by INFO.
const SMALL_LIMIT = 'normal 0 0 0 slave 65536 32768 1 pubsub 33554432 8388608 60';
const cutOffLoop = (rateBytesPerSecond: number, masterEdits: Record<string, string> = {}) =>
  buildInput({
    nodes: [
      {
        id: M,
        info: editInfo(infoText('master.txt'), {
          repl_backlog_size: '65536',
          rdb_last_bgsave_time_sec: '2',
          ...masterEdits,
        }),
        config: { 'client-output-buffer-limit': SMALL_LIMIT },
      },
      { id: R2, info: infoText('replica-chained.txt') },
      { id: R3, info: infoText('replica.txt') },
    ],
    history: {
      [`${M} syncFullDelta`]: deltas(9_000, 6_000, 3_000),
      [`${M} replOffsetRate`]: [8_000, 6_000, 4_000, 2_000].map((ago) => ({ t: NOW - ago, v: rateBytesPerSecond })),
    },
    events: [event('run_id_changed', R3, 9_500, 'aaa', 'bbb')],
  });

test('full_resync_storm: stream rate × snapshot time past the replica buffer limit → output_buffer_limit, without a sampled peak', () => {
  const [f] = fullResyncStorm(cutOffLoop(800_000));
  assert.equal(f?.cause, 'output_buffer_limit');
  assert.equal(f?.confidence, 'likely');
  assert.ok(f?.evidence.some((e) => e.type === 'metric' && e.metric === 'replOffsetRate' && e.value === 800_000));
  assert.ok(f?.evidence.some((e) => e.type === 'field' && e.field === 'rdb_last_bgsave_time_sec' && e.value === '2'));
  assert.ok(f?.evidence.some((e) => e.type === 'note' && /1\.5 MB by the end of a 2 s snapshot.*hard limit of 64 KB/.test(e.text.en)));
  // A healthy replica's 20 KB block is not a peak at a 32 KB limit.
  assert.ok(!f?.evidence.some((e) => e.type === 'field' && e.field === 'client_recent_max_output_buffer'));
});

test('full_resync_storm: one replica restart does not explain three full syncs → not replica_restarted, and restarts are ruled out', () => {
  const [f] = fullResyncStorm(cutOffLoop(0));
  assert.equal(f?.cause, 'unknown');
  assert.deepEqual(f?.causeRuledOut, ['replica_restarted']);
});

test('full_resync_storm: a buffer peak at the replica limit is direct evidence of output_buffer_limit', () => {
  const [f] = fullResyncStorm(cutOffLoop(0, { client_recent_max_output_buffer: '61512' }));
  assert.equal(f?.cause, 'output_buffer_limit');
  assert.ok(f?.evidence.some((e) => e.type === 'field' && e.field === 'client_recent_max_output_buffer' && e.value === '61512'));
});

test('full_resync_storm: a replica the dashboard merely discovered at its start explains none of the later full syncs', () => {
  const input = buildInput({
    nodes: nodes(),
    // Discovered 5 min ago (no full sync then); two full syncs a minute ago, its link never caught in `sync`.
    history: { [`${M} syncFullDelta`]: [{ t: NOW - 300_000, v: 0 }, ...deltas(70_000, 60_000)] },
    events: [event('node_added', R3, 300_000, null, 'replica')],
  });
  const [f] = fullResyncStorm(input);
  assert.match(f?.title.en ?? '', /^2 full resyncs/);
});

test('full_resync_storm: a source that misses a poll keeps its loop (the full syncs are in the window, not in this poll)', () => {
  const input = buildInput({
    nodes: [{ id: M, info: infoText('master.txt'), reachable: false }, { id: R2, info: infoText('replica-chained.txt') }, { id: R3, info: infoText('replica.txt') }],
    history: { [`${M} syncFullDelta`]: deltas(70_000, 60_000) },
  });
  assert.match(fullResyncStorm(input)[0]?.title.en ?? '', /^2 full resyncs/);
});
