import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildInput,
  editInfo,
  infoText,
  M,
  NOW,
  perSecond,
  R3,
} from '../../../test/fixtures/diagnosis/build-input';
import { replicationLag } from './replication-lag';

// The replica acked offset 205; moving the master to 25205 makes a real 25000-byte gap.
const master = (changes: Record<string, string | null> = {}) =>
  editInfo(infoText('master.txt'), { master_repl_offset: '25205', ...changes });

test('replication_lag: a shrinking gap over the critical threshold says when it catches up', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: master(), metrics: { replOffsetRate: 5000 } },
      { id: R3, info: infoText('replica.txt') },
    ],
    history: { [`${R3} offsetGapBytes`]: perSecond([40000, 37000, 34000, 31000, 28000, 25000]) },
  });
  const [f] = replicationLag(input);
  assert.equal(f?.key, `replication_lag:${R3}`);
  assert.equal(f?.severity, 'critical');
  assert.deepEqual(f?.link, { upstream: M, replica: R3 });
  assert.match(f?.title.en ?? '', /24\.4 KB behind/);
  assert.match(f?.detail.en ?? '', /about 5 s of writes/);
  assert.match(f?.detail.en ?? '', /shrinking by 2\.9 KB\/s: caught up in about 8 s/);
  assert.match(f?.detail.zh ?? '', /约 8 秒 后追上/);
  const gap = f?.evidence.find((e) => e.type === 'metric' && e.metric === 'offsetGapBytes');
  assert.ok(gap && gap.type === 'metric' && gap.value === 25000 && gap.threshold === 10000);
  assert.ok(
    f?.evidence.some(
      (e) => e.type === 'field' && e.field === 'master_repl_offset' && e.value === '25205',
    ),
  );
});

test('replication_lag: a growing gap says the replica will not catch up', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: master() },
      { id: R3, info: infoText('replica.txt') },
    ],
    history: { [`${R3} offsetGapBytes`]: perSecond([10000, 13000, 16000, 19000, 22000, 25000]) },
  });
  const [f] = replicationLag(input);
  assert.match(f?.detail.en ?? '', /growing by 2\.9 KB\/s/);
  assert.match(f?.remedy.text ?? '', /cannot keep up/);
});

test('replication_lag: an ACK lag of 5 s alone is a warning', () => {
  const input = buildInput({
    nodes: [
      {
        id: M,
        info: editInfo(infoText('master.txt'), {
          slave1: 'ip=127.0.0.1,port=27003,state=online,offset=205,lag=5',
        }),
      },
      { id: R3, info: infoText('replica.txt') },
    ],
  });
  const [f] = replicationLag(input);
  assert.equal(f?.severity, 'warning');
  assert.match(f?.detail.en ?? '', /last ACK .* was 5 s ago/);
});

test('replication_lag stays silent under the thresholds', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: editInfo(infoText('master.txt'), { master_repl_offset: '1104' }) },
      { id: R3, info: infoText('replica.txt') },
    ],
  });
  assert.deepEqual(replicationLag(input), []);
});

test('replication_lag: a gap seen in one sample but not a second earlier is a burst, not lag', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: master(), metrics: { replOffsetRate: 30000 } },
      { id: R3, info: infoText('replica.txt') },
    ],
    // The samples of the last two seconds: 0 B, then this cycle's 25000 B.
    history: { [`${R3} offsetGapBytes`]: perSecond([0, 0, 0, 25000]) },
  });
  assert.deepEqual(replicationLag(input), []);
});

test('replication_lag: a gap in the first second of a link is start-up, not sustained lag', () => {
  // Captured at dashboard start: the first two polls (500 ms apart) saw 2969 B then 14960 B while
  // the freshly synced replicas had not applied the first writes; the next poll saw 0 B.
  const input = buildInput({
    nodes: [
      { id: M, info: master(), metrics: { replOffsetRate: 30000 } },
      { id: R3, info: infoText('replica.txt') },
    ],
    history: {
      [`${R3} offsetGapBytes`]: [
        { t: NOW - 500, v: 2969 },
        { t: NOW, v: 25000 },
      ],
    },
  });
  assert.deepEqual(replicationLag(input), []);
});

test('replication_lag: the same gap held over the whole sustain window is lag', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: master(), metrics: { replOffsetRate: 30000 } },
      { id: R3, info: infoText('replica.txt') },
    ],
    history: {
      [`${R3} offsetGapBytes`]: [2500, 2000, 1500, 1000, 500, 0].map((ago) => ({ t: NOW - ago, v: 25000 })),
    },
  });
  assert.equal(replicationLag(input)[0]?.severity, 'critical');
});

test('replication_lag: on a master writing 20 MB/s, a steady 12 KB gap is the stream in flight, not lag', () => {
  // 12 KB is 0.6 ms of writes here; the 50 ms grace (1 MB) covers it. The same gap at 30 KB/s
  // (the test above) is 0.4 s of writes and is lag.
  const input = buildInput({
    nodes: [
      { id: M, info: editInfo(infoText('master.txt'), { master_repl_offset: String(205 + 12_000) }), metrics: { replOffsetRate: 20_000_000 } },
      { id: R3, info: infoText('replica.txt') },
    ],
    history: {
      [`${R3} offsetGapBytes`]: [2500, 2000, 1500, 1000, 500, 0].map((ago) => ({ t: NOW - ago, v: 12_000 })),
    },
  });
  assert.deepEqual(replicationLag(input), []);
  const link = input.topology.links.find((l) => l.replica === R3);
  assert.equal(link?.offsetGapBytes, 12_000, 'the gap itself is still shown as measured');
  assert.equal(link?.status, 'ok');
});

test('replication_lag: a replica at 97 % of a core is named as the likely cause, with its CPU as evidence', () => {
  const input = buildInput({
    nodes: [
      { id: M, info: master(), metrics: { replOffsetRate: 30000 } },
      { id: R3, info: infoText('replica.txt'), metrics: { cpuPct: 97 } },
    ],
    history: { [`${R3} offsetGapBytes`]: perSecond([10000, 13000, 16000, 19000, 22000, 25000]) },
  });
  const [f] = replicationLag(input);
  assert.match(f?.detail.en ?? '', /using 97% of a CPU core/);
  assert.match(f?.remedy.text ?? '', /CPU-bound/);
  assert.ok(f?.evidence.some((e) => e.type === 'metric' && e.metric === 'cpuPct' && e.value === 97));
});
