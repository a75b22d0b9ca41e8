import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '@/lib/contracts';
import { groupAuditRuns } from './audit-groups';

const entry = (id: number, kind: AuditEntry['kind'], runId: string | null): AuditEntry => ({
  id,
  at: 1_000 * id,
  kind,
  actor: 'ada',
  role: 'operator',
  action: 'config.apply',
  target: '127.0.0.1:7001',
  runId,
  planId: null,
  reason: null,
  data: {},
  prevHash: '',
  hash: '',
});

test('a run that started and finished is one row with its final outcome, not two', () => {
  const groups = groupAuditRuns([entry(3, 'run.refused', null), entry(2, 'run.finished', 'r1'), entry(1, 'run.started', 'r1')]);
  assert.deepEqual(
    groups.map((g) => [g.head.id, g.earlier.map((e) => e.id)]),
    [
      [3, []],
      [2, [1]],
    ],
  );
});

test('a run still going is one row that says started; other runs keep their own rows', () => {
  const groups = groupAuditRuns([entry(4, 'run.started', 'r2'), entry(2, 'run.finished', 'r1'), entry(1, 'run.started', 'r1')]);
  assert.equal(groups.length, 2);
  assert.equal(groups[0]!.head.kind, 'run.started');
  assert.equal(groups[1]!.earlier[0]!.kind, 'run.started');
});
