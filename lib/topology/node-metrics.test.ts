import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editInfo, infoText } from '../../test/fixtures/diagnosis/build-input';
import { parseInfo } from '../info/info-parser';
import { deriveNodeMetrics, previousCounters } from './node-metrics';

// master.txt was captured with used_cpu_sys 0.016297 + used_cpu_user 0.008957 = 0.025254 s.
const before = parseInfo(infoText('master.txt'));

test('deriveNodeMetrics() turns the CPU counters into % of one core over the poll interval', () => {
  const after = parseInfo(editInfo(infoText('master.txt'), { used_cpu_sys: '0.316297', used_cpu_user: '0.408957' }));
  // 0.7 s of CPU in 1 s: 70 % of a core.
  assert.equal(deriveNodeMetrics(after, before, 1000).cpuPct, 70);
  assert.equal(deriveNodeMetrics(after, before, 2000).cpuPct, 35);
  assert.equal(deriveNodeMetrics(after, undefined, null).cpuPct, null, 'one sample is not a rate');
});

test('deriveNodeMetrics() has no CPU figure across a restart (new run_id, counters from zero)', () => {
  const restarted = parseInfo(
    editInfo(infoText('master.txt'), { run_id: 'f'.repeat(40), used_cpu_sys: '0.9', used_cpu_user: '0.9' }),
  );
  assert.equal(deriveNodeMetrics(restarted, before, 1000).cpuPct, null);
});

test('previousCounters() keeps every figure the next poll compares: same metrics as the whole reply', () => {
  const files = ['master.txt', 'replica.txt', 'master-bgsave-err.txt', 'wiped-master-before.txt', 'wiped-replica-before.txt', 'split-promoted.txt'];
  const replies = files.map((f) => parseInfo(infoText(f)));
  // Counters that moved, a restart (new run_id), a new replication id, a sync in progress.
  replies.push(
    parseInfo(editInfo(infoText('master.txt'), { used_cpu_sys: '3.5', used_cpu_user: '1.25', sync_full: '9', sync_partial_ok: '4', sync_partial_err: '2', master_repl_offset: '999999999' })),
    parseInfo(editInfo(infoText('master.txt'), { run_id: 'f'.repeat(40), used_cpu_sys: '0.9' })),
    parseInfo(editInfo(infoText('master.txt'), { master_replid: 'e'.repeat(40), master_repl_offset: '5' })),
  );
  for (const prev of replies) {
    const slim = previousCounters(prev);
    assert.equal(slim.replication.master_sync_read_bytes, prev.replication.master_sync_read_bytes);
    assert.equal(slim.replication.master_sync_in_progress, prev.replication.master_sync_in_progress);
    assert.deepEqual(slim.sections.errorstats, prev.sections.errorstats);
    for (const cur of replies) {
      for (const dt of [null, 1000, 5000]) assert.deepEqual(deriveNodeMetrics(cur, slim, dt), deriveNodeMetrics(cur, prev, dt));
    }
  }
});
