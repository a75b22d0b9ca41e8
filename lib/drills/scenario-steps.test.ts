import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bi } from '../diagnosis/rule-kit';
import { linksUp, observe, recoverByRepair, removeFault, verify } from './scenario-steps';

test('observe() waits for the finding and prefixes "Observe:" in both languages', () => {
  assert.deepEqual(
    observe({ kind: 'replication_lag' }, 15_000, bi('replication lag', '复制延迟')),
    {
      kind: 'wait',
      until: { type: 'finding', finding: { kind: 'replication_lag' } },
      timeoutMs: 15_000,
      label: bi('Observe: replication lag', '观察：复制延迟'),
    },
  );
});

test('verify() prefixes the step label, not the scorecard line', () => {
  const step = verify({ type: 'divergence_gone' }, 5_000, {
    label: bi('the replica matches', '从节点一致'),
    what: bi('The stray key is gone', '多出的 key 已消失'),
  });
  assert.ok(step.kind === 'verify');
  assert.deepEqual(step.label, bi('Verify: the replica matches', '验证：从节点一致'));
  assert.deepEqual(step.what, bi('The stray key is gone', '多出的 key 已消失'));
});

test('linksUp() waits 20 s for every link unless told otherwise', () => {
  const step = linksUp();
  assert.ok(step.kind === 'wait');
  assert.deepEqual(step.until, { type: 'links_up' });
  assert.equal(step.timeoutMs, 20_000);
  assert.equal(step.label.en, 'Wait for every link to come back');
});

test('only the recover… builders mark the repair point', () => {
  assert.equal(removeFault(bi('Let it back', '让它回来')).isRecoveryPoint, undefined);
  assert.equal(
    recoverByRepair({ type: 'adopt_password' }, bi('Fix', '修复')).isRecoveryPoint,
    true,
  );
});
