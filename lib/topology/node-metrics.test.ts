import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editInfo, infoText } from '../../test/fixtures/diagnosis/build-input';
import { parseInfo } from '../info/info-parser';
import { deriveNodeMetrics } from './node-metrics';

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
