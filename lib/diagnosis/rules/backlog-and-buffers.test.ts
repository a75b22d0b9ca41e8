import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildInput,
  configOf,
  infoText,
  logLine,
  M,
  perSecond,
  R2,
  R3,
} from '../../../test/fixtures/diagnosis/build-input';
import { backlogTooSmall, recommendedBacklog } from './backlog-too-small';
import { outputBufferLimit, replicaBufferLimit } from './output-buffer-limit';

const topology = (
  history: Record<string, { t: number; v: number | null }[]> = {},
  config?: Record<string, string>,
) =>
  buildInput({
    nodes: [
      { id: M, info: infoText('master.txt'), ...(config ? { config } : {}) },
      { id: R2, info: infoText('replica-chained.txt') },
      { id: R3, info: infoText('replica.txt') },
    ],
    history,
  });

test('backlog_too_small: 40 KB/s of writes outruns a 1 MB backlog within 60 s; remedy sizes it', () => {
  const [f] = backlogTooSmall(
    topology({ [`${M} replOffsetRate`]: perSecond([30000, null, 40000, 50000]) }),
  );
  assert.equal(f?.key, `backlog_too_small:${M}`);
  assert.equal(f?.severity, 'warning');
  assert.match(f?.title.en ?? '', /covers only 26 s of outage/);
  assert.match(f?.detail.en ?? '', /39\.1 KB\/s .*average of 3 polls/);
  // 40000 B/s × 60 s × 2 = 4.58 MB → 5 MB.
  assert.deepEqual(f?.remedy, {
    text: f?.remedy.text,
    textZh: f?.remedy.textZh,
    actionId: 'config.apply',
    params: { settings: { 'repl-backlog-size': '5mb' } },
  });
  assert.match(f?.remedy.text ?? '', /5 MB .*covers it; a usual 16–64 MB/);
  assert.match(f?.remedy.text ?? '', /4 MB more memory on each of the 3 node\(s\)/);
  assert.ok(
    f?.evidence.some(
      (e) => e.type === 'field' && e.field === 'repl_backlog_size' && e.value === '1048576',
    ),
  );
});

test('backlog_too_small stays silent when the backlog covers the outage', () => {
  assert.deepEqual(
    backlogTooSmall(topology({ [`${M} replOffsetRate`]: perSecond([1000, 1200]) })),
    [],
  );
  assert.deepEqual(backlogTooSmall(topology()), []);
  assert.equal(recommendedBacklog(0, 60), 1);
  assert.equal(recommendedBacklog(1_000_000, 60), 115);
});

test('output_buffer_limit: a replica client closed for its output buffer (F3) is a warning', () => {
  const input = buildInput({
    nodes: [{ id: M, info: infoText('master.txt'), config: configOf('config-defaults.tsv') }],
    logs: [
      logLine(
        M,
        'Client id=11 addr=127.0.0.1:41794 laddr=127.0.0.1:27001 fd=9 name= age=5 idle=0 flags=S db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=100 omem=1052672 tot-mem=1070872 events=rw cmd=replconf user=default redir=-1 resp=2 scheduled to be closed ASAP for overcoming of output buffer limits.',
      ),
      // A normal client hitting its own limit is not replication's business.
      logLine(
        M,
        'Client id=12 addr=127.0.0.1:4000 flags=N cmd=get scheduled to be closed ASAP for overcoming of output buffer limits.',
      ),
    ],
  });
  const [f] = outputBufferLimit(input);
  assert.equal(f?.severity, 'warning');
  assert.equal(f?.cause, 'output_buffer_limit');
  assert.match(f?.title.en ?? '', /\(1×\)/);
  assert.match(f?.detail.en ?? '', /hard 256 MB, soft 64 MB for 60 s/);
  assert.deepEqual(f?.remedy.params, {
    settings: { 'client-output-buffer-limit': 'replica 512mb 128mb 60' },
  });
});

test('output_buffer_limit: a hard limit below the backlog is only info on Redis 7 (auto-raised)', () => {
  const config = {
    ...configOf('config-defaults.tsv'),
    'client-output-buffer-limit': 'normal 0 0 0 slave 1048576 524288 5 pubsub 33554432 8388608 60',
    'repl-backlog-size': '16777216',
  };
  const [f] = outputBufferLimit(topology({}, config));
  assert.equal(f?.severity, 'info');
  assert.match(
    f?.detail.en ?? '',
    /hard limit is 1 MB but repl-backlog-size is 16 MB.*Redis 7\.0\.15 raises/,
  );
  assert.deepEqual(replicaBufferLimit(config['client-output-buffer-limit']), {
    hard: 1048576,
    soft: 524288,
    seconds: 5,
  });
  assert.deepEqual(outputBufferLimit(topology({}, configOf('config-defaults.tsv'))), []);
});
